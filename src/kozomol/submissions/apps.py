from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "kozomol.submissions"
    verbose_name = _("Submissions")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from kozomol.places.models import Location
        from kozomol.submissions.profile import reset_cache

        # The profile extractor caches place ids per process: forget them whenever
        # places change (admin edits, migrations, a flush in tests or demo --reset).
        def forget(**kwargs: object) -> None:
            reset_cache()

        post_save.connect(forget, sender=Location, weak=False, dispatch_uid="kozomol_profile_places_save")
        post_delete.connect(forget, sender=Location, weak=False, dispatch_uid="kozomol_profile_places_delete")
        post_migrate.connect(forget, weak=False, dispatch_uid="kozomol_profile_places_migrate")

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
