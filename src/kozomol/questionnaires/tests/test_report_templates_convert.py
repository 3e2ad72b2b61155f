"""The report's ready XLSForm templates: they convert, speak three languages, carry the
profile and the closed questions the analytics count, ask no names, and the committed
workbooks are exactly what the builder makes from the questionnaire data."""

from __future__ import annotations

import dataclasses
import functools
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from kozomol.campaigns.models import DEFAULT_TARGET_GROUPS
from kozomol.questionnaires.report_templates import FORMS, Template, get_template, list_templates
from kozomol.questionnaires.report_templates.builder import (
    main as builder_main,
)
from kozomol.questionnaires.report_templates.builder import (
    normalise,
    read_xlsx,
    sheets,
    write_xlsx,
    xlsx_path,
)

LANGS = ("Русский (ru)", "Кыргызча (ky)", "English (en)")
TEMPLATES = list_templates()
IDS = [t.code for t in TEMPLATES]
UNLABELLED_TYPES = {"start", "end", "today", "deviceid", "calculate", "end_group", "end_repeat"}
THEME_CODES = (
    "STATUS",
    "LABOUR",
    "HEALTH",
    "EDUCATION",
    "PENSION",
    "HOUSING",
    "JUSTICE",
    "INTEGRATION",
    "CONSULAR",
    "GENDER",
)
CORE_PROFILE = {
    "country": "select_one country",
    "city": "select_one city",
    "gender": "select_one gender",
    "age_band": "select_one age_band",
}
MIGRANT_PROFILE = {
    **CORE_PROFILE,
    "region_of_origin": "select_one region_of_origin",
    "legal_status": "select_one legal_status",
    "sector": "select_one sector",
    "months_abroad": "integer",
    "family_with_them": "select_multiple family",
}
MIGRANT_FACING = {"migrants", "case_stories", "consular"}


@functools.cache
def _workbook(path: Path) -> dict[str, list[list[str]]]:
    return read_xlsx(path)


def _table(path: Path, sheet: str) -> list[dict[str, str]]:
    rows = _workbook(path)[sheet]
    header = rows[0]
    return [dict(zip(header, row + [""] * (len(header) - len(row)), strict=True)) for row in rows[1:]]


def _survey(template: Template) -> list[dict[str, str]]:
    return _table(template.path, "survey")


def _choices(template: Template, list_name: str) -> list[str]:
    return [row["name"] for row in _table(template.path, "choices") if row["list_name"] == list_name]


def test_every_target_group_of_the_report_has_exactly_one_template():
    assert sorted(t.target_group for t in TEMPLATES) == sorted(code for code, _names in DEFAULT_TARGET_GROUPS)
    assert len(set(IDS)) == len(IDS)
    for template in TEMPLATES:
        assert template.path.is_file(), template.path
        assert template.path == xlsx_path(next(f for f in FORMS if f.code == template.code))
        assert template.title_ru and template.title_ky and template.title_en
        assert len({template.title_ru, template.title_ky, template.title_en}) == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        TEMPLATES[0].code = "changed"  # type: ignore[misc]
    assert get_template("kozomol_migrants").target_group == "migrants"
    with pytest.raises(KeyError):
        get_template("no_such_template")


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_template_converts_with_pyxform_in_three_languages(template):
    result = convert(str(template.path))
    assert result.warnings == []
    for lang in LANGS:
        assert f'<translation lang="{lang}"' in result.xform
    assert 'default="true()"' in result.xform.split('lang="Русский (ru)"', 1)[1][:30]
    settings = _table(template.path, "settings")[0]
    assert settings["form_id"] == template.code
    assert settings["form_title"] == template.title_ru
    assert settings["version"].isdigit()
    assert settings["default_language"] == "Русский (ru)"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
