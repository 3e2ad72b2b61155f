"""Pages of data collection: the web form with drafts, the device set-up, and the review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kozomol.accounts.access import NOT_FOUND, campaign_perms, get_campaign_for_user, users_for_user
from kozomol.accounts.roles import Perm
from kozomol.places.models import Location
from kozomol.questionnaires.models import Form, FormVersion
from kozomol.questionnaires.schema import pick_label
from kozomol.questionnaires.selectors import get_form
from kozomol.submissions import openrosa, selectors, services, webform
from kozomol.submissions.models import CollectToken, Submission
from kozomol.submissions.xformlogic import form_logic


def _interface_language() -> str:
    return (get_language() or "ru")[:2]


# --- collect -----------------------------------------------------------------------


@login_required
def collect_home(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.COLLECT)
    forms = [
        f for f in Form.objects.filter(campaign=campaign, is_open=True).order_by("title") if f.current_version
    ]
    return render(
        request,
        "submissions/collect.html",
        {
            "campaign": campaign,
            "forms": forms,
            "drafts": selectors.drafts_for_user(request.user, campaign),
            "mine": Submission.objects.filter(campaign=campaign, submitted_by_id=request.user.pk)
            .select_related("form")
            .order_by("-received_at")[:20],
            "server_url": request.build_absolute_uri(
                reverse("submissions:openrosa_root", kwargs={"slug": slug})
            ),
        },
    )


@login_required
@require_POST
def draft_start(request: HttpRequest, slug: str, form_pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.COLLECT)
    form = get_form(campaign, form_pk)
    if not form.is_open:
        raise Http404(NOT_FOUND)
    try:
        draft = services.draft_start(form=form, user=request.user, language=request.POST.get("language", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("submissions:collect", slug=slug)
    return redirect("submissions:draft_edit", slug=slug, draft_pk=draft.pk)


def _draft_files(draft: Any) -> dict[str, str]:
    return {f.field: f.name for f in draft.files.all()}


def _checked(
    schema: Any,
    values: dict[str, Any],
    *,
    language: str,
    files: dict[str, str],
    filters: Any,
    calculations: dict[str, str],
    **moments: Any,
) -> tuple[dict[str, str], dict[str, Any] | None]:
    """(errors, None) for a page with errors; else ({}, the submission's data) — for both web-form pages."""
    errors = webform.check(
        schema, values, language=language, files=files, filters=filters, calculations=calculations
    )
    if errors:
        return errors, None
    return {}, webform.to_data(
        schema, values, language=language, files=files, calculations=calculations, **moments
    )


@login_required
@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, slug: str, draft_pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.COLLECT)
    draft = selectors.get_draft_for_user(request.user, campaign, draft_pk)
    schema, filters = webform.web_form(draft.form_version)
    logic = form_logic(draft.form_version)
    errors: dict[str, str] = {}
    values = draft.data
    language = webform.choose_language(schema, draft.language, _interface_language())
    if request.method == "POST":
        action = request.POST.get("action", "save")
        values = webform.values_from_post(schema, request.POST, draft.data)
        language = webform.choose_language(
            schema, request.POST.get("language", language), _interface_language()
        )
        if action.startswith(("add:", "remove:")):
            webform.resize_repeat(schema, values, action, logic.item_defaults)
        uploads: dict[str, Any] = {
            name[2:]: request.FILES[name] for name in request.FILES if name.startswith("f:")
        }
        try:
            draft = services.draft_save(
                draft=draft,
                values=values,
                actor=request.user,
                language=language,
                files=uploads,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("submissions:draft_edit", slug=slug, draft_pk=draft.pk)
        files = _draft_files(draft)
        if action == "submit":
            errors, data = _checked(
                schema,
                values,
                language=language,
                files=files,
                filters=filters,
                calculations=logic.calculations,
                started=draft.created_at,
                ended=timezone.now(),
            )
            if data is not None:
                submission = services.draft_submit(draft=draft, data=data, actor=request.user)
                messages.success(
                    request, _("The interview was submitted (%(id)s).") % {"id": submission.instance_id}
                )
                return redirect("submissions:collect", slug=slug)
            messages.error(request, _("Some answers need attention; the draft is saved."))
        elif action.startswith(("add:", "remove:")):
            return redirect(
                reverse("submissions:draft_edit", kwargs={"slug": slug, "draft_pk": draft.pk})
                + "#"
                + action.split(":", 1)[1]
            )
        else:
            messages.success(request, _("Draft saved."))
            return redirect("submissions:draft_edit", slug=slug, draft_pk=draft.pk)
    files = _draft_files(draft)
    tree = webform.build_tree(
        schema,
        values,
        language=language,
        errors=errors,
        files=files,
        filters=filters,
        calculations=logic.calculations,
    )
    return render(
        request,
        "submissions/draft_form.html",
        {
            "campaign": campaign,
            "draft": draft,
            "title": draft.form.title,
            "tree": tree,
            "errors": errors,
            "language": language,
            "form_languages": [(lang, webform.language_label(lang)) for lang in schema.languages],
            "autosave_url": reverse(
                "submissions:draft_autosave", kwargs={"slug": slug, "draft_pk": draft.pk}
            ),
        },
    )


@login_required
@require_POST
def draft_autosave(request: HttpRequest, slug: str, draft_pk: int) -> JsonResponse:
    """Called by webform.js as the monitor types; answers JSON."""
    campaign = get_campaign_for_user(request.user, slug, Perm.COLLECT)
    draft = selectors.get_draft_for_user(request.user, campaign, draft_pk)
    schema = webform.web_schema(draft.form_version)
    values = webform.values_from_post(schema, request.POST, draft.data)
    try:
        revision = int(request.POST.get("revision", "0"))
    except ValueError:
        revision = 0
    language = webform.choose_language(
        schema, request.POST.get("language", draft.language), _interface_language()
    )
    try:
        draft = services.draft_save(
            draft=draft, values=values, actor=request.user, revision=revision, language=language
        )
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=409)
    return JsonResponse(
        {
            "ok": True,
            "revision": draft.revision,
            "saved_at": timezone.localtime(draft.updated_at).strftime("%H:%M:%S"),
        }
    )


