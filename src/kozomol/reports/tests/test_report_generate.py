"""Generating the report in the background, downloading it, the Word template, the command line, languages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext as _
from docx import Document

from kozomol.accounts.roles import Role
from kozomol.core.models import Job
from kozomol.findings import services as findings_services
from kozomol.findings.models import Addressee, Standard, Theme
from kozomol.reports import services
from kozomol.reports.builder import build_report
from kozomol.reports.render_html import render_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(world):
    coordinator = world.users[Role.COORDINATOR]
    finding = findings_services.finding_create(
        actor=coordinator,
        campaign=world.campaign,
        theme=Theme.objects.get(identifier="HOUSING"),
        statement_ru="Мигранты живут по 5–6 человек в комнате.",
        statement_en="Migrants live 5–6 to a room.",
        standards=[Standard.objects.get(instrument="ICRMW", article="25")],
    )
    findings_services.finding_transition(
        actor=coordinator, finding=finding, target="approved", may_approve=True
    )
    findings_services.recommendation_create(
        actor=coordinator,
        campaign=world.campaign,
        addressee=Addressee.objects.get(code="ru-government"),
        text_ru="Ратифицировать Конвенцию 1990 года.",
        findings=[finding],
        standards=[Standard.objects.get(instrument="ICRMW", article="25")],
    )
    return finding


def test_viewer_generates_and_downloads_the_docx_and_outsider_cannot(
    client, world, content, django_capture_on_commit_callbacks
):
    client.force_login(world.users[Role.VIEWER])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:generate", kwargs={"slug": world.campaign.slug}),
            {"format": "docx", "lang": "ru"},
        )
    job = Job.objects.get(kind=services.JOB_KIND)
    assert response.status_code == 302 and response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.status == Job.Status.DONE and job.done == 2
    download = client.get(job.result["url"])
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    assert "Мигранты живут по 5–6 человек в комнате." in "\n".join(
        p.text for p in Document(io.BytesIO(data)).paragraphs
    )
    client.force_login(world.outsider)
    assert client.get(job.result["url"]).status_code == 404
    assert (
        client.post(
            reverse("reports:generate", kwargs={"slug": world.campaign.slug}), {"format": "pdf", "lang": "ru"}
        ).status_code
        == 404
    )


def test_template_upload_needs_publish_permission(client, world):
    client.force_login(world.users[Role.ANALYST])
    url = reverse("reports:template_upload", kwargs={"slug": world.campaign.slug})
    from django.core.files.uploadedfile import SimpleUploadedFile

    assert client.post(url, {"file": SimpleUploadedFile("t.docx", b"x")}).status_code == 403


def test_word_template_placeholders_are_filled_and_body_inserted(world, content):
    template = Document()
    template.add_paragraph("Шапка организации")
    split = template.add_paragraph()
    for part in ("{{ti", "tle}} — ", "{{place_year}}"):  # Word splits text over runs
        split.add_run(part)
    template.add_paragraph("{{body}}")
    template.add_paragraph("Конец шаблона")
    buffer = io.BytesIO()
    template.save(buffer)
    services.report_template_upload(
        actor=world.users[Role.COORDINATOR], campaign=world.campaign, name="наш.docx", data=buffer.getvalue()
    )
    doc = Document(io.BytesIO(services.render(world.campaign, "docx", "ru")))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Шапка организации"
    assert texts[1] == f"{world.campaign.title} — Бишкек, 2024"
    assert texts[-1] == "Конец шаблона"
    assert "{{body}}" not in texts
    assert "Мигранты живут по 5–6 человек в комнате." in texts
    assert texts.index("Мигранты живут по 5–6 человек в комнате.") < texts.index("Конец шаблона")


def test_template_that_is_not_a_docx_is_refused(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.report_template_upload(
            actor=world.users[Role.COORDINATOR], campaign=world.campaign, name="x.docx", data=b"not a zip"
        )
    assert _(services.TEMPLATE_NOT_DOCX_ERROR) in exc.value.messages


def test_same_data_gives_the_same_text(world, content):
    first = services.render(world.campaign, "html", "ru")
    second = services.render(world.campaign, "html", "ru")
    assert first == second
    docs = [services.render(world.campaign, "docx", "ru") for _ in range(2)]
    xml = [zipfile.ZipFile(io.BytesIO(d)).read("word/document.xml") for d in docs]
    assert xml[0] == xml[1]


def test_english_report_falls_back_to_russian_and_lists_it(world, content):
    report = build_report(world.campaign, "en")
    html = render_document(report)
    assert "Migrants live 5–6 to a room." in html
    assert "Ратифицировать Конвенцию 1990 года." in html  # no English text: Russian shown
    assert ("recommendation", "Ратифицировать Конвенцию 1990 года.") in report.untranslated
    assert report.sections[0].title == "Introduction"
    kyrgyz = build_report(world.campaign, "ky")
    assert ("finding", "Мигранты живут по 5–6 человек в комнате.") in kyrgyz.untranslated


def test_report_command_writes_the_file(world, content, tmp_path: Path):
    out = tmp_path / "r.html"
    call_command(
        "report", world.campaign.slug, "--format", "html", "--lang", "en", "-o", str(out), verbosity=0
    )
    assert "Migrants live 5–6 to a room." in out.read_text(encoding="utf-8")


def test_treaty_exports_group_by_article(client, world, content):
    client.force_login(world.users[Role.VIEWER])
    for kind in ("state", "shadow"):
        response = client.get(
            reverse("findings:treaty_export", kwargs={"slug": world.campaign.slug, "kind": kind})
        )
        assert response.status_code == 200
        doc = Document(io.BytesIO(response.content))
        texts = [p.text for p in doc.paragraphs]
        heading = next(t for t in texts if t.startswith("ICRMW, art. 25"))
        after = texts[texts.index(heading) :]
        assert any(t.startswith("Мигранты живут по 5–6 человек в комнате.") for t in after)
        assert any(t.startswith("Ратифицировать Конвенцию 1990 года.") for t in after)