def test_templates_pass_odk_validate():
    for template in TEMPLATES:
        assert convert(str(template.path), validate=True).warnings == [], template.code


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_every_labelled_row_and_choice_has_russian_kyrgyz_and_english(template):
    for row in _survey(template):
        where = f"{template.code}: {row['type']} {row['name']}"
        if row["type"] not in UNLABELLED_TYPES:
            labels = [row[f"label::{lang}"].strip() for lang in LANGS]
            assert all(labels), where
            ru, ky, en = labels
            assert ky != ru and en != ru, f"{where}: not translated"
            assert re.search("[А-Яа-яЁёӨөҮүҢң]", ky), f"{where}: Kyrgyz must be Cyrillic"
        for column in ("hint", "constraint_message"):
            texts = [row[f"{column}::{lang}"].strip() for lang in LANGS]
            assert all(texts) or not any(texts), f"{where}: {column} not in all three languages"
        if row["constraint"]:
            assert row[f"constraint_message::{LANGS[0]}"], f"{where}: constraint without a message"
    for row in _table(template.path, "choices"):
        assert all(row[f"label::{lang}"].strip() for lang in LANGS), f"{template.code}: choice {row}"


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_template_carries_the_respondent_profile(template):
    survey = _survey(template)
    types = {row["name"]: row["type"] for row in survey}
    expected = MIGRANT_PROFILE if template.target_group in MIGRANT_FACING else CORE_PROFILE
    for name, qtype in expected.items():
        assert types.get(name) == qtype, f"{template.code}: {name}"
    # the profile lives in its own group
    names = [row["name"] for row in survey]
    start = names.index("profile")
    end = len(names) - 1 - names[::-1].index("profile")
    assert set(expected) <= set(names[start:end])
    assert _choices(template, "country") == ["KG", "RU", "KZ"]
    cities = _choices(template, "city")
    for code in (
        "RU-moscow",
        "RU-saint-petersburg",
        "RU-yekaterinburg",
        "RU-novosibirsk",
        "RU-kazan",
        "KZ-astana",
        "KZ-almaty",
        "KZ-shymkent",
        "other",
    ):
        assert code in cities
    assert _choices(template, "gender") == ["female", "male", "other"]
    assert _choices(template, "age_band") == ["18_24", "25_34", "35_44", "45_54", "55_plus"]
    if template.target_group in MIGRANT_FACING:
        assert _choices(template, "region_of_origin") == [
            "KG-GB",
            "KG-GO",
            "KG-C",
            "KG-O",
            "KG-J",
            "KG-B",
            "KG-N",
            "KG-Y",
            "KG-T",
        ]
        assert set(_choices(template, "sector")) == {
            "construction",
            "trade",
            "services",
            "agriculture",
            "domestic_work",
            "manufacturing",
            "transport",
            "other",
        }
        assert _choices(template, "family") == ["spouse", "children", "parents", "none"]
        assert {"work_permit", "registration_only", "no_documents", "citizen", "residence_permit"} <= set(
            _choices(template, "legal_status")
        )
        months = next(row for row in survey if row["name"] == "months_abroad")
        assert months["constraint"] == ". >= 0 and . <= 600"


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_template_is_an_interview_guide_grouped_by_codebook_themes(template):
    survey = _survey(template)
    groups = [row["name"] for row in survey if row["type"] == "begin_group"]
    themes = [g for g in groups if g.startswith("theme_")]
    assert set(themes) <= {f"theme_{code.lower()}" for code in THEME_CODES}
    assert len(themes) >= 6, template.code
    # inside theme groups most questions are open ones
    depth_theme, open_count, closed_count = None, 0, 0
    for row in survey:
        if row["type"] == "begin_group" and row["name"].startswith("theme_"):
            depth_theme = row["name"]
        elif row["type"] == "end_group" and row["name"] == depth_theme:
            depth_theme = None
        elif depth_theme and row["type"] not in UNLABELLED_TYPES | {"note"}:
            if row["type"] == "text":
                open_count += 1
            else:
                closed_count += 1
    assert open_count > closed_count, template.code


