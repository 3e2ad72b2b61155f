from __future__ import annotations

from typing import Any, cast

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kozomol.accounts import security, services
from kozomol.accounts.access import (
    campaigns_for_user,
    can_in_organisation,
    get_organisation_for_user,
    has_any_role,
    organisations_for_user,
)
from kozomol.accounts.forms import MemberAddForm, MemberRoleForm, OrganisationForm, TwoFactorCodeForm
from kozomol.accounts.models import Membership, User
from kozomol.accounts.roles import Perm, Role
from kozomol.core.middleware import client_ip

SESSION_PENDING_USER = "kozomol_2fa_user"
SESSION_PENDING_NEXT = "kozomol_2fa_next"
SESSION_VERIFIED = "kozomol_2fa_verified"


class LoginView(auth_views.LoginView):
    """Password first; then, for anyone with a confirmed device, the second factor.

    Repeated failures lock the account and the address out for a while; the
    answer does not say whether the account exists.
    """

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = str(request.POST.get("username", ""))[:254]
        if security.is_locked_out(email=email, ip=client_ip(request)):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _(security.LOCKED_OUT_ERROR) % {"minutes": settings.KOZOMOL_LOCKOUT_MINUTES})
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        email = str(self.request.POST.get("username", ""))
        if email:
            security.record_attempt(email=email, ip=client_ip(self.request), succeeded=False)
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        security.record_attempt(email=user.email, ip=client_ip(self.request), succeeded=True)
        if security.has_confirmed_device(user):
            self.request.session[SESSION_PENDING_USER] = user.pk
            self.request.session[SESSION_PENDING_NEXT] = self.get_success_url()
            return redirect("accounts:two_factor_verify")
        response = super().form_valid(form)
        return response


@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get(SESSION_PENDING_USER)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return redirect("accounts:login")
    form = TwoFactorCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if security.is_locked_out(email=user.email, ip=client_ip(request)):
            form.add_error(None, _(security.LOCKED_OUT_ERROR) % {"minutes": settings.KOZOMOL_LOCKOUT_MINUTES})
            status = 429
        elif security.second_factor_check(user=user, code=form.cleaned_data["code"]):
            next_url = request.session.get(SESSION_PENDING_NEXT) or settings.LOGIN_REDIRECT_URL
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SESSION_VERIFIED] = True
            return redirect(next_url)
        else:
            security.record_attempt(email=user.email, ip=client_ip(request), succeeded=False)
            form.add_error("code", _(security.BAD_CODE_ERROR))
    return render(request, "registration/two_factor_verify.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if security.has_confirmed_device(request.user):
        messages.info(request, _("Two-factor authentication is already on."))
        return redirect("core:home")
    device = security.totp_begin(user=cast(User, request.user))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = security.totp_confirm(user=cast(User, request.user), code=form.cleaned_data["code"])
        if codes is not None:
            request.session[SESSION_VERIFIED] = True
            return render(request, "registration/two_factor_recovery_codes.html", {"codes": codes})
        form.add_error("code", _(security.BAD_CODE_ERROR))
    uri = security.provisioning_uri(device)
    qr = segno.make(uri, error="m").svg_data_uri(scale=5)
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr": qr,
            "secret": device.secret,
            "required": security.requires_two_factor(request.user),
        },
    )


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
            actor=request.user, organisation=org, email=cast(User, request.user).email, role=Role.ADMIN
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
        services.organisation_update(
            actor=request.user,
            organisation=org,
            **{name: form.cleaned_data[name] for name in form.changed_data},
        )
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
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=membership_id, organisation=org
    )


@login_required
@require_POST
def member_role(request: HttpRequest, org_id: int, membership_id: int) -> HttpResponse:
    membership = _membership(request, org_id, membership_id)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_change_role(
                actor=request.user, membership=membership, role=form.cleaned_data["role"]
            )
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
