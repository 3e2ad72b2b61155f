"""Demo entries of the help directory in Moscow, Saint Petersburg, Astana, Almaty and Bishkek.

Organisations and numbers are invented (every phone number is a 000 number);
they only show how the directory reads.
"""

from __future__ import annotations

import datetime as dt

from kozomol.accounts.models import Organisation
from kozomol.campaigns.demo import DemoContext
from kozomol.directory.models import Service
from kozomol.places.models import Location

K = Service.Kind

# (organisation key or None, provider ru/ky/en when no organisation, kind, city code, languages, women staff, hours)
ENTRIES = [
    ("embassy_ru", None, K.CONSULAR, "RU-moscow", ["ky", "ru"], True, "Пн–Пт 9:00–18:00"),
    ("ngo_moscow", None, K.LEGAL_AID, "RU-moscow", ["ky", "ru", "uz"], True, "Пн–Сб 10:00–19:00"),
    ("clinic_moscow", None, K.MEDICAL, "RU-moscow", ["ru"], True, "Ежедневно 8:00–20:00"),
    (
        None,
        (
            "Профсоюз трудящихся-мигрантов (Москва, демо)",
            "Мигрант эмгекчилердин кесиптик бирлиги (Москва, демо)",
            "Migrant workers' trade union (Moscow, demo)",
        ),
        K.TRADE_UNION,
        "RU-moscow",
        ["ru", "ky", "tg"],
        False,
        "Вт, Чт 15:00–20:00",
    ),
    (
        None,
        (
            "Служба устного перевода для мигрантов (Москва, демо)",
            "Мигранттар үчүн оозеки котормо кызматы (Москва, демо)",
            "Interpreting service for migrants (Moscow, demo)",
        ),
        K.INTERPRETING,
        "RU-moscow",
        ["ky", "ru", "uz", "tg"],
        True,
        "По записи",
    ),
    ("consulate_spb", None, K.CONSULAR, "RU-saint-petersburg", ["ky", "ru"], False, "Пн–Пт 9:30–17:30"),
    ("diaspora_spb", None, K.DIASPORA, "RU-saint-petersburg", ["ky", "ru"], True, "Сб–Вс 11:00–17:00"),
    ("embassy_kz", None, K.CONSULAR, "KZ-astana", ["ky", "ru", "kk"], True, "Пн–Пт 9:00–18:00"),
    ("ngo_astana", None, K.LEGAL_AID, "KZ-astana", ["ru", "kk", "ky"], True, "Пн–Пт 10:00–18:00"),
    ("consulate_almaty", None, K.CONSULAR, "KZ-almaty", ["ky", "ru", "kk"], True, "Пн–Пт 9:00–18:00"),
    ("ngo_almaty", None, K.LEGAL_AID, "KZ-almaty", ["ky", "ru", "kk"], True, "Пн–Пт 9:00–18:00"),
    ("hospital_almaty", None, K.MEDICAL, "KZ-almaty", ["ru", "kk"], True, "Круглосуточно"),
    (
        None,
        (
            "Кризисный центр для женщин (Алматы, демо)",
            "Аялдар үчүн кризистик борбор (Алматы, демо)",
            "Crisis centre for women (Almaty, demo)",
        ),
        K.SHELTER,
        "KZ-almaty",
        ["ru", "kk", "ky"],
        True,
        "Круглосуточно",
    ),
    (
        None,
        (
            "Информационный центр для уезжающих на работу (Бишкек, демо)",
            "Иштөөгө кетүүчүлөр үчүн маалымат борбору (Бишкек, демо)",
            "Information centre for people leaving to work abroad (Bishkek, demo)",
        ),
        K.LEGAL_AID,
        "KG-bishkek",
        ["ky", "ru"],
        True,
        "Пн–Пт 9:00–17:00",
    ),
    ("lead", None, K.LEGAL_AID, "KG-bishkek", ["ky", "ru"], True, "Пн–Пт 9:00–18:00"),
]


def load(ctx: DemoContext) -> None:
    cities = {c.code: c for c in Location.objects.filter(kind=Location.Kind.CITY)}
    created = 0
    for number, (key, names, kind, city_code, languages, women, hours) in enumerate(ENTRIES, start=1):
        city = cities[city_code]
        country = Location.objects.get(code=city.country_code, kind=Location.Kind.COUNTRY)
        organisation: Organisation | None = ctx.organisations[key] if key else None
        ru, ky, en = names if names else ("", "", "")
        _service, was_created = Service.objects.get_or_create(
            kind=kind,
            city=city,
            organisation=organisation,
            provider_ru=ru,
            defaults={
                "provider_ky": ky,
                "provider_en": en,
                "country": country,
                "languages": languages,
                "women_staff": women,
                "hours": hours,
                "phone": f"+7 000 000-00-{number:02d}",
                "description_ru": "Демонстрационная запись справочника: контакты вымышлены.",
                "description_ky": "Маалымдаманын демо жазуусу: байланыштар ойдон чыгарылган.",
                "description_en": "A demo entry of the directory: the contacts are invented.",
                "last_verified": dt.date(2026, 10, 1),
                "maintained_by": ctx.lead,
            },
        )
        created += was_created
    ctx.say(f"directory: {created} help services")
