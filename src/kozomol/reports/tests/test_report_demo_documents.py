"""The demo's report as DOCX (python-docx) and PDF (pypdf): sections, counts, recommendations, charts, contents."""

from __future__ import annotations

import io
import re

import pypdf
from django.core.management import call_command
from django.db.models import Count
from django.test import TestCase
from django.utils import translation
from docx import Document

from kozomol.campaigns.demo import DEMO_SLUG
from kozomol.campaigns.models import Campaign
from kozomol.findings.models import Recommendation
from kozomol.findings.tests.data import add_interviews, add_passages
from kozomol.reports.builder import CONTENTS_TITLE, SECTION_TITLES, build_report
from kozomol.reports.services import render

INTERVIEWS = {"migrants": 7, "ngo": 3, "consular": 2, "medical_staff": 4}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _titles(lang: str, keys: list[str]) -> list[str]:
    with translation.override(lang):
        names = dict(SECTION_TITLES)
        return [f"{i}. {translation.gettext(names[k])}" for i, k in enumerate(keys, start=1)]


EXPECTED_KEYS = [
    "introduction",
    "goals",
    "tasks",
    "method",
    "findings",
    "consular",
    "recommendations",
    "annexes",
]


class DemoReportDocuments(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("demo", password="demo-password-1", verbosity=0)
        cls.campaign = Campaign.objects.get(slug=DEMO_SLUG)
        from kozomol.accounts.models import User

        add_interviews(cls.campaign, INTERVIEWS, rejected=2)
        add_passages(cls.campaign, User.objects.get(email="analyst@example.org"), {"LABOUR": 5, "HEALTH": 3})
        cls.docx = Document(io.BytesIO(render(cls.campaign, "docx", "ru")))
        cls.pdf = pypdf.PdfReader(io.BytesIO(render(cls.campaign, "pdf", "ru")))
        cls.pdf_text = _norm(" ".join(page.extract_text() for page in cls.pdf.pages))

    def expected_counts(self) -> dict[str, int]:
        from django.apps import apps

        submission = apps.get_model("submissions", "Submission")
        rows = (
            submission.objects.filter(campaign=self.campaign)
            .exclude(status="rejected")
            .values_list("target_group__name_ru")
            .annotate(n=Count("pk"))
        )
        counts = dict.fromkeys(self.campaign.target_groups.values_list("name_ru", flat=True), 0)
        counts.update(dict(rows))
        return counts

    # --- DOCX ---

    def test_docx_sections_are_in_the_order_of_the_report(self) -> None:
        headings = [p.text for p in self.docx.paragraphs if p.style.name == "Heading 1"]
        self.assertEqual(headings, _titles("ru", EXPECTED_KEYS))

    def test_docx_has_a_toc_field_and_a_written_list_of_sections(self) -> None:
        xml = self.docx.element.xml
        self.assertIn("TOC \\o", xml)
        texts = [p.text for p in self.docx.paragraphs]
        with translation.override("ru"):
            start = texts.index(translation.gettext(CONTENTS_TITLE))
        self.assertEqual(texts[start + 2 : start + 2 + len(EXPECTED_KEYS)], _titles("ru", EXPECTED_KEYS))

    def test_docx_interview_counts_by_target_group_equal_the_data(self) -> None:
        expected = self.expected_counts()
        self.assertGreaterEqual(sum(expected.values()), sum(INTERVIEWS.values()))  # ours + the demo's
        table = next(
            t for t in self.docx.tables if t.rows[0].cells[0].text in ("Целевая группа", "Target group")
        )
        shown = {row.cells[0].text: int(row.cells[1].text.replace("\u00a0", "")) for row in table.rows[1:-1]}
        self.assertEqual(shown, expected)
        self.assertEqual(int(table.rows[-1].cells[1].text.replace("\u00a0", "")), sum(expected.values()))

    def test_docx_puts_every_recommendation_under_its_addressee(self) -> None:
        with translation.override("ru"):
            rec_heading = _titles("ru", EXPECTED_KEYS)[6]
        placed: dict[str, str] = {}
        inside, addressee = False, ""
        for p in self.docx.paragraphs:
            if p.style.name == "Heading 1":
                inside = p.text == rec_heading
            elif inside and p.style.name == "Heading 2":
                addressee = p.text
            elif inside and re.match(r"^\d+\. ", p.text):
                placed[p.text.split(". ", 1)[1].split("\n")[0]] = addressee
        recs = Recommendation.objects.filter(campaign=self.campaign).select_related("addressee")
        self.assertEqual(len(recs), 28)
        for rec in recs:
            self.assertEqual(placed.get(rec.text_ru), rec.addressee.name_ru, rec.text_ru)

    def test_docx_embeds_the_charts_as_inline_images(self) -> None:
        figures = build_report(self.campaign, "ru").figures()
        self.assertGreaterEqual(len(figures), 3)  # interviews, coded passages, crimes against migrants
        self.assertEqual(len(self.docx.inline_shapes), len(figures))

    def test_docx_carries_the_figures_of_the_report(self) -> None:
        text = "\n".join(p.text for p in self.docx.paragraphs)
        for figure in ("30 000 рублей", "11,4 тыс.", "12,4 тыс.", "70%", "5–6 человек"):
            self.assertIn(figure, text)

    # --- PDF ---

    def test_pdf_sections_in_order_after_the_contents(self) -> None:
        titles = _titles("ru", EXPECTED_KEYS)
        with translation.override("ru"):
            contents = self.pdf_text.index(translation.gettext(CONTENTS_TITLE))
        positions = [self.pdf_text.index(t, contents) for t in titles]  # the written contents
        self.assertEqual(positions, sorted(positions))
        body = [self.pdf_text.index(t, positions[-1] + len(titles[-1])) for t in titles]  # the sections
        self.assertEqual(body, sorted(body))

    def test_pdf_interview_counts_by_target_group(self) -> None:
        for name, count in self.expected_counts().items():
            self.assertRegex(self.pdf_text, re.escape(_norm(name)) + r" " + str(count) + r" ")

    def test_pdf_recommendations_under_their_addressee(self) -> None:
        rec_heading = _titles("ru", EXPECTED_KEYS)[6]
        start = self.pdf_text.rindex(rec_heading)
        end = self.pdf_text.rindex(_titles("ru", EXPECTED_KEYS)[7])
        part = self.pdf_text[start:end]
        recs = list(
            Recommendation.objects.filter(campaign=self.campaign)
            .select_related("addressee")
            .order_by("addressee__position", "position")
        )
        heads = {r.addressee.name_ru: part.index(_norm(r.addressee.name_ru)) for r in recs}
        bounds = sorted(heads.values()) + [len(part)]
        for rec in recs:
            where = part.index(_norm(rec.text_ru)[:60])
            own = heads[rec.addressee.name_ru]
            following = min(b for b in bounds if b > own)
            self.assertTrue(own < where < following, rec.text_ru)

    def test_pdf_embeds_the_charts_as_images(self) -> None:
        figures = build_report(self.campaign, "ru").figures()
        images = sum(len(page.images) for page in self.pdf.pages)
        self.assertGreaterEqual(images, len(figures))
