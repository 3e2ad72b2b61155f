"""Findings and recommendations by Convention article, as a Word draft for the UN Committee on Migrant Workers.

Two kinds: ``state`` — a draft section of the State party's report (the 2013
report asks the Government to submit one), and ``shadow`` — an alternative
report by the monitoring NGO.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from docx import Document

from kozomol.accounts.models import Organisation
from kozomol.campaigns.models import Campaign
from kozomol.findings import selectors
from kozomol.lib.translated import pick

KINDS = ("state", "shadow")
STATE_TITLE = gettext_noop(
    "Draft section of the report of the State party to the Committee on Migrant Workers"
)
SHADOW_TITLE = gettext_noop("Shadow report to the Committee on Migrant Workers")


def treaty_docx(campaign: Campaign, *, kind: str, lang: str = "ru") -> bytes:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    with override(lang):
        doc = Document()
        lead = Organisation.objects.filter(
            participations__campaign=campaign, participations__is_lead=True
        ).first()
        doc.add_heading(_(STATE_TITLE if kind == "state" else SHADOW_TITLE), level=0)
        if kind == "state":
            intro = _(
                "Prepared from the findings of the monitoring “%(title)s” (%(year)s), grouped by the articles "
                "of the International Convention on the Protection of the Rights of All Migrant Workers and "
                "Members of Their Families and related instruments."
            )
        else:
            intro = _(
                "Submitted by %(organisation)s on the basis of the monitoring “%(title)s” (%(year)s). "
                "The concerns and suggested recommendations are grouped by article."
            )
        doc.add_paragraph(
            intro
            % {
                "title": campaign.title,
                "year": campaign.period_end.year,
                "organisation": pick(lead, "name", lang) if lead else "",
            }
        )
        groups = selectors.treaty_view(campaign, approved_only=True)
        if not groups:
            doc.add_paragraph(_("No finding or recommendation is linked to an article yet."))
        for group in groups:
            title = pick(group.standard, "title", lang)
            doc.add_heading(
                f"{group.standard.reference} — {title}" if title else group.standard.reference, level=1
            )
            if group.findings:
                doc.add_heading(_("Situation observed") if kind == "state" else _("Concerns"), level=2)
                for finding in group.findings:
                    where = f" ({pick(finding.country, 'name', lang)})" if finding.country else ""
                    doc.add_paragraph(pick(finding, "statement", lang) + where, style="List Bullet")
            if group.recommendations:
                doc.add_heading(
                    _("Measures recommended")
                    if kind == "state"
                    else _("Suggested recommendations to the State party"),
                    level=2,
                )
                for rec in group.recommendations:
                    status = selectors.status_of(rec)
                    suffix = (
                        f" [{pick(rec.addressee, 'name', lang)}; {status.get_status_display()}]"
                        if status
                        else ""
                    )
                    doc.add_paragraph(pick(rec, "text", lang) + suffix, style="List Number")
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
