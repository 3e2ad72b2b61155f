"""Small fixtures for analytics tests: submissions with known answers."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from kozomol.analytics.synthetic import MIGRANT_QUESTIONS, _form
from kozomol.places.models import Location

_seq = itertools.count(1)


def migrant_form(campaign: Any) -> tuple[Any, Any]:
    return _form(campaign, "migrant_test", "Анкета мигранта", [*MIGRANT_QUESTIONS, "weight"], "migrants")


def add_submission(
    campaign: Any,
    *,
    country: str = "RU",
    gender: str = "female",
    month: int = 3,
    status: str = "approved",
    **answers: Any,
) -> Any:
    from kozomol.submissions.models import Submission

    form, version = migrant_form(campaign)
    city = {"RU": "RU-moscow", "KZ": "KZ-almaty"}[country]
    data = {"country": country, "city": city, "gender": gender, **answers}
    return Submission.objects.create(
        campaign=campaign,
        form=form,
        form_version=version,
        instance_id=f"uuid:test-{next(_seq)}",
        data=data,
        source="import",
        status=status,
        target_group=form.target_group,
        country_code=country,
        city=Location.objects.get(code=city),
        gender=gender,
        submitted_at=dt.datetime(2024, month, 10, 12, tzinfo=dt.UTC),
    )
