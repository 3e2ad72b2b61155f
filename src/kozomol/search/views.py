from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kozomol.accounts.access import campaign_perms, get_campaign_for_user
from kozomol.accounts.roles import Perm
from kozomol.coding.models import Document
from kozomol.search.forms import SearchForm
from kozomol.search.query import QueryError
from kozomol.search.selectors import highlight, search_documents

# Who may search a campaign's documents: the people who work with them.
SEARCH_PERMS = frozenset({Perm.CODE, Perm.ANALYSE, Perm.COLLECT})
PAGE_SIZE = 20


def get_searchable_campaign(user: object, slug: str) -> object:
    campaign = get_campaign_for_user(user, slug)
    if not SEARCH_PERMS & campaign_perms(user, campaign):
        raise PermissionDenied
    return campaign


def _document_url(campaign_slug: str, document_id: int) -> str:
    try:
        return reverse("coding:document", kwargs={"slug": campaign_slug, "document_id": document_id})
    except NoReverseMatch:
        return ""


@login_required
def search_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_searchable_campaign(request.user, slug)
    form = SearchForm(request.GET or None)
    results = []
    total = 0
    page = None
    error = ""
    if form.is_valid() and form.cleaned_data["q"]:
        number = form.cleaned_data.get("page") or 1
        try:
            found = search_documents(
                campaign=campaign,
                query=form.cleaned_data["q"],
                limit=PAGE_SIZE,
                offset=(number - 1) * PAGE_SIZE,
            )
        except QueryError as exc:
            error = _(str(exc))
        else:
            total = found.total
            page = Paginator(range(total), PAGE_SIZE).get_page(number)
            documents = Document.objects.in_bulk([hit.document_id for hit in found.hits])
            for hit in found.hits:
                document = documents.get(hit.document_id)
                if document is None:
                    continue
                snippet, matches = highlight(document.text, found.lemmas)
                title, _matches = highlight(document.title, found.lemmas, words=40)
                results.append(
                    {
                        "document": document,
                        "title": title,
                        "snippet": snippet,
                        "matches": matches,
                        "score": hit.score,
                        "url": _document_url(campaign.slug, document.pk),
                    }
                )
    return render(
        request,
        "search/search.html",
        {
            "campaign": campaign,
            "form": form,
            "results": results,
            "total": total,
            "page": page,
            "error": error,
        },
    )
