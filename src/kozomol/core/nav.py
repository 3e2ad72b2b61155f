"""Navigation that apps contribute to, so no app edits another app's templates.

Each app registers its sections in its ``AppConfig.ready()``; the campaign page
and the header list the ones the current user may use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from kozomol.accounts.roles import Perm


@dataclass(frozen=True)
class CampaignSection:
    key: str
    label: str | Promise
    url_name: str  # reversed with kwargs={"slug": campaign.slug}
    perm: Perm = Perm.VIEW_CAMPAIGN
    order: int = 100


@dataclass(frozen=True)
class SiteLink:
    key: str
    label: str | Promise
    url_name: str
    public: bool = True  # shown to visitors who are not logged in
    order: int = 100
    roles: tuple[str, ...] = ()  # when set, shown only to holders of one of these roles


_campaign_sections: dict[str, CampaignSection] = {}
_site_links: dict[str, SiteLink] = {}


def register_campaign_section(section: CampaignSection) -> None:
    _campaign_sections[section.key] = section


def register_site_link(link: SiteLink) -> None:
    _site_links[link.key] = link


def campaign_sections_for(user: Any, campaign: Any) -> list[dict[str, Any]]:
    from kozomol.accounts.access import campaign_perms

    perms = campaign_perms(user, campaign)
    entries = []
    for section in sorted(_campaign_sections.values(), key=lambda s: (s.order, s.key)):
        if section.perm not in perms:
            continue
        try:
            url = reverse(section.url_name, kwargs={"slug": campaign.slug})
        except NoReverseMatch:
            continue
        entries.append({"key": section.key, "label": section.label, "url": url})
    return entries


def site_links_for(user: Any) -> list[dict[str, Any]]:
    entries = []
    for link in sorted(_site_links.values(), key=lambda s: (s.order, s.key)):
        if not link.public and not user.is_authenticated:
            continue
        if link.roles:
            from kozomol.accounts.access import has_any_role

            if not has_any_role(user, *link.roles):
                continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        entries.append({"key": link.key, "label": link.label, "url": url})
    return entries
