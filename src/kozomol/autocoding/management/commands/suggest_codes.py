"""``kozomol suggest_codes --input FILE.jsonl [--output FILE.jsonl] [--campaign SLUG]``.

For every ``{"id", "text"}`` line writes ``{"id", "codes": [{"code", "score"}]}`` with
every top-level code (scores in [0, 1]; 0.5 or more means the code is suggested),
from the campaign's trained model when ``--campaign`` is given, else from the
cold-start model of the default codebook.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.autocoding.selectors import campaign_model, default_cold_model, score_texts
from kozomol.campaigns.models import Campaign

MAX_TEXT = 200_000


def read_items(path: str) -> list[dict[str, Any]]:
    """Every line checked before anything is written: a clear error naming the line otherwise."""
    stream = sys.stdin if path == "-" else None
    try:
        lines = (
            stream.read().splitlines() if stream else Path(path).read_text(encoding="utf-8-sig").splitlines()
        )
    except FileNotFoundError as exc:
        raise CommandError(f"{path}: no such file.") from exc
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}).") from exc
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CommandError(f"{path}, line {number}: not valid JSON ({exc.msg}).") from exc
        if not isinstance(item, dict):
            raise CommandError(f'{path}, line {number}: expected a JSON object with "id" and "text".')
        if "id" not in item:
            raise CommandError(f'{path}, line {number}: the field "id" is missing.')
        text = item.get("text")
        if not isinstance(text, str):
            raise CommandError(f'{path}, line {number}: the field "text" is missing or not a string.')
        if len(text) > MAX_TEXT:
            raise CommandError(f'{path}, line {number}: "text" is longer than {MAX_TEXT} characters.')
        items.append({"id": item["id"], "text": text})
    return items


class Command(BaseCommand):
    help = "Score texts against the top-level codes of the codebook (JSON lines in, JSON lines out)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help='JSON lines with "id" and "text" ("-" for stdin)')
        parser.add_argument("--output", help="JSON lines file to write (default: standard output)")
        parser.add_argument("--campaign", help="use this campaign's trained model (slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        items = read_items(options["input"])
        if options["campaign"]:
            campaign = Campaign.objects.filter(slug=options["campaign"]).first()
            if campaign is None:
                raise CommandError(f"No campaign with the slug {options['campaign']!r}.")
            model = campaign_model(campaign)
        else:
            model = default_cold_model()
        scored = score_texts([item["text"] for item in items], model=model)
        lines = [
            json.dumps({"id": item["id"], "codes": codes}, ensure_ascii=False)
            for item, codes in zip(items, scored, strict=True)
        ]
        if options["output"]:
            target = Path(options["output"])
            tmp = target.with_name(target.name + ".part")
            tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            tmp.replace(target)
            self.stderr.write(f"{len(lines)} texts scored → {target}")
        else:
            for line in lines:
                self.stdout.write(line)
