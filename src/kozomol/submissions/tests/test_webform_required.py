"""XLSForm's required column holding an expression: required only when it holds, with its message."""

from __future__ import annotations

from django.utils import translation

from kozomol.questionnaires.xlsform import convert_xlsform
from kozomol.submissions.webform import check

REQUIRED_MD = """
| survey |  |  |  |  |  |
|  | type | name | label | required | required_message |
|  | select_one yn | employed | Do you work? | yes |  |
|  | text | employer | Employer | ${employed} = 'yes' | Name the employer |
|  | integer | months | Months unpaid | ${employed} = 'yes' and ${employer} != '' |  |
|  | text | remark | Remark | no |  |
|  | begin repeat | child | Children |  |  |
|  | integer | age | Age |  |  |
|  | text | school | School | ${age} >= 7 |  |
|  | end repeat |  |  |  |  |
| choices |  |  |  |  |  |
|  | list_name | name | label |  |  |
|  | yn | yes | Yes |  |  |
|  | yn | no | No |  |  |
"""


def _schema():
    return convert_xlsform(REQUIRED_MD.encode(), "required_test.md").schema


def test_the_required_column_is_read_as_yes_no_or_an_expression() -> None:
    questions = {q.name: q for q in _schema().questions}
    assert questions["employed"].required and not questions["employed"].required_if
    assert not questions["employer"].required
    assert questions["employer"].required_if == "${employed} = 'yes'"
    assert questions["employer"].required_message == {"default": "Name the employer"}
    assert not questions["remark"].required and not questions["remark"].required_if


def test_an_answer_is_required_only_while_its_expression_holds() -> None:
    schema = _schema()

    not_working = check(schema, {"employed": "no"}, language="default", files={})
    working = check(schema, {"employed": "yes"}, language="default", files={})
    named = check(schema, {"employed": "yes", "employer": "ООО Стройка"}, language="default", files={})

    assert not_working == {}
    assert working == {"employer": "Name the employer"}  # months needs an employer too
    assert set(named) == {"months"}


def test_inside_a_repeat_each_item_is_judged_on_its_own_answers() -> None:
    schema = _schema()
    values = {"employed": "no", "count:child": "2", "child[0]/age": "5", "child[1]/age": "9"}

    with translation.override("en"):
        errors = check(schema, values, language="default", files={})

    assert errors == {"child[1]/school": "This answer is required."}
