"""XLSForm calculate in the web form: read from the XForm's binds, computed in form order, stored on submit;
labels that name answers or calculations show their values."""

from __future__ import annotations

import pytest

from kozomol.questionnaires.expressions import Unsupported
from kozomol.questionnaires.xlsform import convert_xlsform
from kozomol.submissions.models import Draft, Submission
from kozomol.submissions.webform import build_tree, check, to_data
from kozomol.submissions.xformlogic import parse_calculations, translate

# The consular template's calculation (share of women lawyers), one that reads another
# calculation, and two inside a repeat: one of the item's own answer, one of an answer outside.
CALC_MD = """
| survey |  |  |  |  |  |
|  | type | name | label | calculation | relevant | constraint |
|  | integer | total | Lawyers |  |  |  |
|  | integer | women | Women among them |  |  | . <= ${total} |
|  | calculate | share |  | if(${total} > 0, ${women} div ${total}, '') |  |  |
|  | calculate | share_pct |  | ${share} * 100 |  |  |
|  | note | mostly_women | Mostly women: ${share_pct} % of ${total} |  | ${share} > 0.5 |  |
|  | integer | seen | Seen |  |  | . <= ${share_pct} |
|  | begin repeat | visit | Visit |  |  |  |
|  | integer | hours | Hours |  |  |  |
|  | calculate | minutes |  | ${hours} * 60 |  |  |
|  | calculate | over_total |  | ${hours} + ${total} |  |  |
|  | end repeat |  |  |  |  |  |
"""


@pytest.fixture(scope="module")
def converted():
    conversion = convert_xlsform(CALC_MD.encode(), "calc_test.md")
    return conversion.schema, parse_calculations(conversion.xform, conversion.schema)


def test_calculations_are_read_from_the_binds_with_paths_inside_repeats(converted) -> None:
    _schema, calculations = converted
    assert calculations == {
        "share": "if ( ${total} > 0 , ${women} div ${total} , '' )",
        "share_pct": "${share} * 100",
        "visit/minutes": "${hours} * 60",
        "visit/over_total": "${hours} + ${total}",
    }


def test_a_bind_expression_with_a_bare_name_is_refused(converted) -> None:
    schema, _ = converted
    with pytest.raises(Unsupported):
        translate("total + 1", question_path="share", root="data", schema=schema, columns=False)


def test_calculations_feed_relevance_and_each_other_and_are_stored(converted) -> None:
    schema, calculations = converted
    values = {"total": "4", "women": "3", "count:visit": "2", "visit[0]/hours": "2", "visit[1]/hours": "1.5"}
    tree = build_tree(schema, values, language="default", calculations=calculations)
    by_key = {node.key: node for node in tree}
    assert by_key["share"].value == "0.75" and by_key["share_pct"].value == "75"
    assert by_key["mostly_women"].relevant is True
    assert "share" not in values  # the caller's answers are not changed

    data = to_data(schema, values, language="default", files={}, calculations=calculations)
    assert data["share"] == "0.75" and data["share_pct"] == "75"
    assert data["visit"] == [
        {"visit/hours": "2", "visit/minutes": "120", "visit/over_total": "6"},
        {"visit/hours": "1.5", "visit/minutes": "90", "visit/over_total": "5.5"},
    ]


def test_an_empty_calculation_is_left_out_and_hides_what_depends_on_it(converted) -> None:
    schema, calculations = converted
    values = {"total": "0", "women": "0"}
    tree = build_tree(schema, values, language="default", calculations=calculations)
    assert next(n for n in tree if n.key == "mostly_women").relevant is False
    data = to_data(schema, values, language="default", files={}, calculations=calculations)
    assert "share" not in data


def test_a_constraint_may_name_a_calculation(converted) -> None:
    schema, calculations = converted
    values = {"total": "4", "women": "1", "seen": "30"}  # share_pct = 25
    errors = check(schema, values, language="default", files={}, calculations=calculations)
    assert set(errors) == {"seen"}
    values["seen"] = "20"
    assert check(schema, values, language="default", files={}, calculations=calculations) == {}


@pytest.mark.django_db
def test_a_web_interview_stores_its_calculations(client, web_draft) -> None:
    url = web_draft(CALC_MD, "calc_test.md")
    page = client.get(url).content.decode()
    assert 'data-calculate="if ( ${total} &gt; 0' in page  # for the page's script
    assert 'data-label-template="Mostly women: ${share_pct} % of ${total}"' in page
    response = client.post(url, {"v:total": "5", "v:women": "2", "v:seen": "10", "action": "submit"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Draft.objects.exists()
    data = Submission.objects.get().data
    assert (data["share"], data["share_pct"]) == ("0.4", "40")


def test_a_label_shows_the_answers_and_calculations_it_names(converted) -> None:
    schema, calculations = converted
    tree = build_tree(schema, {"total": "4", "women": "3"}, language="default", calculations=calculations)
    note = next(n for n in tree if n.key == "mostly_women")
    assert note.label == "Mostly women: 75 % of 4"
    assert note.label_template == "Mostly women: ${share_pct} % of ${total}"  # for the page's script
    plain = next(n for n in tree if n.key == "total")
    assert (plain.label, plain.label_template) == ("Lawyers", "")
