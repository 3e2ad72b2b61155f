"""Documents from JSON Lines: one ``{"id", "title", "text", ...}`` object per line, all or nothing."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_record
from kozomol.campaigns.models import Campaign
from kozomol.coding import hooks
from kozomol.coding.models import Document
from kozomol.coding.services import document_update
from kozomol.coding.text import normalise_text
from kozomol.places.models import Location

LINE_JSON_ERROR = gettext_noop("line %(line)s: not a JSON object (%(error)s)")
LINE_FIELD_ERROR = gettext_noop("line %(line)s: field '%(field)s': %(message)s")
LINE_DUPLICATE_ERROR = gettext_noop("line %(line)s: id %(id)s already appears on line %(first)s")
REQUIRED = gettext_noop("required, a non-empty string")
UNKNOWN_COUNTRY = gettext_noop("unknown country code %(value)s")
UNKNOWN_CITY = gettext_noop("unknown city %(value)s")
UNKNOWN_GROUP = gettext_noop("no target group %(value)s in this campaign")
NOT_AN_OBJECT = gettext_noop("must be a JSON object")
UNKNOWN_KIND = gettext_noop("unknown kind %(value)s")
KNOWN_FIELDS = {
    "id",
    "title",
    "text",
    "country",
    "city",
    "target_group",
    "metadata",
    "gender",
    "profile",
    "kind",
}


@dataclass
class JsonlResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _field_error(line: int, name: str, message: str) -> str:
    return _(LINE_FIELD_ERROR) % {"line": line, "field": name, "message": message}


@transaction.atomic
def import_jsonl(
    *, actor: Any, campaign: Campaign, lines: Iterable[str], source_name: str = ""
) -> JsonlResult:
    """Validate every line first; write nothing unless all are good. Re-importing the same ids changes nothing."""
    result = JsonlResult()
    countries = set(Location.objects.filter(kind=Location.Kind.COUNTRY).values_list("code", flat=True))
    cities: dict[str, Location] = {}
    for city in Location.objects.filter(kind=Location.Kind.CITY):
        for key in (city.code, city.name_ru, city.name_en):
            if key:
                cities.setdefault(key.lower(), city)
    groups = {g.code: g for g in campaign.target_groups.all()}
    rows: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
            if not isinstance(obj, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            result.errors.append(_(LINE_JSON_ERROR) % {"line": number, "error": exc})
            continue
        clean: dict[str, Any] = {}
        errors_before = len(result.errors)
        for name in ("id", "title", "text"):
            value = obj.get(name)
            if isinstance(value, (int, float)) and name == "id" and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not value.strip():
                result.errors.append(_field_error(number, name, _(REQUIRED)))
            else:
                clean[name] = value
        country = obj.get("country") or ""
        if country:
            if not isinstance(country, str) or country.upper() not in countries:
                result.errors.append(_field_error(number, "country", _(UNKNOWN_COUNTRY) % {"value": country}))
            else:
                clean["country_code"] = country.upper()
        city = obj.get("city") or ""
        if city:
            location = cities.get(str(city).lower())
            if location is None:
                result.errors.append(_field_error(number, "city", _(UNKNOWN_CITY) % {"value": city}))
            else:
                clean["city"] = location
                clean.setdefault("country_code", location.country_code)
        group = obj.get("target_group") or ""
        if group:
            if group not in groups:
                result.errors.append(
                    _field_error(number, "target_group", _(UNKNOWN_GROUP) % {"value": group})
                )
            else:
                clean["target_group"] = groups[group]
        for name in ("metadata", "profile"):
            value = obj.get(name)
            if value is not None and not isinstance(value, dict):
                result.errors.append(_field_error(number, name, _(NOT_AN_OBJECT)))
            else:
                clean[name] = value or {}
        kind = obj.get("kind") or Document.Kind.IMPORTED
        if kind not in Document.Kind.values:
            result.errors.append(_field_error(number, "kind", _(UNKNOWN_KIND) % {"value": kind}))
        clean["kind"] = kind
        clean["gender"] = str(obj.get("gender") or "")[:20]
        extra = set(obj) - KNOWN_FIELDS
        if extra:
            clean["metadata"] = {**clean.get("metadata", {}), **{k: obj[k] for k in sorted(extra)}}
        if "id" in clean:
            if clean["id"] in seen:
                result.errors.append(
                    _(LINE_DUPLICATE_ERROR) % {"line": number, "id": clean["id"], "first": seen[clean["id"]]}
                )
            seen.setdefault(clean["id"], number)
        if len(result.errors) == errors_before:
            rows.append((number, clean))
    if result.errors:
        raise ValidationError(result.errors)

    existing = {
        d.external_id: d
        for d in Document.objects.filter(
            Q(campaign=campaign) & Q(external_id__in=[c["id"] for _n, c in rows])
        )
    }
    now = timezone.now()
    created: list[Document] = []
    for _number, clean in rows:
        fields = {
            "title": normalise_text(clean["title"]).strip()[:300],
            "text": normalise_text(clean["text"]),
            "kind": clean["kind"],
            "country_code": clean.get("country_code", ""),
            "city": clean.get("city"),
            "target_group": clean.get("target_group"),
            "gender": clean["gender"],
            "metadata": clean.get("metadata", {}),
            "profile": clean.get("profile", {}),
        }
        document = existing.get(clean["id"])
        if document is None:
            created.append(
                Document(
                    campaign=campaign,
                    external_id=clean["id"][:200],
                    created_by=actor if getattr(actor, "pk", None) else None,
                    created_at=now,
                    updated_at=now,
                    **fields,
                )
            )
            continue
        changes = {k: v for k, v in fields.items() if getattr(document, k) != v}
        if changes:
            document_update(actor=actor, document=document, **changes)
            result.updated += 1
        else:
            result.unchanged += 1
    Document.objects.bulk_create(created, batch_size=500)
    result.created = len(created)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        object_type="coding.document",
        object_id="",
        object_repr=(source_name or "JSON Lines")[:250],
        campaign_id=campaign.pk,
        message=f"imported documents: {result.created} new, {result.updated} updated, {result.unchanged} unchanged",
    )
    if created:
        # SQLite (3.35+) and PostgreSQL return the new primary keys from bulk_create.
        if any(d.pk is None for d in created):
            created = list(
                Document.objects.filter(campaign=campaign, external_id__in=[d.external_id for d in created])
            )
        # One batch: the search index analyses them all and writes its postings together.
        hooks.documents_changed(created)
    return result
