from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "kozomol.submissions"
    verbose_name = _("Submissions")

    def ready(self) -> None:
        from kozomol.accounts.roles import Perm
        from kozomol.core.nav import CampaignSection, register_campaign_section

        register_campaign_section(
            CampaignSection("collect", _("Collect"), "submissions:collect", Perm.COLLECT, 25)
        )
        register_campaign_section(
            CampaignSection(
                "submissions", _("Submissions"), "submissions:review_list", Perm.REVIEW_SUBMISSIONS, 30
            )
        )
        register_campaign_section(
            CampaignSection(
                "import", _("Import earlier data"), "submissions:import_upload", Perm.REVIEW_SUBMISSIONS, 31
            )
        )
        register_campaign_section(
            CampaignSection("export", _("Export data"), "submissions:export_start", Perm.EXPORT_DATA, 32)
        )
