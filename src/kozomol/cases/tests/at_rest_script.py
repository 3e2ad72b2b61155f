"""Run in a subprocess by test_personal_data_at_rest: ``python at_rest_script.py write|read``.

Uses whatever database KOZOMOL_DATA_DIR / KOZOMOL_DATABASE_URL point at.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozomol.settings")
os.environ["KOZOMOL_APPEAL_RATE_LIMIT"] = "off"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

PEOPLE = [
    {
        "full_name": "Асанбек Тологонов",
        "phone": "+996 555 41 27 93",
        "passport_number": "AN4127930",
        "address": "Алматы, улица Зелёная 17",
        "contact_details": "@asanbek_tg",
    },
    {
        "full_name": "Gulzada Mamytova",
        "phone": "+7 916 553 88 21",
        "passport_number": "ID7788665",
        "address": "Moscow, Lenina 5-12",
        "contact_details": "gulzada.m@mail.example",
    },
]


def write() -> None:
    from kozomol.accounts.models import Membership, Organisation
    from kozomol.cases.models import Case, IntakeRoute
    from kozomol.places.models import Location
    from kozomol.testing import make_user

    org = Organisation.objects.create(name_ru="Приёмная", kind="ngo", country=Location.objects.get(code="KG"))
    IntakeRoute.objects.create(organisation=org)
    worker = make_user("worker@at-rest.test")
    Membership.objects.create(user=worker, organisation=org, role="caseworker")
    client = Client(HTTP_HOST="localhost")
    for person in PEOPLE:
        data = {
            "violation_types": ["LABOUR.WAGES_UNPAID"],
            "country": "KZ",
            "city": "KZ-almaty",
            "documents_taken": "no",
            "in_danger": "no",
            "gender": "woman",
            "contact_method": "whatsapp",
            "preferred_language": "ky",
            "consent": "on",
            "story": f"Меня зовут {person['full_name']}",
            **person,
        }
        response = client.post("/appeal/", data)
        assert response.status_code == 200, response.status_code
    assert Case.objects.count() == len(PEOPLE)
    print(json.dumps({"cases": Case.objects.count()}))


def read() -> None:
    from kozomol.accounts.models import User
    from kozomol.cases import services
    from kozomol.cases.models import Case
    from kozomol.cases.sealing import key_ring

    worker = User.objects.get(email="worker@at-rest.test")
    out = []
    for case in Case.objects.order_by("pk"):
        data = services.case_reveal(case=case, actor=worker)
        out.append(
            {
                "full_name": data.full_name,
                "phone": data.phone,
                "passport_number": data.passport_number,
                "address": data.address,
                "contact_details": data.contact_details,
                "key": key_ring().key_id_of(case.full_name_enc),
            }
        )
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    {"write": write, "read": read}[sys.argv[1]]()
