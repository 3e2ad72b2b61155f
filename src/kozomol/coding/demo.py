"""Demo: interview excerpts and case stories of the 2013 monitoring, coded by two analysts.

The texts are Kozomol's own, written after the themes and figures of the
report; names are invented and nobody in them is a real person.
"""

from __future__ import annotations

from typing import Any

from kozomol.campaigns.demo import DemoContext
from kozomol.coding.models import Code, Document
from kozomol.coding.services import codebook_seed, document_create, memo_create, passages_create
from kozomol.places.models import Location

# (key, title, kind, target group, city, gender, profile, text)
DOCUMENTS: list[tuple[str, str, str, str, str, str, dict[str, Any], str]] = [
    (
        "m-msk-01",
        "Интервью с мигрантом, строитель (Москва)",
        "transcript",
        "migrants",
        "RU-moscow",
        "male",
        {"age": 29, "occupation": "строитель", "years_abroad": 4},
        "Интервьюер: Как вы оформляли документы?\n"
        "Респондент: Сам не оформлял, через фирму. Отдал им почти тридцать тысяч рублей за патент и регистрацию, "
        "а потом на проверке сказали, что регистрация фальшивая. Пришлось платить штраф.\n"
        "Интервьюер: А на работе?\n"
        "Респондент: Работали на стройке без договора, бригадир собрал у всех паспорта «чтобы не потерялись». "
        "Зарплату за последние два месяца так и не отдали, сказали — объект не сдан. "
        "Жили мы там же, в вагончике, по шесть человек.",
    ),
    (
        "m-msk-02",
        "Интервью с мигранткой, продавец (Москва)",
        "transcript",
        "migrants",
        "RU-moscow",
        "female",
        {"age": 24, "occupation": "продавец", "years_abroad": 2},
        "Интервьюер: Обращались ли вы к врачу здесь?\n"
        "Респондент: Когда забеременела, в поликлинике без полиса на учёт не поставили. В частной клинике "
        "за один приём просили больше, чем я получаю за неделю. Родственникам дома сказать боялась, "
        "думала даже об аборте.\n"
        "Интервьюер: На работе вас кто-нибудь обижал?\n"
        "Респондент: Хозяин точки приставал к девушкам, а пожаловаться некуда. К юристу-мужчине с таким "
        "не пойдёшь.",
    ),
    (
        "m-spb-01",
        "Интервью с мигрантом, дворник (Санкт-Петербург)",
        "transcript",
        "migrants",
        "RU-saint-petersburg",
        "male",
        {"age": 41, "occupation": "дворник", "years_abroad": 9},
        "Респондент: После того убийства на рынке полиция хватала всех подряд, кто похож на приезжего. "
        "Меня держали в отделении почти сутки, хотя документы были в порядке. Отпустили, когда земляки "
        "собрали деньги.\n"
        "Интервьюер: Вы жаловались?\n"
        "Респондент: Куда жаловаться? В полицию идти — себе дороже. По телевизору про нас показывают "
        "только плохое, соседи в подъезде отворачиваются.",
    ),
    (
        "m-alm-01",
        "Интервью с мигрантом, сезонный рабочий (Алматинская область)",
        "transcript",
        "migrants",
        "KZ-almaty",
        "male",
        {"age": 35, "occupation": "рабочий на табачной плантации", "years_abroad": 3},
        "Респондент: Приехали всей семьёй на табак. Работали и дети, старшему двенадцать лет, в школу он "
        "здесь не ходил. Хозяин сказал, что рассчитается в конце сезона, а в конце сказал, что мы ему "
        "ещё должны за жильё и еду. Младшего сына оставили у него, пока не вернём долг.\n"
        "Интервьюер: С казахами как отношения?\n"
        "Респондент: С людьми нормально, язык похожий, обычаи те же. Проблемы только с хозяином.",
    ),
    (
        "m-ast-01",
        "Интервью с мигранткой, повар (Астана)",
        "transcript",
        "migrants",
        "KZ-astana",
        "female",
        {"age": 38, "occupation": "повар", "years_abroad": 6},
        "Респондент: В Казахстане с регистрацией проще, фирм-посредников почти нет, сама всё сделала. "
        "Но дочку в садик не взяли — мест нет, а в школе попросили справку о прививках, которую дома "
        "не дали.\n"
        "Интервьюер: Думаете о пенсии?\n"
        "Респондент: Двадцать лет работаю по чужим странам, а стажа нигде нет. Вернусь домой старой и без "
        "пенсии.",
    ),
    (
        "ngo-msk-01",
        "Интервью с юристом НПО (Москва)",
        "transcript",
        "ngo",
        "RU-moscow",
        "female",
        {"organisation_kind": "НПО", "years_in_field": 11},
        "Респондент: Доказать трудовые отношения почти невозможно: договора нет, зарплату платят наличными. "
        "Поэтому мы стараемся решить дело без суда — звоним работодателю, договариваемся о выплате. "
        "Суд для мигранта — это долго, дорого и без переводчика.\n"
        "Большинство приходит к нам, когда уже поздно: не знают ни законов, ни куда обратиться. "
        "Женщины к нам почти не приходят, им нужен юрист-женщина.",
    ),
    (
        "cons-msk-01",
        "Интервью в консульском отделе (Москва)",
        "transcript",
        "consular",
        "RU-moscow",
        "male",
        {"position": "сотрудник консульского отдела"},
        "Респондент: Очередь с пяти утра, за день принимаем несколько сотен человек, а сотрудников мало. "
        "Аппарат для биометрических паспортов один на весь город, часто ломается. Юриста в штате нет, "
        "по трудовым спорам помогаем как можем, через диаспору.\n"
        "Почётные консулы в регионах есть, но мигранты о них не знают.",
    ),
    (
        "med-alm-01",
        "Интервью с врачом городской больницы (Алматы)",
        "transcript",
        "medical_staff",
        "KZ-almaty",
        "female",
        {"specialty": "акушер-гинеколог"},
        "Респондент: Экстренную помощь оказываем всем, а дальше — только за деньги или по страховке, "
        "которой у мигрантов почти никогда нет. Роженицы приходят без обследований, поздно. "
        "Бывает, что девушка рожает и оставляет ребёнка в роддоме, потому что боится, что узнают дома.\n"
        "Туберкулёз выявляем часто, но лечение прерывается: человека выдворяют, и всё.",
    ),
    (
        "case-01",
        "Кейс: удержание документов и невыплата зарплаты",
        "case_story",
        "case_stories",
        "RU-moscow",
        "male",
        {"age": 33},
        "Азиз (имя изменено) полгода работал на складе в Подмосковье. Паспорт забрал управляющий «на "
        "оформление» и не вернул. Когда рабочие потребовали зарплату, их выгнали с территории, а управляющий "
        "пригрозил вызвать миграционную службу. Азиз обратился в консульство, где ему помогли получить "
        "справку для возвращения домой. Деньги так и не выплатили.",
    ),
    (
        "case-02",
        "Кейс: выдворение после облавы",
        "case_story",
        "case_stories",
        "RU-saint-petersburg",
        "male",
        {"age": 22},
        "Бакыт (имя изменено) задержали во время рейда в общежитии. Срок регистрации у него истёк на две "
        "недели. Суд в тот же день назначил штраф и выдворение; переводчика не было, и решение он подписал, "
        "не понимая его. Теперь ему закрыт въезд на пять лет, а семья дома осталась без заработка.",
    ),
    (
        "case-03",
        "Кейс: насилие в семье мигрантки",
        "case_story",
        "case_stories",
        "KZ-almaty",
        "female",
        {"age": 27},
        "Гульнара (имя изменено) приехала в Алматы вместе с мужем. Муж избивал её, забрал документы и "
        "деньги. Идти в полицию она боялась, так как не знала, законно ли она находится в стране. "
        "О кризисном центре узнала случайно от соседки; там ей помогли юрист и психолог.",
    ),
    (
        "case-04",
        "Кейс: травма на стройке",
        "case_story",
        "case_stories",
        "RU-moscow",
        "male",
        {"age": 45},
        "Эркин (имя изменено) упал с лесов на стройке, где работал без договора и без страховки. Скорая "
        "отвезла его в больницу, но после операции выписали, потребовав оплатить лечение. Работодатель "
        "отказался признать, что Эркин у него работал. Диаспора собрала деньги на лекарства и билет домой.",
    ),
]

