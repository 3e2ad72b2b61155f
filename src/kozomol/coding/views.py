"""Pages of qualitative analysis: documents, coding, codebook, retrieval, agreement, REFI-QDA."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kozomol.accounts.access import NOT_FOUND, campaign_perms, get_campaign_for_user
from kozomol.accounts.roles import Perm
from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_record
from kozomol.campaigns.models import Campaign
from kozomol.coding import quotes, refi, selectors, services
from kozomol.coding.agreement import CHARACTER, SENTENCE
from kozomol.coding.extract import extract_text
from kozomol.coding.forms import CodeForm, CodeMergeForm, CodeMoveForm, DocumentForm, UploadForm
from kozomol.coding.models import Code, CodedPassage, Document, Memo
from kozomol.coding.text import context_around
from kozomol.core.nav import campaign_sections_for
from kozomol.places.models import Location


def _campaign(request: HttpRequest, slug: str, *perms: Perm) -> Campaign:
    """The campaign if the user holds any of ``perms`` (404 for outsiders, 403 otherwise)."""
    campaign = get_campaign_for_user(request.user, slug)
    # Any member of a taking-part organisation may read what asks for no permission (the
    # codebook): the roles are looked up only when a permission is asked for.
    if perms and not any(p in campaign_perms(request.user, campaign) for p in perms):
        raise PermissionDenied
    return campaign


def _reader(request: HttpRequest, slug: str) -> Campaign:
    return _campaign(request, slug, *selectors.READ_PERMS)


def _context(request: HttpRequest, campaign: Campaign, **extra: Any) -> dict[str, Any]:
    perms = campaign_perms(request.user, campaign)
    return {
        "campaign": campaign,
        "perms": {p.value for p in perms},
        "sections": campaign_sections_for(request.user, campaign),
        **extra,
    }


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _filters(request: HttpRequest) -> selectors.PassageFilters:
    coder_ids = tuple(i for i in (_int(v) for v in request.GET.getlist("coder")) if i)
    return selectors.PassageFilters(
        country=(request.GET.get("country") or "")[:2].upper(),
        city_id=_int(request.GET.get("city")),
        target_group_id=_int(request.GET.get("target_group")),
        gender=(request.GET.get("gender") or "")[:20],
        coder_ids=coder_ids,
        kind=(request.GET.get("kind") or "")[:12],
    )


def _filter_choices(campaign: Campaign) -> dict[str, Any]:
    return {
        "countries": Location.objects.filter(kind=Location.Kind.COUNTRY).order_by("code"),
        "cities": Location.objects.filter(
            pk__in=Document.objects.filter(campaign=campaign).values("city_id")
        ),
        "target_groups": campaign.target_groups.all(),
        "coders": selectors.coders_of_campaign(campaign),
        "genders": [
            g
            for g in Document.objects.filter(campaign=campaign)
            .values_list("gender", flat=True)
            .distinct()
            .order_by("gender")
            if g
        ],
    }


# --- documents -----------------------------------------------------------------------


@login_required
def document_list(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _reader(request, slug)
    filters = _filters(request)
    documents = selectors.documents_for_campaign(campaign, filters, q=(request.GET.get("q") or "")[:100])
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "coding/document_list.html",
        _context(
            request,
            campaign,
            page=page,
            filters=filters,
            q=request.GET.get("q", ""),
            kinds=Document.Kind.choices,
            can_add=bool({Perm.COLLECT, Perm.CODE} & campaign_perms(request.user, campaign)),
            **_filter_choices(campaign),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.COLLECT, Perm.CODE)
    form = DocumentForm(request.POST or None, request.FILES or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            upload = data.get("file")
            if upload:
                text = extract_text(upload.name, upload.read())
                filename = upload.name
            else:
                text, filename = data["text"], ""
            document = services.document_create(
                actor=request.user,
                campaign=campaign,
                title=data["title"],
                text=text,
                kind=data["kind"],
                external_id=data.get("external_id") or "",
                target_group=data.get("target_group"),
                country_code=data.get("country_code") or "",
                city=data.get("city"),
                gender=data.get("gender") or "",
                original_filename=filename,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The document was added."))
            return redirect("coding:document", slug=campaign.slug, document_id=document.pk)
    return render(request, "coding/document_form.html", _context(request, campaign, form=form))


@login_required
@require_POST
def document_delete(request: HttpRequest, slug: str, document_id: int) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.MANAGE_CODEBOOK, Perm.COLLECT)
    document = selectors.get_document_for_user(request.user, campaign, document_id)
    if document.created_by_id != request.user.pk and not campaign_perms(request.user, campaign) & {
        Perm.MANAGE_CODEBOOK
    }:
        raise PermissionDenied
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document was deleted."))
    return redirect("coding:documents", slug=campaign.slug)


def _coder_selection(request: HttpRequest, campaign: Campaign, document: Document) -> tuple[list[int], str]:
    """Which coders' passages to show: "mine" (default for coders), "all", or chosen ids."""
    view = request.GET.get("view") or (
        "mine" if Perm.CODE in campaign_perms(request.user, campaign) else "all"
    )
    if view == "mine":
        return [request.user.pk], view
    if view == "all":
        return [], view
    ids = [i for i in (_int(v) for v in request.GET.getlist("coder")) if i]
    return ids, "some"


