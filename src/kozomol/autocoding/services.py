"""Training the auto-coder and recording the coders' decisions on its suggestions."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_create, audit_record
from kozomol.autocoding.model import LearnedModel, Unit, evaluate, held_out
from kozomol.autocoding.models import AutocoderModel, SuggestionDecision
from kozomol.autocoding.selectors import campaign_cold_model
from kozomol.lib.russian import lemmas, sentences

SPAN_ERROR = gettext_noop("The suggested passage no longer matches the document.")
CODE_ERROR = gettext_noop("This code is not in the campaign's codebook.")
ALREADY_DECIDED_ERROR = gettext_noop("You already decided on this suggestion.")

MIN_UNITS_FOR_METRICS = 8
MAX_UNITS = 4000


def training_units(campaign: Any) -> list[Unit]:
    """The campaign's coded passages (by span, with their top-level codes) and uncoded sentences."""
    from kozomol.coding.models import Code, CodedPassage, Document

    codes = list(Code.objects.filter(campaign=campaign))
    by_pk = {c.pk: c for c in codes}

    def top(code_id: int) -> str:
        code = by_pk[code_id]
        while code.parent_id and code.parent_id in by_pk:
            code = by_pk[code.parent_id]
        return code.identifier

    spans: dict[tuple[int, int, int], tuple[str, set[str]]] = {}
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    rows = CodedPassage.objects.filter(document__campaign=campaign).values_list(
        "document_id", "start", "end", "text", "code_id"
    )
    for document_id, start, end, text, code_id in rows.iterator():
        key = (document_id, start, end)
        spans.setdefault(key, (text, set()))[1].add(top(code_id))
        covered[document_id].append((start, end))
    # Split keys come from the content, not from database ids, so the held-out part
    # is the same on every database and every run.
    doc_keys = {
        pk: held_out_hash(text)[:16]
        for pk, text in Document.objects.filter(pk__in=list(covered)).values_list("pk", "text").iterator()
    }
    units = [
        Unit(text=text, codes=found, key=f"p:{doc_keys[d]}:{s}-{e}", document_id=d)
        for (d, s, e), (text, found) in sorted(spans.items())
    ]
    # Sentences nobody coded, in documents someone has coded: what the coders passed over.
    negatives: list[Unit] = []
    for document in Document.objects.filter(pk__in=list(covered)).only("pk", "text").iterator():
        taken = covered[document.pk]
        for start, end in sentences(document.text):
            if any(s < end and start < e for s, e in taken):
                continue
            text = document.text[start:end]
            if len(set(lemmas(text))) >= 3:
                negatives.append(
                    Unit(
                        text=text,
                        codes=set(),
                        key=f"s:{doc_keys[document.pk]}:{start}",
                        document_id=document.pk,
                    )
                )
    limit = max(len(units), 20) * 2
    negatives = sorted(negatives, key=lambda u: held_out_hash(u.key))[:limit]
    return (units + negatives)[:MAX_UNITS]


def held_out_hash(key: str) -> str:
    import hashlib

    return hashlib.sha256(key.encode()).hexdigest()


