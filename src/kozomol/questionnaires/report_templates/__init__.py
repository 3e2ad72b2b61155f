"""Ready XLSForm interview guides for the report's target groups.

One questionnaire per target group, written as Python data (one module each)
and committed as XLSForm workbooks in ``xlsx/`` by ``builder``. The state
bodies and the ombudsman institutions have a guide each: the ombudsman one
asks about complaints and visits, the state bodies one about rules and
enforcement.

``list_templates()`` is what "add to a campaign" offers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import case_stories, consular, medical_staff, migrants, ngo, ombudsman, state_bodies
from .builder import xlsx_path
from .schema import Form

FORMS: tuple[Form, ...] = (
    state_bodies.FORM,
    ombudsman.FORM,
    consular.FORM,
    ngo.FORM,
    medical_staff.FORM,
    migrants.FORM,
    case_stories.FORM,
)


@dataclass(frozen=True, slots=True)
class Template:
    code: str
    target_group: str
    title_ru: str
    title_ky: str
    title_en: str
    path: Path


def list_templates() -> list[Template]:
    """Every ready template, in the report's order of target groups."""
    return [
        Template(
            code=form.code,
            target_group=form.target_group,
            title_ru=form.title.ru,
            title_ky=form.title.ky,
            title_en=form.title.en,
            path=xlsx_path(form),
        )
        for form in FORMS
    ]


def get_template(code: str) -> Template:
    """The template with this code; ``KeyError`` when there is none."""
    for template in list_templates():
        if template.code == code:
            return template
    raise KeyError(code)


__all__ = ["FORMS", "Template", "get_template", "list_templates"]