def _passage_json(passage: CodedPassage, user_id: int) -> dict[str, Any]:
    return {
        "id": passage.pk,
        "start": passage.start,
        "end": passage.end,
        "code": passage.code_id,
        "identifier": passage.code.identifier,
        "label": passage.code.label,
        "colour": passage.code.colour,
        "coder": passage.coder_id,
        "coder_name": passage.coder.get_full_name(),
        "memo": passage.memo,
        "mine": passage.coder_id == user_id,
        "text": passage.text,
    }


@login_required
def document_detail(request: HttpRequest, slug: str, document_id: int) -> HttpResponse:
    """The coding page: the text with the chosen coders' passages in the margin."""
    campaign = _reader(request, slug)
    document = selectors.get_document_for_user(request.user, campaign, document_id)
    services.codebook_seed(actor=request.user, campaign=campaign)
    coder_ids, view = _coder_selection(request, campaign, document)
    passages = list(selectors.passages_for_document(document, coder_ids or None))
    tree = selectors.codebook_tree(campaign)
    can_code = Perm.CODE in campaign_perms(request.user, campaign)
    payload = {
        "text": document.text,
        "passages": [_passage_json(p, request.user.pk) for p in passages],
        "codes": [
            {"id": c.pk, "identifier": c.identifier, "label": c.label, "colour": c.colour, "depth": d}
            for c, d in tree
        ],
        "canCode": can_code,
        "urls": {
            "create": reverse("coding:passage_create", kwargs={"slug": slug, "document_id": document.pk}),
            "passage": reverse(
                "coding:passage_update", kwargs={"slug": slug, "document_id": document.pk, "passage_id": 0}
            ),
        },
        "strings": {
            "remove": _("Remove"),
            "change": _("Change code"),
            "by": _("coded by"),
            "chooseCode": _("Choose at least one code."),
            "selectText": _("Select a passage of the text first."),
            "saved": _("Saved."),
            "memo": _("Memo"),
            "save": _("Save"),
        },
    }
    memos = Memo.objects.filter(document=document).select_related("author")
    return render(
        request,
        "coding/document_detail.html",
        _context(
            request,
            campaign,
            document=document,
            payload=payload,
            tree=tree,
            passages=passages,
            view=view,
            coders=selectors.coders_of_campaign(campaign),
            chosen=coder_ids,
            can_code=can_code,
            memos=memos,
            can_delete=document.created_by_id == request.user.pk
            or Perm.MANAGE_CODEBOOK in campaign_perms(request.user, campaign),
        ),
    )


def _json_body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        data = request.POST.dict() | {"codes": request.POST.getlist("codes")}
    return data


