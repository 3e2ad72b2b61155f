"""Demo: the report's questionnaires added to the demo campaign, one per target group."""

from __future__ import annotations

from typing import Any

from kozomol.campaigns.models import TargetGroup
from kozomol.questionnaires.selectors import available_templates
from kozomol.questionnaires.services import FormImportError, form_import


def load(ctx: Any) -> None:
    versions = {}
    coordinator = ctx.users.get("coordinator")
    for template in available_templates():
        group = TargetGroup.objects.filter(campaign=ctx.campaign, code=template.target_group).first()
        try:
            version = form_import(
                campaign=ctx.campaign,
                content=template.path.read_bytes(),
                filename=template.path.name,
                actor=coordinator,
                target_group=group,
            )
        except FormImportError as exc:
            ctx.say(f"questionnaire {template.code} skipped: {'; '.join(exc.messages)}")
            continue
        versions[template.target_group] = version
    ctx.extra["form_versions"] = versions
    ctx.say(f"questionnaires: {len(versions)} from the report's templates")
