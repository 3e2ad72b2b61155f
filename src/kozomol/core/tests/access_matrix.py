"""The declared access matrix: every URL pattern of Kozomol and who gets what answer.

One row per URL name (the admin site is one row). A row's answers are written
``"anonymous | own organisation | partner organisation | outsider"``:

- *own*: members of the organisation leading the campaign, in role order
  admin, coordinator, monitor, analyst, caseworker, viewer (one token = all six);
- *partner*: members of an organisation taking part in the campaign, same order
  (``=`` — the same as own). For organisation-scoped things (cases, the
  directory, organisations) this is the "other organisation";
- *outsider*: members of an organisation that takes no part in the campaign;
- tokens: an HTTP status, ``L`` = redirect to the login page, ``A`` = redirect to
  the admin login, ``R`` = another redirect.

``post`` (POST-only views): the answers to a POST with empty data, each rolled back.
The objects behind the URL keywords are built in ``matrix_world.build()``; a row's
``kwargs`` map a URL keyword to one of them (``"=literal"`` for a literal value).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kozomol.core.tests.matrix_world import GROUPS, ROLES

LOGIN = "L"
ADMIN_LOGIN = "A"
REDIRECT = "R"
ADMIN = "admin"


@dataclass(frozen=True)
class Row:
    get: str
    post: str | None = None
    kwargs: Mapping[str, str] = field(default_factory=dict)
    query: str = ""


# URL keywords whose value is the same in every row that has them.
KWARG_DEFAULTS = {"uidb64": "=MQ", "kind": "=state", "fmt": "=csv", "key": "chart_key"}


def guess_kwargs(name: str) -> dict[str, str]:
    """For the dump of a URL that has no row yet: which object its ``pk``, ``job_id``... probably are."""
    if name.startswith("cases:referral"):
        return {"pk": "referral_pk"}
    if name.startswith("cases:"):
        return {"pk": "case_pk", "name": "case_file"}
    if name.startswith("directory:"):
        return {"pk": "service_pk"}
    if name.startswith("submissions:import"):
        return {"job_id": "import_job"}
    if name.startswith("submissions:export"):
        return {"job_id": "export_job"}
    if name == "accounts:password_reset_confirm":
        return {"token": "=set-password"}
    return {"job_id": "report_job"}


def expand(spec: str) -> dict[str, str]:
    """``"L | 200 | = | 404"`` → the expected answer of each actor key."""
    parts = [p.strip() for p in spec.split("|")]
    if len(parts) != 4:
        raise ValueError(f"a row needs 4 parts (anonymous | own | partner | outsider): {spec!r}")
    if parts[2] == "=":
        parts[2] = parts[1]
    result = {"anon": parts[0]}
    for group, part in zip(GROUPS, parts[1:], strict=True):
        tokens = part.split()
        if len(tokens) == 1:
            tokens *= len(ROLES)
        if len(tokens) != len(ROLES):
            raise ValueError(f"{group} needs 1 or {len(ROLES)} answers: {spec!r}")
        for role, token in zip(ROLES, tokens, strict=True):
            result[f"{group}:{role}"] = token
    return result


ROWS: dict[str, Row] = {
    # core
    "core:home": Row("200 | 200 | = | 200"),
    "core:search": Row("L | 200 | = | 200"),
    "core:healthz": Row("200 | 200 | = | 200"),
    "core:job_detail": Row("404 | 404 200 404 404 404 404 | 404 | 404", kwargs={"job_id": "report_job"}),
    "core:job_status": Row("404 | 404 200 404 404 404 404 | 404 | 404", kwargs={"job_id": "report_job"}),
    # accounts
    "accounts:login": Row("200 | R | = | R"),
    "accounts:logout": Row("405 | 405 | = | 405", post="R | R | = | R"),
    "accounts:password_change": Row("L | 200 | = | 200"),
    "accounts:password_change_done": Row("L | 200 | = | 200"),
    "accounts:password_reset": Row("200 | 200 | = | 200"),
    "accounts:password_reset_done": Row("200 | 200 | = | 200"),
    "accounts:password_reset_confirm": Row("200 | 200 | = | 200", kwargs={"token": "=set-password"}),
    "accounts:password_reset_complete": Row("200 | 200 | = | 200"),
    "accounts:two_factor_verify": Row("L | L | = | L"),
    "accounts:two_factor_setup": Row("L | 200 | = | 200"),
    "accounts:organisation_list": Row("L | 200 200 403 403 403 403 | = | 200 200 403 403 403 403"),
    "accounts:organisation_create": Row("L | 200 403 403 403 403 403 | = | 200 403 403 403 403 403"),
    "accounts:organisation_detail": Row("L | 200 | = | 404"),
    "accounts:organisation_edit": Row("L | 200 200 403 403 403 403 | 403 | 404"),
    "accounts:member_add": Row("L | 200 200 403 403 403 403 | 403 | 404"),
    "accounts:member_role": Row("L | 405 | = | 405", post="L | R R 403 403 403 403 | 403 | 404"),
    "accounts:member_remove": Row("L | 405 | = | 405", post="L | R R 403 403 403 403 | 403 | 404"),
    # campaigns
    "campaigns:create": Row("L | 200 200 403 403 403 403 | = | 200 200 403 403 403 403"),
    "campaigns:detail": Row("L | 200 | = | 404"),
    "campaigns:edit": Row("L | 200 200 403 403 403 403 | = | 404"),
    "campaigns:advance": Row("L | 405 | = | 405", post="L | R R 403 403 403 403 | = | 404"),
    "campaigns:partner_add": Row("L | 405 | = | 405", post="L | R R 403 403 403 403 | = | 404"),
    "campaigns:partner_remove": Row("L | 405 | = | 405", post="L | R R 403 403 403 403 | = | 404"),
    "campaigns:target_group_add": Row("L | 200 200 403 403 403 403 | = | 404"),
    "campaigns:target_group_edit": Row("L | 200 200 403 403 403 403 | = | 404"),
    # audit
    "audit:list": Row("L | 200 403 403 403 403 403 | = | 200 403 403 403 403 403"),
    # questionnaires
    "questionnaires:list": Row("L | 200 | = | 404"),
    "questionnaires:upload": Row("L | 403 200 403 403 403 403 | = | 404"),
    "questionnaires:templates": Row("L | 403 200 403 403 403 403 | = | 404"),
    "questionnaires:detail": Row("L | 200 | = | 404"),
    "questionnaires:toggle": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    "questionnaires:xlsform": Row("L | 200 | = | 404"),
    "questionnaires:xform": Row("L | 200 | = | 404"),
    "questionnaires:media": Row("L | 200 | = | 404"),
    "questionnaires:media_upload": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    # submissions
    "submissions:import_upload": Row("L | 403 200 403 403 403 403 | = | 404"),
    "submissions:import_preview": Row(
        "L | 403 200 403 403 403 403 | 403 404 403 403 403 403 | 404", kwargs={"job_id": "import_job"}
    ),
    "submissions:export_start": Row("L | 200 200 403 200 403 403 | = | 404"),
    "submissions:export_download": Row(
        "L | 404 200 403 404 403 403 | 404 404 403 404 403 403 | 404", kwargs={"job_id": "export_job"}
    ),
    "submissions:openrosa_key_root": Row("200 | 200 | = | 200"),
    "submissions:openrosa_key_form_list": Row("200 | 200 | = | 200"),
    "submissions:openrosa_key_form_download": Row("200 | 200 | = | 200"),
    "submissions:openrosa_key_form_manifest": Row("200 | 200 | = | 200"),
    "submissions:openrosa_key_form_media": Row("200 | 200 | = | 200"),
    "submissions:openrosa_key_submission": Row("405 | 405 | = | 405", post="400 | 400 | = | 400"),
    "submissions:openrosa_root": Row("401 | 403 200 200 403 403 403 | = | 404"),
    "submissions:openrosa_form_list": Row("401 | 403 200 200 403 403 403 | = | 404"),
    "submissions:openrosa_form_download": Row("401 | 403 200 200 403 403 403 | = | 404"),
    "submissions:openrosa_form_manifest": Row("401 | 403 200 200 403 403 403 | = | 404"),
    "submissions:openrosa_form_media": Row("401 | 403 200 200 403 403 403 | = | 404"),
    "submissions:openrosa_submission": Row(
        "405 | 405 | = | 405", post="401 | 403 400 400 403 403 403 | = | 404"
    ),
    "submissions:collect": Row("L | 403 200 200 403 403 403 | = | 404"),
    "submissions:draft_start": Row("L | 405 | = | 405", post="L | 403 R R 403 403 403 | = | 404"),
    "submissions:draft_edit": Row("L | 403 404 200 403 403 403 | 403 404 404 403 403 403 | 404"),
    "submissions:draft_autosave": Row(
        "L | 405 | = | 405", post="L | 403 404 200 403 403 403 | 403 404 404 403 403 403 | 404"
    ),
    "submissions:draft_discard": Row(
        "L | 405 | = | 405", post="L | 403 404 R 403 403 403 | 403 404 404 403 403 403 | 404"
    ),
    "submissions:collect_device": Row("L | 403 200 200 403 403 403 | = | 404"),
    "submissions:collect_qr": Row("L | 403 404 200 403 403 403 | 403 404 404 403 403 403 | 404"),
    "submissions:collect_revoke": Row(
        "L | 405 | = | 405", post="L | 403 404 R 403 403 403 | 403 404 404 403 403 403 | 404"
    ),
    "submissions:review_list": Row("L | 403 200 403 403 403 403 | = | 404"),
    "submissions:review_bulk": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    "submissions:review_detail": Row("L | 403 200 403 403 403 403 | = | 404"),
    "submissions:review_edit": Row("L | 403 200 403 403 403 403 | = | 404"),
    "submissions:attachment_download": Row("L | 200 200 200 200 403 403 | 200 200 403 200 403 403 | 404"),
    # coding
    "coding:documents": Row("L | 403 200 200 200 403 403 | = | 404"),
    "coding:document_create": Row("L | 403 200 200 200 403 403 | = | 404"),
    "coding:document": Row("L | 403 200 200 200 403 403 | = | 404"),
    "coding:document_delete": Row(
        "L | 405 | = | 405", post="L | 403 R R 403 403 403 | 403 R 403 403 403 403 | 404"
    ),
    "coding:passage_create": Row("L | 405 | = | 405", post="L | 403 400 403 400 403 403 | = | 404"),
    "coding:passage_update": Row("L | 405 | = | 405", post="L | 403 403 403 200 403 403 | 403 | 404"),
    "coding:passages_batch": Row("L | 405 | = | 405", post="L | 403 400 403 400 403 403 | = | 404"),
    "coding:memo_create": Row("L | 405 | = | 405", post="L | 403 R 403 R 403 403 | = | 404"),
    "coding:memo_delete": Row("L | 405 | = | 405", post="L | 403 403 403 R 403 403 | 403 | 404"),
    "coding:codebook": Row("L | 200 | = | 404"),
    "coding:code_create": Row("L | 403 200 403 403 403 403 | = | 404"),
    "coding:codebook_export": Row("L | 200 | = | 404"),
    "coding:codebook_import": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    "coding:code_edit": Row("L | 200 | = | 404"),
    "coding:code_move": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    "coding:code_merge": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    "coding:code_delete": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    "coding:analysis": Row("L | 403 200 403 200 403 403 | = | 404"),
    "coding:quotes_export": Row("L | 403 200 403 200 403 403 | = | 404", query="code={code_id}"),
    "coding:agreement": Row("L | 403 200 403 200 403 403 | = | 404"),
    "coding:agreement_document": Row("L | 403 200 403 200 403 403 | = | 404"),
    "coding:passages_json": Row("L | 403 200 403 200 403 403 | = | 404", query="code={code_id}"),
    "coding:project_export": Row("L | 403 200 403 200 403 403 | = | 404"),
    "coding:project_import": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    # search
    "search:search": Row("L | 403 200 200 200 403 403 | = | 404"),
    # autocoding
    "autocoding:suggestions": Row("L | 403 200 403 200 403 403 | = | 404"),
    "autocoding:decide": Row("L | 405 | = | 405", post="L | 403 R 403 R 403 403 | = | 404"),
    "autocoding:retrain": Row("L | 405 | = | 405", post="L | 403 R 403 R 403 403 | = | 404"),
    # cases
    "cases:appeal": Row("200 | 200 | = | 200"),
    "cases:appeal_status": Row("200 | 200 | = | 200"),
    "cases:appeal_add": Row("405 | 405 | = | 405", post="R | R | = | R"),
    "cases:appeal_leave": Row("405 | 405 | = | 405", post="R | R | = | R"),
    "cases:statistics_public": Row("200 | 200 | = | 200"),
    "cases:queue": Row("L | 403 403 403 403 200 403 | = | 403 403 403 403 200 403"),
    "cases:new": Row("L | 403 200 403 403 200 403 | = | 403 200 403 403 200 403"),
    "cases:erase": Row("L | 200 200 403 403 403 403 | = | 200 200 403 403 403 403"),
    "cases:referrals": Row("L | 403 403 403 403 200 403 | = | 403 403 403 403 200 403"),
    "cases:referral_answer": Row("L | 404 | 404 404 404 404 200 404 | 404", kwargs={"pk": "referral_pk"}),
    "cases:profile": Row("L | 403 403 403 403 200 403 | = | 403 403 403 403 200 403"),
    "cases:statistics": Row("L | 403 403 403 403 200 403 | = | 403 403 403 403 200 403"),
    "cases:detail": Row("L | 403 403 403 403 200 403 | 404 | 404", kwargs={"pk": "case_pk"}),
    "cases:triage": Row(
        "L | 405 | = | 405", post="L | 403 403 403 403 R 403 | 404 | 404", kwargs={"pk": "case_pk"}
    ),
    "cases:assign": Row(
        "L | 405 | = | 405", post="L | 403 403 403 403 R 403 | 404 | 404", kwargs={"pk": "case_pk"}
    ),
    "cases:plan": Row(
        "L | 405 | = | 405", post="L | 403 403 403 403 R 403 | 404 | 404", kwargs={"pk": "case_pk"}
    ),
    "cases:action": Row(
        "L | 405 | = | 405", post="L | 403 403 403 403 R 403 | 404 | 404", kwargs={"pk": "case_pk"}
    ),
    "cases:refer": Row(
        "L | 405 | = | 405", post="L | 403 403 403 403 R 403 | 404 | 404", kwargs={"pk": "case_pk"}
    ),
    "cases:close": Row(
        "L | 405 | = | 405", post="L | 403 403 403 403 R 403 | 404 | 404", kwargs={"pk": "case_pk"}
    ),
    "cases:reopen": Row(
        "L | 405 | = | 405", post="L | 403 403 403 403 R 403 | 404 | 404", kwargs={"pk": "case_pk"}
    ),
    "cases:attachment": Row(
        "L | 403 403 403 403 200 403 | 404 | 404", kwargs={"pk": "case_pk", "name": "case_file"}
    ),
    # directory
    "directory:search": Row("200 | 200 | = | 200"),
    "directory:detail": Row("200 | 200 | = | 200", kwargs={"pk": "service_pk"}),
    "directory:manage": Row("L | 200 200 403 403 403 403 | = | 200 200 403 403 403 403"),
    "directory:create": Row("L | 200 200 403 403 403 403 | = | 200 200 403 403 403 403"),
    "directory:edit": Row("L | 200 200 403 403 403 403 | 404 | 404", kwargs={"pk": "service_pk"}),
    "directory:delete": Row(
        "L | 405 | = | 405", post="L | R R 403 403 403 403 | 404 | 404", kwargs={"pk": "service_pk"}
    ),
    # analytics
    "analytics:dashboard": Row("L | 200 | = | 404"),
    "analytics:consular": Row("L | 200 | = | 404"),
    "analytics:indicators": Row("L | 200 | = | 404"),
    "analytics:chart_download": Row("L | 200 | = | 404"),
    "analytics:chart_send": Row("L | 405 | = | 405", post="L | 403 R 403 R 403 403 | = | 404"),
    # findings
    "findings:list": Row("L | 200 | = | 404"),
    "findings:create": Row("L | 403 200 403 200 403 403 | = | 404"),
    "findings:detail": Row("L | 404 200 404 200 404 404 | = | 404"),
    "findings:edit": Row("L | 403 200 403 200 403 403 | = | 404"),
    "findings:state": Row("L | 405 | = | 405", post="L | 403 R 403 R 403 403 | = | 404"),
    "findings:delete": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    "findings:evidence_add": Row("L | 405 | = | 405", post="L | 403 R 403 R 403 403 | = | 404"),
    "findings:evidence_remove": Row("L | 405 | = | 405", post="L | 403 R 403 R 403 403 | = | 404"),
    "findings:recommendations": Row("L | 200 | = | 404"),
    "findings:recommendation_create": Row("L | 403 200 403 200 403 403 | = | 404"),
    "findings:inherit": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    "findings:addressee_create": Row("L | 403 200 403 403 403 403 | = | 404"),
    "findings:recommendation_edit": Row("L | 403 200 403 200 403 403 | = | 404"),
    "findings:recommendation_status": Row("L | 405 | = | 405", post="L | 403 R 403 R 403 403 | = | 404"),
    "findings:statistics": Row("L | 200 | = | 404"),
    "findings:statistics_import": Row("L | 405 | = | 405", post="L | 403 R 403 R 403 403 | = | 404"),
    "findings:treaty": Row("L | 200 | = | 404"),
    "findings:treaty_export": Row("L | 200 | = | 404"),
    # reports
    "reports:preview": Row("L | 200 | = | 404"),
    "reports:generate": Row("L | 405 | = | 405", post="L | R | = | 404"),
    "reports:template_upload": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    "reports:template_delete": Row("L | 405 | = | 405", post="L | 403 R 403 403 403 403 | = | 404"),
    "reports:download": Row("L | 200 | = | 404", kwargs={"job_id": "report_job"}),
    # api
    "api:openapi": Row("200 | 200 | = | 200"),
    "api:campaign_list": Row("401 | 200 | = | 200"),
    "api:campaign_detail": Row("401 | 200 | = | 404"),
    "api:location_list": Row("200 | 200 | = | 200"),
    # set_language
    "set_language": Row("R | R | = | R"),
    # admin
    "admin": Row("A | A | = | A"),
}
