"""Test data in the other apps' real tables: interviews (submissions) and coded passages.

Used by the findings and reports tests and the report benchmark; each helper
returns None when the app it writes to has not landed.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.apps import apps


def _model(app: str, name: str) -> Any | None:
    try:
        return apps.get_model(app, name)
    except LookupError:
        return None


def add_interviews(
    campaign: Any,
    per_group: dict[str, int],
    *,
    places: list[tuple[str, str]] | None = None,
    rejected: int = 0,
) -> dict[str, int] | None:
    """``per_group[code]`` submissions per target group, spread over ``places`` [(country, city code)]."""
    submission = _model("submissions", "Submission")
    form_model = _model("questionnaires", "Form")
    version_model = _model("questionnaires", "FormVersion")
    if submission is None or form_model is None or version_model is None:
        return None
    from kozomol.places.models import Location

    places = places or [("RU", "RU-moscow"), ("KZ", "KZ-almaty")]
    cities = {code: Location.objects.get(code=code) for _c, code in places}
    rows = []
    for group in campaign.target_groups.filter(code__in=per_group):
        form = form_model.objects.create(
            campaign=campaign,
            target_group=group,
            form_id=f"{group.code}-{campaign.pk}",
            title=f"Вопросник: {group.name_ru}",
        )
        version = version_model.objects.create(
            form=form, version="1", xlsform_name="form.xlsx", xform_xml="<h:html/>", md5="md5:0"
        )
        for i in range(per_group[group.code] + (rejected if group.code == next(iter(per_group)) else 0)):
            country, city = places[i % len(places)]
            rows.append(
                submission(
                    campaign=campaign,
                    form=form,
                    form_version=version,
                    instance_id=f"uuid:{uuid.uuid4()}",
                    target_group=group,
                    country_code=country,
                    city=cities[city],
                    status="rejected" if i >= per_group[group.code] else "received",
                    data={},
                )
            )
    submission.objects.bulk_create(rows, batch_size=2000)
    return per_group


def add_passages(campaign: Any, coder: Any, per_theme: dict[str, int]) -> dict[str, int] | None:
    document_model = _model("coding", "Document")
    code_model = _model("coding", "Code")
    passage_model = _model("coding", "CodedPassage")
    if document_model is None or code_model is None or passage_model is None:
        return None
    text = "Работодатель не выплатил зарплату за три месяца и забрал паспорт. " * 4
    document = document_model.objects.create(campaign=campaign, title="Интервью 1", text=text)
    rows = []
    for theme, count in per_theme.items():
        code, _created = code_model.objects.get_or_create(
            campaign=campaign, identifier=theme, defaults={"label_ru": theme}
        )
        sub, _created = code_model.objects.get_or_create(
            campaign=campaign, identifier=f"{theme}.DEMO", defaults={"label_ru": theme, "parent": code}
        )
        for i in range(count):
            start = i % 50
            rows.append(
                passage_model(
                    document=document,
                    code=sub if i % 2 else code,
                    coder=coder,
                    start=start,
                    end=start + 20,
                    text=text[start : start + 20],
                )
            )
    passage_model.objects.bulk_create(rows, batch_size=2000)
    return per_theme
