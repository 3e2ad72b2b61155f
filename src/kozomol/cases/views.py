"""Pages of the internet reception: the public appeal pages and the caseworkers' pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kozomol.accounts.access import NOT_FOUND
from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_record
from kozomol.cases import forms, paging, retention, selectors, services
from kozomol.cases.models import Attachment, Case, CaseworkerProfile
from kozomol.cases.ratelimit import hit, rate_limited, too_many
from kozomol.cases.violations import violation_label
from kozomol.lib.translated import current_content_language

SESSION_KEY = "kozomol_appeal"
SESSION_SECONDS = 30 * 60


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store, private"
    return response


# --- public -------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("public", methods=("GET",))
def appeal_form(request: HttpRequest) -> HttpResponse:
    language = (get_language() or "ky").split("-")[0]
    if request.method == "POST":
        if not hit("appeal", request):
            return too_many(request, "appeal")
        form = forms.AppealForm(request.POST, request.FILES, language=language)
        if form.is_valid():
            case, secret = services.appeal_submit(data=_appeal_data(form.cleaned_data))
            from kozomol.directory.selectors import services_near

            nearby = services_near(
                city=case.city, country=case.country, women_staff=case.wants_woman, limit=6
            )
            # Shown once, straight in the answer to the POST: the secret is never stored in the clear.
            return _no_store(
                render(request, "cases/appeal_done.html", {"case": case, "secret": secret, "nearby": nearby})
            )
    else:
        form = forms.AppealForm(language=language)
    return _no_store(render(request, "cases/appeal_form.html", {"form": form}))


def _appeal_data(d: dict[str, Any]) -> services.AppealData:
    """The intake form's cleaned data (public or staff) as the service takes it."""
    return services.AppealData(
        violation_codes=d["violation_types"],
        country=d["country_obj"],
        city=d["city_obj"],
        happened_on=d.get("happened_on"),
        story=d.get("story", ""),
        employer=d.get("employer", ""),
        amount_owed=d.get("amount_owed"),
        owed_currency=d.get("owed_currency", ""),
        documents_taken=d["documents_taken"] == "yes",
        in_danger=d["in_danger"] == "yes",
        gender=d["gender"],
        contact_method=d["contact_method"],
        full_name=d.get("full_name", ""),
        phone=d.get("phone", ""),
        contact_details=d.get("contact_details", ""),
        passport_number=d.get("passport_number", ""),
        address=d.get("address", ""),
        preferred_language=d["preferred_language"],
        wants_woman=d.get("wants_woman", False),
        files=d.get("documents") or [],
    )


def _status_case(request: HttpRequest) -> Case | None:
    entry = request.session.get(SESSION_KEY)
    if not entry or entry.get("until", 0) < timezone.now().timestamp():
        return None
    return Case.objects.select_related("organisation").filter(pk=entry.get("id")).first()


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("public", methods=("GET",))
def appeal_status(request: HttpRequest) -> HttpResponse:
    case = _status_case(request)
    form = forms.StatusForm(request.POST or None)
    failed = False
    if request.method == "POST":
        if not hit("status", request):
            return too_many(request, "status")
        if form.is_valid():
            found = services.appeal_authenticate(
                reference=form.cleaned_data["reference"], secret=form.cleaned_data["secret"]
            )
            if found is not None:
                request.session.cycle_key()
                request.session[SESSION_KEY] = {
                    "id": found.pk,
                    "until": timezone.now().timestamp() + SESSION_SECONDS,
                }
                return redirect("cases:appeal_status")
        failed = True  # one message whether the code exists or not
        case = None
    context: dict[str, Any] = {"form": form, "failed": failed, "case": case}
    if case is not None:
        context["add_form"] = forms.AddInformationForm()
        context["violations"] = [violation_label(c) for c in case.violation_codes]
        context["added"] = case.actions.filter(kind="migrant").count()
    return _no_store(render(request, "cases/appeal_status.html", context))


