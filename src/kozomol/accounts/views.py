from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kozomol.accounts import services
from kozomol.accounts.access import (
    campaigns_for_user,
    can_in_organisation,
    get_organisation_for_user,
    has_any_role,
    organisations_for_user,
)
from kozomol.accounts.forms import MemberAddForm, MemberRoleForm, OrganisationForm
from kozomol.accounts.models import Membership
from kozomol.accounts.roles import Perm, Role


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


def _require_manager(request: HttpRequest) -> None:
    if not has_any_role(request.user, Role.ADMIN, Role.COORDINATOR):
        raise PermissionDenied


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    organisations = organisations_for_user(request.user).distinct().select_related("country", "city")
    return render(
        request,
        "accounts/organisation_list.html",
        {"organisations": organisations, "can_create": has_any_role(request.user, Role.ADMIN)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not has_any_role(request.user, Role.ADMIN):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = services.organisation_create(actor=request.user, **form.cleaned_data)
        # Whoever registers an organisation administers it until they hand it over.
        services.membership_add(
            actor=request.user, organisation=org, email=request.user.email, role=Role.ADMIN
        )
        messages.success(request, _("The organisation was created."))
        return redirect("accounts:organisation_detail", org_id=org.pk)
    return render(request, "accounts/organisation_form.html", {"form": form})


@login_required
def organisation_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_organisation_for_user(request.user, org_id)
    can_manage = can_in_organisation(request.user, Perm.MANAGE_ORGANISATION, org)
    members = (
        Membership.objects.filter(organisation=org).select_related("user").order_by("user__email")
        if can_manage or can_in_organisation(request.user, Perm.VIEW_CAMPAIGN, org)
        else Membership.objects.none()
    )
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": org,
            "members": members,
            "can_manage": can_manage,
            "add_form": MemberAddForm(),
            "role_choices": Role.choices,
            "campaigns": org.campaigns.filter(pk__in=campaigns_for_user(request.user).values("pk")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_organisation_for_user(request.user, org_id, Perm.MANAGE_ORGANISATION)
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        services.organisation_update(actor=request.user, organisation=org, **{
            name: form.cleaned_data[name] for name in form.changed_data
        })
        messages.success(request, _("Saved."))
        return redirect("accounts:organisation_detail", org_id=org.pk)
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": org})


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_organisation_for_user(request.user, org_id, Perm.MANAGE_ORGANISATION)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.membership_add(actor=request.user, organisation=org, **form.cleaned_data)
        messages.success(
            request,
            _("Added. A new colleague sets a password with “Forgot your password?” on the login page."),
        )
        return redirect("accounts:organisation_detail", org_id=org.pk)
    return render(request, "accounts/member_add.html", {"form": form, "organisation": org})


def _membership(request: HttpRequest, org_id: int, membership_id: int) -> Membership:
    org = get_organisation_for_user(request.user, org_id, Perm.MANAGE_ORGANISATION)
    return get_object_or_404(Membership.objects.select_related("user", "organisation"), pk=membership_id, organisation=org)


@login_required
@require_POST
def member_role(request: HttpRequest, org_id: int, membership_id: int) -> HttpResponse:
    membership = _membership(request, org_id, membership_id)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_change_role(actor=request.user, membership=membership, role=form.cleaned_data["role"])
            messages.success(request, _("The role was changed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a role from the list."))
    return redirect("accounts:organisation_detail", org_id=org_id)


@login_required
@require_POST
def member_remove(request: HttpRequest, org_id: int, membership_id: int) -> HttpResponse:
    membership = _membership(request, org_id, membership_id)
    try:
        services.membership_remove(actor=request.user, membership=membership)
        messages.success(request, _("The person was removed from the organisation."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:organisation_detail", org_id=org_id)
