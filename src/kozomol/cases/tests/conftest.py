from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest

from kozomol.accounts.models import Membership
from kozomol.accounts.roles import Role
from kozomol.cases import services
from kozomol.cases.models import Case, IntakeRoute
from kozomol.places.models import Location
from kozomol.testing import World, make_user


@pytest.fixture(autouse=True)
def _lift_rate_limits(monkeypatch: Any) -> None:
    # Rate limits are tested on their own; elsewhere they would only get in the way.
    for name in ("KOZOMOL_APPEAL_RATE_LIMIT", "KOZOMOL_STATUS_RATE_LIMIT", "KOZOMOL_PUBLIC_RATE_LIMIT"):
        monkeypatch.setenv(name, "off")


@pytest.fixture(autouse=True)
def _fresh_near_cache() -> None:
    from kozomol.directory.selectors import clear_near_cache

    clear_near_cache()


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    # Messages are compared with the English constants.
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def reception(world: World) -> World:
    """The world with public appeals routed to world.org and a caseworker in other_org too."""
    IntakeRoute.objects.create(organisation=world.org)
    other_worker = make_user("caseworker@other.world.test")
    Membership.objects.create(user=other_worker, organisation=world.other_org, role=Role.CASEWORKER)
    world.users["other_caseworker"] = other_worker
    return world


def file_appeal(**overrides: Any) -> tuple[Case, str]:
    fields: dict[str, Any] = {
        "violation_codes": ["LABOUR.WAGES_UNPAID"],
        "country": Location.objects.get(code="KZ"),
        "city": Location.objects.get(code="KZ-almaty"),
        "amount_owed": Decimal("180000"),
        "owed_currency": "KZT",
    }
    fields.update(overrides)
    return services.appeal_submit(data=services.AppealData(**fields))


def appeal_post(**overrides: Any) -> dict[str, Any]:
    """The public form's fields as a browser would post them."""
    data: dict[str, Any] = {
        "violation_types": ["LABOUR.WAGES_UNPAID"],
        "country": "KZ",
        "city": "KZ-almaty",
        "amount_owed": "180000",
        "owed_currency": "KZT",
        "documents_taken": "no",
        "in_danger": "no",
        "gender": "man",
        "contact_method": "anonymous",
        "preferred_language": "ky",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def jpeg_with_gps() -> bytes:
    from PIL import Image

    img = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (42.0, 52.0, 30.0), 3: "E", 4: (74.0, 35.0, 10.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()
