from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "kozomol.cases"
    verbose_name = _("Appeals and cases")

    def ready(self) -> None:
        from kozomol.accounts.roles import Role
        from kozomol.core.nav import SiteLink, register_site_link

        register_site_link(SiteLink("appeal", _("Ask for help"), "cases:appeal", public=True, order=10))
        register_site_link(
            SiteLink("cases", _("Cases"), "cases:queue", public=False, order=40, roles=(Role.CASEWORKER,))
        )