@require_POST
@rate_limited("appeal")
def appeal_add_information(request: HttpRequest) -> HttpResponse:
    case = _status_case(request)
    if case is None:
        return redirect("cases:appeal_status")
    form = forms.AddInformationForm(request.POST, request.FILES)
    if form.is_valid():
        services.appeal_add_information(
            case=case, text=form.cleaned_data["text"], files=form.cleaned_data.get("documents") or []
        )
        messages.success(request, _("Thank you. Your information was added to the appeal."))
        return redirect("cases:appeal_status")
    return _no_store(
        render(
            request,
            "cases/appeal_status.html",
            {
                "form": forms.StatusForm(),
                "case": case,
                "add_form": form,
                "violations": [violation_label(c) for c in case.violation_codes],
            },
        )
    )


@require_POST
def appeal_status_leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("cases:appeal_status")


@rate_limited("public")
def appeal_statistics_public(request: HttpRequest) -> HttpResponse:
    stats = selectors.appeal_statistics(public=True)
    by_violation = [
        {**row, "label": violation_label(row["violation"])}
        for row in selectors.statistics_by_violation(stats)
    ]
    outcome_labels = dict(Case.Outcome.choices)
    outcomes = [{**o, "label": outcome_labels.get(o["outcome"], o["outcome"])} for o in stats["outcomes"]]
    return render(
        request,
        "cases/statistics.html",
        {
            "stats": stats,
            "by_violation": by_violation,
            "outcomes": outcomes,
            "public": True,
        },
    )


# --- caseworkers ------------------------------------------------------------------------


def _require_caseworker(request: HttpRequest) -> None:
    if not selectors.handling_organisation_ids(request.user):
        raise PermissionDenied


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    """A case typed in by staff for an appeal that arrived by phone, in person or at the consulate."""
    organisations = selectors.recording_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    form = forms.CaseRecordForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        case, secret = services.case_record(
            actor=request.user,
            organisation=d["organisation"],
            source=d["source"],
            data=_appeal_data(d),
        )
        from kozomol.directory.selectors import services_near

        can_open = case.organisation_id in selectors.handling_organisation_ids(request.user)
        # What the public form shows the migrant, for the one who records it to pass on.
        nearby = services_near(city=case.city, country=case.country, women_staff=case.wants_woman, limit=6)
        return _no_store(
            render(
                request,
                "cases/case_recorded.html",
                {"case": case, "secret": secret, "can_open": can_open, "nearby": nearby},
            )
        )
    return _no_store(
        render(
            request,
            "cases/case_new.html",
            {
                "form": form,
                "view": "new",
                "can_handle": bool(selectors.handling_organisation_ids(request.user)),
            },
        )
    )


QUEUE_PAGE_SIZE = 50