# Two coders read the same texts and do not always agree.
# (document key, quote, codes) — the analyst.
ANALYST = [
    ("m-msk-01", "Отдал им почти тридцать тысяч рублей за патент и регистрацию", ["STATUS.INTERMEDIARIES"]),
    ("m-msk-01", "на проверке сказали, что регистрация фальшивая", ["STATUS.FORGED_DOCUMENTS"]),
    ("m-msk-01", "Работали на стройке без договора", ["LABOUR.NO_CONTRACT"]),
    ("m-msk-01", "бригадир собрал у всех паспорта", ["LABOUR.DOCUMENTS_CONFISCATED"]),
    ("m-msk-01", "Зарплату за последние два месяца так и не отдали", ["LABOUR.WAGES_UNPAID"]),
    (
        "m-msk-01",
        "Жили мы там же, в вагончике, по шесть человек.",
        ["HOUSING.WORKSITE", "HOUSING.OVERCROWDING"],
    ),
    ("m-msk-02", "в поликлинике без полиса на учёт не поставили", ["HEALTH.PREGNANCY", "HEALTH.INSURANCE"]),
    ("m-msk-02", "В частной клинике за один приём просили больше, чем я получаю за неделю", ["HEALTH.COST"]),
    (
        "m-msk-02",
        "Родственникам дома сказать боялась, думала даже об аборте.",
        ["GENDER.PREGNANCY_OUTSIDE_MARRIAGE", "HEALTH.REPRODUCTIVE"],
    ),
    ("m-msk-02", "Хозяин точки приставал к девушкам", ["GENDER.HARASSMENT"]),
    ("m-msk-02", "К юристу-мужчине с таким не пойдёшь.", ["GENDER.FEMALE_LAWYER"]),
    ("m-spb-01", "После того убийства на рынке полиция хватала всех подряд", ["JUSTICE.RAIDS"]),
    ("m-spb-01", "Меня держали в отделении почти сутки", ["JUSTICE.DETENTION"]),
    ("m-spb-01", "В полицию идти — себе дороже.", ["JUSTICE.FEAR_POLICE"]),
    ("m-spb-01", "По телевизору про нас показывают только плохое", ["INTEGRATION.MEDIA_STIGMA"]),
    ("m-alm-01", "Работали и дети, старшему двенадцать лет", ["LABOUR.CHILD_LABOUR"]),
    ("m-alm-01", "в школу он здесь не ходил", ["EDUCATION.CHILD_WORK"]),
    ("m-alm-01", "Младшего сына оставили у него, пока не вернём долг.", ["LABOUR.FORCED_LABOUR"]),
    ("m-alm-01", "язык похожий, обычаи те же", ["INTEGRATION.CULTURAL_PROXIMITY"]),
    ("m-ast-01", "дочку в садик не взяли — мест нет", ["EDUCATION.KINDERGARTEN"]),
    ("m-ast-01", "в школе попросили справку о прививках", ["EDUCATION.VACCINATION"]),
    ("m-ast-01", "Двадцать лет работаю по чужим странам, а стажа нигде нет.", ["PENSION.CONTRIBUTIONS"]),
    ("ngo-msk-01", "Поэтому мы стараемся решить дело без суда", ["JUSTICE.NGO_SETTLEMENT"]),
    ("ngo-msk-01", "не знают ни законов, ни куда обратиться", ["JUSTICE.LEGAL_AWARENESS"]),
    ("ngo-msk-01", "им нужен юрист-женщина", ["GENDER.FEMALE_LAWYER"]),
    ("cons-msk-01", "Очередь с пяти утра", ["CONSULAR.QUEUES"]),
    ("cons-msk-01", "Аппарат для биометрических паспортов один на весь город", ["CONSULAR.EQUIPMENT"]),
    ("cons-msk-01", "Юриста в штате нет", ["CONSULAR.LEGAL_HELP"]),
    ("med-alm-01", "Экстренную помощь оказываем всем", ["HEALTH.EMERGENCY_ONLY"]),
    ("med-alm-01", "Туберкулёз выявляем часто, но лечение прерывается", ["HEALTH.TUBERCULOSIS"]),
    ("case-01", "Паспорт забрал управляющий", ["LABOUR.DOCUMENTS_CONFISCATED"]),
    ("case-01", "их выгнали с территории", ["LABOUR.DISMISSAL"]),
    ("case-02", "Суд в тот же день назначил штраф и выдворение", ["JUSTICE.EXPULSION", "JUSTICE.COURTS"]),
    ("case-02", "Теперь ему закрыт въезд на пять лет", ["STATUS.ENTRY_BAN"]),
    ("case-03", "Муж избивал её, забрал документы и деньги.", ["GENDER.VIOLENCE"]),
    ("case-04", "упал с лесов на стройке", ["LABOUR.UNSAFE_WORK"]),
]

