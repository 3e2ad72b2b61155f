from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "kozomol.analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from kozomol.accounts.roles import Perm
        from kozomol.analytics import signals
        from kozomol.core.nav import CampaignSection, register_campaign_section

        register_campaign_section(
            CampaignSection("dashboard", _("Dashboard"), "analytics:dashboard", Perm.VIEW_CAMPAIGN, order=60)
        )
        register_campaign_section(
            CampaignSection(
                "consular", _("Consular monitoring"), "analytics:consular", Perm.VIEW_CAMPAIGN, order=61
            )
        )
        signals.connect()
