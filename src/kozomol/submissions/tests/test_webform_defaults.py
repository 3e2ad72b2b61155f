"""XLSForm default answers: a new web draft starts with them, as ODK Collect's blank form does."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.questionnaires.xlsform import convert_xlsform
from kozomol.submissions.models import Draft
from kozomol.submissions.xformlogic import parse_defaults
from kozomol.testing import PASSWORD

DEFAULTS_MD = """
| survey |  |  |  |  |
|  | type | name | label | default |
|  | select_one country | country | Country | KZ |
|  | integer | age | Age | 30 |
|  | select_multiple country | visited | Visited | RU KZ |
|  | text | no_default | Nothing |  |
|  | begin group | g | Group |  |
|  | text | remark | Remark | hello world |
|  | end group |  |  |  |
|  | begin repeat | r | Repeat |  |
|  | text | x | X | in a repeat |
|  | end repeat |  |  |  |
| choices |  |  |  |  |
|  | list_name | name | label |  |
|  | country | RU | Russia |  |
|  | country | KZ | Kazakhstan |  |
"""


def test_defaults_are_read_from_the_primary_instance_outside_repeats() -> None:
    conversion = convert_xlsform(DEFAULTS_MD.encode(), "defaults_test.md")
    assert parse_defaults(conversion.xform, conversion.schema) == {
        "country": "KZ",
        "age": "30",
        "visited": ["RU", "KZ"],
        "g/remark": "hello world",
    }


@pytest.mark.django_db
def test_a_new_draft_starts_with_the_default_answers(client, world) -> None:
    from kozomol.questionnaires.services import form_import

    version = form_import(
        campaign=world.campaign,
        content=DEFAULTS_MD.encode(),
        filename="defaults_test.md",
        actor=world.users["coordinator"],
    )
    client.login(username=world.users["monitor"].email, password=PASSWORD)
    url = client.post(
        reverse("submissions:draft_start", kwargs={"slug": world.campaign.slug, "form_pk": version.form_id})
    )["Location"]
    assert Draft.objects.get().data["age"] == "30"
    page = client.get(url).content.decode()
    assert 'name="v:country" value="KZ" checked' in page
    assert 'name="v:age" value="30"' in page
    assert 'name="v:visited" value="RU" checked' in page and 'name="v:visited" value="KZ" checked' in page
    assert "hello world</textarea>" in page
