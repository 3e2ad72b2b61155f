"""Reference data seeded by migration: themes, the report's addressees, the articles of the standards."""

from __future__ import annotations

from typing import Any

from kozomol.findings.models import THEMES

# (code, ru, ky, en) — the addressees of the 2013 report's recommendations, in its order.
ADDRESSEES: list[tuple[str, str, str, str]] = [
    (
        "kg-government",
        "Правительство Кыргызской Республики и уполномоченные органы в сфере миграции",
        "Кыргыз Республикасынын Өкмөтү жана миграция жаатындагы ыйгарым укуктуу органдар",
        "Government of the Kyrgyz Republic and its migration authorities",
    ),
    ("kg-health", "Сфера здравоохранения", "Саламаттыкты сактоо тармагы", "Health sector"),
    ("kg-education", "Сфера образования и науки", "Билим берүү жана илим тармагы", "Education and science"),
    (
        "kg-mfa",
        "Министерство иностранных дел Кыргызской Республики совместно с посольствами в России и Казахстане",
        "Кыргыз Республикасынын Тышкы иштер министрлиги Россиядагы жана Казакстандагы элчиликтер менен бирге",
        "Ministry of Foreign Affairs of the Kyrgyz Republic with the embassies in Russia and Kazakhstan",
    ),
    (
        "kg-diplomatic",
        "Дипломатические службы Кыргызской Республики в странах пребывания",
        "Кыргыз Республикасынын кабыл алуучу өлкөлөрдөгү дипломатиялык кызматтары",
        "Diplomatic services of the Kyrgyz Republic in host countries",
    ),
    (
        "ru-government",
        "Правительство Российской Федерации",
        "Россия Федерациясынын Өкмөтү",
        "Government of the Russian Federation",
    ),
    (
        "kz-government",
        "Правительство Республики Казахстан",
        "Казакстан Республикасынын Өкмөтү",
        "Government of the Republic of Kazakhstan",
    ),
]

# (instrument, article, ru, ky, en)
STANDARDS: list[tuple[str, str, str, str, str]] = [
    (
        "ICRMW",
        "11",
        "Запрет принудительного труда",
        "Мажбурлап иштетүүгө тыюу",
        "Prohibition of forced labour",
    ),
    (
        "ICRMW",
        "16",
        "Свобода и личная неприкосновенность",
        "Эркиндик жана жеке кол тийбестик",
        "Liberty and security of person",
    ),
    ("ICRMW", "18", "Равенство перед судами", "Соттордун алдында теңдик", "Equality before the courts"),
    (
        "ICRMW",
        "21",
        "Запрет изъятия документов, удостоверяющих личность",
        "Инсандыкты тастыктаган документтерди алып коюуга тыюу",
        "No confiscation of identity documents",
    ),
    (
        "ICRMW",
        "22",
        "Запрет коллективной высылки",
        "Жамааттык чыгарып жиберүүгө тыюу",
        "Prohibition of collective expulsion",
    ),
    ("ICRMW", "23", "Консульская защита", "Консулдук коргоо", "Consular protection"),
    (
        "ICRMW",
        "25",
        "Равная оплата и условия труда",
        "Бирдей эмгек акы жана эмгек шарттары",
        "Equal pay and conditions of work",
    ),
    ("ICRMW", "27", "Социальное обеспечение", "Социалдык камсыздоо", "Social security"),
    ("ICRMW", "28", "Неотложная медицинская помощь", "Шашылыш медициналык жардам", "Emergency medical care"),
    ("ICRMW", "30", "Образование детей", "Балдардын билим алуусу", "Education of children"),
    ("ICRMW", "33", "Право на информацию", "Маалымат алуу укугу", "Right to information"),
    (
        "ICRMW",
        "43",
        "Равное обращение с документированными трудящимися",
        "Документтелген эмгекчилерге бирдей мамиле",
        "Equal treatment of documented workers",
    ),
    (
        "ICRMW",
        "65",
        "Миграционные службы государств",
        "Мамлекеттердин миграциялык кызматтары",
        "Migration services of States",
    ),
    (
        "ICRMW",
        "66",
        "Набор трудящихся для работы за рубежом",
        "Чет өлкөдө иштөө үчүн жумушчуларды тартуу",
        "Recruitment of workers for employment abroad",
    ),
    (
        "ILO-C097",
        "",
        "Конвенция МОТ № 97 о трудящихся-мигрантах (пересмотренная), 1949",
        "ЭЭУнун № 97 эмгек мигранттары жөнүндө конвенциясы (кайра каралган), 1949",
        "ILO Convention No. 97, Migration for Employment (Revised), 1949",
    ),
    (
        "ILO-C143",
        "",
        "Конвенция МОТ № 143 о трудящихся-мигрантах (дополнительные положения), 1975",
        "ЭЭУнун № 143 эмгек мигранттары жөнүндө конвенциясы (кошумча жоболор), 1975",
        "ILO Convention No. 143, Migrant Workers (Supplementary Provisions), 1975",
    ),
    (
        "ECSMW",
        "",
        "Европейская конвенция о правовом статусе трудящихся-мигрантов, 1977",
        "Эмгек мигранттарынын укуктук статусу жөнүндө Европа конвенциясы, 1977",
        "European Convention on the Legal Status of Migrant Workers, 1977",
    ),
]


def seed_reference(theme_model: Any, addressee_model: Any, standard_model: Any) -> None:
    """Create the rows that are missing (idempotent; used by the data migration and tests)."""
    for position, (code, labels) in enumerate(THEMES):
        theme_model.objects.get_or_create(
            identifier=code,
            defaults={
                "label_ru": labels["ru"],
                "label_ky": labels["ky"],
                "label_en": labels["en"],
                "position": position,
            },
        )
    for position, (code, ru, ky, en) in enumerate(ADDRESSEES):
        addressee_model.objects.get_or_create(
            code=code, defaults={"name_ru": ru, "name_ky": ky, "name_en": en, "position": position}
        )
    for position, (instrument, article, ru, ky, en) in enumerate(STANDARDS):
        standard_model.objects.get_or_create(
            instrument=instrument,
            article=article,
            defaults={"title_ru": ru, "title_ky": ky, "title_en": en, "position": position},
        )
