"""Reference places: countries, regions and cities of migrants' origin and work.

Loaded by a data migration, so every database has them from the first
``migrate``. Codes: ISO 3166-1 for countries, ISO 3166-2 for regions,
``<country>-<slug>`` for cities. (code, parent code, ru, ky, en).
"""

from __future__ import annotations

from typing import Any

COUNTRIES = [
    ("KG", None, "Кыргызстан", "Кыргызстан", "Kyrgyzstan"),
    ("RU", None, "Россия", "Россия", "Russia"),
    ("KZ", None, "Казахстан", "Казакстан", "Kazakhstan"),
]

REGIONS = [
    ("KG-GB", "KG", "город Бишкек", "Бишкек шаары", "Bishkek City"),
    ("KG-GO", "KG", "город Ош", "Ош шаары", "Osh City"),
    ("KG-C", "KG", "Чуйская область", "Чүй облусу", "Chuy Region"),
    ("KG-O", "KG", "Ошская область", "Ош облусу", "Osh Region"),
    ("KG-J", "KG", "Джалал-Абадская область", "Жалал-Абад облусу", "Jalal-Abad Region"),
    ("KG-B", "KG", "Баткенская область", "Баткен облусу", "Batken Region"),
    ("KG-N", "KG", "Нарынская область", "Нарын облусу", "Naryn Region"),
    ("KG-Y", "KG", "Иссык-Кульская область", "Ысык-Көл облусу", "Issyk-Kul Region"),
    ("KG-T", "KG", "Таласская область", "Талас облусу", "Talas Region"),
    ("RU-MOW", "RU", "Москва", "Москва", "Moscow"),
    ("RU-MOS", "RU", "Московская область", "Москва облусу", "Moscow Oblast"),
    ("RU-SPE", "RU", "Санкт-Петербург", "Санкт-Петербург", "Saint Petersburg"),
    ("RU-LEN", "RU", "Ленинградская область", "Ленинград облусу", "Leningrad Oblast"),
    ("RU-SVE", "RU", "Свердловская область", "Свердлов облусу", "Sverdlovsk Oblast"),
    ("RU-NVS", "RU", "Новосибирская область", "Новосибирск облусу", "Novosibirsk Oblast"),
    ("RU-TA", "RU", "Республика Татарстан", "Татарстан Республикасы", "Republic of Tatarstan"),
    ("RU-KYA", "RU", "Красноярский край", "Красноярск крайы", "Krasnoyarsk Krai"),
    ("RU-SAM", "RU", "Самарская область", "Самара облусу", "Samara Oblast"),
    ("RU-IRK", "RU", "Иркутская область", "Иркутск облусу", "Irkutsk Oblast"),
    (
        "RU-KHM",
        "RU",
        "Ханты-Мансийский автономный округ — Югра",
        "Ханты-Манси автономиялык округу",
        "Khanty-Mansi Autonomous Okrug",
    ),
    ("KZ-71", "KZ", "город Астана", "Астана шаары", "Astana City"),
    ("KZ-75", "KZ", "город Алматы", "Алматы шаары", "Almaty City"),
    ("KZ-79", "KZ", "город Шымкент", "Шымкент шаары", "Shymkent City"),
    ("KZ-19", "KZ", "Алматинская область", "Алматы облусу", "Almaty Region"),
    ("KZ-61", "KZ", "Туркестанская область", "Түркстан облусу", "Turkistan Region"),
    ("KZ-35", "KZ", "Карагандинская область", "Караганды облусу", "Karaganda Region"),
    ("KZ-31", "KZ", "Жамбылская область", "Жамбыл облусу", "Jambyl Region"),
]

# (code, region, ru, ky, en, destination, origin)
CITIES = [
    ("RU-moscow", "RU-MOW", "Москва", "Москва", "Moscow", True, False),
    ("RU-saint-petersburg", "RU-SPE", "Санкт-Петербург", "Санкт-Петербург", "Saint Petersburg", True, False),
    ("RU-yekaterinburg", "RU-SVE", "Екатеринбург", "Екатеринбург", "Yekaterinburg", True, False),
    ("RU-novosibirsk", "RU-NVS", "Новосибирск", "Новосибирск", "Novosibirsk", True, False),
    ("RU-kazan", "RU-TA", "Казань", "Казань", "Kazan", True, False),
    ("RU-krasnoyarsk", "RU-KYA", "Красноярск", "Красноярск", "Krasnoyarsk", True, False),
    ("RU-samara", "RU-SAM", "Самара", "Самара", "Samara", True, False),
    ("RU-irkutsk", "RU-IRK", "Иркутск", "Иркутск", "Irkutsk", True, False),
    ("RU-surgut", "RU-KHM", "Сургут", "Сургут", "Surgut", True, False),
    ("KZ-astana", "KZ-71", "Астана", "Астана", "Astana", True, False),
    ("KZ-almaty", "KZ-75", "Алматы", "Алматы", "Almaty", True, False),
    ("KZ-shymkent", "KZ-79", "Шымкент", "Шымкент", "Shymkent", True, False),
    ("KZ-karaganda", "KZ-35", "Караганда", "Караганды", "Karaganda", True, False),
    ("KZ-taraz", "KZ-31", "Тараз", "Тараз", "Taraz", True, False),
    ("KG-bishkek", "KG-GB", "Бишкек", "Бишкек", "Bishkek", False, True),
    ("KG-osh", "KG-GO", "Ош", "Ош", "Osh", False, True),
    ("KG-jalal-abad", "KG-J", "Джалал-Абад", "Жалал-Абад", "Jalal-Abad", False, True),
    ("KG-batken", "KG-B", "Баткен", "Баткен", "Batken", False, True),
    ("KG-karakol", "KG-Y", "Каракол", "Каракол", "Karakol", False, True),
    ("KG-naryn", "KG-N", "Нарын", "Нарын", "Naryn", False, True),
    ("KG-talas", "KG-T", "Талас", "Талас", "Talas", False, True),
    ("KG-tokmok", "KG-C", "Токмок", "Токмок", "Tokmok", False, True),
    ("KG-kara-balta", "KG-C", "Кара-Балта", "Кара-Балта", "Kara-Balta", False, True),
    ("KG-uzgen", "KG-O", "Узген", "Өзгөн", "Uzgen", False, True),
    ("KG-kyzyl-kiya", "KG-B", "Кызыл-Кия", "Кызыл-Кыя", "Kyzyl-Kiya", False, True),
]


def load_reference_places(location_model: Any) -> None:
    """Create or refresh every reference place (idempotent)."""
    by_code: dict[str, Any] = {}

    def put(code: str, kind: str, parent: str | None, ru: str, ky: str, en: str, **flags: bool) -> None:
        obj, _ = location_model.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "parent": by_code.get(parent) if parent else None,
                "country_code": code[:2],
                "name_ru": ru,
                "name_ky": ky,
                "name_en": en,
                **flags,
            },
        )
        by_code[code] = obj

    for code, parent, ru, ky, en in COUNTRIES:
        put(code, "country", parent, ru, ky, en)
    for code, parent, ru, ky, en in REGIONS:
        put(code, "region", parent, ru, ky, en)
    for code, parent, ru, ky, en, dest, origin in CITIES:
        put(code, "city", parent, ru, ky, en, is_destination=dest, is_origin=origin)
