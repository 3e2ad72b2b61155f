from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingsConfig(AppConfig):
    name = "kozomol.findings"
    verbose_name = _("Findings and recommendations")

    def ready(self) -> None:
        from kozomol.accounts.roles import Perm
        from kozomol.core.nav import CampaignSection, register_campaign_section

        register_campaign_section(
            CampaignSection("findings", _("Findings"), "findings:list", Perm.VIEW_CAMPAIGN, 60)
        )
        register_campaign_section(
            CampaignSection(
                "recommendations", _("Recommendations"), "findings:recommendations", Perm.VIEW_CAMPAIGN, 61
            )
        )
