"""Write the report's questionnaires as XLSForm workbooks.

``sheets(form)`` gives the rows of the three sheets (survey, choices, settings);
``write_xlsx`` saves them with openpyxl. Run ``python -m
kozomol.questionnaires.report_templates`` to regenerate the committed files in
``xlsx/`` (``--check`` only compares and exits 1 on a difference).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from openpyxl import Workbook, load_workbook

from .schema import DEFAULT_LANGUAGE, LANGUAGES, Form, Group, Q, T

XLSX_DIR = Path(__file__).resolve().parent / "xlsx"

Rows = list[list[str]]


def _lang_cols(prefix: str) -> list[str]:
    return [f"{prefix}::{title}" for _code, title in LANGUAGES]


SURVEY_HEADER = [
    "type",
    "name",
    *_lang_cols("label"),
    *_lang_cols("hint"),
    "required",
    "relevant",
    "constraint",
    *_lang_cols("constraint_message"),
    "appearance",
    "choice_filter",
    "calculation",
]
CHOICES_HEADER = ["list_name", "name", *_lang_cols("label"), "country_code"]
SETTINGS_HEADER = ["form_id", "form_title", "version", "default_language"]


def _texts(text: T | None) -> list[str]:
    return [text.get(code) if text else "" for code, _title in LANGUAGES]


def _survey_rows(items: tuple[Q | Group, ...]) -> Rows:
    rows: Rows = []
    for item in items:
        if isinstance(item, Group):
            rows.append(
                [
                    "begin_group",
                    item.name,
                    *_texts(item.label),
                    *_texts(item.hint),
                    "",
                    item.relevant,
                    "",
                    *_texts(None),
                    "",
                    "",
                    "",
                ]
            )
            rows.extend(_survey_rows(item.children))
            rows.append(
                ["end_group", item.name, *_texts(None), *_texts(None), "", "", "", *_texts(None), "", "", ""]
            )
        else:
            rows.append(
                [
                    item.type,
                    item.name,
                    *_texts(item.label),
                    *_texts(item.hint),
                    "yes" if item.required else "",
                    item.relevant,
                    item.constraint,
                    *_texts(item.constraint_message),
                    item.appearance,
                    item.choice_filter,
                    item.calculation,
                ]
            )
    return rows


def sheets(form: Form) -> dict[str, Rows]:
    """The three XLSForm sheets of ``form``, header row first; empty cells are ``""``."""
    choices: Rows = [CHOICES_HEADER]
    for choice_list in form.choice_lists:
        for choice in choice_list.choices:
            choices.append([choice_list.name, choice.name, *_texts(choice.label), choice.country_code])
    return {
        "survey": [SURVEY_HEADER, *_survey_rows(form.survey)],
        "choices": choices,
        "settings": [SETTINGS_HEADER, [form.code, form.title.ru, form.version, DEFAULT_LANGUAGE]],
    }


def write_xlsx(form: Form, path: Path) -> Path:
    workbook = Workbook()
    default = workbook.active
    assert default is not None
    workbook.remove(default)
    for title, rows in sheets(form).items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([cell if cell != "" else None for cell in row])
        sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def read_xlsx(path: Path) -> dict[str, Rows]:
    """Read an XLSForm workbook back into the shape ``sheets`` returns (trailing blanks dropped)."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    result: dict[str, Rows] = {}
    for sheet in workbook.worksheets:
        rows: Rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(["" if value is None else str(value) for value in values])
        result[sheet.title] = rows
    workbook.close()
    return result


def normalise(data: dict[str, Rows]) -> dict[str, Rows]:
    """Drop trailing empty cells and rows, so two workbooks compare by content."""
    out: dict[str, Rows] = {}
    for title, rows in data.items():
        clean = []
        for row in rows:
            cells = list(row)
            while cells and cells[-1] == "":
                cells.pop()
            clean.append(cells)
        while clean and not clean[-1]:
            clean.pop()
        out[title] = clean
    return out


def xlsx_path(form: Form) -> Path:
    return XLSX_DIR / f"{form.code}.xlsx"


def main(argv: list[str] | None = None) -> int:
    from . import FORMS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare the committed files, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for form in FORMS:
        path = xlsx_path(form)
        if args.check:
            if not path.exists() or normalise(read_xlsx(path)) != normalise(sheets(form)):
                stale.append(path)
        else:
            write_xlsx(form, path)
            print(path)
    for path in stale:
        print(f"{path}: differs from the questionnaire data; regenerate it", file=sys.stderr)
    return 1 if stale else 0
