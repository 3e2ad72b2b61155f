"""Interview guide for ombudsman institutions (target group ``ombudsman``).

National and regional human-rights commissioners in the host countries and
the Akyikatchy of Kyrgyzstan: what migrants complain about, what visits and
inspections show, what the institution recommended and what came of it.
"""

from __future__ import annotations

from .common import INSTITUTION_LISTS, INTRO_GENERAL, closing, consent, institution_profile, metadata, theme
from .schema import Form, Q, T, choice_list, open_q

OMBUDSMAN_LEVEL = choice_list(
    "ombudsman_level",
    [
        (
            "national",
            "Национальный уполномоченный (омбудсмен)",
            "Улуттук ыйгарым укуктуу өкүл (омбудсмен)",
            "National ombudsman",
        ),
        ("regional", "Региональный уполномоченный", "Аймактык ыйгарым укуктуу өкүл", "Regional ombudsman"),
        (
            "kg_akyikatchy",
            "Акыйкатчы (омбудсмен) Кыргызской Республики или его представитель",
            "Кыргыз Республикасынын Акыйкатчысы (омбудсмени) же анын өкүлү",
            "Akyikatchy (ombudsman) of the Kyrgyz Republic or its representative",
        ),
    ],
)

FORM = Form(
    code="kozomol_ombudsman",
    target_group="ombudsman",
    title=T(
        "Интервью с представителем института омбудсмена",
        "Акыйкатчы (омбудсмен) институтунун өкүлү менен интервью",
        "Interview with an ombudsman institution",
    ),
    version="2026112501",
    survey=(
        *metadata(),
        *consent(INTRO_GENERAL),
        institution_profile(
            (
                Q(
                    "select_one ombudsman_level",
                    "ombudsman_level",
                    T(
                        "Какое учреждение представляет респондент?",
                        "Респондент кайсы мекемеге өкүлчүлүк кылат?",
                        "Which institution does the respondent represent?",
                    ),
                    required=True,
                ),
                Q(
                    "integer",
                    "complaints_last_year",
                    T(
                        "Сколько обращений от граждан Кыргызстана поступило за последние 12 месяцев (примерно)?",
                        "Акыркы 12 айда Кыргызстандын жарандарынан канча кайрылуу келди (болжол менен)?",
                        "About how many complaints from Kyrgyz citizens came in over the last 12 months?",
                    ),
                    hint=T(
                        "Оставьте пустым, если данных нет.",
                        "Маалымат жок болсо, бош калтырыңыз.",
                        "Leave empty if there are no figures.",
                    ),
                    constraint=". >= 0",
                    constraint_message=T(
                        "Число не может быть отрицательным.",
                        "Сан терс боло албайт.",
                        "The number cannot be negative.",
                    ),
                ),
            )
        ),
        theme(
            "STATUS",
            open_q(
                "status_complaints",
                "С какими жалобами на оформление регистрации, разрешений на работу, на запреты въезда "
                "обращаются мигранты? Приведите типичные примеры.",
                "Мигранттар каттоону, иштөөгө уруксатты тариздөө, өлкөгө кирүүгө тыюу салуу боюнча кандай "
                "даттануулар менен кайрылышат? Мүнөздүү мисалдарды келтириңиз.",
                "What complaints do migrants bring about registration, work permits and entry bans? Give "
                "typical examples.",
            ),
        ),
        theme(
            "LABOUR",
            open_q(
                "labour_complaints",
                "Какие нарушения трудовых прав мигрантов вы видите в жалобах и проверках: невыплата "
                "зарплаты, изъятие документов, принудительный труд, детский труд?",
                "Даттанууларда жана текшерүүлөрдө мигранттардын эмгек укуктарынын кандай бузууларын "
                "көрөсүз: эмгек акынын төлөнбөшү, документтерди тартып алуу, мажбурлап иштетүү, балдардын "
                "эмгеги?",
                "Which violations of migrants' labour rights show up in complaints and inspections: unpaid "
                "wages, confiscated papers, forced labour, child labour?",
            ),
        ),
        theme(
            "HEALTH",
            open_q(
                "health_complaints",
                "Обращаются ли к вам из-за отказа в медицинской помощи, в том числе экстренной? Чем "
                "заканчивались такие обращения?",
                "Медициналык жардам, анын ичинде тез жардам көрсөтүүдөн баш тартылганы үчүн сизге "
                "кайрылышабы? Мындай кайрылуулар эмне менен бүткөн?",
                "Do people come to you after being refused medical care, emergency care included? How did "
                "such cases end?",
            ),
        ),
        theme(
            "EDUCATION",
            open_q(
                "education_complaints",
                "Были ли жалобы на отказ принять детей мигрантов в школу или детский сад?",
                "Мигранттардын балдарын мектепке же бала бакчага кабыл алуудан баш тартылганы тууралуу "
                "даттануулар болду беле?",
                "Have there been complaints about migrants' children refused a place at school or "
                "kindergarten?",
            ),
        ),
        theme(
            "PENSION",
            open_q(
                "pension_complaints",
                "Поднимают ли мигранты вопросы пенсий и стажа? Какие пробелы вы видите в законодательстве?",
                "Мигранттар пенсия жана стаж маселелерин көтөрүшөбү? Мыйзамдарда кандай боштуктарды көрөсүз?",
                "Do migrants raise questions about pensions and service records? What gaps do you see in "
                "the law?",
            ),
        ),
        theme(
            "HOUSING",
            open_q(
                "housing_visits",
                "Посещали ли вы места проживания мигрантов или учреждения, где их содержат перед "
                "выдворением? Что вы увидели?",
                "Мигранттар жашаган жерлерге же аларды өлкөдөн чыгаруудан мурун кармаган мекемелерге "
                "бардыңызбы? Эмнени көрдүңүз?",
                "Have you visited places where migrants live, or facilities where they are held before "
                "removal? What did you find?",
            ),
        ),
        theme(
            "JUSTICE",
            open_q(
                "justice_detention",
                "Как соблюдаются права мигрантов при задержании, в суде, при выдворении? Есть ли у них "
                "переводчик и адвокат?",
                "Мигранттарды кармоодо, сотто, өлкөдөн чыгарууда алардын укуктары кантип сакталат? Аларда "
                "котормочу жана адвокат барбы?",
                "How are migrants' rights respected in detention, in court and on removal? Do they get an "
                "interpreter and a lawyer?",
            ),
            open_q(
                "justice_access",
                "Как мигранты узнают, что могут обратиться к вам? Что им мешает: язык, страх, незнание "
                "процедуры?",
                "Мигранттар сизге кайрыла аларын кантип билишет? Аларга эмне тоскоол болот: тил, коркуу, "
                "тартипти билбөө?",
                "How do migrants learn that they can turn to you? What holds them back: language, fear, "
                "not knowing the procedure?",
            ),
            open_q(
                "justice_recommendations",
                "Какие рекомендации по правам мигрантов ваше учреждение направляло органам власти и что "
                "из них выполнено?",
                "Сиздин мекеме мигранттардын укуктары боюнча бийлик органдарына кандай сунуштарды жөнөткөн "
                "жана алардын кайсынысы аткарылды?",
                "Which recommendations on migrants' rights has your institution sent to the authorities, "
                "and which were carried out?",
            ),
        ),
        theme(
            "INTEGRATION",
            open_q(
                "integration_discrimination",
                "Поступают ли жалобы на дискриминацию и ксенофобию? Что делает ваше учреждение, чтобы их "
                "предупредить?",
                "Басмырлоо жана ксенофобия боюнча даттануулар келеби? Аларды алдын алуу үчүн сиздин мекеме "
                "эмне кылат?",
                "Are there complaints of discrimination and xenophobia? What does your institution do to "
                "prevent them?",
            ),
        ),
        theme(
            "CONSULAR",
            open_q(
                "consular_cooperation",
                "Сотрудничаете ли вы с Акыйкатчы Кыргызстана, посольством и консульствами, НПО? Как "
                "передаются дела?",
                "Кыргызстандын Акыйкатчысы, элчилик жана консулдуктар, БӨУлар менен кызматташасызбы? Иштер "
                "бири-бирине кантип өткөрүлөт?",
                "Do you work with Kyrgyzstan's Akyikatchy, the embassy and consulates, NGOs? How are cases "
                "passed between you?",
            ),
        ),
        theme(
            "GENDER",
            open_q(
                "gender_complaints",
                "Обращаются ли к вам женщины-мигрантки? С чем? Какая помощь доступна пострадавшим от насилия?",
                "Сизге мигрант аялдар кайрылышабы? Эмне менен? Зомбулуктан жапа чеккендерге кандай жардам "
                "жеткиликтүү?",
                "Do women migrants come to you? With what? What help is available to survivors of violence?",
            ),
        ),
        closing(),
    ),
    choice_lists=(*INSTITUTION_LISTS, OMBUDSMAN_LEVEL),
)
