from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodingConfig(AppConfig):
    name = "kozomol.coding"
    verbose_name = _("Qualitative analysis")

    def ready(self) -> None:
        from kozomol.accounts.roles import Perm
        from kozomol.core.nav import CampaignSection, register_campaign_section

        # Documents hold interview text: the tab shows to those who code (monitors reach it by link).
        register_campaign_section(
            CampaignSection("coding_documents", _("Documents"), "coding:documents", Perm.CODE, 40)
        )
        register_campaign_section(
            CampaignSection("codebook", _("Codebook"), "coding:codebook", Perm.VIEW_CAMPAIGN, 45)
        )
        register_campaign_section(
            CampaignSection("coding_analysis", _("Analysis"), "coding:analysis", Perm.ANALYSE, 50)
        )
