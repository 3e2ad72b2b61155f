"""Parts every interview guide shares: choice lists, consent, respondent profile, closing."""

from __future__ import annotations

from kozomol.places.reference import CITIES, REGIONS

from .schema import Choice, ChoiceList, Group, Q, T, choice_list, group, note, open_q

CONSENTED = "${consent} = 'yes'"

YES_NO = choice_list(
    "yes_no",
    [
        ("yes", "Да", "Ооба", "Yes"),
        ("no", "Нет", "Жок", "No"),
    ],
)
YES_NO_DK = choice_list(
    "yes_no_dk",
    [
        ("yes", "Да", "Ооба", "Yes"),
        ("no", "Нет", "Жок", "No"),
        (
            "dont_know",
            "Не знаю / затрудняюсь ответить",
            "Билбейм / жооп берүү кыйын",
            "Don't know / hard to say",
        ),
    ],
)
YES_NO_NA = choice_list(
    "yes_no_na",
    [
        ("yes", "Да", "Ооба", "Yes"),
        ("no", "Нет", "Жок", "No"),
        (
            "na",
            "Неприменимо (нет детей школьного возраста)",
            "Тиешеси жок (мектеп жашындагы балдар жок)",
            "Not applicable (no children of school age)",
        ),
    ],
)
COUNTRY = choice_list(
    "country",
    [
        ("KG", "Кыргызстан", "Кыргызстан", "Kyrgyzstan"),
        ("RU", "Россия", "Россия", "Russia"),
        ("KZ", "Казахстан", "Казакстан", "Kazakhstan"),
    ],
)
CITY = ChoiceList(
    "city",
    tuple(Choice(code, T(ru, ky, en), country_code=code[:2]) for code, _r, ru, ky, en, _d, _o in CITIES)
    + (
        Choice(
            "other",
            T(
                "Другой город или населённый пункт",
                "Башка шаар же калктуу конуш",
                "Another city or settlement",
            ),
        ),
    ),
)
REGION_OF_ORIGIN = ChoiceList(
    "region_of_origin",
    tuple(Choice(code, T(ru, ky, en)) for code, parent, ru, ky, en in REGIONS if parent == "KG"),
)
GENDER = choice_list(
    "gender",
    [
        ("female", "Женский", "Аял", "Female"),
        ("male", "Мужской", "Эркек", "Male"),
        ("other", "Другое / не хочет указывать", "Башка / көрсөткүсү келбейт", "Other / prefers not to say"),
    ],
)
AGE_BAND = choice_list(
    "age_band",
    [
        ("18_24", "18–24 года", "18–24 жаш", "18–24"),
        ("25_34", "25–34 года", "25–34 жаш", "25–34"),
        ("35_44", "35–44 года", "35–44 жаш", "35–44"),
        ("45_54", "45–54 года", "45–54 жаш", "45–54"),
        ("55_plus", "55 лет и старше", "55 жаш жана андан улуу", "55 and over"),
    ],
)
LEGAL_STATUS = choice_list(
    "legal_status",
    [
        (
            "work_permit",
            "Разрешение на работу или патент",
            "Иштөөгө уруксат же патент",
            "Work permit or patent",
        ),
        (
            "eaeu_contract",
            "Регистрация и трудовой договор (правила ЕАЭС)",
            "Каттоо жана эмгек келишими (ЕАЭБдин эрежелери)",
            "Registration and an employment contract (EAEU rules)",
        ),
        (
            "registration_only",
            "Только миграционная регистрация",
            "Миграциялык каттоо гана",
            "Migration registration only",
        ),
        (
            "residence_permit",
            "Вид на жительство или разрешение на временное проживание",
            "Жашоого уруксат же убактылуу жашоого уруксат",
            "Residence permit or temporary residence permit",
        ),
        (
            "citizen",
            "Гражданство страны пребывания",
            "Турган өлкөнүн жарандыгы",
            "Citizenship of the host country",
        ),
        ("no_documents", "Нет действующих документов", "Колдонуудагы документтер жок", "No valid documents"),
        ("other", "Другое", "Башка", "Other"),
    ],
)
SECTOR = choice_list(
    "sector",
    [
        ("construction", "Строительство", "Курулуш", "Construction"),
        ("trade", "Торговля, рынки", "Соода, базарлар", "Trade and markets"),
        (
            "services",
            "Услуги (общепит, уборка и др.)",
            "Кызмат көрсөтүү (тамак-аш, тазалоо ж.б.)",
            "Services (catering, cleaning and the like)",
        ),
        ("agriculture", "Сельское хозяйство", "Айыл чарба", "Agriculture"),
        (
            "domestic_work",
            "Работа в домашнем хозяйстве (няня, сиделка, домработница)",
            "Үй чарбасындагы жумуш (бала багуучу, кароолчу, үй кызматчысы)",
            "Domestic work (nanny, carer, housekeeper)",
        ),
        (
            "manufacturing",
            "Производство, швейный цех",
            "Өндүрүш, тигүү цехи",
            "Manufacturing, sewing workshop",
        ),
        ("transport", "Транспорт и доставка", "Транспорт жана жеткирүү", "Transport and delivery"),
        ("other", "Другое", "Башка", "Other"),
    ],
)
FAMILY = choice_list(
    "family",
    [
        ("spouse", "Супруг(а)", "Жубайы", "Spouse"),
        ("children", "Дети", "Балдары", "Children"),
        ("parents", "Родители", "Ата-энеси", "Parents"),
        ("none", "Никого из семьи", "Үй-бүлөсүнөн эч ким жок", "No family members"),
    ],
)

