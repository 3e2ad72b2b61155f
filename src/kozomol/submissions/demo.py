"""Demo: a few dozen interviews in Russian, across target groups and cities, received
through the same service ODK Collect uses. The answers are Kozomol's own wording of
situations the monitoring report describes; no respondent is a real person.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from kozomol.questionnaires.schema import META_TYPES
from kozomol.submissions.models import Submission
from kozomol.submissions.services import submission_receive, submission_set_status
from kozomol.submissions.xmldata import build_xml

# (target group, how many interviews)
PLAN = [
    ("migrants", 12),
    ("case_stories", 6),
    ("ngo", 5),
    ("consular", 5),
    ("medical_staff", 4),
    ("state_bodies", 2),
    ("ombudsman", 2),
]
BISHKEK = ZoneInfo("Asia/Bishkek")
PLACES = [("RU", "RU-moscow"), ("RU", "RU-saint-petersburg"), ("KZ", "KZ-astana"), ("KZ", "KZ-almaty")]

ANSWERS: dict[str, list[str]] = {
    "status": [
        "Документы оформлял сам через миграционный центр, ушло почти три недели и много денег.",
        "Патент сделали через фирму, заплатил посреднику, чек не дали.",
        "Земляк попал под запрет на въезд из-за двух штрафов, узнал об этом только на границе.",
    ],
    "labour": [
        "Работаем по двенадцать часов, выходной один раз в две недели, договор обещали, но так и не дали.",
        "Бригадир два месяца задерживал зарплату, потом часть денег так и не отдал.",
        "Паспорт держали у работодателя «для сохранности», вернули только когда я уволился.",
        "Жаловаться было некуда: в трудовую инспекцию без договора не принимают.",
    ],
    "health": [
        "Лечусь в частной клинике, в поликлинику без полиса не берут.",
        "Скорая приезжала, но в больнице потребовали оплатить лечение сразу.",
        "Полис покупал вместе с патентом, но что он покрывает, никто не объяснил.",
    ],
    "education": [
        "Ребёнка долго не брали в школу: требовали регистрацию и справки, которых у нас нет.",
        "Дети остались дома с бабушкой, здесь им негде учиться.",
    ],
    "pension": [
        "Про пенсионные взносы ничего не знаю, работодатель за меня ничего не платит.",
        "Думаю вернуться домой, но стажа там почти нет.",
    ],
    "housing": [
        "Живём вдесятером в двухкомнатной квартире, хозяин регистрацию не делает.",
        "Живём в вагончике на стройке, зимой холодно.",
    ],
    "justice": [
        "Полиция часто останавливает в метро, проверяют документы и иногда просят деньги.",
        "Если что-то случится, в полицию не пойду — боюсь, что проблемы будут у меня.",
    ],
    "integration": [
        "Соседи относятся нормально, а в транспорте иногда слышим грубые слова.",
        "Хожу в землячество, там помогают советом и с поиском работы.",
    ],
    "consular": [
        "В консульстве длинные очереди, записаться заранее трудно.",
        "Паспорт меняли почти три месяца, всё это время боялся проверок.",
        "Сотрудники вежливые, но людей на приёме не хватает.",
    ],
    "gender": [
        "Женщинам труднее: на работе бывают домогательства, а пожаловаться некому.",
        "Рожала здесь, за роды пришлось платить, полис не помог.",
    ],
    "closing": [
        "Нужно, чтобы оформление документов было проще и дешевле, и чтобы консульство было ближе.",
        "Хотелось бы бесплатную юридическую консультацию на кыргызском языке.",
        "Больше рассказывать людям о правах ещё дома, до отъезда.",
    ],
    "": [
        "Чаще всего к нам обращаются из-за невыплаты заработной платы и изъятия документов.",
        "Мигранты редко знают свои права и боятся обращаться в государственные органы.",
        "Сотрудничество с диаспорой помогает быстрее находить людей в трудной ситуации.",
        "Нужны переводчики и памятки на кыргызском языке.",
        "Много обращений связано с регистрацией по месту пребывания и штрафами.",
    ],
}


def _text(path: str, rng: random.Random) -> str:
    group = path.split("/")[0] if "/" in path else ""
    theme = group.removeprefix("theme_")
    for key in (theme, group, ""):
        if key in ANSWERS:
            return rng.choice(ANSWERS[key])
    return rng.choice(ANSWERS[""])


def _answers(schema: Any, rng: random.Random, country: str, city: str, when: dt.datetime) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for question in schema.questions:
        if (
            question.repeat is not None
            or question.type in ("note", "calculate", "acknowledge")
            or question.is_file
        ):
            continue
        name = question.name
        if question.type in META_TYPES:
            if question.type in ("start", "end"):
                moment = (
                    when if question.type == "start" else when + dt.timedelta(minutes=rng.randint(35, 90))
                )
                data[question.path] = moment.isoformat()
            elif question.type == "today":
                data[question.path] = when.date().isoformat()
            continue
        if name == "country":
            data[question.path] = country
            continue
        if name == "city":
            data[question.path] = city
            continue
        if name in ("consent", "recording_consent"):
            data[question.path] = "yes"
            continue
        choices = [c.name for c in schema.choices.get(question.list_name or "", []) if c.name != "other"]
        if question.type == "select_one" and choices:
            data[question.path] = rng.choice(choices)
        elif question.type == "select_multiple" and choices:
            picked = [c for c in choices if c != "none" and rng.random() < 0.35] or [choices[0]]
            data[question.path] = " ".join(picked)
        elif question.type == "integer":
            data[question.path] = str(rng.randint(1, 9) if "people" in name else rng.randint(3, 96))
        elif question.type == "decimal":
            data[question.path] = f"{rng.uniform(1, 50):.1f}"
        elif question.type == "date":
            data[question.path] = (when.date() - dt.timedelta(days=rng.randint(10, 300))).isoformat()
        elif question.type == "text" and not name.endswith("_other") and rng.random() < 0.85:
            data[question.path] = _text(question.path, rng)
    return data


def load(ctx: Any) -> None:
    versions = ctx.extra.get("form_versions") or {}
    if not versions:
        ctx.say("submissions: no questionnaires, no demo interviews")
        return
    rng = random.Random(2013)  # noqa: S311  (demo data, not security)
    monitor = ctx.users.get("monitor")
    coordinator = ctx.users.get("coordinator")
    count = 0
    for code, how_many in PLAN:
        version = versions.get(code)
        if version is None:
            continue
        schema = version.parsed
        for n in range(how_many):
            country, city = PLACES[(n + count) % len(PLACES)]
            when = dt.datetime(
                2013, rng.randint(3, 10), rng.randint(1, 28), rng.randint(9, 18), tzinfo=BISHKEK
            )
            data = _answers(schema, rng, country, city, when)
            instance_id = f"uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"
            xml = build_xml(
                schema=schema,
                root_name="data",
                data=data,
                instance_id=instance_id,
                declared_version=version.version_declared,
            )
            result = submission_receive(
                campaign=ctx.campaign, xml=xml.encode("utf-8"), files=[], user=monitor
            )
            Submission.objects.filter(pk=result.submission.pk).update(
                received_at=when + dt.timedelta(hours=2)
            )
            if n % 5 == 3:
                submission_set_status(
                    submission=result.submission,
                    status=Submission.Status.HAS_ISSUES,
                    actor=coordinator,
                    comment="Уточните город и дату интервью.",
                )
            elif n % 5 != 4:
                submission_set_status(
                    submission=result.submission, status=Submission.Status.APPROVED, actor=coordinator
                )
            count += 1
    ctx.say(f"submissions: {count} demo interviews")
