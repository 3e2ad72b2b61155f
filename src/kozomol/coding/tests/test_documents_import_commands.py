"""kozomol import_documents / export_qdpx / import_qdpx."""

from __future__ import annotations

import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kozomol.coding.models import Document

pytestmark = pytest.mark.django_db


def _write(tmp_path, rows):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows),
        encoding="utf-8",
    )
    return path


def test_import_documents_reads_context_and_is_idempotent(world, tmp_path):
    path = _write(
        tmp_path,
        [
            {
                "id": "a1",
                "title": "Интервью 1",
                "text": "Работали без договора.\r\nЗарплату не платили.",
                "country": "ru",
                "city": "RU-moscow",
                "target_group": "migrants",
                "metadata": {"wave": 1},
            },
            {"id": "a2", "title": "Кейс", "text": "Паспорт забрали.", "city": "Алматы"},
        ],
    )
    call_command("import_documents", str(path), campaign=world.campaign.slug)
    doc = Document.objects.get(campaign=world.campaign, external_id="a1")
    assert doc.text == "Работали без договора.\nЗарплату не платили."
    assert (doc.country_code, doc.city.code, doc.target_group.code, doc.metadata) == (
        "RU",
        "RU-moscow",
        "migrants",
        {"wave": 1},
    )
    assert Document.objects.get(external_id="a2").country_code == "KZ"
    call_command("import_documents", str(path), campaign=world.campaign.slug)
    assert Document.objects.filter(campaign=world.campaign).count() == 2


def test_a_bad_line_names_its_line_and_nothing_is_written(world, tmp_path):
    path = _write(
        tmp_path,
        [
            {"id": "ok", "title": "Хорошая", "text": "Текст."},
            {"id": "bad", "title": "", "text": "Текст.", "country": "XX"},
            "{not json",
            {"id": "ok", "title": "Повтор", "text": "Текст."},
        ],
    )
    with pytest.raises(CommandError) as info:
        call_command("import_documents", str(path), campaign=world.campaign.slug)
    message = str(info.value)
    assert "line 2: field 'title'" in message and "line 2: field 'country'" in message
    assert "line 3" in message and "line 4: id ok already appears on line 1" in message
    assert not Document.objects.filter(campaign=world.campaign).exists()


def test_unknown_campaign_is_an_error(world, tmp_path):
    with pytest.raises(CommandError, match="no campaign"):
        call_command("import_documents", str(_write(tmp_path, [])), campaign="nope")


def test_export_then_import_qdpx_from_the_command_line(world, tmp_path):
    path = _write(tmp_path, [{"id": "a1", "title": "Интервью", "text": "Работали без договора."}])
    call_command("import_documents", str(path), campaign=world.campaign.slug)
    out = tmp_path / "p.qdpx"
    call_command("export_qdpx", world.campaign.slug, output=str(out))
    assert "project.qde" in zipfile.ZipFile(out).namelist()
    call_command("import_qdpx", str(out), campaign=world.other_campaign.slug)
    assert Document.objects.get(campaign=world.other_campaign).text == "Работали без договора."
