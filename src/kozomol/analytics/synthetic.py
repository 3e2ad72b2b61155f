"""Synthetic monitoring data: migrants' survey and consular visitors, appeals, documents with coded passages.

Deterministic for a seed (one ``random.Random`` drives everything, ids are
derived from the seed), with distributions in the spirit of the report: most
migrants in Russia, fewer in Kazakhstan; Moscow and Almaty dominate; women
about two in five; many without a written contract; documents held by
employers more often in agriculture. Rows are written with ``bulk_create``
against the other apps' real models, and folded into the analytics cube on
the way, so a million submissions take minutes, not hours.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from kozomol.analytics import cube

BATCH = 5000

COUNTRY_WEIGHTS = [("RU", 0.7), ("KZ", 0.3)]
CITY_WEIGHTS = {
    "RU": [
        ("RU-moscow", 45),
        ("RU-saint-petersburg", 15),
        ("RU-yekaterinburg", 8),
        ("RU-novosibirsk", 6),
        ("RU-kazan", 6),
        ("RU-krasnoyarsk", 5),
        ("RU-samara", 5),
        ("RU-irkutsk", 5),
        ("RU-surgut", 5),
    ],
    "KZ": [("KZ-almaty", 55), ("KZ-astana", 25), ("KZ-shymkent", 10), ("KZ-karaganda", 5), ("KZ-taraz", 5)],
}
GENDERS = [("male", 60), ("female", 39), ("other", 1)]
AGE_BANDS = [("18_24", 25), ("25_34", 38), ("35_44", 22), ("45_54", 11), ("55_plus", 4)]
LEGAL = {
    "RU": [
        ("work_permit", 38),
        ("eaeu_contract", 5),
        ("registration_only", 22),
        ("residence_permit", 7),
        ("citizen", 3),
        ("no_documents", 22),
        ("other", 3),
    ],
    "KZ": [
        ("work_permit", 22),
        ("eaeu_contract", 3),
        ("registration_only", 30),
        ("residence_permit", 5),
        ("citizen", 2),
        ("no_documents", 35),
        ("other", 3),
    ],
}
SECTORS = {
    "male": [
        ("construction", 40),
        ("trade", 15),
        ("services", 10),
        ("agriculture", 10),
        ("transport", 15),
        ("manufacturing", 5),
        ("other", 5),
    ],
    "female": [
        ("trade", 30),
        ("services", 25),
        ("domestic_work", 20),
        ("manufacturing", 12),
        ("agriculture", 8),
        ("other", 5),
    ],
}
CONSULATE_CITIES = [
    "RU-moscow",
    "RU-saint-petersburg",
    "RU-yekaterinburg",
    "RU-novosibirsk",
    "KZ-almaty",
    "KZ-astana",
]
REQUEST_TYPES = [
    ("passport", 40),
    ("certificate_of_return", 20),
    ("legal_help", 15),
    ("registration", 15),
    ("notary", 10),
]
APPEAL_VIOLATIONS = [
    ("LABOUR.WAGES_UNPAID", 30),
    ("LABOUR.NO_CONTRACT", 15),
    ("LABOUR.DOCUMENTS_CONFISCATED", 12),
    ("STATUS.DOCUMENTS", 14),
    ("JUSTICE.POLICE", 10),
    ("LABOUR.UNSAFE_WORK", 5),
    ("LABOUR.FORCED_LABOUR", 2),
    ("STATUS.ENTRY_BAN", 4),
    ("HEALTH.CARE_REFUSED", 3),
    ("HOUSING.EVICTION", 2),
    ("GENDER.VIOLENCE", 2),
    ("EDUCATION.SCHOOL", 1),
]
THEMES = [
    "STATUS",
    "LABOUR",
    "HEALTH",
    "EDUCATION",
    "PENSION",
    "HOUSING",
    "JUSTICE",
    "INTEGRATION",
    "CONSULAR",
    "GENDER",
]
THEME_SENTENCES = {
    "STATUS": [
        "Патент оформляли через посредников, и это обошлось почти в две месячные зарплаты.",
        "Регистрацию продлить не успели, теперь боимся запрета на въезд.",
    ],
    "LABOUR": [
        "Работодатель три месяца не платил зарплату и обещал рассчитаться после сдачи объекта.",
        "Паспорта у всей бригады забрал прораб, сказал, что вернёт в конце сезона.",
        "Договор никто не подписывал, всё держалось на устной договорённости.",
    ],
    "HEALTH": [
        "В поликлинике без полиса приняли только в экстренном случае.",
        "Платная клиника оказалась слишком дорогой, лечились сами.",
    ],
    "EDUCATION": [
        "Сына не взяли в школу без справки о прививках.",
        "Старшая дочь вместо учёбы помогает матери на рынке.",
    ],
    "PENSION": [
        "Стаж работы за границей для пенсии не засчитывается.",
        "Взносы работодатель не платил, и пенсии здесь не будет.",
    ],
    "HOUSING": [
        "В комнате общежития живём вшестером, душ один на этаж.",
        "Спим прямо на стройке, в вагончике без отопления.",
    ],
    "JUSTICE": [
        "После громкого преступления полиция устраивала облавы в нашем районе.",
        "За отсутствие регистрации на улице требовали деньги.",
    ],
    "INTEGRATION": [
        "Соседи относятся настороженно, в новостях про мигрантов пишут только плохое.",
        "С местными работниками отношения ровные, но держимся своими.",
    ],
    "CONSULAR": [
        "В консульстве очередь с утра, приём заканчивается раньше, чем мы успеваем попасть.",
        "Юрист посольства помог составить жалобу на работодателя.",
    ],
    "GENDER": [
        "Женщине трудно рассказать о домогательствах юристу-мужчине.",
        "Беременной без полиса пришлось платить за роды самой.",
    ],
}


def _choice(rng: random.Random, pairs: list[tuple[str, float]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs], k=1)[0]


def _model(app_label: str, name: str) -> Any | None:
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


@dataclass
class Report:
    submissions: int = 0
    appeals: int = 0
    documents: int = 0
    passages: int = 0
    skipped: list[str] | None = None


def _when(rng: random.Random, campaign: Any) -> dt.datetime:
    days = max(0, (campaign.period_end - campaign.period_start).days)
    day = campaign.period_start + dt.timedelta(days=rng.randint(0, days))
    # 03:00–17:00 UTC: the same calendar day in Moscow, Almaty and Bishkek.
    seconds = rng.randint(3 * 3600, 17 * 3600)
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds)
    return timezone.make_aware(naive, dt.UTC)


def migrant_answers(rng: random.Random) -> dict[str, Any]:
    """One synthetic migrant's answers, keyed by question name."""
    country = _choice(rng, COUNTRY_WEIGHTS)
    city = _choice(rng, CITY_WEIGHTS[country])
    gender = _choice(rng, GENDERS)
    legal = _choice(rng, LEGAL[country])
    sector = _choice(rng, SECTORS["female" if gender == "female" else "male"])
    documented = legal in ("work_permit", "eaeu_contract", "residence_permit", "citizen")
    p_contract = (0.55 if documented else 0.2) - (0.1 if country == "KZ" else 0.0)
    p_taken = 0.08 + (0.12 if sector == "agriculture" else 0.0) + (0.05 if country == "KZ" else 0.0)
    has_children = rng.random() < 0.35
    return {
        "country": country,
        "city": city,
        "gender": gender,
        "age_band": _choice(rng, AGE_BANDS),
        "legal_status": legal,
        "sector": sector,
        "has_work_permit": "yes" if (documented and rng.random() < 0.92) or rng.random() < 0.05 else "no",
        "has_written_contract": "yes" if rng.random() < p_contract else "no",
        "wages_unpaid": "yes" if rng.random() < (0.22 if country == "RU" else 0.3) else "no",
        "documents_taken_by_employer": "yes" if rng.random() < p_taken else "no",
        "has_medical_insurance": "yes" if rng.random() < (0.18 if documented else 0.05) else "no",
        "children_attend_school": ("yes" if rng.random() < (0.75 if country == "RU" else 0.62) else "no")
        if has_children
        else "na",
        "people_per_room": max(1, min(10, round(rng.gauss(4.2, 1.6)))),
    }


