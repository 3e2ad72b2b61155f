from __future__ import annotations

import pytest
from django.test import Client

from kozomol.cases.models import CaseAction
from kozomol.cases.tests.conftest import file_appeal
from kozomol.testing import World

pytestmark = pytest.mark.django_db


def test_code_and_secret_show_the_status(reception: World) -> None:
    case, secret = file_appeal()
    client = Client()
    response = client.post(
        "/appeal/status/", {"reference": case.reference.lower(), "secret": secret}, follow=True
    )
    assert response.context["case"] == case
    assert "Received" in response.content.decode()


def test_a_wrong_secret_and_an_unknown_code_answer_the_same(reception: World) -> None:
    case, secret = file_appeal()
    other, _other_secret = file_appeal()
    wrong_secret = Client().post(
        "/appeal/status/", {"reference": case.reference, "secret": "AAAA-BBBB-CCCC-DDDD"}
    )
    unknown_code = Client().post(
        "/appeal/status/", {"reference": "KZ-ZZZZ-ZZZZ", "secret": "AAAA-BBBB-CCCC-DDDD"}
    )
    # Another appeal's secret does not open this one either.
    crossed = Client().post("/appeal/status/", {"reference": case.reference, "secret": _other_secret})
    for response in (wrong_secret, unknown_code, crossed):
        assert response.status_code == 200
        assert response.context["case"] is None and response.context["failed"]
    strip = lambda r: r.content.decode().replace(case.reference, "").replace("KZ-ZZZZ-ZZZZ", "")  # noqa: E731
    import re

    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", strip(wrong_secret)) == token.sub("", strip(unknown_code))
    assert other.reference not in wrong_secret.content.decode()


def test_migrant_adds_information_later(reception: World) -> None:
    case, secret = file_appeal()
    client = Client()
    client.post("/appeal/status/", {"reference": case.reference, "secret": secret})
    response = client.post(
        "/appeal/status/add/", {"text": "Работодатель обещал заплатить в пятницу"}, follow=True
    )
    assert response.status_code == 200
    action = CaseAction.objects.get(case=case, kind=CaseAction.Kind.MIGRANT)
    assert "пятницу" not in action.note_enc
    # Leaving forgets the appeal on this phone.
    client.post("/appeal/status/leave/")
    assert client.get("/appeal/status/").context["case"] is None


def test_adding_information_needs_the_secret_first(reception: World) -> None:
    case, _secret = file_appeal()
    response = Client().post("/appeal/status/add/", {"text": "x"})
    assert response.status_code == 302
    assert not CaseAction.objects.filter(kind=CaseAction.Kind.MIGRANT).exists()


def test_unknown_code_still_does_the_hash_work(reception: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from kozomol.cases import services

    calls: list[str] = []
    real = services._hasher

    class Counting:
        def verify(self, stored: str, secret: str) -> bool:
            calls.append(stored)
            return real.verify(stored, secret)

    case, _secret = file_appeal()
    monkeypatch.setattr(services, "_hasher", Counting())
    assert services.appeal_authenticate(reference="KZ-ZZZZ-ZZZZ", secret="AAAA") is None
    assert services.appeal_authenticate(reference=case.reference, secret="AAAA") is None
    assert len(calls) == 2 and calls[0] != calls[1]
