"""Form for a migrant's case story (target group ``case_stories``).

The monitor writes down one person's story in their own words: the way
there, what went wrong, who helped and how it ended, then probes the themes
the story touches. Published only anonymously and only with consent.
"""

from __future__ import annotations

from .common import (
    CONSENTED,
    PROFILE_LISTS,
    THEME_LABELS,
    YES_NO_DK,
    closing,
    consent,
    metadata,
    migrant_profile,
    theme,
)
from .schema import Choice, ChoiceList, Form, Group, Q, T, choice_list, group, open_q

THEMES = ChoiceList(
    "themes",
    tuple(Choice(code, T(ru, ky, en)) for code, (ru, ky, en) in THEME_LABELS.items()),
)
STORY_SOURCE = choice_list(
    "story_source",
    [
        ("migrant", "Рассказ самого мигранта", "Мигранттын өзүнүн аңгемеси", "Told by the migrant"),
        (
            "relative",
            "Рассказ родственника или знакомого",
            "Тууганынын же тааныштын аңгемеси",
            "Told by a relative or acquaintance",
        ),
        (
            "helper",
            "Рассказ юриста, сотрудника НПО или консульства",
            "Юристтин, БӨУнун же консулдуктун кызматкеринин аңгемеси",
            "Told by a lawyer, NGO or consular worker",
        ),
        (
            "documents",
            "Восстановлена по документам",
            "Документтер боюнча калыбына келтирилген",
            "Pieced together from documents",
        ),
    ],
)

INTRO_STORY = T(
    "Объясните, что история будет записана без имени и других сведений, по которым можно узнать человека, "
    "и может быть использована в отчёте мониторинга только в обезличенном виде. Участие добровольное, "
    "рассказ можно прервать в любой момент.",
    "Окуя адамдын аты жана аны тааныта турган башка маалыматтарсыз жазыла турганын жана мониторингдин "
    "отчетунда аты-жөнү көрсөтүлбөгөн түрдө гана колдонулушу мүмкүн экенин түшүндүрүңүз. Катышуу ыктыярдуу, "
    "аңгемени каалаган убакта токтотууга болот.",
    "Explain that the story will be written down without the person's name or anything else that could "
    "identify them, and may be used in the monitoring report only in anonymous form. Taking part is "
    "voluntary, and the telling may be stopped at any time.",
)


def _story() -> Group:
    return group(
        "story",
        T("История", "Окуя", "The story"),
        Q(
            "select_one story_source",
            "story_source",
            T("Откуда известна история?", "Окуя кайдан белгилүү?", "How is the story known?"),
            required=True,
        ),
        Q(
            "integer",
            "story_year",
            T(
                "В каком году началась история?",
                "Окуя кайсы жылы башталган?",
                "In what year did the story begin?",
            ),
            constraint=". >= 1991 and . <= 2100",
            constraint_message=T(
                "Год от 1991 до 2100.", "1991ден 2100гө чейинки жыл.", "A year from 1991 to 2100."
            ),
        ),
        open_q(
            "story_departure",
            "Почему человек уехал из дома, как добирался и как нашёл работу и жильё?",
            "Адам эмне үчүн үйүнөн кеткен, кантип жеткен, жумуш жана турак жайды кантип тапкан?",
            "Why did the person leave home, how did they travel, and how did they find work and housing?",
        ),
        open_q(
            "story_problem",
            "Что произошло? Опишите события по порядку: когда, где, кто был вовлечён.",
            "Эмне болду? Окуяларды ырааты менен сүрөттөңүз: качан, кайда, кимдер катышкан.",
            "What happened? Describe the events in order: when, where, who was involved.",
        ),
        open_q(
            "story_actions",
            "К кому человек обращался за помощью (работодатель, полиция, консульство, НПО, земляки) и что "
            "они сделали?",
            "Адам жардам сурап кимге кайрылган (иш берүүчү, полиция, консулдук, БӨУ, жердештер) жана алар "
            "эмне кылышкан?",
            "Whom did the person turn to for help (employer, police, consulate, NGO, people from home), and "
            "what did they do?",
        ),
        open_q(
            "story_outcome",
            "Чем закончилась история? В каком положении человек сейчас?",
            "Окуя эмне менен бүттү? Адам азыр кандай абалда?",
            "How did the story end? Where does the person stand now?",
        ),
        open_q(
            "story_prevention",
            "Что, по мнению рассказчика, помогло бы избежать этой ситуации?",
            "Аңгемелөөчүнүн оюнча, бул кырдаалдан качууга эмне жардам бермек?",
            "What, in the teller's view, would have prevented this situation?",
        ),
        Q(
            "select_multiple themes",
            "story_themes",
            T(
                "Каких тем касается история?",
                "Окуя кайсы темаларга тиешелүү?",
                "Which themes does the story touch?",
            ),
            hint=T(
                "Отметьте все подходящие; ниже раскроются вопросы по выбранным темам.",
                "Ылайыктуулардын баарын белгилеңиз; төмөндө тандалган темалар боюнча суроолор ачылат.",
                "Tick all that apply; questions on the chosen themes open below.",
            ),
        ),
        relevant=CONSENTED,
    )


def _when(code: str) -> str:
    return f"selected(${{story_themes}}, '{code}')"