PROFILE_LISTS = (YES_NO, COUNTRY, CITY, REGION_OF_ORIGIN, GENDER, AGE_BAND, LEGAL_STATUS, SECTOR, FAMILY)
INSTITUTION_LISTS = (YES_NO, COUNTRY, CITY, GENDER, AGE_BAND)

MONTHS_CONSTRAINT = ". >= 0 and . <= 600"


def metadata() -> tuple[Q, ...]:
    """Start/end of the interview and its date, filled by the device."""
    return (Q("start", "start"), Q("end", "end"), Q("today", "today"))


def consent(intro: T) -> tuple[Q, ...]:
    """Introduction read to the respondent and the two consents the interviewer records."""
    return (
        Q("note", "intro", intro),
        Q(
            "select_one yes_no",
            "consent",
            T(
                "Респондент согласился участвовать в интервью?",
                "Респондент интервьюга катышууга макулдугун бердиби?",
                "Did the respondent agree to take part in the interview?",
            ),
            required=True,
        ),
        note(
            "no_consent_end",
            "Поблагодарите собеседника и завершите анкету без дальнейших вопросов.",
            "Маектешиңизге ыраазычылык билдирип, анкетаны башка суроосуз аяктаңыз.",
            "Thank the person and close the form without further questions.",
            relevant="${consent} = 'no'",
        ),
        Q(
            "select_one yes_no",
            "recording_consent",
            T(
                "Согласен ли респондент на аудиозапись беседы?",
                "Респондент маекти аудиого жаздырууга макулбу?",
                "Does the respondent agree to an audio recording of the conversation?",
            ),
            required=True,
            relevant=CONSENTED,
        ),
    )


INTRO_GENERAL = T(
    "Перед началом объясните цель мониторинга: собрать сведения о том, как соблюдаются права трудовых мигрантов "
    "из Кыргызстана. Участие добровольное, на любой вопрос можно не отвечать, беседу можно прекратить в любой "
    "момент. Мы не записываем имя собеседника и сведения, по которым его можно узнать.",
    "Маекти баштаардан мурун мониторингдин максатын түшүндүрүңүз: Кыргызстандан келген эмгек мигранттарынын "
    "укуктары кандай сакталып жатканы тууралуу маалымат чогултуу. Катышуу ыктыярдуу, каалаган суроого жооп "
    "бербей коюуга жана маекти каалаган убакта токтотууга болот. Биз маектешибиздин атын жана аны тааныта "
    "турган маалыматтарды жазбайбыз.",
    "Before you start, explain the purpose of the monitoring: to learn how the rights of labour migrants from "
    "Kyrgyzstan are respected. Taking part is voluntary, any question may be left unanswered and the "
    "conversation may be stopped at any moment. We do not record the person's name or anything that could "
    "identify them.",
)