# The coordinator codes the first documents too, with other boundaries and some other codes.
COORDINATOR = [
    (
        "m-msk-01",
        "Сам не оформлял, через фирму. Отдал им почти тридцать тысяч рублей за патент и регистрацию",
        ["STATUS.INTERMEDIARIES"],
    ),
    (
        "m-msk-01",
        "регистрация фальшивая. Пришлось платить штраф.",
        ["STATUS.FORGED_DOCUMENTS", "JUSTICE.FINES_EXTORTION"],
    ),
    ("m-msk-01", "Работали на стройке без договора, бригадир собрал у всех паспорта", ["LABOUR.NO_CONTRACT"]),
    (
        "m-msk-01",
        "Зарплату за последние два месяца так и не отдали, сказали — объект не сдан.",
        ["LABOUR.WAGES_UNPAID"],
    ),
    ("m-msk-01", "Жили мы там же, в вагончике, по шесть человек.", ["HOUSING.OVERCROWDING"]),
    ("m-msk-02", "в поликлинике без полиса на учёт не поставили", ["HEALTH.INSURANCE"]),
    ("m-msk-02", "В частной клинике за один приём просили больше, чем я получаю за неделю", ["HEALTH.COST"]),
    ("m-msk-02", "Хозяин точки приставал к девушкам, а пожаловаться некуда.", ["GENDER.HARASSMENT"]),
    (
        "m-spb-01",
        "полиция хватала всех подряд, кто похож на приезжего",
        ["JUSTICE.RAIDS", "INTEGRATION.XENOPHOBIA"],
    ),
    ("m-spb-01", "Отпустили, когда земляки собрали деньги.", ["JUSTICE.FINES_EXTORTION"]),
    ("m-spb-01", "В полицию идти — себе дороже.", ["JUSTICE.FEAR_POLICE"]),
    ("m-spb-01", "соседи в подъезде отворачиваются", ["INTEGRATION.CONTEMPT"]),
    (
        "m-alm-01",
        "Работали и дети, старшему двенадцать лет, в школу он здесь не ходил.",
        ["LABOUR.CHILD_LABOUR"],
    ),
    ("m-alm-01", "Младшего сына оставили у него, пока не вернём долг.", ["LABOUR.FORCED_LABOUR"]),
    ("case-01", "Паспорт забрал управляющий «на оформление» и не вернул.", ["LABOUR.DOCUMENTS_CONFISCATED"]),
    ("case-01", "Деньги так и не выплатили.", ["LABOUR.WAGES_UNPAID"]),
    ("case-01", "Азиз обратился в консульство", ["CONSULAR.APPEALS"]),
]


