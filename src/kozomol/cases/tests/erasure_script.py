"""Run in a subprocess by test_erasure_at_rest: ``python erasure_script.py write|close|tokens|stats``.

Uses whatever database KOZOMOL_DATA_DIR / KOZOMOL_DATABASE_URL point at.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozomol.settings")
os.environ["KOZOMOL_APPEAL_RATE_LIMIT"] = "off"

import django  # noqa: E402

django.setup()

from kozomol.cases.tests.at_rest_script import PEOPLE  # noqa: E402


def write() -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from PIL import Image

    from kozomol.accounts.models import Membership, Organisation
    from kozomol.cases.models import IntakeRoute
    from kozomol.places.models import Location
    from kozomol.testing import make_user

    org = Organisation.objects.create(name_ru="Приёмная", kind="ngo", country=Location.objects.get(code="KG"))
    IntakeRoute.objects.create(organisation=org)
    worker = make_user("worker@erasure.test")
    Membership.objects.create(user=worker, organisation=org, role="caseworker")
    client = Client(HTTP_HOST="localhost")
    for person in PEOPLE:
        image = io.BytesIO()
        Image.new("RGB", (40, 30), (10, 120, 200)).save(image, format="PNG")
        data = {
            "violation_types": ["LABOUR.WAGES_UNPAID", "LABOUR.DOCUMENTS_CONFISCATED"],
            "country": "KZ",
            "city": "KZ-almaty",
            "documents_taken": "yes",
            "in_danger": "no",
            "gender": "woman",
            "contact_method": "whatsapp",
            "preferred_language": "ky",
            "consent": "on",
            "story": f"Меня зовут {person['full_name']}",
            "employer": "ТОО Стройка",
            "documents": SimpleUploadedFile("scan.png", image.getvalue(), content_type="image/png"),
            **person,
        }
        response = client.post("/appeal/", data)
        assert response.status_code == 200 and b'data-testid="reference"' in response.content
    print(json.dumps({"written": len(PEOPLE)}))


def close() -> None:
    """Close every case with a note naming the person, the second one long enough ago to be purged."""
    from django.utils import timezone

    from kozomol.accounts.models import User
    from kozomol.cases import services
    from kozomol.cases.models import Case

    worker = User.objects.get(email="worker@erasure.test")
    for case, person in zip(Case.objects.order_by("pk"), PEOPLE, strict=True):
        services.case_action_add(case=case, actor=worker, note=f"Позвонили {person['full_name']}")
        services.case_close(case=case, actor=worker, outcome="wages_recovered", amount=5000, currency="KZT")
    last = Case.objects.order_by("pk").last()
    assert last is not None
    Case.objects.filter(pk=last.pk).update(closed_at=timezone.now() - dt.timedelta(days=4 * 365))
    print(json.dumps({"closed": Case.objects.count()}))


def tokens() -> None:
    """Every stored form of the people's data: ciphertexts, blind indexes, attachment file names."""
    from kozomol.cases.models import Attachment, Case, CaseAction
    from kozomol.cases.retention import ERASED_FIELDS

    found: list[str] = []
    for row in Case.objects.order_by("pk").values(*ERASED_FIELDS):
        found += [value for value in row.values() if value]
    found += [n for n in CaseAction.objects.values_list("note_enc", flat=True) if n]
    files = list(Attachment.objects.values_list("name", flat=True))
    print(json.dumps({"tokens": found, "files": files}))


def stats() -> None:
    from kozomol.cases.selectors import appeal_statistics

    print(json.dumps(appeal_statistics(public=False), default=str, sort_keys=True))


if __name__ == "__main__":
    {"write": write, "close": close, "tokens": tokens, "stats": stats}[sys.argv[1]]()
