"""A small JSON API with its OpenAPI document built from the same declarations.

Each endpoint declares its path, parameters and response schema once; the
router serves it and ``/api/v1/openapi.json`` describes it, so the document
cannot drift from the code. Other apps add endpoints with :func:`endpoint`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, JsonResponse


@dataclass(frozen=True)
class Endpoint:
    path: str  # OpenAPI style: /campaigns/{slug}/
    django_path: str  # django style: campaigns/<slug:slug>/
    name: str
    view: Callable[..., JsonResponse]
    summary: str
    response_schema: dict[str, Any]
    parameters: list[dict[str, Any]] = field(default_factory=list)
    public: bool = False


ENDPOINTS: dict[str, Endpoint] = {}


def endpoint(
    *,
    path: str,
    django_path: str,
    name: str,
    summary: str,
    response_schema: dict[str, Any],
    parameters: list[dict[str, Any]] | None = None,
    public: bool = False,
) -> Callable[[Callable[..., JsonResponse]], Callable[..., JsonResponse]]:
    def register(view: Callable[..., JsonResponse]) -> Callable[..., JsonResponse]:
        ENDPOINTS[name] = Endpoint(
            path, django_path, name, view, summary, response_schema, parameters or [], public
        )
        return view

    return register


ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "string"}},
    "required": ["error"],
}


def error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def openapi_document(request: HttpRequest) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for ep in sorted(ENDPOINTS.values(), key=lambda e: e.path):
        responses: dict[str, Any] = {
            "200": {"description": "OK", "content": {"application/json": {"schema": ep.response_schema}}},
            "404": {
                "description": "Not found, or not visible to you",
                "content": {"application/json": {"schema": ERROR_SCHEMA}},
            },
        }
        if not ep.public:
            responses["401"] = {
                "description": "Log in first",
                "content": {"application/json": {"schema": ERROR_SCHEMA}},
            }
            responses["403"] = {
                "description": "Your role does not allow this",
                "content": {"application/json": {"schema": ERROR_SCHEMA}},
            }
        paths[ep.path] = {
            "get": {
                "operationId": ep.name,
                "summary": ep.summary,
                "parameters": ep.parameters,
                "responses": responses,
                **({} if ep.public else {"security": [{"session": []}]}),
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Kozomol API", "version": "1"},
        "servers": [{"url": request.build_absolute_uri("/api/v1").rstrip("/")}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            }
        },
    }