@login_required
@require_POST
def draft_discard(request: HttpRequest, slug: str, draft_pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.COLLECT)
    draft = selectors.get_draft_for_user(request.user, campaign, draft_pk)
    services.draft_delete(draft=draft, actor=request.user)
    messages.success(request, _("The draft was discarded."))
    return redirect("submissions:collect", slug=slug)


# --- devices (ODK Collect) --------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def collect_device(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.COLLECT)
    if request.method == "POST":
        token = services.collect_token_create(
            campaign=campaign, user=request.user, label=request.POST.get("label", ""), actor=request.user
        )
        messages.success(request, _("Scan the new QR code with ODK Collect."))
        return redirect(reverse("submissions:collect_device", kwargs={"slug": slug}) + f"#token-{token.pk}")
    tokens = CollectToken.objects.filter(
        campaign=campaign, user_id=request.user.pk or 0, revoked_at__isnull=True
    ).order_by("-created_at")
    rows = [
        {
            "token": t,
            "url": request.build_absolute_uri(
                reverse("submissions:openrosa_key_root", kwargs={"slug": slug, "token": t.token})
            ),
        }
        for t in tokens
    ]
    return render(
        request,
        "submissions/device.html",
        {
            "campaign": campaign,
            "tokens": rows,
            "server_url": request.build_absolute_uri(
                reverse("submissions:openrosa_root", kwargs={"slug": slug})
            ),
        },
    )


def _own_token(request: HttpRequest, slug: str, token_pk: int) -> tuple[Any, CollectToken]:
    campaign = get_campaign_for_user(request.user, slug, Perm.COLLECT)
    token = CollectToken.objects.filter(
        campaign=campaign, user_id=request.user.pk or 0, pk=token_pk, revoked_at__isnull=True
    ).first()
    if token is None:
        raise Http404(NOT_FOUND)
    return campaign, token


@login_required
def collect_qr(request: HttpRequest, slug: str, token_pk: int) -> HttpResponse:
    campaign, token = _own_token(request, slug, token_pk)
    url = request.build_absolute_uri(
        reverse("submissions:openrosa_key_root", kwargs={"slug": slug, "token": token.token})
    )
    svg = openrosa.collect_qr_svg(openrosa.collect_settings(url, project=campaign.title))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def collect_revoke(request: HttpRequest, slug: str, token_pk: int) -> HttpResponse:
    _campaign, token = _own_token(request, slug, token_pk)
    services.collect_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The device link no longer works."))
    return redirect("submissions:collect_device", slug=slug)


# --- review --------------------------------------------------------------------------


@login_required
def review_list(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.REVIEW_SUBMISSIONS)
    qs = selectors.submissions_filtered(campaign, request.GET)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "submissions/review_list.html",
        {
            "campaign": campaign,
            "page": page,
            "query": params.urlencode(),
            "f": {name: request.GET.get(name, "") for name in selectors.FILTERS},
            "statuses": Submission.Status.choices,
            "target_groups": campaign.target_groups.all(),
            "cities": Location.objects.filter(
                kind="city", pk__in=Submission.objects.filter(campaign=campaign).values("city_id")
            ),
            "countries": sorted(
                set(
                    Submission.objects.filter(campaign=campaign)
                    .exclude(country_code="")
                    .values_list("country_code", flat=True)
                )
            ),
            "monitors": users_for_user(request.user).filter(
                pk__in=Submission.objects.filter(campaign=campaign).values("submitted_by_id")
            ),
            "versions": FormVersion.objects.filter(form__campaign=campaign)
            .select_related("form")
            .order_by("form__title", "-created_at"),
        },
    )


@login_required
@require_POST
def review_bulk(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.REVIEW_SUBMISSIONS)
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
    status = request.POST.get("status", "")
    if not ids:
        messages.error(request, _("Tick the submissions to change."))
    else:
        try:
            changed = services.submissions_bulk_status(
                campaign=campaign, ids=ids, status=status, actor=request.user
            )
            messages.success(request, _("%(count)d submission(s) changed.") % {"count": changed})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    back = request.POST.get("back", "")
    url = reverse("submissions:review_list", kwargs={"slug": slug})
    return redirect(url + ("?" + back if back and "//" not in back else ""))


