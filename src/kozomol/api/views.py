"""Read endpoints of the JSON API. Access goes through kozomol.accounts.access like the pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from kozomol.accounts.access import campaigns_for_user, get_campaign_for_user
from kozomol.api.registry import endpoint, error, openapi_document
from kozomol.places.models import Location

SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
}
TRANSLATED = {"type": "object", "properties": {k: {"type": "string"} for k in ("ru", "ky", "en")}}
CAMPAIGN = {
    "type": "object",
    "properties": {
        "slug": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "string", "enum": ["draft", "fieldwork", "analysis", "published"]},
        "period_start": {"type": "string", "format": "date"},
        "period_end": {"type": "string", "format": "date"},
        "countries": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["slug", "title", "status", "period_start", "period_end", "countries"],
}


def api_view(*, public: bool = False) -> Callable[[Callable[..., JsonResponse]], Callable[..., JsonResponse]]:
    """JSON errors instead of HTML pages. Authentication is the login session only, so the
    API is behind the same password, lockout and second factor as the pages."""

    def decorate(view: Callable[..., JsonResponse]) -> Callable[..., JsonResponse]:
        # GET only (other methods answer 405), so the CSRF check has nothing to protect and
        # would only turn a 405 into an HTML 403.
        @csrf_exempt
        @wraps(view)
        @require_GET
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
            if not public and not request.user.is_authenticated:
                return error(401, "authentication required")
            try:
                return view(request, *args, **kwargs)
            except Http404:
                return error(404, "not found")

        return wrapper

    return decorate


def _campaign_json(campaign: Any) -> dict[str, Any]:
    return {
        "slug": campaign.slug,
        "title": campaign.title,
        "status": campaign.status,
        "period_start": campaign.period_start.isoformat(),
        "period_end": campaign.period_end.isoformat(),
        "countries": sorted(campaign.countries.values_list("code", flat=True)),
    }


def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_document(request))


@endpoint(
    path="/campaigns/",
    django_path="campaigns/",
    name="campaign_list",
    summary="Campaigns you take part in",
    response_schema={
        "type": "object",
        "properties": {"results": {"type": "array", "items": CAMPAIGN}},
        "required": ["results"],
    },
)
@api_view()
def campaign_list(request: HttpRequest) -> JsonResponse:
    campaigns = (
        campaigns_for_user(request.user).prefetch_related("countries").order_by("-period_start", "slug")
    )
    return JsonResponse({"results": [_campaign_json(c) for c in campaigns]})


@endpoint(
    path="/campaigns/{slug}/",
    django_path="campaigns/<str:slug>/",
    name="campaign_detail",
    summary="One campaign with its target groups",
    parameters=[SLUG],
    response_schema={
        **CAMPAIGN,
        "properties": {
            **CAMPAIGN["properties"],
            "target_groups": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}, "name": TRANSLATED},
                    "required": ["code", "name"],
                },
            },
        },
    },
)
@api_view()
def campaign_detail(request: HttpRequest, slug: str) -> JsonResponse:
    campaign = get_campaign_for_user(request.user, slug)
    data = _campaign_json(campaign)
    data["target_groups"] = [
        {"code": g.code, "name": {"ru": g.name_ru, "ky": g.name_ky, "en": g.name_en}}
        for g in campaign.target_groups.all()
    ]
    return JsonResponse(data)


@endpoint(
    path="/locations/",
    django_path="locations/",
    name="location_list",
    public=True,
    summary="Reference places: countries, regions and cities",
    response_schema={
        "type": "object",
        "properties": {
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "kind": {"type": "string"},
                        "country": {"type": "string"},
                        "name": TRANSLATED,
                    },
                    "required": ["code", "kind", "country", "name"],
                },
            }
        },
        "required": ["results"],
    },
)
@api_view(public=True)
def location_list(request: HttpRequest) -> JsonResponse:
    rows = Location.objects.order_by("code").values(
        "code", "kind", "country_code", "name_ru", "name_ky", "name_en"
    )
    return JsonResponse(
        {
            "results": [
                {
                    "code": r["code"],
                    "kind": r["kind"],
                    "country": r["country_code"],
                    "name": {"ru": r["name_ru"], "ky": r["name_ky"], "en": r["name_en"]},
                }
                for r in rows
            ]
        }
    )


# Keep the function references alive for the router below.
__all__ = ["campaign_detail", "campaign_list", "location_list", "openapi"]
