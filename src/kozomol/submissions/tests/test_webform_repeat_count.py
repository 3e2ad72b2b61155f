"""XLSForm's repeat_count: the form, not the monitor, decides how many items a repeat has."""

from __future__ import annotations

from django.utils import translation

from kozomol.questionnaires.xlsform import convert_xlsform
from kozomol.submissions.webform import build_tree, check, to_data
from kozomol.submissions.xformlogic import parse_calculations

COUNT_MD = """
| survey |  |  |  |  |  |
|  | type | name | label | repeat_count | required |
|  | integer | n | How many children are with you? |  |  |
|  | begin repeat | child | Child | ${n} |  |
|  | integer | age | Age |  | yes |
|  | end repeat |  |  |  |  |
|  | begin repeat | visit | Visit | 2 |  |
|  | text | place | Place |  |  |
|  | end repeat |  |  |  |  |
|  | begin repeat | other | Other work |  |  |
|  | text | job | Job |  |  |
|  | end repeat |  |  |  |  |
"""


def _form():
    conversion = convert_xlsform(COUNT_MD.encode(), "repeat_count_test.md")
    return conversion.schema, parse_calculations(conversion.xform, conversion.schema)


def _repeats(nodes):
    return {node.key: node for node in nodes if node.kind == "repeat"}


def test_repeat_count_is_read_from_the_xlsform() -> None:
    schema, _calculations = _form()
    counts = {g.path: g.count for g in schema.groups if g.repeat}
    assert counts["child"] == "${n}"
    assert counts["visit"].startswith("${")  # pyxform names a constant count as a calculate
    assert counts["other"] == ""


def test_the_number_of_items_follows_the_answer_it_names_and_ignores_the_posted_count() -> None:
    schema, calculations = _form()
    values = {"n": "3", "count:child": "1", "count:other": "1"}

    repeats = _repeats(build_tree(schema, values, language="default", calculations=calculations))

    assert repeats["child"].count == 3 and repeats["child"].count_fixed
    assert repeats["visit"].count == 2 and repeats["visit"].count_fixed
    assert repeats["other"].count == 1 and not repeats["other"].count_fixed  # the monitor's own


def test_every_counted_item_is_checked_and_stored() -> None:
    schema, calculations = _form()
    values = {"n": "2", "child[0]/age": "4", "visit[0]/place": "Москва"}

    with translation.override("en"):
        errors = check(schema, values, language="default", files={}, calculations=calculations)
    values["child[1]/age"] = "9"
    data = to_data(schema, values, language="default", files={}, calculations=calculations)

    assert errors == {"child[1]/age": "This answer is required."}
    assert data["child"] == [{"child/age": "4"}, {"child/age": "9"}]
    assert data["visit"] == [{"visit/place": "Москва"}, {}]
