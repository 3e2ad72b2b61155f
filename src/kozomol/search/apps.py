from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "kozomol.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from kozomol.accounts.roles import Perm
        from kozomol.coding.hooks import register_document_listener
        from kozomol.core.nav import CampaignSection, register_campaign_section
        from kozomol.search.services import on_document_event

        register_document_listener(on_document_event)
        # The tab shows for coders and analysts; monitors (COLLECT) reach the page too.
        register_campaign_section(
            CampaignSection(
                key="search", label=_("Search"), url_name="search:search", perm=Perm.CODE, order=45
            )
        )