NAME_FIELD = re.compile(r"(^|_)(name|names|fio|surname|firstname|lastname|patronymic)($|_)")
NAME_LABEL = re.compile(
    r"\b(имя|имени|фамили[яюи]|ФИО|отчество|зовут)\b|\b(атыңыз|аты-жөнүңүз|ысымыңыз)|\b(name|surname)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_template_asks_no_name(template):
    for row in _survey(template):
        assert not NAME_FIELD.search(row["name"].lower()), f"{template.code}: {row['name']}"
        if row["type"] in {"note", "begin_group"}:
            continue  # the introduction may say that no name is recorded
        for lang in LANGS:
            label = row[f"label::{lang}"]
            assert not NAME_LABEL.search(label), f"{template.code}: {row['name']} asks for a name: {label}"
    # the only free note about the interview is the interviewer's own, and it is optional
    note = next(row for row in _survey(template) if row["name"] == "interviewer_note")
    assert note["type"] == "text" and note["required"] == ""


def test_name_check_catches_a_question_asking_for_a_name():
    assert NAME_LABEL.search("Как вас зовут?")
    assert NAME_LABEL.search("Фамилия респондента")
    assert NAME_LABEL.search("Respondent's name")
    assert NAME_LABEL.search("Атыңыз ким?")
    assert not NAME_LABEL.search("Сиздин маалыматыңыз боюнча")
    assert NAME_FIELD.search("respondent_name")


def test_migrant_template_has_the_closed_questions_the_analytics_count():
    template = get_template("kozomol_migrants")
    types = {row["name"]: row for row in _survey(template)}
    for name in (
        "has_work_permit",
        "has_written_contract",
        "wages_unpaid",
        "documents_taken_by_employer",
        "has_medical_insurance",
    ):
        assert types[name]["type"].startswith("select_one "), name
        list_name = types[name]["type"].split()[1]
        assert {"yes", "no"} <= set(_choices(template, list_name))
    assert types["children_attend_school"]["type"] == "select_one yes_no_na"
    assert _choices(template, "yes_no_na") == ["yes", "no", "na"]
    assert types["people_per_room"]["type"] == "integer"
    assert types["people_per_room"]["constraint"]


def test_consular_template_measures_service_quality_and_women_lawyers():
    template = get_template("kozomol_consular")
    rows = {row["name"]: row for row in _survey(template)}
    assert rows["satisfaction"]["type"] == "select_one scale5"
    assert _choices(template, "scale5") == ["1", "2", "3", "4", "5"]
    assert rows["waiting_time_minutes"]["type"] == "integer"
    assert rows["request_type"]["type"] == "select_one request_type"
    assert len([n for n in rows if n.startswith("access_")]) >= 4
    assert rows["lawyers_total"]["type"] == rows["lawyers_women"]["type"] == "integer"
    assert rows["women_lawyers_share"]["type"] == "calculate"
    assert "${lawyers_women} div ${lawyers_total}" in rows["women_lawyers_share"]["calculation"]


@pytest.mark.parametrize("form", FORMS, ids=[f.code for f in FORMS])
def test_committed_workbook_is_what_the_builder_makes(form):
    assert normalise(read_xlsx(xlsx_path(form))) == normalise(sheets(form))


def test_builder_check_spots_a_stale_workbook(tmp_path, monkeypatch):
    from kozomol.questionnaires.report_templates import builder

    monkeypatch.setattr(builder, "XLSX_DIR", tmp_path)
    assert builder_main([]) == 0  # writes every workbook into tmp_path
    assert builder_main(["--check"]) == 0
    form = FORMS[0]
    path = write_xlsx(form, tmp_path / f"{form.code}.xlsx")
    workbook = load_workbook(path)
    workbook["survey"]["C5"] = "изменено вручную"
    workbook.save(path)
    assert builder_main(["--check"]) == 1
