from __future__ import annotations

import pytest

from kozomol.campaigns.demo import load_core
from kozomol.coding import demo, selectors
from kozomol.coding.models import CodedPassage, Document

pytestmark = pytest.mark.django_db


def test_demo_has_documents_coded_by_two_coders_who_partly_agree():
    ctx = load_core()
    demo.load(ctx)
    demo.load(ctx)  # loading twice adds nothing
    assert Document.objects.filter(campaign=ctx.campaign).count() == len(demo.DOCUMENTS)
    analyst, coordinator = ctx.users["analyst"], ctx.users["coordinator"]
    assert (
        CodedPassage.objects.filter(coder=analyst).exists()
        and CodedPassage.objects.filter(coder=coordinator).exists()
    )
    report = selectors.agreement_report(ctx.campaign, [analyst.pk, coordinator.pk])
    assert report.documents >= 3
    assert 0 < report.overall.kappa < 1 and 0 < report.overall.alpha < 1
    assert selectors.disagreements(ctx.campaign, [analyst.pk, coordinator.pk])
