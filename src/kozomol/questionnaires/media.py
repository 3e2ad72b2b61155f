"""The files a form names besides itself: pictures and sounds in labels, choice lists in CSV files.

An XForm refers to them as ``jr://images/<name>``, ``jr://audio/<name>``,
``jr://file-csv/<name>`` (select_one_from_file, pulldata) and so on; ODK
Collect downloads each one listed in the form's manifest before the form can
be opened. A CSV choice list is also read here for the web form.
"""

from __future__ import annotations

import csv
import io
import re

from kozomol.questionnaires.schema import Choice, FormSchema

_MEDIA_REF = re.compile(r"jr://(?:images|audio|video|file|file-csv|file-image)/([^\"'<>\s]+)")


def media_names(xform_xml: str) -> list[str]:
    """The file names the form refers to, sorted (itemsets.csv, which Kozomol writes itself, left out)."""
    names = {match.group(1).rsplit("/", 1)[-1] for match in _MEDIA_REF.finditer(xform_xml or "")}
    names.discard("itemsets.csv")
    return sorted(names)


class ChoiceFileError(ValueError):
    pass


def choices_from_csv(content: bytes) -> list[Choice]:
    """The choices of a select_one_from_file CSV: a ``name`` column, labels in ``label`` or ``label::<language>``.

    Raises :class:`ChoiceFileError` (with what is wrong) for a file ODK Collect could not use either.
    """
    return read_choice_csv(content)[0]


def read_choice_csv(content: bytes) -> tuple[list[Choice], dict[str, dict[str, str]]]:
    """(the choices, choice name → its other columns): a choice_filter may name those columns."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ChoiceFileError(f"not UTF-8 text (byte {exc.start + 1})") from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    if "name" not in header:
        raise ChoiceFileError("no column named name")
    choices = []
    columns: dict[str, dict[str, str]] = {}
    for raw in reader:
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if isinstance(v, str)}
        if not row.get("name"):
            continue
        labels = {}
        for key, value in row.items():
            if key == "label" and value:
                labels["default"] = value
            elif key.startswith("label::") and value:
                labels[key.removeprefix("label::")] = value
        choices.append(Choice(name=row["name"], labels=labels))
        columns[row["name"]] = {k: v for k, v in row.items() if k != "name" and not k.startswith("label")}
    return choices, columns


def file_lists(
    schema: FormSchema, files: dict[str, bytes]
) -> dict[str, tuple[list[Choice], dict[str, dict[str, str]]]]:
    """The uploaded CSV choice lists the schema's questions use, read (``files``: name → content)."""
    wanted = {q.list_name for q in schema.questions if q.list_name and q.list_name in files}
    lists = {}
    for name in wanted:
        if name.lower().endswith(".csv"):
            try:
                lists[name] = read_choice_csv(files[name])
            except ChoiceFileError:
                continue  # refused at upload; a file that no longer reads leaves the list empty
    return lists


def schema_with_file_choices(schema: FormSchema, files: dict[str, bytes]) -> FormSchema:
    """The schema as the web form shows it: a select_one_from_file question (its list is named
    after the file) gets the choices of that CSV once it is uploaded (``files``: name → content)."""
    lists = {name: choices for name, (choices, _columns) in file_lists(schema, files).items()}
    if not lists:
        return schema
    questions = [
        q.model_copy(update={"type": q.type.removesuffix("_from_file")}) if q.list_name in lists else q
        for q in schema.questions
    ]
    return schema.model_copy(update={"questions": questions, "choices": {**schema.choices, **lists}})
