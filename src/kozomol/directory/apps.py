from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "kozomol.directory"
    verbose_name = _("Help directory")

    def ready(self) -> None:
        from kozomol.core.nav import SiteLink, register_site_link

        register_site_link(SiteLink("find_help", _("Find help"), "directory:search", public=True, order=11))
