from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kozomol.accounts.roles import Role
from kozomol.audit.models import AuditEntry
from kozomol.findings import services
from kozomol.findings.models import Finding, Theme

pytestmark = pytest.mark.django_db


def _finding(world):
    return services.finding_create(
        actor=world.users[Role.ANALYST],
        campaign=world.campaign,
        theme=Theme.objects.get(identifier="HOUSING"),
        statement_ru="Мигранты живут по 5–6 человек в комнате.",
    )


def test_finding_moves_draft_reviewed_approved_and_is_audited(world):
    finding = _finding(world)
    assert finding.state == Finding.State.DRAFT
    services.finding_transition(
        actor=world.users[Role.ANALYST], finding=finding, target="reviewed", may_approve=False
    )
    services.finding_transition(
        actor=world.users[Role.COORDINATOR], finding=finding, target="approved", may_approve=True
    )
    finding.refresh_from_db()
    assert finding.state == Finding.State.APPROVED and finding.approved_by == world.users[Role.COORDINATOR]
    assert AuditEntry.objects.filter(object_type="findings.finding", object_id=str(finding.pk)).count() == 3


def test_approval_needs_the_permission(world):
    finding = _finding(world)
    with pytest.raises(ValidationError) as exc:
        services.finding_transition(
            actor=world.users[Role.ANALYST], finding=finding, target="approved", may_approve=False
        )
    assert _(services.APPROVE_PERMISSION_ERROR) in exc.value.messages
    finding.refresh_from_db()
    assert finding.state == Finding.State.DRAFT


def test_changing_an_approved_text_sends_it_back_to_review(world):
    finding = _finding(world)
    services.finding_transition(
        actor=world.users[Role.COORDINATOR], finding=finding, target="approved", may_approve=True
    )
    services.finding_update(
        actor=world.users[Role.ANALYST],
        finding=finding,
        statement_ru="В Москве мигранты живут по 5–6 человек в комнате.",
    )
    finding.refresh_from_db()
    assert finding.state == Finding.State.REVIEWED and finding.approved_by is None


def test_statement_in_russian_is_required(world):
    with pytest.raises(ValidationError) as exc:
        services.finding_create(
            actor=world.users[Role.ANALYST],
            campaign=world.campaign,
            theme=Theme.objects.get(identifier="HOUSING"),
            statement_ru="  ",
            statement_en="Only English",
        )
    assert _(services.STATEMENT_REQUIRED_ERROR) in exc.value.messages


def test_themes_are_the_ten_codebook_identifiers():
    assert list(Theme.objects.values_list("identifier", flat=True)) == [
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
    ]