def _place_questions(country_label: T) -> tuple[Q, ...]:
    return (
        Q("select_one country", "country", country_label, required=True),
        Q(
            "select_one city",
            "city",
            T("Город", "Шаар", "City"),
            hint=T(
                "Если города нет в списке, выберите «Другой».",
                "Шаар тизмеде жок болсо, «Башка» дегенди тандаңыз.",
                "If the city is not in the list, choose “Another city”.",
            ),
            required=True,
            choice_filter="country_code = ${country} or name = 'other'",
        ),
        Q(
            "text",
            "city_other",
            T(
                "Укажите город или населённый пункт",
                "Шаарды же калктуу конушту жазыңыз",
                "Write the city or settlement",
            ),
            relevant="${city} = 'other'",
        ),
    )


def _person_questions() -> tuple[Q, ...]:
    return (
        Q(
            "select_one gender",
            "gender",
            T("Пол респондента", "Респонденттин жынысы", "Respondent's gender"),
            required=True,
        ),
        Q(
            "select_one age_band",
            "age_band",
            T("Возраст респондента", "Респонденттин жашы", "Respondent's age"),
            required=True,
        ),
    )


def migrant_profile(
    extra: tuple[Q, ...] = (),
    relevant: str = CONSENTED,
    migrant_only: str = "",
    country_label: T | None = None,
) -> Group:
    """The full profile of a migrant respondent; the analytics count on these names.

    ``migrant_only`` is a relevance for the questions that only make sense for a migrant
    (origin, status, sector, months abroad, family), for guides where some respondents are staff.
    """
    return group(
        "profile",
        T("Профиль респондента", "Респонденттин профили", "Respondent profile"),
        *_place_questions(
            country_label
            or T(
                "Страна, в которой респондент сейчас работает",
                "Респондент азыр иштеп жаткан өлкө",
                "Country where the respondent works now",
            )
        ),
        Q(
            "select_one region_of_origin",
            "region_of_origin",
            T(
                "Область Кыргызстана, откуда респондент родом",
                "Респондент Кыргызстандын кайсы облусунан келген",
                "Region of Kyrgyzstan the respondent comes from",
            ),
            relevant=migrant_only,
        ),
        *_person_questions(),
        Q(
            "select_one legal_status",
            "legal_status",
            T(
                "Правовой статус в стране пребывания",
                "Турган өлкөдөгү укуктук абалы",
                "Legal status in the host country",
            ),
            relevant=migrant_only,
        ),
        Q(
            "select_one sector",
            "sector",
            T(
                "Сфера, в которой респондент работает",
                "Респондент иштеген тармак",
                "Sector the respondent works in",
            ),
            relevant=migrant_only,
        ),
        Q(
            "integer",
            "months_abroad",
            T(
                "Сколько месяцев всего респондент провёл на заработках за рубежом?",
                "Респондент чет өлкөдө иштеп жалпы канча ай жүрдү?",
                "How many months in total has the respondent worked abroad?",
            ),
            relevant=migrant_only,
            constraint=MONTHS_CONSTRAINT,
            constraint_message=T(
                "Число месяцев от 0 до 600.",
                "Айлардын саны 0дөн 600гө чейин.",
                "A number of months from 0 to 600.",
            ),
        ),
        Q(
            "select_multiple family",
            "family_with_them",
            T(
                "Кто из семьи живёт вместе с респондентом в стране пребывания?",
                "Үй-бүлөсүнөн ким респондент менен бирге турган өлкөдө жашайт?",
                "Which family members live with the respondent in the host country?",
            ),
            relevant=migrant_only,
            constraint="not(selected(., 'none') and count-selected(.) > 1)",
            constraint_message=T(
                "«Никого из семьи» нельзя сочетать с другими ответами.",
                "«Үй-бүлөсүнөн эч ким жок» дегенди башка жооптор менен бирге тандоого болбойт.",
                "“No family members” cannot be combined with other answers.",
            ),
        ),
        *extra,
        relevant=relevant,
    )