def load(ctx: DemoContext) -> None:
    campaign = ctx.campaign
    coordinator = ctx.users["coordinator"]
    analyst = ctx.users["analyst"]
    monitor = ctx.users.get("monitor", coordinator)
    codebook_seed(actor=coordinator, campaign=campaign)
    codes = {c.identifier: c for c in Code.objects.filter(campaign=campaign)}
    groups = {g.code: g for g in campaign.target_groups.all()}
    cities = {c.code: c for c in Location.objects.filter(kind=Location.Kind.CITY)}
    documents: dict[str, Document] = {}
    for key, title, kind, group, city, gender, profile, text in DOCUMENTS:
        existing = Document.objects.filter(campaign=campaign, external_id=key).first()
        documents[key] = existing or document_create(
            actor=monitor,
            campaign=campaign,
            title=title,
            text=text,
            kind=kind,
            external_id=key,
            target_group=groups.get(group),
            city=cities.get(city),
            gender=gender,
            profile=profile,
        )
    count = 0
    for coder, plan in ((analyst, ANALYST), (coordinator, COORDINATOR)):
        for key, quote, identifiers in plan:
            document = documents[key]
            start = document.text.index(quote)
            count += len(
                passages_create(
                    actor=coder,
                    document=document,
                    codes=[codes[i] for i in identifiers],
                    start=start,
                    end=start + len(quote),
                )
            )
    if not documents["m-msk-01"].memos.exists():
        memo_create(
            actor=analyst,
            document=documents["m-msk-01"],
            text="Типичная цепочка: посредник → поддельная регистрация → штраф; сверить с кейсом 01.",
        )
        memo_create(
            actor=coordinator,
            code=codes["LABOUR.DOCUMENTS_CONFISCATED"],
            text="Ставим и тогда, когда паспорт «взяли на хранение» по просьбе самого работника.",
        )
    ctx.say(f"coding: {len(documents)} documents, {len(codes)} codes, {count} coded passages by two coders")
