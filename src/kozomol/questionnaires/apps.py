from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "kozomol.questionnaires"
    verbose_name = _("Questionnaires")

    def ready(self) -> None:
        from kozomol.accounts.roles import Perm
        from kozomol.core.nav import CampaignSection, register_campaign_section

        register_campaign_section(
            CampaignSection(
                "questionnaires", _("Questionnaires"), "questionnaires:list", Perm.VIEW_CAMPAIGN, 20
            )
        )
