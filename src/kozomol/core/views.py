from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kozomol.accounts.access import campaigns_for_user
from kozomol.core import selectors
from kozomol.core.models import Job


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    campaigns = campaigns_for_user(request.user).prefetch_related("countries")
    return render(request, "core/home.html", {"campaigns": campaigns})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.search_for_user(request.user, query) if query else None
    return render(request, "core/search.html", {"query": query, "results": results})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


def _error(request: HttpRequest, status: int, template: str) -> HttpResponse:
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "core/errors/400.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "core/errors/403.html")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "core/errors/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors here: the failure may be in them or in the database.
    from django.template import loader

    return HttpResponse(loader.get_template("core/errors/500.html").render(), status=500)


def _job_for_user(request: HttpRequest, job_id: Any) -> Job:
    """A job is visible to the person who started it (others get 404)."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(Job, pk=job_id, created_by=request.user)


@never_cache
def job_status(request: HttpRequest, job_id: Any) -> JsonResponse:
    job = _job_for_user(request, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "total": job.total,
            "percent": job.percent,
            "message": job.message or job.get_status_display(),
            "error": job.error if job.status == Job.Status.FAILED else "",
            "done": job.is_finished,
            "rows_done": job.done,
            "result": job.result,
        }
    )


def job_detail(request: HttpRequest, job_id: Any) -> HttpResponse:
    job = _job_for_user(request, job_id)
    return render(request, "core/job.html", {"job": job})