def _error(exc: ValidationError, status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": exc.messages}, status=status)


@login_required
@require_POST
def passage_create(request: HttpRequest, slug: str, document_id: int) -> JsonResponse:
    campaign = _campaign(request, slug, Perm.CODE)
    document = selectors.get_document_for_user(request.user, campaign, document_id)
    data = _json_body(request)
    start, end = _int(str(data.get("start", ""))), _int(str(data.get("end", "")))
    code_ids = [i for i in (_int(str(v)) for v in data.get("codes") or []) if i]
    codes = list(Code.objects.filter(campaign=campaign, pk__in=code_ids))
    if start is None or end is None:
        return JsonResponse({"errors": [_(services.SPAN_ERROR) % {"length": len(document.text)}]}, status=400)
    try:
        created = services.passages_create(
            actor=request.user,
            document=document,
            codes=codes,
            start=start,
            end=end,
            quote=data.get("quote"),
            memo=str(data.get("memo") or ""),
        )
    except ValidationError as exc:
        return _error(exc)
    return JsonResponse({"passages": [_passage_json(p, request.user.pk) for p in created]}, status=201)


@login_required
@require_POST
def passages_batch(request: HttpRequest, slug: str) -> JsonResponse:
    """``{"passages": [{"document", "start", "end", "codes", "quote"?, "memo"?}, ...]}`` — all or nothing."""
    campaign = _campaign(request, slug, Perm.CODE)
    data = _json_body(request)
    items = data.get("passages")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return JsonResponse({"errors": [_(services.NO_CODES_ERROR)]}, status=400)
    try:
        created = services.passages_bulk_create(actor=request.user, campaign=campaign, items=items)
    except ValidationError as exc:
        return _error(exc)
    return JsonResponse({"created": [p.pk for p in created]}, status=201)


def _own_passage(request: HttpRequest, slug: str, document_id: int, passage_id: int) -> CodedPassage:
    campaign = _campaign(request, slug, Perm.CODE)
    passage = (
        CodedPassage.objects.filter(pk=passage_id, document_id=document_id, document__campaign=campaign)
        .select_related("document", "code", "coder")
        .first()
    )
    if passage is None:
        raise Http404(NOT_FOUND)
    return passage


@login_required
@require_POST
def passage_update(request: HttpRequest, slug: str, document_id: int, passage_id: int) -> JsonResponse:
    passage = _own_passage(request, slug, document_id, passage_id)
    data = _json_body(request)
    code = None
    if data.get("code"):
        code = Code.objects.filter(
            campaign_id=passage.document.campaign_id, pk=_int(str(data["code"]))
        ).first()
        if code is None:
            return JsonResponse({"errors": [_(services.NO_CODES_ERROR)]}, status=400)
    try:
        if data.get("delete"):
            services.passage_delete(actor=request.user, passage=passage)
            return JsonResponse({"deleted": passage_id})
        passage = services.passage_update(
            actor=request.user,
            passage=passage,
            code=code,
            memo=str(data["memo"]) if "memo" in data else None,
        )
    except ValidationError as exc:
        return _error(exc, status=403 if passage.coder_id != request.user.pk else 400)
    return JsonResponse({"passage": _passage_json(passage, request.user.pk)})


@login_required
@require_POST
def memo_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.CODE, Perm.MANAGE_CODEBOOK)
    target: dict[str, Any] = {}
    back = reverse("coding:codebook", kwargs={"slug": slug})
    if request.POST.get("document"):
        target["document"] = get_object_or_404(Document, campaign=campaign, pk=_int(request.POST["document"]))
        back = reverse("coding:document", kwargs={"slug": slug, "document_id": target["document"].pk})
    elif request.POST.get("code"):
        target["code"] = get_object_or_404(Code, campaign=campaign, pk=_int(request.POST["code"]))
        back = reverse("coding:code_edit", kwargs={"slug": slug, "code_id": target["code"].pk})
    elif request.POST.get("passage"):
        passage = get_object_or_404(
            CodedPassage, document__campaign=campaign, pk=_int(request.POST["passage"])
        )
        target["passage"] = passage
        back = reverse("coding:document", kwargs={"slug": slug, "document_id": passage.document_id})
    try:
        services.memo_create(actor=request.user, text=request.POST.get("text", ""), **target)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The memo was saved."))
    return redirect(back)


