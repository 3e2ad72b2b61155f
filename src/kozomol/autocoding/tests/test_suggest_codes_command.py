from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from kozomol.autocoding.model import THRESHOLD
from kozomol.autocoding.tests.passages import THEMED, UNRELATED
from kozomol.coding.default_codebook import TOP_LEVEL_IDENTIFIERS


def run(tmp_path, lines: list[str], *extra: str) -> list[dict]:
    source = tmp_path / "in.jsonl"
    target = tmp_path / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("suggest_codes", "--input", str(source), "--output", str(target), *extra)
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def suggested(row: dict) -> set[str]:
    return {c["code"] for c in row["codes"] if c["score"] >= THRESHOLD}


@pytest.mark.django_db
def test_every_line_gets_all_ten_top_level_codes_with_scores_between_0_and_1(tmp_path):
    rows = run(
        tmp_path,
        [
            json.dumps({"id": "a1", "text": THEMED[0][1]}, ensure_ascii=False),
            json.dumps({"id": 7, "text": ""}),
        ],
    )
    assert [r["id"] for r in rows] == ["a1", 7]
    for row in rows:
        assert [c["code"] for c in row["codes"]] == TOP_LEVEL_IDENTIFIERS
        assert all(0.0 <= c["score"] <= 1.0 for c in row["codes"])
    assert suggested(rows[1]) == set()


@pytest.mark.django_db
@pytest.mark.parametrize(("expected", "text"), THEMED)
def test_the_cold_start_suggests_the_theme_of_a_passage(tmp_path, expected, text):
    rows = run(tmp_path, [json.dumps({"id": "x", "text": text}, ensure_ascii=False)])
    scores = {c["code"]: c["score"] for c in rows[0]["codes"]}
    assert expected in suggested(rows[0]), scores
    # The expected theme is the strongest, or very close to it (a passage may carry two themes).
    assert scores[expected] >= max(scores.values()) - 0.15


@pytest.mark.django_db
@pytest.mark.parametrize("text", UNRELATED)
def test_the_cold_start_suggests_nothing_for_unrelated_text(tmp_path, text):
    rows = run(tmp_path, [json.dumps({"id": "x", "text": text}, ensure_ascii=False)])
    assert suggested(rows[0]) == set()


@pytest.mark.django_db
def test_bad_lines_are_named_and_nothing_is_written(tmp_path):
    with pytest.raises(CommandError, match="line 2: not valid JSON"):
        run(tmp_path, ['{"id": 1, "text": "патент"}', "{oops"])
    assert not (tmp_path / "out.jsonl").exists()
    with pytest.raises(CommandError, match='line 1: the field "text"'):
        run(tmp_path, ['{"id": 1}'])
    with pytest.raises(CommandError, match='line 1: the field "id"'):
        run(tmp_path, ['{"text": "патент"}'])
    with pytest.raises(CommandError, match="No campaign"):
        run(tmp_path, ['{"id": 1, "text": "патент"}'], "--campaign", "missing")


@pytest.mark.django_db
def test_writes_to_standard_output_without_output(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "s", "text": "Суд и штраф."}\n', encoding="utf-8")
    call_command("suggest_codes", "--input", str(source))
    row = json.loads(capsys.readouterr().out.strip())
    assert "JUSTICE" in suggested(row)