@login_required
def case_queue(request: HttpRequest) -> HttpResponse:
    _require_caseworker(request)
    view = request.GET.get("view", "queue")
    if view not in selectors.QUEUE_VIEWS:
        view = "queue"
    cases = selectors.case_queue(request.user, view=view)
    # Keyset paging: links carry the sort key of the first or last row shown, never an OFFSET.
    page = paging.page(
        cases,
        order=selectors.queue_order(view),
        values=QUEUE_VALUES,
        size=QUEUE_PAGE_SIZE,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    total = cases.select_related(None).only("id").order_by().count()  # without the rows' joins
    return render(
        request,
        "cases/queue.html",
        {
            "page": page,
            "rows": _queue_rows(page.rows),
            "total": total,
            "view": view,
            "referral_count": selectors.incoming_referrals(request.user).count(),
            "can_record": bool(selectors.recording_organisations(request.user)),
        },
    )


QUEUE_VALUES = (
    "id",
    "reference",
    "received_at",
    "status",
    "urgent",
    "wants_woman",
    "deadline",
    "violation_codes",
    "caseworker_id",
    "caseworker__email",
    "caseworker__full_name",
    "city__name_ru",
    "city__name_ky",
    "city__name_en",
    "country__name_ru",
    "country__name_ky",
    "country__name_en",
)


def _queue_rows(page: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Plain values for the queue's rows: no model instances, and the template only prints."""
    today = timezone.localdate()
    lang = current_content_language()
    statuses = {value: str(label) for value, label in Case.Status.choices}
    rows = []
    for c in page:
        prefix = "city" if c["city__name_ru"] else "country"
        place = c[f"{prefix}__name_{lang}"] or c[f"{prefix}__name_ru"] or ""
        deadline = c["deadline"]
        rows.append(
            {
                "pk": c["id"],
                "reference": c["reference"],
                "urgent": c["urgent"],
                "wants_woman": c["wants_woman"],
                "received": timezone.localtime(c["received_at"]).strftime("%d.%m.%Y"),
                "place": place,
                "codes": ", ".join(c["violation_codes"] or []),
                "status": statuses.get(c["status"], c["status"]),
                "caseworker": (c["caseworker__full_name"] or c["caseworker__email"])
                if c["caseworker_id"]
                else "—",
                "deadline": deadline.strftime("%d.%m.%Y") if deadline else "—",
                "overdue": bool(deadline and deadline < today and c["status"] != Case.Status.CLOSED),
            }
        )
    return rows


@login_required
def referral_inbox(request: HttpRequest) -> HttpResponse:
    _require_caseworker(request)
    return render(
        request,
        "cases/referrals.html",
        {
            "referrals": selectors.incoming_referrals(request.user),
            "view": "referrals",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_answer(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.get_incoming_referral_for_user(request.user, pk)
    form = forms.ReferralAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.referral_answer(
                referral=referral, actor=request.user, accept=accept, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            form.add_error(None, _(exc.messages[0]))
        else:
            if accept:
                messages.success(request, _("You accepted the case. It is now assigned to you."))
                return redirect("cases:detail", pk=referral.case_id)
            messages.success(request, _("You declined the referral."))
            return redirect("cases:referrals")
    case = referral.case
    return render(
        request,
        "cases/referral_answer.html",
        {
            "referral": referral,
            "case": case,
            "form": form,
            "violations": [violation_label(c) for c in case.violation_codes],
        },
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk)
    personal = services.case_reveal(case=case, actor=request.user)
    actions = [
        {"action": a, "note": services.action_note(a)}
        for a in case.actions.select_related("actor", "organisation")
    ]
    duplicates, elsewhere = selectors.possible_duplicates(case, request.user)
    candidates = services.caseworkers_for(case)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "personal": personal,
            "actions": actions,
            "violations": [violation_label(c) for c in case.violation_codes],
            "attachments": list(case.attachments.all()),
            "referrals": list(case.referrals.select_related("to_organisation", "from_organisation")),
            "duplicates": duplicates,
            "duplicates_elsewhere": elsewhere,
            "overdue": case.is_overdue(),
            "triage_form": forms.TriageForm(
                initial={
                    **{name: getattr(case, name) for name in Case.FLAG_FIELDS},
                    "deadline": case.deadline,
                }
            ),
            "assign_form": forms.AssignForm(
                candidates=candidates, initial={"caseworker": case.caseworker_id}
            ),
            "plan_form": forms.PlanForm(initial={"plan": personal.plan}),
            "action_form": forms.ActionForm(),
            "referral_form": forms.ReferralForm(exclude_id=case.organisation_id),
            "close_form": forms.CloseForm(),
            "reopen_form": forms.ReopenForm(),
        },
    )


def _case_post(
    request: HttpRequest, pk: int, form_class: Any, apply: Any, done: str, **form_kwargs: Any
) -> HttpResponse:
    """Shared handling of the small forms on the case page: validate, call the service, report."""
    case = selectors.get_case_for_user(request.user, pk)
    kwargs = {key: value(case) if callable(value) else value for key, value in form_kwargs.items()}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            apply(case, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _(exc.messages[0]))
        else:
            messages.success(request, done)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return redirect("cases:detail", pk=pk)


@login_required
@require_POST
def case_triage(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        forms.TriageForm,
        lambda case, d: services.case_triage(
            case=case,
            actor=request.user,
            flags={n: d[n] for n in Case.FLAG_FIELDS},
            deadline=d["deadline"],
            note=d["note"],
        ),
        _("Triage saved."),
    )


@login_required
@require_POST
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        forms.AssignForm,
        lambda case, d: services.case_assign(
            case=case,
            actor=request.user,
            caseworker=d["caseworker"],
            override_preference=d["override_preference"],
        ),
        _("Caseworker assigned."),
        candidates=services.caseworkers_for,
    )


@login_required
@require_POST
def case_plan(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        forms.PlanForm,
        lambda case, d: services.case_plan_update(case=case, actor=request.user, plan=d["plan"]),
        _("Plan saved."),
    )


@login_required
@require_POST
def case_action(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        forms.ActionForm,
        lambda case, d: services.case_action_add(case=case, actor=request.user, note=d["note"]),
        _("Action recorded."),
    )


@login_required
@require_POST
def case_refer(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        forms.ReferralForm,
        lambda case, d: services.referral_create(
            case=case,
            actor=request.user,
            to_organisation=d["to_organisation"],
            reason=d["reason"],
        ),
        _("Referral sent. The partner will accept or decline it."),
        exclude_id=lambda case: case.organisation_id,
    )


@login_required
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        forms.CloseForm,
        lambda case, d: services.case_close(
            case=case,
            actor=request.user,
            outcome=d["outcome"],
            amount=d["amount"],
            currency=d["currency"],
            note=d["note"],
        ),
        _("The case is closed."),
    )


@login_required
@require_POST
def case_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        forms.ReopenForm,
        lambda case, d: services.case_reopen(case=case, actor=request.user, reason=d["reason"]),
        _("The case is open again."),
    )


@login_required
def attachment_download(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk)
    attachment = Attachment.objects.filter(case=case, name=name).first()
    if attachment is None:
        raise Http404(NOT_FOUND)
    data = services.attachment_read(attachment=attachment, actor=request.user)
    response = HttpResponse(data, content_type=attachment.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{case.reference}-{attachment.pk}.{attachment.extension}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return _no_store(response)


@login_required
@require_http_methods(["GET", "POST"])
def caseworker_profile(request: HttpRequest) -> HttpResponse:
    _require_caseworker(request)
    profile, _created = CaseworkerProfile.objects.get_or_create(user=request.user)
    form = forms.ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        from kozomol.audit.services import audit_update, stored_snapshot

        before = stored_snapshot(profile)
        form.save()
        audit_update(request.user, profile, before)
        messages.success(request, _("Saved."))
        return redirect("cases:queue")
    return render(request, "cases/profile.html", {"form": form})


@login_required
def case_statistics(request: HttpRequest) -> HttpResponse:
    """The organisation's own figures, unsuppressed, for its caseworkers."""
    _require_caseworker(request)
    stats = selectors.appeal_statistics(
        public=False, organisation_ids=selectors.handling_organisation_ids(request.user)
    )
    by_violation = [
        {**row, "label": violation_label(row["violation"])}
        for row in selectors.statistics_by_violation(stats)
    ]
    outcome_labels = dict(Case.Outcome.choices)
    outcomes = [{**o, "label": outcome_labels.get(o["outcome"], o["outcome"])} for o in stats["outcomes"]]
    return render(
        request,
        "cases/statistics.html",
        {
            "stats": stats,
            "by_violation": by_violation,
            "outcomes": outcomes,
            "public": False,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest) -> HttpResponse:
    """An administrator or coordinator erases one person's data on request, found through the blind index."""
    org_ids = retention.erasing_organisation_ids(request.user)
    if not org_ids:
        raise PermissionDenied
    # Numbers travel in POST bodies only: never in an address, a log line or the browser history.
    search = forms.ErasureSearchForm(request.POST or None)
    found: list[Case] = []
    confirm = None
    if search.is_bound and search.is_valid():
        d = search.cleaned_data
        found = list(
            retention.find_person_cases(
                phone=d["phone"], passport=d["passport"], reference=d["reference"], organisation_ids=org_ids
            ).only("id", "reference", "received_at", "status", "erased_at", "organisation_id")
        )
        erase = "erase" in request.POST
        confirm = forms.ErasureConfirmForm(request.POST if erase else None, found=found)
        if erase and confirm.is_valid():
            chosen = [c for c in found if c.pk in set(confirm.cleaned_data["cases"])]
            report = retention.erase_person_on_request(
                actor=request.user, cases=chosen, reason=confirm.cleaned_data["reason"]
            )
            messages.success(
                request,
                _("The personal data of %(n)s cases was erased: %(codes)s.")
                % {"n": report.cases, "codes": ", ".join(report.references)},
            )
            return redirect("cases:erase")
        if not erase:
            # Looking a person up is a use of personal data too: logged, without the number.
            audit_record(
                actor=request.user,
                action=AuditEntry.Action.VIEW,
                object_type="cases.case",
                object_repr=f"erasure search: {len(found)} cases found",
                message="blind-index search for an erasure request",
            )
    return _no_store(
        render(request, "cases/erase.html", {"search": search, "found": found, "confirm": confirm})
    )
