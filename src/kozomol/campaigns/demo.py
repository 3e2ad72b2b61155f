"""The demo: the 2013 monitoring of Kyrgyz labour migrants in Russia and Kazakhstan.

Facts and figures follow the monitoring report; the wording is Kozomol's own.
Other apps add their part of the demo in their own ``demo.py`` with a
``load(ctx: DemoContext)`` function; ``kozomol demo`` calls them in the order
of INSTALLED_APPS after this one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kozomol.accounts.models import Membership, Organisation, User
from kozomol.accounts.roles import Role
from kozomol.campaigns.models import Campaign, Participation
from kozomol.campaigns.services import campaign_create
from kozomol.places.models import Location

DEMO_SLUG = "monitoring-2013"
DEMO_DOMAIN = "example.org"
DEMO_ROLES = [Role.ADMIN, Role.COORDINATOR, Role.MONITOR, Role.ANALYST, Role.CASEWORKER, Role.VIEWER]
OUTSIDER_EMAIL = f"outsider@{DEMO_DOMAIN}"


@dataclass
class DemoContext:
    campaign: Campaign
    lead: Organisation
    organisations: dict[str, Organisation]
    users: dict[str, User]  # by role name, plus "outsider"
    out: Any = None  # a callable that prints a progress line
    extra: dict[str, Any] = field(default_factory=dict)

    def say(self, line: str) -> None:
        if self.out is not None:
            self.out(line)


GOALS = (
    "Собрать сведения о положении трудовых мигрантов из Кыргызстана в России и Казахстане "
    "у тех, кто с ними работает: государственных органов и миграционных служб стран приёма, "
    "институтов омбудсмена, кыргызских общественных и неправительственных организаций, "
    "а также у самих мигрантов.\n"
    "Оценить, насколько качественны и доступны для граждан Кыргызстана услуги "
    "консульских учреждений Кыргызской Республики."
)
TASKS = "\n".join(
    [
        "Опросить представителей государственных органов России и Казахстана, отвечающих за трудовую миграцию, и институтов омбудсмена",
        "Провести мониторинг консульских учреждений Кыргызской Республики в странах приёма",
        "Опросить представителей НПО и общественных объединений в России и Казахстане",
        "Опросить медицинских работников и мигрантов, обратившихся в медицинские учреждения",
        "Записать истории трудовых мигрантов (кейсы)",
        "Подготовить отчёт и рекомендации по итогам мониторинга",
    ]
)
METHOD = (
    "Глубинные интервью с представителями каждой целевой группы о том, как они видят "
    "положение трудовых мигрантов в Российской Федерации и Республике Казахстан. "
    "Для каждой целевой группы составлен свой вопросник, чтобы беседы шли по одной "
    "структуре; истории мигрантов записаны отдельно как кейсы."
)

# (key, kind, country, city, ru, ky, en)
ORGANISATIONS = [
    (
        "lead",
        Organisation.Kind.OMBUDSMAN,
        "KG",
        "KG-bishkek",
        "Акыйкатчы (Омбудсмен) Кыргызской Республики",
        "Кыргыз Республикасынын Акыйкатчысы (Омбудсмени)",
        "Akyikatchy (Ombudsman) of the Kyrgyz Republic",
    ),
    (
        "embassy_ru",
        Organisation.Kind.CONSULAR,
        "RU",
        "RU-moscow",
        "Посольство Кыргызской Республики в Российской Федерации",
        "Кыргыз Республикасынын Россия Федерациясындагы элчилиги",
        "Embassy of the Kyrgyz Republic in the Russian Federation",
    ),
    (
        "consulate_spb",
        Organisation.Kind.CONSULAR,
        "RU",
        "RU-saint-petersburg",
        "Генеральное консульство Кыргызской Республики в Санкт-Петербурге",
        "Кыргыз Республикасынын Санкт-Петербургдагы башкы консулдугу",
        "Consulate General of the Kyrgyz Republic in Saint Petersburg",
    ),
    (
        "embassy_kz",
        Organisation.Kind.CONSULAR,
        "KZ",
        "KZ-astana",
        "Посольство Кыргызской Республики в Республике Казахстан",
        "Кыргыз Республикасынын Казакстан Республикасындагы элчилиги",
        "Embassy of the Kyrgyz Republic in the Republic of Kazakhstan",
    ),
    (
        "consulate_almaty",
        Organisation.Kind.CONSULAR,
        "KZ",
        "KZ-almaty",
        "Генеральное консульство Кыргызской Республики в Алматы",
        "Кыргыз Республикасынын Алматыдагы башкы консулдугу",
        "Consulate General of the Kyrgyz Republic in Almaty",
    ),
    (
        "ombudsman_ru",
        Organisation.Kind.OMBUDSMAN,
        "RU",
        "RU-moscow",
        "Аппарат Уполномоченного по правам человека в Российской Федерации",
        "Россия Федерациясындагы адам укуктары боюнча ыйгарым укуктуу адамдын аппараты",
        "Office of the High Commissioner for Human Rights in the Russian Federation",
    ),
    (
        "ombudsman_kz",
        Organisation.Kind.OMBUDSMAN,
        "KZ",
        "KZ-astana",
        "Уполномоченный по правам человека в Республике Казахстан",
        "Казакстан Республикасындагы адам укуктары боюнча ыйгарым укуктуу адам",
        "Commissioner for Human Rights in the Republic of Kazakhstan",
    ),
    (
        "ngo_moscow",
        Organisation.Kind.NGO,
        "RU",
        "RU-moscow",
        "Правозащитная организация мигрантов (Москва, демо)",
        "Мигранттардын укугун коргоо уюму (Москва, демо)",
        "Migrants' rights organisation (Moscow, demo)",
    ),
    (
        "diaspora_spb",
        Organisation.Kind.DIASPORA,
        "RU",
        "RU-saint-petersburg",
        "Объединение соотечественников из Кыргызстана (Санкт-Петербург, демо)",
        "Кыргызстандык мекендештердин бирикмеси (Санкт-Петербург, демо)",
        "Association of compatriots from Kyrgyzstan (Saint Petersburg, demo)",
    ),
    (
        "ngo_almaty",
        Organisation.Kind.NGO,
        "KZ",
        "KZ-almaty",
        "Центр правовой помощи мигрантам (Алматы, демо)",
        "Мигранттарга укуктук жардам борбору (Алматы, демо)",
        "Legal aid centre for migrants (Almaty, demo)",
    ),
    (
        "ngo_astana",
        Organisation.Kind.NGO,
        "KZ",
        "KZ-astana",
        "Общественное объединение поддержки мигрантов (Астана, демо)",
        "Мигранттарды колдоо коомдук бирикмеси (Астана, демо)",
        "Public association supporting migrants (Astana, demo)",
    ),
    (
        "clinic_moscow",
        Organisation.Kind.MEDICAL,
        "RU",
        "RU-moscow",
        "Городская поликлиника (Москва, демо)",
        "Шаардык поликлиника (Москва, демо)",
        "City outpatient clinic (Moscow, demo)",
    ),
    (
        "hospital_almaty",
        Organisation.Kind.MEDICAL,
        "KZ",
        "KZ-almaty",
        "Городская больница (Алматы, демо)",
        "Шаардык оорукана (Алматы, демо)",
        "City hospital (Almaty, demo)",
    ),
]
OUTSIDER_ORG = (
    "outsider",
    Organisation.Kind.RESEARCH,
    "KG",
    "KG-osh",
    "Исследовательская группа, не участвующая в мониторинге (демо)",
    "Мониторингге катышпаган изилдөө тобу (демо)",
    "Research team outside the monitoring (demo)",
)

NAMES = {
    Role.ADMIN: "Айгуль Администратор",
    Role.COORDINATOR: "Нурлан Координатор",
    Role.MONITOR: "Жылдыз Мониторщица",
    Role.ANALYST: "Азамат Аналитик",
    Role.CASEWORKER: "Гульнара Юрист",
    Role.VIEWER: "Эркин Наблюдатель",
    "outsider": "Посторонний Исследователь",
}


def demo_exists() -> bool:
    return Campaign.objects.filter(slug=DEMO_SLUG).exists()


def demo_emails() -> list[str]:
    """The role users first, then any other demo account an app's demo added (same domain)."""
    main = [f"{role}@{DEMO_DOMAIN}" for role in DEMO_ROLES] + [OUTSIDER_EMAIL]
    extra = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exclude(email__in=main)
    return main + sorted(extra.values_list("email", flat=True))


