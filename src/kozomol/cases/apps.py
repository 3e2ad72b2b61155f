from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "kozomol.cases"
    verbose_name = _("Appeals and cases")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from kozomol.accounts.roles import Role
        from kozomol.cases.tasks import schedule_after_migrate

        # Keeps the daily retention purge queued (cases/tasks.py).
        post_migrate.connect(
            schedule_after_migrate, sender=self, weak=False, dispatch_uid="kozomol_cases_purge"
        )
        from kozomol.core.nav import SiteLink, register_site_link

        register_site_link(SiteLink("appeal", _("Ask for help"), "cases:appeal", public=True, order=10))
        register_site_link(
            SiteLink("cases", _("Cases"), "cases:queue", public=False, order=40, roles=(Role.CASEWORKER,))
        )
        # Coordinators record appeals that arrive off-line and, with administrators, erase a
        # person's data on request; caseworkers reach "New case" from the queue's tabs.
        register_site_link(
            SiteLink(
                "case_new", _("New case"), "cases:new", public=False, order=41, roles=(Role.COORDINATOR,)
            )
        )
        register_site_link(
            SiteLink(
                "case_erase",
                _("Erase a person's data"),
                "cases:erase",
                public=False,
                order=42,
                roles=(Role.ADMIN, Role.COORDINATOR),
            )
        )
