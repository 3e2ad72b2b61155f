from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AutocodingConfig(AppConfig):
    name = "kozomol.autocoding"
    verbose_name = _("Auto-coding")

    def ready(self) -> None:
        from kozomol.accounts.roles import Perm
        from kozomol.core.nav import CampaignSection, register_campaign_section

        register_campaign_section(
            CampaignSection(
                key="suggestions",
                label=_("Code suggestions"),
                url_name="autocoding:suggestions",
                perm=Perm.CODE,
                order=46,
            )
        )