def consular_answers(rng: random.Random) -> dict[str, Any]:
    """One synthetic visitor of a consulate (the visitors' survey)."""
    city = rng.choice(CONSULATE_CITIES)
    busy = city in ("RU-moscow", "KZ-almaty")
    return {
        "country": city[:2],
        "city": city,
        "gender": _choice(rng, GENDERS),
        "age_band": _choice(rng, AGE_BANDS),
        "request_type": _choice(rng, REQUEST_TYPES),
        "satisfaction": _choice(
            rng,
            [("1", 8), ("2", 12), ("3", 30), ("4", 32), ("5", 18)]
            if not busy
            else [("1", 15), ("2", 20), ("3", 30), ("4", 25), ("5", 10)],
        ),
        "waiting_time_minutes": 5 * max(1, round(rng.expovariate(1 / (90 if busy else 40)) / 5)),
        "access_ramp": "yes" if rng.random() < 0.3 else "no",
        "access_queue": "yes" if rng.random() < (0.2 if busy else 0.5) else "no",
        "access_info": "yes" if rng.random() < 0.7 else "no",
    }


def consular_staff_answers(rng: random.Random, city: str) -> dict[str, Any]:
    """One consulate's staff interview: its lawyers, and how many of them are women."""
    total = rng.randint(1, 4)
    return {
        "country": city[:2],
        "city": city,
        "lawyers_total": total,
        "lawyers_women": rng.randint(0, total // 2),
    }


MIGRANT_QUESTIONS = [
    "country",
    "city",
    "gender",
    "age_band",
    "legal_status",
    "sector",
    "has_work_permit",
    "has_written_contract",
    "wages_unpaid",
    "documents_taken_by_employer",
    "has_medical_insurance",
    "children_attend_school",
    "people_per_room",
]
CONSULAR_QUESTIONS = [
    "country",
    "city",
    "gender",
    "age_band",
    "request_type",
    "satisfaction",
    "waiting_time_minutes",
    "access_ramp",
    "access_queue",
    "access_info",
    "lawyers_total",
    "lawyers_women",
]


def _form(campaign: Any, form_id: str, title: str, questions: list[str], target_code: str) -> tuple[Any, Any]:
    form_model = _model("questionnaires", "Form")
    version_model = _model("questionnaires", "FormVersion")
    tg = campaign.target_groups.filter(code=target_code).first()
    form, _created = form_model.objects.get_or_create(
        campaign=campaign, form_id=form_id, defaults={"title": title, "target_group": tg}
    )
    version = form.versions.order_by("-created_at", "-pk").first()
    if version is None:
        schema = {
            "form_id": form_id,
            "title": title,
            "version": "synthetic-1",
            "questions": [
                {
                    "name": q,
                    "path": q,
                    "type": "integer"
                    if q
                    in (
                        "people_per_room",
                        "satisfaction",
                        "waiting_time_minutes",
                        "lawyers_total",
                        "lawyers_women",
                    )
                    else "select_one",
                }
                for q in questions
            ],
        }
        version = version_model.objects.create(
            form=form,
            version="synthetic-1",
            xlsform_name="",
            xform_xml="<h:html/>",
            schema=schema,
            md5="md5:0",
        )
    return form, version


def _cities() -> dict[str, int]:
    from kozomol.places.models import Location

    return dict(Location.objects.filter(kind=Location.Kind.CITY).values_list("code", "pk"))


class _RowWriter:
    """Inserts rows of a model with one ``executemany``: defaults prepared once, the varying columns per row.

    Built from the model's own fields, so a column another app adds (with a default) is filled too.
    About ten times faster than ``bulk_create`` for a million rows.
    """

    def __init__(self, model: Any, *, template: dict[str, Any], varying: tuple[str, ...]) -> None:
        from django.db import connection

        self.connection = connection
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.by_column = {f.attname: f for f in self.fields}
        self.varying = varying
        fixed: dict[str, Any] = {}
        for f in self.fields:
            if f.attname in varying:
                continue
            value = template[f.attname] if f.attname in template else f.get_default()
            fixed[f.attname] = f.get_db_prep_save(value, connection)
        self.fixed = fixed
        self.columns = [*fixed, *varying]
        table = connection.ops.quote_name(model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(self.by_column[c].column) for c in self.columns)
        self.sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(self.columns))})"  # noqa: S608
        self.fixed_values = tuple(fixed.values())

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        preps = [self.by_column[c] for c in self.varying]
        conn = self.connection
        params = [
            self.fixed_values + tuple(f.get_db_prep_save(v, conn) for f, v in zip(preps, row, strict=True))
            for row in rows
        ]
        with conn.cursor() as cursor:
            cursor.executemany(self.sql, params)


