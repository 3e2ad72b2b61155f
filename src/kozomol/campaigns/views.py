from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kozomol.accounts.access import campaign_perms, get_campaign_for_user
from kozomol.accounts.models import Membership, Organisation, User
from kozomol.accounts.roles import Perm, Role
from kozomol.campaigns import services
from kozomol.campaigns.forms import CampaignCreateForm, CampaignForm, ParticipationAddForm, TargetGroupForm
from kozomol.campaigns.models import Campaign, Participation
from kozomol.core.nav import campaign_sections_for


@login_required
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    perms = campaign_perms(request.user, campaign)
    participations = campaign.participations.select_related(
        "organisation", "organisation__country", "organisation__city"
    ).order_by("-is_lead", "organisation__name_ru")
    team = (
        Membership.objects.filter(organisation__participations__campaign=campaign)
        .select_related("user", "organisation")
        .order_by("organisation__name_ru", "role", "user__email")
    )
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "perms": {p.value for p in perms},
            "can_manage": Perm.MANAGE_CAMPAIGN in perms,
            "sections": campaign_sections_for(request.user, campaign),
            "participations": participations,
            "team": team,
            "target_groups": campaign.target_groups.all(),
            "countries": campaign.countries.all(),
            "cities": campaign.cities.all(),
            "next_status": Campaign.NEXT_STATUS.get(campaign.status),
            "partner_form": ParticipationAddForm() if Perm.MANAGE_CAMPAIGN in perms else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    managed = Organisation.objects.filter(
        memberships__user=cast(User, request.user), memberships__role__in=[Role.ADMIN, Role.COORDINATOR]
    ).distinct()
    if not managed.exists():
        raise PermissionDenied
    form = CampaignCreateForm(request.POST or None, organisations=managed)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        campaign = services.campaign_create(
            actor=request.user,
            lead_organisation=data.pop("lead_organisation"),
            countries=data.pop("countries"),
            cities=data.pop("cities"),
            **data,
        )
        messages.success(request, _("The campaign was created."))
        return redirect("campaigns:detail", slug=campaign.slug)
    return render(request, "campaigns/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.MANAGE_CAMPAIGN)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "slug"}
        services.campaign_update(
            actor=request.user,
            campaign=campaign,
            countries=form.cleaned_data["countries"],
            cities=form.cleaned_data["cities"],
            **data,
        )
        messages.success(request, _("Saved."))
        return redirect("campaigns:detail", slug=campaign.slug)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign})


@login_required
@require_POST
def campaign_advance(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.MANAGE_CAMPAIGN)
    try:
        services.campaign_advance_status(actor=request.user, campaign=campaign)
        messages.success(request, _("The campaign moved to the next stage."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("campaigns:detail", slug=slug)


@login_required
@require_POST
def partner_add(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.MANAGE_CAMPAIGN)
    form = ParticipationAddForm(request.POST)
    if form.is_valid():
        services.participation_add(
            actor=request.user, campaign=campaign, organisation=form.cleaned_data["organisation"]
        )
        messages.success(request, _("The organisation now takes part in the campaign."))
    else:
        messages.error(request, _("Choose an organisation from the list."))
    return redirect("campaigns:detail", slug=slug)


@login_required
@require_POST
def partner_remove(request: HttpRequest, slug: str, participation_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.MANAGE_CAMPAIGN)
    participation = get_object_or_404(Participation, pk=participation_id, campaign=campaign)
    try:
        services.participation_remove(actor=request.user, participation=participation)
        messages.success(request, _("The organisation no longer takes part in the campaign."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("campaigns:detail", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def target_group_add(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.MANAGE_CAMPAIGN)
    form = TargetGroupForm(request.POST or None, instance=None)
    form.instance.campaign = campaign
    if request.method == "POST" and form.is_valid():
        try:
            services.target_group_create(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The target group was added."))
            return redirect("campaigns:detail", slug=slug)
    return render(request, "campaigns/target_group_form.html", {"form": form, "campaign": campaign})


@login_required
@require_http_methods(["GET", "POST"])
def target_group_edit(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.MANAGE_CAMPAIGN)
    group = get_object_or_404(campaign.target_groups, pk=group_id)
    form = TargetGroupForm(request.POST or None, instance=group)
    form.fields["code"].disabled = True  # forms, exports and tests refer to the code
    if request.method == "POST" and form.is_valid():
        services.target_group_update(
            actor=request.user,
            group=group,
            **{k: v for k, v in form.cleaned_data.items() if k != "code"},
        )
        messages.success(request, _("Saved."))
        return redirect("campaigns:detail", slug=slug)
    return render(
        request, "campaigns/target_group_form.html", {"form": form, "campaign": campaign, "group": group}
    )
