from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kozomol.accounts.access import NOT_FOUND, get_campaign_for_user
from kozomol.accounts.roles import Perm
from kozomol.autocoding import selectors, services
from kozomol.autocoding.forms import DecisionForm
from kozomol.coding.models import Code, Document

DOCUMENTS_PER_PAGE = 10


@login_required
def suggestions_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.CODE)
    documents = (
        Document.objects.filter(campaign=campaign)
        .order_by("title", "pk")
        .only("pk", "title", "text", "campaign")
    )
    page = Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
    model = selectors.campaign_model(campaign)
    listing = []
    for document in page:
        document.campaign = campaign
        listing.append(
            {
                "document": document,
                "suggestions": selectors.suggestions_for_document(
                    document=document, coder=request.user, model=model
                ),
            }
        )
    trained = selectors.latest_model(campaign)
    metrics = (trained.metrics if trained else {}) or {}
    rows = []
    learned = metrics.get("learned", {}).get("per_code", {})
    cold = metrics.get("cold", {}).get("per_code", {})
    for code in learned:
        rows.append({"code": code, "learned": learned[code], "cold": cold.get(code, {})})
    return render(
        request,
        "autocoding/suggestions.html",
        {
            "campaign": campaign,
            "page": page,
            "listing": listing,
            "trained": trained,
            "metrics": metrics,
            "metric_rows": rows,
            "stale": selectors.is_stale(campaign),
        },
    )


@login_required
@require_POST
def suggestion_decide(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.CODE)
    form = DecisionForm(request.POST)
    back = reverse("autocoding:suggestions", kwargs={"slug": campaign.slug})
    if not form.is_valid():
        messages.error(request, _("The suggestion could not be read; reload the page and try again."))
        return redirect(back)
    data = form.cleaned_data
    document = Document.objects.filter(campaign=campaign, pk=data["document"]).first()
    code = Code.objects.filter(campaign=campaign, pk=data["code"]).first()
    if document is None or code is None:
        raise Http404(NOT_FOUND)
    service = services.suggestion_accept if data["decision"] == "accept" else services.suggestion_reject
    try:
        service(
            actor=request.user,
            document=document,
            code=code,
            start=data["start"],
            end=data["end"],
            score=data["score"],
            text=data["text"] or None,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if data["decision"] == "accept":
            messages.success(request, _("Coded as %(code)s.") % {"code": code.label})
        else:
            messages.info(request, _("Suggestion rejected."))
    page = data.get("page")
    return redirect(f"{back}?page={page}#doc-{document.pk}" if page else f"{back}#doc-{document.pk}")


@login_required
@require_POST
def retrain(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.CODE)
    job = services.autocoder_retrain_enqueue(campaign=campaign, user=request.user)
    messages.info(request, _("Retraining has started; the figures update when it is done."))
    return redirect("core:job_detail", job_id=job.pk)
