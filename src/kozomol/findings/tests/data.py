"""Test data in the other apps' real tables: interviews (submissions) and coded passages.

Used by the findings and reports tests and the report benchmark.
"""

from __future__ import annotations

import uuid
from typing import Any

from kozomol.coding.models import Code, CodedPassage, Document
from kozomol.places.models import Location
from kozomol.questionnaires.models import Form, FormVersion
from kozomol.submissions.models import Submission


def add_interviews(
    campaign: Any,
    per_group: dict[str, int],
    *,
    places: list[tuple[str, str]] | None = None,
    rejected: int = 0,
) -> dict[str, int]:
    """``per_group[code]`` submissions per target group, spread over ``places`` [(country, city code)]."""
    places = places or [("RU", "RU-moscow"), ("KZ", "KZ-almaty")]
    cities = {code: Location.objects.get(code=code) for _c, code in places}
    rows = []
    for group in campaign.target_groups.filter(code__in=per_group):
        form = Form.objects.create(
            campaign=campaign,
            target_group=group,
            form_id=f"{group.code}-{campaign.pk}",
            title=f"Вопросник: {group.name_ru}",
        )
        version = FormVersion.objects.create(
            form=form, version="1", xlsform_name="form.xlsx", xform_xml="<h:html/>", md5="md5:0"
        )
        for i in range(per_group[group.code] + (rejected if group.code == next(iter(per_group)) else 0)):
            country, city = places[i % len(places)]
            rows.append(
                Submission(
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
    Submission.objects.bulk_create(rows, batch_size=2000)
    return per_group


def add_passages(campaign: Any, coder: Any, per_theme: dict[str, int]) -> dict[str, int]:
    text = "Работодатель не выплатил зарплату за три месяца и забрал паспорт. " * 4
    document = Document.objects.create(campaign=campaign, title="Интервью 1", text=text)
    rows = []
    for theme, count in per_theme.items():
        code, _created = Code.objects.get_or_create(
            campaign=campaign, identifier=theme, defaults={"label_ru": theme}
        )
        sub, _created = Code.objects.get_or_create(
            campaign=campaign, identifier=f"{theme}.DEMO", defaults={"label_ru": theme, "parent": code}
        )
        for i in range(count):
            start = i % 50
            rows.append(
                CodedPassage(
                    document=document,
                    code=sub if i % 2 else code,
                    coder=coder,
                    start=start,
                    end=start + 20,
                    text=text[start : start + 20],
                )
            )
    CodedPassage.objects.bulk_create(rows, batch_size=2000)
    return per_theme