def _make_submissions(
    campaign: Any,
    count: int,
    rng: random.Random,
    seed: int,
    progress: Callable[[int], None],
    folder: cube.Folder,
) -> int:
    model = _model("submissions", "Submission")
    if model is None or _model("questionnaires", "Form") is None:
        return -1
    cities = _cities()
    migrant_form, migrant_version = _form(
        campaign, "migrant_survey_synthetic", "Анкета мигранта (синтетика)", MIGRANT_QUESTIONS, "migrants"
    )
    consular_form, consular_version = _form(
        campaign,
        "consular_visitors_synthetic",
        "Опрос посетителей консульства (синтетика)",
        CONSULAR_QUESTIONS,
        "consular",
    )
    prefix = f"uuid:{uuid.UUID(int=random.Random(f'{campaign.slug}:{seed}').getrandbits(128))}"[:30]
    if model.objects.filter(instance_id__startswith=prefix).exists():
        raise ValueError(f"Synthetic submissions for seed {seed} already exist in {campaign.slug}.")
    now = timezone.now()
    made = 0
    staff_left = list(CONSULATE_CITIES) if count >= 100 else []
    keys = cube.tracked_questions(campaign.pk)
    writer = _RowWriter(
        model,
        template={
            "campaign_id": campaign.pk,
            "source": "import",
            "status": "approved",
            "received_at": now,
            "updated_at": now,
            "form_id": migrant_form.pk,
            "form_version_id": migrant_version.pk,
        },
        varying=(
            "instance_id",
            "data",
            "form_id",
            "form_version_id",
            "target_group_id",
            "country_code",
            "city_id",
            "gender",
            "submitted_at",
        ),
    )
    while made < count:
        rows = []
        for _ in range(min(BATCH, count - made)):
            i = made + len(rows)
            if staff_left and i % 50 == 49:
                data, form, version = (
                    consular_staff_answers(rng, staff_left.pop()),
                    consular_form,
                    consular_version,
                )
            elif i % 50 == 25:
                data, form, version = consular_answers(rng), consular_form, consular_version
            else:
                data, form, version = migrant_answers(rng), migrant_form, migrant_version
            when = _when(rng, campaign)
            city_id = cities.get(data["city"])
            rows.append(
                (
                    f"{prefix}-{i:09d}",
                    data,
                    form.pk,
                    version.pk,
                    form.target_group_id,
                    data["country"],
                    city_id,
                    data.get("gender", ""),
                    when,
                )
            )
            pairs, dims, weight = cube.submission_contribution(
                form_id=form.pk,
                target_group_id=form.target_group_id,
                country_code=data["country"],
                city_id=city_id,
                gender=data.get("gender", ""),
                when=when,
                data=data,
                keys=keys,
            )
            folder.add(pairs, dims, weight)
        writer.write(rows)
        made += len(rows)
        progress(len(rows))
    return made


