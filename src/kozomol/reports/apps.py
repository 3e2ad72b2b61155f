from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kozomol.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from kozomol.accounts.roles import Perm
        from kozomol.core.nav import CampaignSection, register_campaign_section

        register_campaign_section(
            CampaignSection("report", _("Report"), "reports:preview", Perm.VIEW_CAMPAIGN, 70)
        )