def _answers_for_display(submission: Submission, language: str) -> list[dict[str, Any]]:
    schema = webform.web_schema(submission.form_version)
    default = schema.default_language
    rows: list[dict[str, Any]] = []

    def label(path: str) -> str:
        question = schema.question(path)
        return pick_label(question.labels, language, default) if question else ""

    def value_label(path: str, value: Any) -> str:
        question = schema.question(path)
        if question is None or not question.is_select or not question.list_name:
            return str(value)
        names = {
            c.name: pick_label(c.labels, language, default) or c.name
            for c in schema.choices.get(question.list_name, [])
        }
        return ", ".join(names.get(v, v) for v in str(value).split())

    def walk(data: dict[str, Any], depth: int) -> None:
        for path, value in data.items():
            if isinstance(value, list):
                group = schema.group(path)
                title = pick_label(group.labels, language, default) if group else path
                for index, item in enumerate(value):
                    rows.append({"heading": f"{title or path} {index + 1}", "depth": depth})
                    if isinstance(item, dict):
                        walk(item, depth + 1)
                continue
            rows.append(
                {"path": path, "label": label(path), "value": value_label(path, value), "depth": depth}
            )

    walk(submission.data, 0)
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.REVIEW_SUBMISSIONS)
    submission = selectors.get_submission(campaign, pk)
    if request.method == "POST":
        status = request.POST.get("status", "")
        comment = request.POST.get("comment", "")
        try:
            if status:
                services.submission_set_status(
                    submission=submission, status=status, actor=request.user, comment=comment
                )
                messages.success(request, _("Review state saved."))
            else:
                services.submission_comment_add(submission=submission, text=comment, actor=request.user)
                messages.success(request, _("Comment added."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("submissions:review_detail", slug=slug, pk=pk)
    schema = submission.form_version.parsed
    language = webform.choose_language(schema, request.GET.get("lang", ""), _interface_language())
    return render(
        request,
        "submissions/review_detail.html",
        {
            "campaign": campaign,
            "s": submission,
            "answers": _answers_for_display(submission, language),
            "attachments": submission.attachments.all(),
            "comments": submission.comments.select_related("author"),
            "edits": submission.edits.select_related("actor"),
            "statuses": Submission.Status.choices,
            "form_languages": [(lang, webform.language_label(lang)) for lang in schema.languages],
            "language": language,
            "can_export": Perm.EXPORT_DATA in campaign_perms(request.user, campaign),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.REVIEW_SUBMISSIONS)
    submission = selectors.get_submission(campaign, pk)
    schema, filters = webform.web_form(submission.form_version)
    logic = form_logic(submission.form_version)
    language = webform.choose_language(
        schema, request.POST.get("language", request.GET.get("lang", "")), _interface_language()
    )
    files = {}
    values = webform.from_data(schema, submission.data)
    for question in schema.questions:
        if question.is_file and question.repeat is None and submission.data.get(question.path):
            files[question.path] = submission.data[question.path]
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = webform.values_from_post(schema, request.POST, {})
        action = request.POST.get("action", "save")
        if action.startswith(("add:", "remove:")):
            webform.resize_repeat(schema, values, action, logic.item_defaults)
        else:
            errors, data = _checked(
                schema,
                values,
                language=language,
                files=files,
                filters=filters,
                calculations=logic.calculations,
            )
            if data is not None:
                # Metadata the page does not show (start, end, calculations it cannot compute) stays as received.
                shown = {q.path for q in schema.questions if q.type not in webform.HIDDEN_TYPES}
                for path, value in submission.data.items():
                    if path not in shown and path not in data and not isinstance(value, list):
                        data[path] = value
                services.submission_update_data(submission=submission, data=data, actor=request.user)
                messages.success(request, _("Answers saved; the change is in the history."))
                return redirect("submissions:review_detail", slug=slug, pk=pk)
    tree = webform.build_tree(
        schema,
        values,
        language=language,
        errors=errors,
        files=files,
        filters=filters,
        calculations=logic.calculations,
    )
    return render(
        request,
        "submissions/review_edit.html",
        {
            "campaign": campaign,
            "s": submission,
            "tree": tree,
            "errors": errors,
            "language": language,
            "form_languages": [(lang, webform.language_label(lang)) for lang in schema.languages],
        },
    )


@login_required
def attachment_download(request: HttpRequest, slug: str, pk: int, attachment_pk: int) -> FileResponse:
    campaign = get_campaign_for_user(request.user, slug)
    perms = campaign_perms(request.user, campaign)
    submission = selectors.get_submission(campaign, pk)
    allowed = (
        Perm.REVIEW_SUBMISSIONS in perms
        or Perm.EXPORT_DATA in perms
        or (Perm.COLLECT in perms and submission.submitted_by_id == request.user.pk)
    )
    if not allowed:
        raise PermissionDenied
    attachment = submission.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(NOT_FOUND)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
