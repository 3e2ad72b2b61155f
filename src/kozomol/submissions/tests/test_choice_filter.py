"""choice_filter (cascading selects): read from the XForm, evaluated per choice, applied by the web form without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.questionnaires.expressions import Unsupported
from kozomol.questionnaires.schema import FormSchema, Question
from kozomol.questionnaires.xlsform import convert_xlsform
from kozomol.submissions.models import Draft, Submission
from kozomol.submissions.tests.collect_fixtures import CASCADE_MD, cascade_form
from kozomol.submissions.webform import ERR_CHOICE, build_tree
from kozomol.submissions.xformlogic import ChoiceFilter, parse_choice_filters, translate
from kozomol.testing import PASSWORD

SCHEMA = FormSchema(
    form_id="f",
    title="f",
    version="1",
    questions=[
        Question(name="country", path="profile/country", type="select_one", list_name="country"),
        Question(name="city", path="profile/city", type="select_one", list_name="city"),
        Question(name="trip_country", path="trip/trip_country", type="select_one", list_name="country"),
        Question(name="trip_cities", path="trip/trip_cities", type="select_multiple", list_name="city"),
    ],
)

CITIES = {
    "moscow": {"name": "moscow", "country": "RU"},
    "almaty": {"name": "almaty", "country": "KZ"},
    "other": {"name": "other"},
}


def _allowed(expression: str, answers: dict[str, str]) -> list[str]:
    choice_filter = ChoiceFilter(expression=expression, columns=CITIES)
    return [name for name in CITIES if choice_filter.allows(name, answers.get)]


class TestTranslate:
    def test_an_absolute_path_becomes_the_question_and_bare_names_the_choice_columns(self) -> None:
        expression = translate(
            "country_code =  /data/profile/country  or name = 'other'",
            question_path="profile/city",
            root="data",
            schema=SCHEMA,
        )
        assert expression == "${@country_code} = ${country} or ${@name} = 'other'"

    def test_a_path_relative_to_the_question_resolves_inside_its_repeat(self) -> None:
        expression = translate(
            "country= current()/../trip_country ",
            question_path="trip/trip_cities",
            root="data",
            schema=SCHEMA,
        )
        assert expression == "${@country} = ${trip_country}"

    def test_words_inside_strings_and_function_names_are_kept(self) -> None:
        expression = translate(
            "selected( /data/profile/country , country) and name != 'name or country'",
            question_path="profile/city",
            root="data",
            schema=SCHEMA,
        )
        assert expression == "selected ( ${country} , ${@country} ) and ${@name} != 'name or country'"

    @pytest.mark.parametrize(
        "predicate",
        [
            "position() > 1",  # a function outside the grammar
            "country = /data/unknown",  # no such question
            "country = /other_root/profile/country",
            "jr:choice-name(name, ' /data/profile/country ') = 'x'",
            "country = current()/../../../../too_far",
        ],
    )
    def test_a_predicate_outside_the_grammar_is_refused(self, predicate: str) -> None:
        with pytest.raises(Unsupported):
            translate(predicate, question_path="profile/city", root="data", schema=SCHEMA)


class TestEvaluation:
    def test_the_city_follows_the_country_and_other_always_stays(self) -> None:
        expression = "${@country} = ${country} or ${@name} = 'other'"
        assert _allowed(expression, {"country": "RU"}) == ["moscow", "other"]
        assert _allowed(expression, {"country": "KZ"}) == ["almaty", "other"]
        assert _allowed(expression, {"country": ""}) == ["other"]

    def test_a_missing_column_compares_as_empty(self) -> None:
        assert _allowed("${@country} != 'RU'", {}) == ["almaty", "other"]

    def test_selected_filters_by_a_select_multiple_answer(self) -> None:
        assert _allowed("selected(${countries}, ${@country})", {"countries": "RU KZ"}) == ["moscow", "almaty"]

    def test_an_expression_it_cannot_evaluate_keeps_every_choice(self) -> None:
        assert _allowed("position() > 1", {}) == ["moscow", "almaty", "other"]


def test_the_filters_of_a_converted_xlsform_are_read_from_its_xform() -> None:
    conversion = convert_xlsform(CASCADE_MD.encode(), "cascade_test.md")
    filters = parse_choice_filters(conversion.xform, conversion.schema)
    assert set(filters) == {"city", "trip/trip_cities"}
    city = filters["city"]
    assert city.expression == "${@country} = ${country} or ${@name} = 'other'"
    assert city.columns["astana"] == {"name": "astana", "country": "KZ"}
    assert filters["trip/trip_cities"].expression == "${@country} = ${trip_country}"


def test_the_tree_hides_the_choices_of_other_countries_per_repeat_item() -> None:
    conversion = convert_xlsform(CASCADE_MD.encode(), "cascade_test.md")
    filters = parse_choice_filters(conversion.xform, conversion.schema)
    values = {
        "country": "KZ",
        "count:trip": "2",
        "trip[0]/trip_country": "RU",
        "trip[1]/trip_country": "KZ",
    }
    tree = build_tree(conversion.schema, values, language="English (en)", filters=filters)
    city = next(node for node in tree if node.key == "city")
    assert [c["name"] for c in city.choices if not c["hidden"]] == ["almaty", "astana", "other"]
    assert city.choice_filter == "${@country} = ${country} or ${@name} = 'other'"
    trip = next(node for node in tree if node.key == "trip")
    first, second = (item.children[1] for item in trip.children)
    assert [c["name"] for c in first.choices if not c["hidden"]] == ["moscow", "spb"]
    assert [c["name"] for c in second.choices if not c["hidden"]] == ["almaty", "astana"]
    # The page's script gets the expression with the repeat item's own key.
    assert second.choice_filter == "${@country} = ${trip[1]/trip_country}"


@pytest.fixture
def cascade(client, world):
    version = cascade_form(world.campaign, world.users["coordinator"])
    client.login(username=world.users["monitor"].email, password=PASSWORD)
    response = client.post(
        reverse("submissions:draft_start", kwargs={"slug": world.campaign.slug, "form_pk": version.form_id})
    )
    return world, Draft.objects.get(), response["Location"]


@pytest.mark.django_db
class TestWithoutJavaScript:
    def test_saving_the_country_narrows_the_city_list_on_the_next_page(self, client, cascade) -> None:
        _world, _draft, url = cascade
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        # Nothing chosen yet: only "another city" passes the filter.
        assert 'value="moscow" disabled' in page and 'value="other" data-choice' in page
        assert "Update the choices" in page  # the button for browsers without JavaScript

        client.post(url, {"v:country": "KZ", "action": "save"})
        page = client.get(url).content.decode()
        assert 'value="almaty" data-choice' in page and 'value="astana" data-choice' in page
        assert 'value="moscow" disabled' in page and 'value="spb" disabled' in page

    def test_a_city_of_another_country_is_refused_on_submit(self, client, cascade) -> None:
        _world, _draft, url = cascade
        client.post(url, {"v:country": "RU", "v:city": "moscow", "action": "save"})
        # The country changes later; the Moscow answer no longer fits.
        response = client.post(
            url, {"v:country": "KZ", "v:city": "moscow", "action": "submit"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 200
        assert ERR_CHOICE in response.content.decode()
        assert not Submission.objects.exists()

        response = client.post(url, {"v:country": "KZ", "v:city": "astana", "action": "submit"})
        assert response.status_code == 302
        assert Submission.objects.get().data == {"country": "KZ", "city": "astana", "in_kz": "true"}
