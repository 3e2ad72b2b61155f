from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kozomol.accounts.access import has_any_role
from kozomol.accounts.roles import Role
from kozomol.audit.forms import AuditFilterForm
from kozomol.audit.selectors import audit_entries_for_user, filter_entries


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_superuser or has_any_role(request.user, Role.ADMIN)):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    entries = audit_entries_for_user(request.user)
    if form.is_valid():
        entries = filter_entries(entries, **form.cleaned_data)
    page = Paginator(entries.order_by("-id"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", {"form": form, "page": page, "query": query.urlencode()})