FORM = Form(
    code="kozomol_case_stories",
    target_group="case_stories",
    title=T(
        "История трудового мигранта (кейс)",
        "Эмгек мигрантынын окуясы (кейс)",
        "A labour migrant's case story",
    ),
    version="2026112501",
    survey=(
        *metadata(),
        *consent(INTRO_STORY),
        Q(
            "select_one yes_no",
            "publication_consent",
            T(
                "Согласен ли рассказчик, чтобы обезличенная история вошла в отчёт?",
                "Аңгемелөөчү аты-жөнү көрсөтүлбөгөн окуянын отчетко киришине макулбу?",
                "Does the teller agree that the anonymised story may appear in the report?",
            ),
            required=True,
            relevant=CONSENTED,
        ),
        migrant_profile(),
        _story(),
        theme(
            "STATUS",
            open_q(
                "status_details",
                "Как в истории связаны документы и статус пребывания: посредники, поддельные разрешения, "
                "просроченная регистрация, запрет въезда?",
                "Окуяда документтер жана жүрүү статусу кандай байланышкан: ортомчулар, жасалма уруксаттар, "
                "мөөнөтү өткөн каттоо, кирүүгө тыюу салуу?",
                "How do papers and residence status figure in the story: intermediaries, forged permits, "
                "expired registration, entry bans?",
                relevant=_when("STATUS"),
            ),
        ),
        theme(
            "LABOUR",
            Q(
                "select_one yes_no_dk",
                "wages_unpaid",
                T(
                    "Остался ли человек без заработанных денег?",
                    "Адам иштеп тапкан акчасыз калдыбы?",
                    "Was the person left without money they had earned?",
                ),
                relevant=_when("LABOUR"),
            ),
            Q(
                "select_one yes_no_dk",
                "documents_taken_by_employer",
                T(
                    "Забирал ли работодатель документы человека?",
                    "Иш берүүчү адамдын документтерин алып калдыбы?",
                    "Did the employer keep the person's papers?",
                ),
                relevant=_when("LABOUR"),
            ),
            open_q(
                "labour_details",
                "Какие условия работы и оплаты были обещаны и какими они оказались на деле?",
                "Кандай эмгек жана акы шарттары убада кылынган жана алар иш жүзүндө кандай болуп чыкты?",
                "What working conditions and pay were promised, and what were they in fact?",
                relevant=_when("LABOUR"),
            ),
        ),
        theme(
            "HEALTH",
            open_q(
                "health_details",
                "Какая медицинская помощь понадобилась, получил ли её человек и сколько она стоила?",
                "Кандай медициналык жардам керек болгон, адам аны алдыбы жана ал канча турду?",
                "What medical care was needed, did the person get it, and what did it cost?",
                relevant=_when("HEALTH"),
            ),
        ),
        theme(
            "EDUCATION",
            open_q(
                "education_details",
                "Как история отразилась на учёбе детей?",
                "Окуя балдардын окуусуна кандай таасир этти?",
                "How did the story affect the children's schooling?",
                relevant=_when("EDUCATION"),
            ),
        ),
        theme(
            "PENSION",
            open_q(
                "pension_details",
                "Как история связана с пенсией или трудовым стажем человека?",
                "Окуя адамдын пенсиясына же эмгек стажына кандай байланыштуу?",
                "How is the story linked to the person's pension or length of service?",
                relevant=_when("PENSION"),
            ),
        ),
        theme(
            "HOUSING",
            open_q(
                "housing_details",
                "Где и в каких условиях жил человек во время этих событий?",
                "Бул окуялар учурунда адам кайда жана кандай шартта жашаган?",
                "Where and in what conditions did the person live during these events?",
                relevant=_when("HOUSING"),
            ),
        ),
        theme(
            "JUSTICE",
            open_q(
                "justice_details",
                "Участвовали ли полиция, суд или другие органы? Был ли у человека адвокат или переводчик?",
                "Полиция, сот же башка органдар катыштыбы? Адамдын адвокаты же котормочусу болдубу?",
                "Were the police, a court or other authorities involved? Did the person have a lawyer or an "
                "interpreter?",
                relevant=_when("JUSTICE"),
            ),
        ),
        theme(
            "INTEGRATION",
            open_q(
                "integration_details",
                "Как вели себя по отношению к человеку местные жители, соседи, коллеги?",
                "Жергиликтүү эл, кошуналар, кесиптештер адамга кандай мамиле кылышты?",
                "How did local people, neighbours and colleagues behave towards the person?",
                relevant=_when("INTEGRATION"),
            ),
        ),
        theme(
            "CONSULAR",
            open_q(
                "consular_details",
                "Обращался ли человек в посольство или консульство Кыргызстана, и что из этого вышло?",
                "Адам Кыргызстандын элчилигине же консулдугуна кайрылдыбы жана анын натыйжасы кандай болду?",
                "Did the person turn to the Kyrgyz embassy or a consulate, and what came of it?",
                relevant=_when("CONSULAR"),
            ),
        ),
        theme(
            "GENDER",
            open_q(
                "gender_details",
                "Что в этой истории связано с тем, что человек — женщина (насилие, домогательства, "
                "беременность, страх осуждения)?",
                "Бул окуянын кайсы жагы адамдын аял экендигине байланыштуу (зомбулук, асылуу, кош "
                "бойлуулук, айыпталуудан коркуу)?",
                "What in this story has to do with the person being a woman (violence, harassment, pregnancy, "
                "fear of judgement)?",
                relevant=_when("GENDER"),
            ),
        ),
        closing(),
    ),
    choice_lists=(*PROFILE_LISTS, YES_NO_DK, THEMES, STORY_SOURCE),
)