def split_units(units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """A quarter of the documents held out; by unit when that leaves no coded test passage."""
    test = [u for u in units if held_out("doc:" + u.key.split(":")[1])]
    train = [u for u in units if not held_out("doc:" + u.key.split(":")[1])]
    if not any(u.codes for u in test) or not any(u.codes for u in train):
        test = [u for u in units if held_out(u.key)]
        train = [u for u in units if not held_out(u.key)]
    return train, test


def autocoder_train(*, campaign: Any, progress: Any = None) -> AutocoderModel:
    """Train on every coded passage; measure on a held-out part first. Returns the stored model."""
    from kozomol.coding.models import CodedPassage

    last_id = (
        CodedPassage.objects.filter(document__campaign=campaign)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
        or 0
    )
    cold = campaign_cold_model(campaign)
    units = training_units(campaign)
    if progress is not None:
        progress.set_total(3)
    metrics: dict[str, Any] = {"units": len(units), "coded_units": sum(1 for u in units if u.codes)}
    train, test = split_units(units)
    if len(test) >= MIN_UNITS_FOR_METRICS and any(u.codes for u in train):
        held_model = LearnedModel.train(cold, train)
        metrics["learned"] = evaluate(held_model, test, cold.codes)
        metrics["cold"] = evaluate(cold, test, cold.codes)
        metrics["train_units"] = len(train)
        metrics["test_units"] = len(test)
    if progress is not None:
        progress.advance(1)
    final = LearnedModel.train(cold, units) if any(u.codes for u in units) else LearnedModel(cold, {})
    if progress is not None:
        progress.advance(1)
    with transaction.atomic():
        stored = AutocoderModel.objects.create(
            campaign=campaign,
            params=final.params,
            metrics=metrics,
            passages_seen=sum(1 for u in units if u.codes),
            last_passage_id=last_id,
        )
        # Only the latest few are kept: each is a full copy of the weights.
        old = (
            AutocoderModel.objects.filter(campaign=campaign)
            .order_by("-created_at", "-id")
            .values_list("id", flat=True)[3:]
        )
        AutocoderModel.objects.filter(id__in=list(old)).delete()
    if progress is not None:
        progress.advance(1)
    return stored


def autocoder_retrain_enqueue(*, campaign: Any, user: Any = None) -> Any:
    """Queue a background retraining unless one is already waiting; returns its Job."""
    from kozomol.autocoding.tasks import retrain_autocoder
    from kozomol.core.jobs import job_create
    from kozomol.core.models import Job

    waiting = Job.objects.filter(
        campaign=campaign, kind="autocoding.retrain", status__in=[Job.Status.QUEUED]
    ).first()
    if waiting is not None:
        return waiting
    job = job_create(
        kind="autocoding.retrain", title=_("Retrain the auto-coder"), campaign=campaign, user=user
    )
    transaction.on_commit(lambda: retrain_autocoder.enqueue(campaign_id=campaign.pk, job_id=str(job.pk)))
    return job


def _check(document: Any, code: Any, start: int, end: int, text: str | None) -> None:
    if code.campaign_id != document.campaign_id:
        raise ValidationError(_(CODE_ERROR))
    if not (0 <= start < end <= len(document.text)) or (
        text is not None and document.text[start:end] != text
    ):
        raise ValidationError(_(SPAN_ERROR))


@transaction.atomic
def suggestion_accept(
    *, actor: Any, document: Any, code: Any, start: int, end: int, score: float, text: str | None = None
) -> list[Any]:
    """Code the passage as suggested (through coding's own service) and remember the decision."""
    from kozomol.coding.services import passages_create

    _check(document, code, start, end, text)
    if SuggestionDecision.objects.filter(
        document=document, code=code, coder=actor, start=start, end=end
    ).exists():
        raise ValidationError(_(ALREADY_DECIDED_ERROR))
    passages = passages_create(actor=actor, document=document, codes=[code], start=start, end=end)
    decision = SuggestionDecision.objects.create(
        document=document,
        code=code,
        coder=actor,
        start=start,
        end=end,
        decision=SuggestionDecision.Decision.ACCEPTED,
        score=score,
    )
    audit_create(actor, decision, campaign_id=document.campaign_id)
    autocoder_retrain_enqueue(campaign=document.campaign, user=actor)
    return passages


@transaction.atomic
def suggestion_reject(
    *, actor: Any, document: Any, code: Any, start: int, end: int, score: float, text: str | None = None
) -> SuggestionDecision:
    _check(document, code, start, end, text)
    decision, created = SuggestionDecision.objects.get_or_create(
        document=document,
        code=code,
        coder=actor,
        start=start,
        end=end,
        defaults={"decision": SuggestionDecision.Decision.REJECTED, "score": score},
    )
    if not created:
        raise ValidationError(_(ALREADY_DECIDED_ERROR))
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=decision, campaign_id=document.campaign_id)
    return decision
