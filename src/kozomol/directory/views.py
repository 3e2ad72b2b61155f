from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kozomol.accounts.access import NOT_FOUND
from kozomol.cases.ratelimit import rate_limited
from kozomol.directory import selectors, services
from kozomol.directory.forms import SearchForm, ServiceForm


@rate_limited("public")
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = selectors.published_services()
    if form.is_valid():
        d = form.cleaned_data
        results = selectors.search_services(
            country=d["country"],
            city=d["city"],
            kind=d["kind"],
            language=d["language"],
            women_staff=d["women_staff"],
            text=d["q"].strip(),
        )
    page = Paginator(results, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/search.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_manage": bool(selectors.maintainer_organisation_ids(request.user)),
        },
    )


@rate_limited("public")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.published_services().filter(pk=pk).first()
    if service is None:
        raise Http404(NOT_FOUND)
    return render(request, "directory/detail.html", {"service": service})


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    if not selectors.maintainer_organisation_ids(request.user):
        raise PermissionDenied
    return render(
        request, "directory/manage.html", {"services": selectors.services_for_maintainer(request.user)}
    )


def _save(request: HttpRequest, form: ServiceForm, service_pk: int | None) -> HttpResponse | None:
    data = dict(form.cleaned_data)
    try:
        if service_pk is None:
            maintained_by = data.pop("maintained_by")
            services.service_create(actor=request.user, maintained_by=maintained_by, **data)
        else:
            data.pop("maintained_by", None)
            services.service_update(actor=request.user, service=form.instance, **data)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, [_(e) for e in errors])
        return None
    messages.success(request, _("The directory entry was saved."))
    return redirect("directory:manage")


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    ids = selectors.maintainer_organisation_ids(request.user)
    if not ids:
        raise PermissionDenied
    form = ServiceForm(request.POST or None, maintainer_ids=ids, initial={"maintained_by": ids[0]})
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, None)
        if done:
            return done
    return render(request, "directory/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.get_service_for_maintainer(request.user, pk)
    ids = selectors.maintainer_organisation_ids(request.user)
    form = ServiceForm(request.POST or None, instance=service, maintainer_ids=ids)
    form.fields["maintained_by"].disabled = True
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, service.pk)
        if done:
            return done
    return render(request, "directory/form.html", {"form": form, "service": service})


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.get_service_for_maintainer(request.user, pk)
    services.service_delete(actor=request.user, service=service)
    messages.success(request, _("The directory entry was removed."))
    return redirect("directory:manage")