@login_required
@require_POST
def memo_delete(request: HttpRequest, slug: str, memo_id: int) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.CODE, Perm.MANAGE_CODEBOOK)
    memo = get_object_or_404(Memo, campaign=campaign, pk=memo_id)
    if memo.author_id != request.user.pk:
        raise PermissionDenied
    services.memo_delete(actor=request.user, memo=memo)
    messages.success(request, _("The memo was deleted."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("coding:documents", kwargs={"slug": slug})
    return redirect(next_url)


# --- codebook -------------------------------------------------------------------------


@login_required
def codebook(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    services.codebook_seed(actor=request.user, campaign=campaign)
    tree = selectors.codebook_tree(campaign)
    counts = dict(Code.objects.filter(campaign=campaign).annotate(n=Count("passages")).values_list("pk", "n"))
    can_manage = Perm.MANAGE_CODEBOOK in campaign_perms(request.user, campaign)
    return render(
        request,
        "coding/codebook.html",
        _context(
            request,
            campaign,
            tree=[(c, d, counts.get(c.pk, 0)) for c, d in tree],
            can_manage=can_manage,
            upload_form=UploadForm() if can_manage else None,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def code_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.MANAGE_CODEBOOK)
    form = CodeForm(
        request.POST or None, campaign=campaign, initial={"parent": _int(request.GET.get("parent"))}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            code = services.code_create(actor=request.user, campaign=campaign, **data)
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(
                request, _("The code %(identifier)s was created.") % {"identifier": code.identifier}
            )
            return redirect("coding:codebook", slug=slug)
    return render(request, "coding/code_form.html", _context(request, campaign, form=form, code=None))


def _attach(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@require_http_methods(["GET", "POST"])
def code_edit(request: HttpRequest, slug: str, code_id: int) -> HttpResponse:
    campaign = _campaign(request, slug)
    code = get_object_or_404(Code, campaign=campaign, pk=code_id)
    can_manage = Perm.MANAGE_CODEBOOK in campaign_perms(request.user, campaign)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = CodeForm(request.POST or None, instance=code, campaign=campaign)
    if request.method == "POST":
        changes = {k: request.POST.get(k, "") for k in form.fields if k in request.POST}
        try:
            services.code_update(actor=request.user, code=get_object_or_404(Code, pk=code.pk), **changes)
        except ValidationError as exc:
            _attach(form, exc)
            form.is_valid()
        else:
            messages.success(request, _("The code was saved."))
            return redirect("coding:codebook", slug=slug)
    return render(
        request,
        "coding/code_form.html",
        _context(
            request,
            campaign,
            form=form,
            code=code,
            can_manage=can_manage,
            move_form=CodeMoveForm(code=code, initial={"parent": code.parent_id}) if can_manage else None,
            merge_form=CodeMergeForm(code=code) if can_manage else None,
            memos=Memo.objects.filter(code=code).select_related("author"),
            can_memo=bool({Perm.CODE, Perm.MANAGE_CODEBOOK} & campaign_perms(request.user, campaign)),
        ),
    )


@login_required
@require_POST
def code_move(request: HttpRequest, slug: str, code_id: int) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.MANAGE_CODEBOOK)
    code = get_object_or_404(Code, campaign=campaign, pk=code_id)
    form = CodeMoveForm(request.POST, code=code)
    if form.is_valid():
        try:
            services.code_move(actor=request.user, code=code, parent=form.cleaned_data["parent"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("coding:code_edit", slug=slug, code_id=code.pk)
        messages.success(request, _("The code was moved."))
    return redirect("coding:codebook", slug=slug)


@login_required
@require_POST
def code_merge(request: HttpRequest, slug: str, code_id: int) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.MANAGE_CODEBOOK)
    code = get_object_or_404(Code, campaign=campaign, pk=code_id)
    form = CodeMergeForm(request.POST, code=code)
    if form.is_valid():
        try:
            target = services.code_merge(actor=request.user, source=code, target=form.cleaned_data["target"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("coding:code_edit", slug=slug, code_id=code.pk)
        messages.success(request, _("Merged into %(identifier)s.") % {"identifier": target.identifier})
    return redirect("coding:codebook", slug=slug)


@login_required
@require_POST
def code_delete(request: HttpRequest, slug: str, code_id: int) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.MANAGE_CODEBOOK)
    code = get_object_or_404(Code, campaign=campaign, pk=code_id)
    services.code_delete(actor=request.user, code=code)
    messages.success(request, _("The code was deleted."))
    return redirect("coding:codebook", slug=slug)


@login_required
def codebook_export(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    response = HttpResponse(refi.codebook_to_qdc(campaign), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-codebook.qdc"'
    return response


@login_required
@require_POST
def codebook_import(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.MANAGE_CODEBOOK)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a .qdc file."))
        return redirect("coding:codebook", slug=slug)
    upload = form.cleaned_data["file"]
    if upload.size > 5 * 1024 * 1024:
        messages.error(request, _("The codebook file is too large."))
        return redirect("coding:codebook", slug=slug)
    try:
        codes = refi.import_qdc(actor=request.user, campaign=campaign, data=upload.read(), name=upload.name)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(count)s codes read from the codebook.") % {"count": len(codes)})
    return redirect("coding:codebook", slug=slug)


# --- REFI-QDA projects ---------------------------------------------------------------


@login_required
def project_export(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.EXPORT_DATA)
    if not selectors.can_read_documents(request.user, campaign):
        raise PermissionDenied
    data = refi.export_qdpx(campaign)
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="coding.project",
        object_id=campaign.pk,
        object_repr=str(campaign)[:250],
        campaign_id=campaign.pk,
        message="REFI-QDA project (.qdpx)",
    )
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}.qdpx"'
    return response


@login_required
@require_POST
def project_import(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug, Perm.MANAGE_CODEBOOK)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a .qdpx file."))
        return redirect("coding:analysis", slug=slug)
    upload = form.cleaned_data["file"]
    if upload.size > refi.MAX_ARCHIVE_BYTES:
        messages.error(request, _("The project file is too large."))
        return redirect("coding:analysis", slug=slug)
    try:
        summary = refi.import_qdpx(
            actor=request.user, campaign=campaign, data=upload.read(), name=upload.name
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "Imported %(documents)s documents, %(passages)s coded passages, %(codes)s new codes and %(memos)s memos."
            )
            % {
                "documents": summary.documents,
                "passages": summary.passages,
                "codes": summary.codes,
                "memos": summary.memos,
            },
        )
    return redirect("coding:documents", slug=slug)


# --- analysis ------------------------------------------------------------------------


def _analyst(request: HttpRequest, slug: str) -> Campaign:
    return _campaign(request, slug, Perm.ANALYSE, Perm.CODE)


@login_required
def analysis(request: HttpRequest, slug: str) -> HttpResponse:
    """Retrieval by code with filters, and the cross tables, on one page."""
    campaign = _analyst(request, slug)
    services.codebook_seed(actor=request.user, campaign=campaign)
    filters = _filters(request)
    tree = selectors.codebook_tree(campaign)
    code = Code.objects.filter(campaign=campaign, pk=_int(request.GET.get("code"))).first()
    page = None
    if code is not None:
        passages = selectors.retrieve_passages(campaign, code, filters)
        page = Paginator(passages, 100).get_page(request.GET.get("page"))
        for passage in page:
            passage.before, _quote, passage.after = context_around(
                passage.document.text, passage.start, passage.end
            )
    top, matrix = selectors.cooccurrence(campaign, filters)
    top_c, countries, by_country = selectors.code_by_attribute(campaign, "country", filters)
    top_g, groups, by_group = selectors.code_by_attribute(campaign, "target_group", filters)
    group_names = {g.code: g.name for g in campaign.target_groups.all()}
    query = request.GET.copy()
    query.pop("page", None)
    perms = campaign_perms(request.user, campaign)
    return render(
        request,
        "coding/analysis.html",
        _context(
            request,
            campaign,
            tree=tree,
            code=code,
            page=page,
            filters=filters,
            query=query.urlencode(),
            cooc=[(row_code, row) for row_code, row in zip(top, matrix, strict=True)],
            cooc_codes=top,
            countries_cols=countries,
            country_rows=[(c, [by_country.get((c.pk, v), 0) for v in countries]) for c in top_c],
            group_cols=[(g, group_names.get(g, g or "—")) for g in groups],
            group_rows=[(c, [by_group.get((c.pk, g), 0) for g in groups]) for c in top_g],
            can_export=Perm.EXPORT_DATA in perms,
            can_import=Perm.MANAGE_CODEBOOK in perms,
            upload_form=UploadForm(),
            **_filter_choices(campaign),
        ),
    )


@login_required
def passages_json(request: HttpRequest, slug: str) -> JsonResponse:
    """Every passage of a code (with its sub-codes) and its document's context, for scripts and the API."""
    campaign = _analyst(request, slug)
    code = get_object_or_404(Code, campaign=campaign, pk=_int(request.GET.get("code")))
    rows = selectors.retrieve_passages(campaign, code, _filters(request)).values(
        "id",
        "start",
        "end",
        "text",
        "memo",
        "coder_id",
        "code__identifier",
        "document_id",
        "document__title",
        "document__country_code",
        "document__city__code",
        "document__target_group__code",
        "document__gender",
    )
    # One reverse() for every row: the document's link only differs by its id.
    prefix, suffix = reverse("coding:document", kwargs={"slug": slug, "document_id": 0}).rsplit("0", 1)
    return JsonResponse(
        {
            "code": code.identifier,
            "passages": [
                {
                    "id": r["id"],
                    "code": r["code__identifier"],
                    "start": r["start"],
                    "end": r["end"],
                    "text": r["text"],
                    "memo": r["memo"],
                    "coder": r["coder_id"],
                    "document": r["document_id"],
                    "document_title": r["document__title"],
                    "country": r["document__country_code"],
                    "city": r["document__city__code"],
                    "target_group": r["document__target_group__code"],
                    "gender": r["document__gender"],
                    "url": f"{prefix}{r['document_id']}{suffix}",
                }
                for r in rows
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
def quotes_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    campaign = _analyst(request, slug)
    code = get_object_or_404(Code, campaign=campaign, pk=_int(request.GET.get("code")))
    passages = sorted(
        selectors.retrieve_passages(campaign, code, _filters(request)),
        key=lambda p: (p.code.identifier, p.document.title, p.start),
    )
    name = f"{campaign.slug}-{code.identifier.lower()}-quotes"
    if fmt == "csv":
        body, kind = quotes.quotes_csv(passages), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body, kind = (
            quotes.quotes_xlsx(passages),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "docx":
        body = quotes.quotes_docx(passages, title=f"{code.identifier} — {code.label}")
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404(NOT_FOUND)
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="coding.quotes",
        object_id=code.pk,
        object_repr=code.identifier,
        campaign_id=campaign.pk,
        message=f"{len(passages)} quotes as {fmt}",
    )
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def agreement(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _analyst(request, slug)
    coders = list(selectors.coders_of_campaign(campaign))
    chosen = [i for i in (_int(v) for v in request.GET.getlist("coder")) if i]
    if len(chosen) < 2:
        chosen = [c.pk for c in coders[:2]]
    unit = request.GET.get("unit") if request.GET.get("unit") in (CHARACTER, SENTENCE) else CHARACTER
    report = selectors.agreement_report(campaign, chosen, unit)
    code = Code.objects.filter(campaign=campaign, pk=_int(request.GET.get("code"))).first()
    disagreements = selectors.disagreements(campaign, chosen, code=code, limit=300)
    compared = Document.objects.filter(pk__in=selectors.compared_documents(campaign, chosen)).order_by(
        "title", "pk"
    )[:200]
    return render(
        request,
        "coding/agreement.html",
        _context(
            request,
            campaign,
            coders=coders,
            chosen=chosen,
            unit=unit,
            report=report,
            code=code,
            disagreements=disagreements,
            compared=compared,
            coder_query="&".join(f"coder={pk}" for pk in chosen),
            rows=[
                (c, a)
                for c, a in report.per_code
                if a.kappa is not None or a.alpha is not None or (a.histogram and set(a.histogram) != {0})
            ],
            tree=selectors.codebook_tree(campaign),
        ),
    )


@login_required
def agreement_document(request: HttpRequest, slug: str, document_id: int) -> HttpResponse:
    """One document, unit by unit, each compared coder's codings side by side, disagreements marked."""
    campaign = _analyst(request, slug)
    document = selectors.get_document_for_user(request.user, campaign, document_id)
    coders = list(selectors.coders_of_campaign(campaign))
    known = {c.pk for c in coders}
    chosen = [i for i in (_int(v) for v in request.GET.getlist("coder")) if i in known]
    if len(chosen) < 2:
        chosen = [c.pk for c in coders[:2]]
    code = Code.objects.filter(campaign=campaign, pk=_int(request.GET.get("code"))).first()
    only = request.GET.get("only") == "disagreements"
    view = selectors.side_by_side(campaign, document, chosen, code=code)
    return render(
        request,
        "coding/agreement_document.html",
        _context(
            request,
            campaign,
            document=document,
            view=view,
            rows=[row for row in view.rows if row.disagree] if only else view.rows,
            only=only,
            code=code,
            coders=coders,
            chosen=chosen,
            coder_query="&".join(f"coder={pk}" for pk in chosen),
        ),
    )
