"""The built-in indicators (those of the monitoring report) and the labels of common answer codes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

# (key, ru, ky, en, spec)
BUILTIN_INDICATORS: list[tuple[str, str, str, str, dict[str, Any]]] = [
    (
        "no-work-permit",
        "Мигранты без разрешения на работу",
        "Иштөөгө уруксаты жок мигранттар",
        "Migrants without a work permit",
        {
            "source": "submissions",
            "measure": {
                "kind": "share",
                "question": "has_work_permit",
                "values": ["no"],
                "of": ["yes", "no"],
            },
            "breakdowns": ["country"],
        },
    ),
    (
        "no-written-contract",
        "Мигранты без письменного трудового договора",
        "Жазуу жүзүндөгү эмгек келишими жок мигранттар",
        "Migrants without a written contract",
        {
            "source": "submissions",
            "measure": {
                "kind": "share",
                "question": "has_written_contract",
                "values": ["no"],
                "of": ["yes", "no"],
            },
            "breakdowns": ["country"],
        },
    ),
    (
        "wages-unpaid",
        "Мигранты, которым не выплатили заработную плату",
        "Эмгек акысы төлөнбөгөн мигранттар",
        "Migrants whose wages went unpaid",
        {
            "source": "submissions",
            "measure": {"kind": "share", "question": "wages_unpaid", "values": ["yes"], "of": ["yes", "no"]},
            "breakdowns": ["country"],
        },
    ),
    (
        "documents-taken",
        "Мигранты, у которых работодатель забрал документы",
        "Иш берүүчү документтерин алып алган мигранттар",
        "Migrants whose documents the employer took",
        {
            "source": "submissions",
            "measure": {
                "kind": "share",
                "question": "documents_taken_by_employer",
                "values": ["yes"],
                "of": ["yes", "no"],
            },
            "breakdowns": ["country"],
        },
    ),
    (
        "medical-insurance",
        "Мигранты с медицинской страховкой",
        "Медициналык камсыздандыруусу бар мигранттар",
        "Migrants with medical insurance",
        {
            "source": "submissions",
            "measure": {
                "kind": "share",
                "question": "has_medical_insurance",
                "values": ["yes"],
                "of": ["yes", "no"],
            },
            "breakdowns": ["country"],
        },
    ),
    (
        "children-school",
        "Дети мигрантов, посещающие школу",
        "Мектепке барган мигранттардын балдары",
        "Migrants whose children attend school",
        {
            "source": "submissions",
            "measure": {
                "kind": "share",
                "question": "children_attend_school",
                "values": ["yes"],
                "of": ["yes", "no"],
            },
            "breakdowns": ["country"],
        },
    ),
    (
        "overcrowded",
        "Мигранты, живущие больше чем по четыре человека в комнате",
        "Бир бөлмөдө төрттөн ашык адам жашаган мигранттар",
        "Migrants living more than four to a room",
        {
            "source": "submissions",
            "measure": {"kind": "share", "question": "people_per_room", "gt": 4},
            "breakdowns": ["country"],
        },
    ),
    (
        "legal-status",
        "Правовой статус мигрантов",
        "Мигранттардын укуктук абалы",
        "Migrants' legal status",
        {
            "source": "submissions",
            "measure": {"kind": "count", "question": "legal_status"},
            "breakdowns": ["country", "value"],
            "chart": "stacked_bar",
        },
    ),
    (
        "no-contract-trend",
        "Без письменного договора по месяцам",
        "Ай сайын жазуу жүзүндөгү келишимсиз",
        "Without a written contract, month by month",
        {
            "source": "submissions",
            "measure": {
                "kind": "share",
                "question": "has_written_contract",
                "values": ["no"],
                "of": ["yes", "no"],
            },
            "breakdowns": ["month", "country"],
            "chart": "line",
        },
    ),
    (
        "appeals-by-violation",
        "Обращения по видам нарушений",
        "Бузуулардын түрлөрү боюнча кайрылуулар",
        "Appeals by type of violation",
        {"source": "appeals", "measure": {"kind": "count", "question": "violation"}, "breakdowns": ["value"]},
    ),
    (
        "appeals-heatmap",
        "Нарушения в обращениях по странам",
        "Өлкөлөр боюнча кайрылуулардагы бузуулар",
        "Violations in appeals by country",
        {
            "source": "appeals",
            "measure": {"kind": "count", "question": "violation"},
            "breakdowns": ["value", "country"],
            "chart": "heatmap",
        },
    ),
    (
        "passages-by-theme",
        "Закодированные фрагменты по темам и странам",
        "Темалар жана өлкөлөр боюнча коддолгон үзүндүлөр",
        "Coded passages by theme and country",
        {
            "source": "passages",
            "measure": {"kind": "count", "question": "code"},
            "breakdowns": ["value", "country"],
            "chart": "heatmap",
        },
    ),
    # Consular monitoring (the consular questionnaire and the visitors' survey).
    (
        "consular-satisfaction",
        "Удовлетворённость услугами консульства (1–5)",
        "Консулдук кызматтарга канааттануу (1–5)",
        "Satisfaction with consular services (1–5)",
        {
            "source": "submissions",
            "measure": {"kind": "mean", "question": "satisfaction"},
            "breakdowns": ["city"],
            "consular": True,
        },
    ),
    (
        "consular-waiting",
        "Время ожидания в консульстве, минут (медиана)",
        "Консулдукта күтүү убактысы, мүнөт (медиана)",
        "Waiting time at the consulate, minutes (median)",
        {
            "source": "submissions",
            "measure": {"kind": "median", "question": "waiting_time_minutes"},
            "breakdowns": ["city"],
            "unit": "min",
            "consular": True,
        },
    ),
    (
        "consular-requests",
        "Обращения в консульство по видам",
        "Консулдукка кайрылуулар түрлөрү боюнча",
        "Requests to the consulate by type",
        {
            "source": "submissions",
            "measure": {"kind": "count", "question": "request_type"},
            "breakdowns": ["value"],
            "consular": True,
        },
    ),
    (
        "consular-access-ramp",
        "Здание доступно для людей с инвалидностью",
        "Имарат майыптыгы бар адамдар үчүн жеткиликтүү",
        "Building accessible to people with disabilities",
        {
            "source": "submissions",
            "measure": {"kind": "share", "question": "access_ramp", "values": ["yes"], "of": ["yes", "no"]},
            "breakdowns": ["city"],
            "consular": True,
        },
    ),
    (
        "consular-access-queue",
        "Есть электронная очередь",
        "Электрондук кезек бар",
        "An electronic queue is in place",
        {
            "source": "submissions",
            "measure": {"kind": "share", "question": "access_queue", "values": ["yes"], "of": ["yes", "no"]},
            "breakdowns": ["city"],
            "consular": True,
        },
    ),
    (
        "consular-access-info",
        "Информация на кыргызском и русском языках",
        "Кыргыз жана орус тилдериндеги маалымат",
        "Information in Kyrgyz and Russian",
        {
            "source": "submissions",
            "measure": {"kind": "share", "question": "access_info", "values": ["yes"], "of": ["yes", "no"]},
            "breakdowns": ["city"],
            "consular": True,
        },
    ),
    (
        "consular-women-lawyers",
        "Доля женщин среди юристов консульства",
        "Консулдуктагы юристтердин арасындагы аялдардын үлүшү",
        "Share of women among the consulate's lawyers",
        {
            "source": "submissions",
            "measure": {"kind": "ratio", "question": "lawyers_women", "denominator": "lawyers_total"},
            "breakdowns": ["city"],
            "unit": "%",
            "consular": True,
        },
    ),
]

# Question names the cube always folds in (besides those the campaign's own indicators name).
BUILTIN_QUESTIONS: frozenset[str] = frozenset(
    q
    for _k, _ru, _ky, _en, spec in BUILTIN_INDICATORS
    for q in (spec["measure"].get("question", ""), spec["measure"].get("denominator", ""))
    if q and spec["source"] == "submissions"
)

# Labels of answer codes used by the report's questionnaires (shown in charts and tables).
VALUE_LABELS: dict[str, Any] = {
    "yes": _("Yes"),
    "no": _("No"),
    "na": _("Not applicable"),
    "dont_know": _("Don't know"),
    "female": _("Women"),
    "male": _("Men"),
    "other": _("Other"),
    "18_24": "18–24",
    "25_34": "25–34",
    "35_44": "35–44",
    "45_54": "45–54",
    "55_plus": _("55 and over"),
    "work_permit": _("Work permit or patent"),
    "eaeu_contract": _("Registration and contract (EAEU)"),
    "registration_only": _("Registration only"),
    "residence_permit": _("Residence permit"),
    "citizen": _("Host-country citizen"),
    "no_documents": _("No valid documents"),
    "construction": _("Construction"),
    "trade": _("Trade and markets"),
    "services": _("Services"),
    "agriculture": _("Agriculture"),
    "domestic_work": _("Domestic work"),
    "manufacturing": _("Manufacturing"),
    "transport": _("Transport and delivery"),
    # Violations named in appeals.
    "wages_unpaid": _("Wages unpaid"),
    "documents_taken": _("Documents taken"),
    "no_contract": _("No written contract"),
    "unsafe_work": _("Unsafe work"),
    "forced_labour": _("Forced labour"),
    "police_extortion": _("Police extortion"),
    "detention": _("Detention"),
    "expulsion": _("Expulsion or entry ban"),
    "medical_care_denied": _("Medical care denied"),
    "school_refused": _("School refused a child"),
    "housing_eviction": _("Eviction"),
    "violence": _("Violence or harassment"),
    # Consular requests.
    "passport": _("Passport"),
    "certificate_of_return": _("Certificate of return"),
    "legal_help": _("Legal help"),
    "registration": _("Consular registration"),
    "notary": _("Notarial act"),
}
