from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kozomol.accounts.access import NOT_FOUND, campaign_perms, get_campaign_for_user
from kozomol.accounts.roles import Perm
from kozomol.campaigns.models import TargetGroup
from kozomol.questionnaires import selectors, services
from kozomol.questionnaires.forms import MediaUploadForm, XLSFormUploadForm
from kozomol.questionnaires.media import media_names
from kozomol.questionnaires.schema import pick_label


@login_required
def form_list(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    perms = campaign_perms(request.user, campaign)
    return render(
        request,
        "questionnaires/form_list.html",
        {
            "campaign": campaign,
            "forms": selectors.forms_for_campaign(campaign),
            "can_manage": Perm.MANAGE_FORMS in perms,
            "can_collect": Perm.COLLECT in perms,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_upload(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.MANAGE_FORMS)
    form = XLSFormUploadForm(request.POST or None, request.FILES or None, campaign=campaign)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["xlsform"]
        try:
            version = services.form_import(
                campaign=campaign,
                content=upload.read(),
                filename=upload.name,
                actor=request.user,
                target_group=form.cleaned_data["target_group"],
            )
        except services.FormImportError as exc:
            problems = exc.messages
        else:
            messages.success(
                request,
                _("The questionnaire was saved (version %(version)s).") % {"version": version.version},
            )
            if version.warnings:
                messages.warning(
                    request,
                    _("pyxform reported %(count)d warning(s); see below.") % {"count": len(version.warnings)},
                )
            return redirect("questionnaires:detail", slug=slug, form_pk=version.form_id)
    return render(
        request, "questionnaires/upload.html", {"campaign": campaign, "form": form, "problems": problems}
    )


@login_required
def form_detail(request: HttpRequest, slug: str, form_pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    form = selectors.get_form(campaign, form_pk)
    perms = campaign_perms(request.user, campaign)
    version = form.current_version
    language = (get_language() or "ru")[:2]
    questions = []
    media: list[dict[str, object]] = []
    if version is not None:
        uploaded = {m.name: m for m in version.media_files.all()}
        media = [{"name": name, "file": uploaded.get(name)} for name in media_names(version.xform_xml)]
        schema = version.parsed
        from kozomol.submissions.webform import choose_language

        lang = choose_language(schema, language, language)
        questions = [
            {
                "path": q.path,
                "type": q.type,
                "label": pick_label(q.labels, lang, schema.default_language),
                "required": q.required,
                "required_if": q.required_if,
                "relevant": q.relevant,
            }
            for q in schema.questions
        ]
    return render(
        request,
        "questionnaires/form_detail.html",
        {
            "campaign": campaign,
            "qform": form,
            "version": version,
            "versions": form.versions.order_by("-created_at"),
            "questions": questions,
            "media": media,
            "media_form": MediaUploadForm(),
            "can_manage": Perm.MANAGE_FORMS in perms,
            "can_collect": Perm.COLLECT in perms,
        },
    )


@login_required
@require_POST
def media_upload(request: HttpRequest, slug: str, form_pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.MANAGE_FORMS)
    form = selectors.get_form(campaign, form_pk)
    version = form.current_version
    upload_form = MediaUploadForm(request.POST, request.FILES)
    if version is None or not upload_form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("questionnaires:detail", slug=slug, form_pk=form.pk)
    upload = upload_form.cleaned_data["file"]
    if upload.size > services.MAX_MEDIA_BYTES:
        messages.error(
            request,
            _(services.ERR_MEDIA_TOO_LARGE)
            % {"name": upload.name, "limit": services.MAX_MEDIA_BYTES // (1024 * 1024)},
        )
        return redirect("questionnaires:detail", slug=slug, form_pk=form.pk)
    try:
        services.form_media_upload(
            version=version, name=upload.name, content=upload.read(), actor=request.user
        )
    except services.FormMediaError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(name)s was attached to the form.") % {"name": upload.name})
    return redirect("questionnaires:detail", slug=slug, form_pk=form.pk)


@login_required
def media_download(request: HttpRequest, slug: str, form_pk: int, name: str) -> FileResponse:
    campaign = get_campaign_for_user(request.user, slug)
    form = selectors.get_form(campaign, form_pk)
    version = form.current_version
    media = version.media_files.filter(name=name).first() if version is not None else None
    if media is None:
        raise Http404(NOT_FOUND)
    return FileResponse(media.file.open("rb"), as_attachment=True, filename=media.name)


@login_required
def xlsform_download(request: HttpRequest, slug: str, form_pk: int, version_pk: int) -> FileResponse:
    campaign = get_campaign_for_user(request.user, slug)
    form = selectors.get_form(campaign, form_pk)
    version = form.versions.filter(pk=version_pk).first()
    if version is None or not version.xlsform:
        raise Http404(NOT_FOUND)
    return FileResponse(version.xlsform.open("rb"), as_attachment=True, filename=version.xlsform_name)


@login_required
def xform_download(request: HttpRequest, slug: str, form_pk: int, version_pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    form = selectors.get_form(campaign, form_pk)
    version = form.versions.filter(pk=version_pk).first()
    if version is None:
        raise Http404(NOT_FOUND)
    response = HttpResponse(version.xform_xml, content_type="text/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{form.pk}-{version.pk}.xml"'
    return response


@login_required
@require_POST
def form_toggle(request: HttpRequest, slug: str, form_pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.MANAGE_FORMS)
    form = selectors.get_form(campaign, form_pk)
    services.form_set_open(form=form, is_open=not form.is_open, actor=request.user)
    return redirect("questionnaires:detail", slug=slug, form_pk=form.pk)


@login_required
@require_http_methods(["GET", "POST"])
def template_gallery(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.MANAGE_FORMS)
    templates = selectors.available_templates()
    language = (get_language() or "ru")[:2]
    if request.method == "POST":
        code = request.POST.get("code", "")
        chosen = next((t for t in templates if t.code == code), None)
        if chosen is None:
            messages.error(request, _("Choose a template from the list."))
            return redirect("questionnaires:templates", slug=slug)
        group = TargetGroup.objects.filter(campaign=campaign, code=chosen.target_group).first()
        try:
            version = services.form_import(
                campaign=campaign,
                content=chosen.path.read_bytes(),
                filename=chosen.path.name,
                actor=request.user,
                target_group=group,
            )
        except services.FormImportError as exc:
            for problem in exc.messages:
                messages.error(request, problem)
            return redirect("questionnaires:templates", slug=slug)
        messages.success(request, _("The template was added to the campaign."))
        return redirect("questionnaires:detail", slug=slug, form_pk=version.form_id)
    existing = set(campaign.forms.values_list("form_id", flat=True))
    rows = [
        {
            "code": t.code,
            "title": selectors.template_title(t, language),
            "target_group": t.target_group,
            "file": t.path.name,
        }
        for t in templates
    ]
    return render(
        request,
        "questionnaires/templates.html",
        {"campaign": campaign, "templates": rows, "existing": existing},
    )