def _make_appeals(
    campaign: Any, count: int, rng: random.Random, seed: int, progress: Callable[[int], None]
) -> int:
    case_model = _model("cases", "Case")
    violation_model = _model("cases", "CaseViolation")
    if case_model is None or violation_model is None:
        return -1
    from kozomol.places.models import Location

    countries = dict(Location.objects.filter(kind=Location.Kind.COUNTRY).values_list("code", "pk"))
    cities = _cities()
    made = 0
    base = f"S{seed % 10000:04d}{campaign.pk % 100:02d}"
    if case_model.objects.filter(reference__startswith=base).exists():
        raise ValueError(f"Synthetic appeals for seed {seed} already exist.")
    while made < count:
        cases, codes_of = [], []
        for _ in range(min(BATCH, count - made)):
            i = made + len(cases)
            country = _choice(rng, COUNTRY_WEIGHTS)
            city = _choice(rng, CITY_WEIGHTS[country])
            codes = sorted({_choice(rng, APPEAL_VIOLATIONS) for _ in range(rng.choice([1, 1, 1, 2, 3]))})
            when = _when(rng, campaign)
            cases.append(
                case_model(
                    reference=f"{base}{i:08d}",
                    secret_hash="!synthetic",  # noqa: S106 - an unusable hash: no one can follow it source="public", status="closed",
                    received_at=when,
                    updated_at=when,
                    violation_codes=codes,
                    country_id=countries[country],
                    city_id=cities.get(city),
                    gender=_choice(rng, [("man", 55), ("woman", 40), ("unsaid", 5)]),
                    outcome=_choice(
                        rng,
                        [
                            ("settled", 30),
                            ("wages_recovered", 15),
                            ("referred", 25),
                            ("no_result", 25),
                            ("withdrawn", 5),
                        ],
                    ),
                )
            )
            codes_of.append(codes)
        created = case_model.objects.bulk_create(cases, batch_size=1000)
        if any(c.pk is None for c in created):  # backends that return no ids
            refs = [c.reference for c in cases]
            by_ref = dict(case_model.objects.filter(reference__in=refs).values_list("reference", "pk"))
            ids = [by_ref[r] for r in refs]
        else:
            ids = [c.pk for c in created]
        violation_model.objects.bulk_create(
            [
                violation_model(case_id=pk, code=code)
                for pk, codes in zip(ids, codes_of, strict=True)
                for code in codes
            ],
            batch_size=2000,
        )
        made += len(cases)
        progress(len(cases))
    return made