def _organisation(spec: tuple[Any, ...]) -> Organisation:
    key, kind, country, city, ru, ky, en = spec
    org, _ = Organisation.objects.get_or_create(
        name_ru=ru,
        defaults={
            "name_ky": ky,
            "name_en": en,
            "kind": kind,
            "country": Location.objects.get(code=country),
            "city": Location.objects.get(code=city),
        },
    )
    return org


def load_core(out: Any = None) -> DemoContext:
    """Organisations, people and the campaign itself."""
    orgs = {spec[0]: _organisation(spec) for spec in ORGANISATIONS}
    outsider_org = _organisation(OUTSIDER_ORG)
    users: dict[str, User] = {}
    for role in DEMO_ROLES:
        user, _ = User.objects.get_or_create(
            email=f"{role}@{DEMO_DOMAIN}", defaults={"full_name": NAMES[role]}
        )
        Membership.objects.get_or_create(user=user, organisation=orgs["lead"], role=role)
        users[str(role)] = user
    # The administrator also maintains reference data in the Django admin.
    admin = users[str(Role.ADMIN)]
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    _grant_reference_data_permissions(admin)
    outsider, _ = User.objects.get_or_create(email=OUTSIDER_EMAIL, defaults={"full_name": NAMES["outsider"]})
    Membership.objects.get_or_create(user=outsider, organisation=outsider_org, role=Role.COORDINATOR)
    users["outsider"] = outsider

    campaign = campaign_create(
        actor=users[str(Role.COORDINATOR)],
        lead_organisation=orgs["lead"],
        slug=DEMO_SLUG,
        title="Мониторинг прав трудовых мигрантов из Кыргызстана в России и Казахстане, 2013",
        period_start=dt.date(2013, 1, 1),
        period_end=dt.date(2013, 12, 31),
        goals=GOALS,
        tasks=TASKS,
        method=METHOD,
        status=Campaign.Status.PUBLISHED,
        countries=Location.objects.filter(code__in=["KG", "RU", "KZ"]),
        cities=Location.objects.filter(
            code__in=["RU-moscow", "RU-saint-petersburg", "KZ-astana", "KZ-almaty"]
        ),
    )
    for key, org in orgs.items():
        if key != "lead":
            Participation.objects.get_or_create(campaign=campaign, organisation=org)
    ctx = DemoContext(campaign=campaign, lead=orgs["lead"], organisations=orgs, users=users, out=out)
    ctx.say(f"campaign {DEMO_SLUG}: {len(orgs)} organisations, {len(users)} people")
    return ctx


def _grant_reference_data_permissions(user: User) -> None:
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(
        content_type__app_label__in=["places", "accounts"],
        content_type__model__in=["location", "organisation"],
    )
    user.user_permissions.add(*perms)
