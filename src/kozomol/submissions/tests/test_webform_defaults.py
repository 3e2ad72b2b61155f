"""XLSForm default answers: a new web draft starts with them, as ODK Collect's blank form does."""

from __future__ import annotations

import pytest

from kozomol.questionnaires.xlsform import convert_xlsform
from kozomol.submissions.models import Draft
from kozomol.submissions.webform import resize_repeat
from kozomol.submissions.xformlogic import parse_defaults

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
def test_a_new_draft_starts_with_the_default_answers(client, web_draft) -> None:
    url = web_draft(DEFAULTS_MD, "defaults_test.md")
    assert Draft.objects.get().data["age"] == "30"
    page = client.get(url).content.decode()
    assert 'name="v:country" value="KZ" checked' in page
    assert 'name="v:age" value="30"' in page
    assert 'name="v:visited" value="RU" checked' in page and 'name="v:visited" value="KZ" checked' in page
    assert "hello world</textarea>" in page


def test_defaults_inside_repeats_are_read_from_the_repeat_template() -> None:
    conversion = convert_xlsform(DEFAULTS_MD.encode(), "defaults_test.md")
    assert parse_defaults(conversion.xform, conversion.schema, in_repeats=True) == {"r/x": "in a repeat"}


def test_each_added_repeat_item_starts_with_its_defaults_and_a_forged_action_changes_nothing() -> None:
    conversion = convert_xlsform(DEFAULTS_MD.encode(), "defaults_test.md")
    defaults = parse_defaults(conversion.xform, conversion.schema, in_repeats=True)
    values: dict = {"r[0]/x": "changed by the monitor", "count:r": "1"}

    resize_repeat(conversion.schema, values, "add:count:r", defaults)
    resize_repeat(conversion.schema, values, "add:age", defaults)  # not a repeat's count

    assert values == {"r[0]/x": "changed by the monitor", "count:r": "2", "r[1]/x": "in a repeat"}


@pytest.mark.django_db
def test_adding_an_item_on_the_draft_page_fills_its_defaults(client, web_draft) -> None:
    url = web_draft(DEFAULTS_MD, "defaults_test.md")

    client.post(url, {"action": "add:count:r", "count:r": "0", "v:age": "30"})

    draft = Draft.objects.get()
    assert draft.data["count:r"] == "1" and draft.data["r[0]/x"] == "in a repeat"
    assert "in a repeat</textarea>" in client.get(url).content.decode()