def institution_profile(institution: tuple[Q, ...], relevant: str = CONSENTED) -> Group:
    """Profile of a respondent who speaks for an institution: where, who, what kind of body."""
    return group(
        "profile",
        T("Профиль респондента", "Респонденттин профили", "Respondent profile"),
        *_place_questions(
            T(
                "Страна, в которой проводится интервью",
                "Интервью өткөн өлкө",
                "Country where the interview takes place",
            )
        ),
        *_person_questions(),
        *institution,
        Q(
            "integer",
            "years_in_position",
            T(
                "Сколько лет респондент работает в этой сфере?",
                "Респондент бул тармакта канча жылдан бери иштейт?",
                "For how many years has the respondent worked in this field?",
            ),
            constraint=". >= 0 and . <= 60",
            constraint_message=T(
                "Число лет от 0 до 60.", "Жылдардын саны 0дөн 60ка чейин.", "A number of years from 0 to 60."
            ),
        ),
        relevant=relevant,
    )


def closing(relevant: str = CONSENTED) -> Group:
    """Last words, the recording, the transcript and the interviewer's own note."""
    return group(
        "closing",
        T("Завершение интервью", "Интервьюну аяктоо", "End of the interview"),
        open_q(
            "anything_else",
            "Что ещё вы хотели бы добавить о положении трудовых мигрантов?",
            "Эмгек мигранттарынын абалы тууралуу дагы эмне кошкуңуз келет?",
            "Is there anything else you would like to add about the situation of labour migrants?",
        ),
        open_q(
            "recommendations",
            "Что, по вашему мнению, нужно изменить в первую очередь и кто должен это сделать?",
            "Сиздин оюңузча, биринчи кезекте эмнени өзгөртүү керек жана аны ким кылышы керек?",
            "In your view, what should change first, and who should make it happen?",
        ),
        Q(
            "audio",
            "interview_audio",
            T("Аудиозапись интервью", "Интервьюнун аудиожазуусу", "Audio recording of the interview"),
            relevant="${recording_consent} = 'yes'",
        ),
        Q(
            "file",
            "transcript",
            T(
                "Расшифровка интервью (файл)",
                "Интервьюнун жазылып алынган тексти (файл)",
                "Transcript of the interview (file)",
            ),
            hint=T(
                "Можно загрузить позже, с компьютера.",
                "Кийинчерээк компьютерден жүктөсө болот.",
                "May be uploaded later from a computer.",
            ),
        ),
        Q(
            "text",
            "interviewer_note",
            T(
                "Заметка интервьюера (необязательно)",
                "Интервьюердин эскертмеси (милдеттүү эмес)",
                "Interviewer's note (optional)",
            ),
            hint=T(
                "Обстановка беседы, что осталось недосказанным. Не записывайте сведения, по которым можно "
                "узнать собеседника.",
                "Маектин шарты, эмне айтылбай калды. Маектешти тааныта турган маалыматтарды жазбаңыз.",
                "The setting of the conversation, what was left unsaid. Do not write anything that could "
                "identify the person.",
            ),
            appearance="multiline",
        ),
        relevant=relevant,
    )


def theme(code: str, *children: Q | Group) -> Group:
    """A group for one codebook theme, shown only when the respondent consented."""
    ru, ky, en = THEME_LABELS[code]
    return group(f"theme_{code.lower()}", T(ru, ky, en), *children, relevant=CONSENTED)


THEME_LABELS: dict[str, tuple[str, str, str]] = {
    "STATUS": (
        "Урегулирование статуса пребывания",
        "Жүрүү статусун жөнгө салуу",
        "Legal status and legalisation",
    ),
    "LABOUR": ("Трудовые права", "Эмгек укуктары", "Labour rights"),
    "HEALTH": ("Доступ к медицинской помощи", "Медициналык жардамга жетүү", "Access to health care"),
    "EDUCATION": ("Доступ к образованию", "Билим алууга жетүү", "Access to education"),
    "PENSION": ("Пенсионное обеспечение", "Пенсиялык камсыздоо", "Pensions"),
    "HOUSING": ("Жилищные условия", "Турак жай шарттары", "Housing"),
    "JUSTICE": (
        "Правонарушения, суд и правовая помощь",
        "Укук бузуулар, сот жана укуктук жардам",
        "Crime, justice and legal aid",
    ),
    "INTEGRATION": (
        "Отношения с местными жителями и интеграция",
        "Жергиликтүү эл менен мамиле жана интеграция",
        "Relations with the local population",
    ),
    "CONSULAR": ("Работа консульских учреждений", "Консулдук мекемелердин иши", "Consular services"),
    "GENDER": ("Положение женщин-мигрантов", "Мигрант аялдардын абалы", "Women migrants"),
}