def _make_documents(
    campaign: Any, count: int, rng: random.Random, seed: int, progress: Callable[[int], None]
) -> tuple[int, int]:
    doc_model = _model("coding", "Document")
    code_model = _model("coding", "Code")
    passage_model = _model("coding", "CodedPassage")
    if doc_model is None or code_model is None or passage_model is None:
        return -1, 0
    codes = {c.identifier: c for c in code_model.objects.filter(campaign=campaign, identifier__in=THEMES)}
    for position, theme in enumerate(THEMES):
        if theme not in codes:
            codes[theme] = code_model.objects.create(
                campaign=campaign, identifier=theme, label_ru=theme, position=position
            )
    from kozomol.accounts.models import Membership

    coder = (
        Membership.objects.filter(organisation__participations__campaign=campaign)
        .order_by("-role", "user_id")
        .values_list("user_id", flat=True)
        .first()
    )
    cities = _cities()
    tg = campaign.target_groups.filter(code="case_stories").first()
    made = passages = 0
    while made < count:
        docs, plans = [], []
        for _ in range(min(1000, count - made)):
            i = made + len(docs)
            country = _choice(rng, COUNTRY_WEIGHTS)
            city = _choice(rng, CITY_WEIGHTS[country])
            themes = rng.sample(THEMES, k=rng.randint(1, 3))
            sentences = [rng.choice(THEME_SENTENCES[t]) for t in themes]
            text = " ".join(sentences)
            docs.append(
                doc_model(
                    campaign=campaign,
                    title=f"История мигранта № {seed}-{i + 1}",
                    text=text,
                    kind="case_story",
                    external_id=f"synthetic:{seed}:{i}",
                    target_group=tg,
                    country_code=country,
                    city_id=cities.get(city),
                    gender=_choice(rng, [("male", 60), ("female", 40)]),
                )
            )
            spans, pos = [], 0
            for theme, sentence in zip(themes, sentences, strict=True):
                spans.append((theme, pos, pos + len(sentence), sentence))
                pos += len(sentence) + 1
            plans.append(spans)
        doc_model.objects.bulk_create(docs, batch_size=500)
        refs = [d.external_id for d in docs]
        ids = dict(
            doc_model.objects.filter(campaign=campaign, external_id__in=refs).values_list("external_id", "pk")
        )
        rows = [
            passage_model(
                document_id=ids[ref], code=codes[theme], start=a, end=b, text=sentence, coder_id=coder
            )
            for ref, spans in zip(refs, plans, strict=True)
            for theme, a, b, sentence in spans
        ]
        passage_model.objects.bulk_create(rows, batch_size=1000)
        passages += len(rows)
        made += len(docs)
        progress(len(docs))
    return made, passages


def generate(
    campaign: Any,
    *,
    submissions: int = 0,
    appeals: int = 0,
    documents: int = 0,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
    out: Callable[[str], None] | None = None,
) -> Report:
    """Write synthetic rows for ``campaign`` and bring its analytics cube up to date."""
    tick = progress or (lambda n: None)
    say = out or (lambda line: None)
    report = Report(skipped=[])
    assert report.skipped is not None
    with transaction.atomic():
        if submissions:
            # Bring the cube up to date first, so the rows made here can be folded in as they are made.
            cube.cube_sync(campaign.pk, ["submissions"])
            before = cube.high_water(campaign.pk, "submissions")
            folder = cube.Folder.new()
            made = _make_submissions(
                campaign, submissions, random.Random(f"{seed}:submissions"), seed, tick, folder
            )
            if made > 0:
                cube.fold_in_generated(campaign.pk, "submissions", before, folder)
            if made < 0:
                report.skipped.append("submissions")
                say("Skipped submissions: the submissions/questionnaires apps have not landed.")
            else:
                report.submissions = made
        if appeals:
            made = _make_appeals(campaign, appeals, random.Random(f"{seed}:appeals"), seed, tick)
            if made < 0:
                report.skipped.append("appeals")
                say("Skipped appeals: the cases app (cases.Case) has not landed.")
            else:
                report.appeals = made
        if documents:
            made, passages = _make_documents(
                campaign, documents, random.Random(f"{seed}:documents"), seed, tick
            )
            if made < 0:
                report.skipped.append("documents")
                say("Skipped documents: the coding app (Document, Code, CodedPassage) has not landed.")
            else:
                report.documents, report.passages = made, passages
    # Fold the new rows into the cube (incremental: only rows past the high-water mark are read).
    cube.cube_sync(campaign.pk)
    return report
