"""Monitoring guide for consular institutions of Kyrgyzstan (target group ``consular``).

One guide, two kinds of respondent chosen at the start: a member of staff
(who also fills the checklist of the institution: staff, women among the
lawyers, equipment) or a citizen who came for a service (request, waiting
time, satisfaction, accessibility).
"""

from __future__ import annotations

from .common import (
    CONSENTED,
    INTRO_GENERAL,
    PROFILE_LISTS,
    closing,
    consent,
    metadata,
    migrant_profile,
    theme,
)
from .schema import Form, Group, Q, T, choice_list, group, open_q

STAFF = "${respondent_role} = 'staff'"
VISITOR = "${respondent_role} = 'visitor'"

RESPONDENT_ROLE = choice_list(
    "respondent_role",
    [
        (
            "staff",
            "Сотрудник консульского учреждения",
            "Консулдук мекеменин кызматкери",
            "Member of the consular staff",
        ),
        (
            "visitor",
            "Посетитель (гражданин, обратившийся за услугой)",
            "Келүүчү (кызмат сурап кайрылган жаран)",
            "Visitor (a citizen who came for a service)",
        ),
    ],
)
INSTITUTION_TYPE = choice_list(
    "institution_type",
    [
        (
            "embassy",
            "Посольство (консульский отдел)",
            "Элчилик (консулдук бөлүм)",
            "Embassy (consular section)",
        ),
        ("consulate_general", "Генеральное консульство", "Башкы консулдук", "Consulate general"),
        ("consulate", "Консульство", "Консулдук", "Consulate"),
        ("honorary_consul", "Почётный консул", "Ардактуу консул", "Honorary consul"),
    ],
)
REQUEST_TYPE = choice_list(
    "request_type",
    [
        (
            "passport",
            "Паспорт, проездной документ",
            "Паспорт, жол жүрүүчү документ",
            "Passport or travel document",
        ),
        (
            "civil_documents",
            "Справки, доверенности, документы о рождении и браке",
            "Маалымкаттар, ишеним каттар, төрөлүү жана нике тууралуу документтер",
            "Certificates, powers of attorney, birth and marriage papers",
        ),
        ("registration", "Консульский учёт", "Консулдук каттоо", "Consular registration"),
        ("legal_help", "Юридическая консультация", "Юридикалык кеңеш", "Legal advice"),
        (
            "labour_dispute",
            "Спор с работодателем, невыплата зарплаты",
            "Иш берүүчү менен талаш, эмгек акы төлөнбөй калуу",
            "Dispute with an employer, unpaid wages",
        ),
        (
            "detention",
            "Задержание, суд, выдворение",
            "Кармоо, сот, өлкөдөн чыгаруу",
            "Detention, court, removal",
        ),
        (
            "return_home",
            "Возвращение домой, в том числе перевозка умерших",
            "Мекенге кайтуу, анын ичинде каза болгондорду ташуу",
            "Return home, including repatriation of the deceased",
        ),
        ("other", "Другое", "Башка", "Other"),
    ],
)
SCALE5 = choice_list(
    "scale5",
    [
        ("1", "1 — совсем не удовлетворён", "1 — такыр канааттанган жокмун", "1 — not satisfied at all"),
        ("2", "2 — скорее не удовлетворён", "2 — көбүнчө канааттанган жокмун", "2 — rather dissatisfied"),
        ("3", "3 — отчасти", "3 — жарым-жартылай", "3 — partly"),
        ("4", "4 — скорее удовлетворён", "4 — көбүнчө канааттандым", "4 — rather satisfied"),
        ("5", "5 — полностью удовлетворён", "5 — толук канааттандым", "5 — fully satisfied"),
    ],
)


def _yes_no(name: str, ru: str, ky: str, en: str, relevant: str) -> Q:
    return Q("select_one yes_no", name, T(ru, ky, en), relevant=relevant)


def _count(name: str, label: T, constraint: str = ". >= 0 and . <= 500") -> Q:
    return Q(
        "integer",
        name,
        label,
        constraint=constraint,
        constraint_message=T(
            "Проверьте число: оно не может быть отрицательным или слишком большим.",
            "Санды текшериңиз: ал терс же өтө чоң боло албайт.",
            "Check the number: it cannot be negative or too large.",
        ),
    )


def _institution() -> Group:
    return group(
        "institution",
        T(
            "Учреждение (заполняет монитор вместе с сотрудником)",
            "Мекеме (монитор кызматкер менен бирге толтурат)",
            "The institution (filled by the monitor with the staff member)",
        ),
        Q(
            "select_one institution_type",
            "institution_type",
            T("Вид учреждения", "Мекеменин түрү", "Kind of institution"),
            required=True,
        ),
        _count(
            "staff_total",
            T(
                "Сколько всего сотрудников работает с гражданами?",
                "Жарандар менен жалпы канча кызматкер иштейт?",
                "How many staff in all deal with citizens?",
            ),
        ),
        _count(
            "lawyers_total",
            T(
                "Сколько юристов оказывают помощь гражданам?",
                "Жарандарга канча юрист жардам көрсөтөт?",
                "How many lawyers help citizens?",
            ),
        ),
        Q(
            "integer",
            "lawyers_women",
            T("Сколько из них женщин?", "Алардын канчасы аялдар?", "How many of them are women?"),
            relevant="${lawyers_total} > 0",
            constraint=". >= 0 and . <= ${lawyers_total}",
            constraint_message=T(
                "Не больше общего числа юристов.",
                "Юристтердин жалпы санынан ашпашы керек.",
                "Not more than the total number of lawyers.",
            ),
        ),
        Q(
            "calculate",
            "women_lawyers_share",
            calculation="if(${lawyers_total} > 0, ${lawyers_women} div ${lawyers_total}, '')",
        ),
        _yes_no(
            "has_electronic_queue",
            "Есть ли электронная очередь?",
            "Электрондук кезек барбы?",
            "Is there an electronic queue system?",
            "",
        ),
        _yes_no(
            "has_video_surveillance",
            "Есть ли видеонаблюдение снаружи и внутри здания?",
            "Имараттын сыртында жана ичинде видеокөзөмөл барбы?",
            "Is there video surveillance outside and inside the building?",
            "",
        ),
        _yes_no(
            "has_online_reception",
            "Работает ли интернет-приёмная (обращения через сайт)?",
            "Интернет-кабылдама (сайт аркылуу кайрылуу) иштейби?",
            "Is there an online reception (requests through the website)?",
            "",
        ),
        _yes_no(
            "has_transport_for_lawyers",
            "Есть ли транспорт для выездов юристов?",
            "Юристтердин жолго чыгышы үчүн унаа барбы?",
            "Is there transport for lawyers' visits?",
            "",
        ),
        _yes_no(
            "has_migration_attache",
            "Есть ли в штате атташе по вопросам миграции?",
            "Штатта миграция маселелери боюнча атташе барбы?",
            "Is there a migration attaché on the staff?",
            "",
        ),
        relevant=f"{CONSENTED} and {STAFF}",
    )


def _visit() -> Group:
    return group(
        "visit",
        T("Обращение посетителя", "Келүүчүнүн кайрылуусу", "The visitor's request"),
        Q(
            "select_one request_type",
            "request_type",
            T(
                "С каким вопросом вы пришли сегодня?",
                "Бүгүн кандай маселе менен келдиңиз?",
                "What did you come about today?",
            ),
            required=True,
        ),
        Q(
            "text",
            "request_type_other",
            T("Уточните вопрос", "Маселени тактаңыз", "Describe the request"),
            relevant="${request_type} = 'other'",
        ),
        Q(
            "integer",
            "waiting_time_minutes",
            T(
                "Сколько минут вы ждали приёма сегодня?",
                "Бүгүн кабыл алууну канча мүнөт күттүңүз?",
                "How many minutes did you wait to be seen today?",
            ),
            constraint=". >= 0 and . <= 1440",
            constraint_message=T(
                "Число минут от 0 до 1440.",
                "Мүнөттөрдүн саны 0дөн 1440ка чейин.",
                "A number of minutes from 0 to 1440.",
            ),
        ),
        Q(
            "select_one scale5",
            "satisfaction",
            T(
                "Насколько вы довольны тем, как вас обслужили? (1–5)",
                "Сизди тейлегенине канчалык ыраазысыз? (1–5)",
                "How satisfied are you with the service you received? (1–5)",
            ),
            required=True,
        ),
        _yes_no(
            "access_easy_to_reach",
            "Легко ли было найти учреждение и добраться до него?",
            "Мекемени табуу жана ага жетүү оңой болдубу?",
            "Was the institution easy to find and reach?",
            "",
        ),
        _yes_no(
            "access_convenient_hours",
            "Удобны ли вам часы приёма?",
            "Кабыл алуу сааттары сизге ыңгайлуубу?",
            "Are the opening hours convenient for you?",
            "",
        ),
        _yes_no(
            "access_prior_booking",
            "Удалось ли записаться заранее по телефону или через интернет?",
            "Телефон же интернет аркылуу алдын ала жазылууга мүмкүн болдубу?",
            "Could you book in advance by phone or online?",
            "",
        ),
        _yes_no(
            "access_info_in_kyrgyz",
            "Получили ли вы понятные объяснения на удобном вам языке?",
            "Сизге ыңгайлуу тилде түшүнүктүү түшүндүрмө алдыңызбы?",
            "Were things explained clearly in a language you are comfortable with?",
            "",
        ),
        _yes_no(
            "access_informal_payment",
            "Просили ли у вас неофициальную плату или «благодарность»?",
            "Сизден расмий эмес акы же «ыраазычылык» сурашканбы?",
            "Were you asked for an unofficial payment or a “thank-you”?",
            "",
        ),
        open_q(
            "visit_experience",
            "Расскажите, как прошло ваше обращение: что помогло, что мешало?",
            "Кайрылууңуз кандай өттү, айтып бериңиз: эмне жардам берди, эмне тоскоол болду?",
            "Tell us how your visit went: what helped and what got in the way?",
        ),
        relevant=f"{CONSENTED} and {VISITOR}",
    )


FORM = Form(
    code="kozomol_consular",
    target_group="consular",
    title=T(
        "Мониторинг консульского учреждения Кыргызской Республики",
        "Кыргыз Республикасынын консулдук мекемесинин мониторинги",
        "Monitoring of a consular institution of the Kyrgyz Republic",
    ),
    version="2026112501",
    survey=(
        *metadata(),
        *consent(INTRO_GENERAL),
        Q(
            "select_one respondent_role",
            "respondent_role",
            T("Кто отвечает на вопросы?", "Суроолорго ким жооп берет?", "Who is answering the questions?"),
            required=True,
            relevant=CONSENTED,
        ),
        migrant_profile(
            migrant_only=VISITOR,
            country_label=T(
                "Страна, в которой находится учреждение",
                "Мекеме жайгашкан өлкө",
                "Country where the institution is located",
            ),
        ),
        _institution(),
        _visit(),
        theme(
            "CONSULAR",
            open_q(
                "consular_requests",
                "С какими вопросами граждане обращаются чаще всего? Как изменилась нагрузка за последние годы?",
                "Жарандар көбүнчө кандай маселелер менен кайрылышат? Акыркы жылдары жүктөм кандай өзгөрдү?",
                "What do citizens come about most often? How has the workload changed in recent years?",
                relevant=STAFF,
            ),
            open_q(
                "consular_capacity",
                "Чего не хватает учреждению, чтобы помогать мигрантам лучше: сотрудников, юристов, "
                "оборудования, транспорта, почётных консулов в регионах?",
                "Мигранттарга жакшыраак жардам берүү үчүн мекемеге эмне жетишпейт: кызматкерлер, юристтер, "
                "жабдуулар, унаа, аймактардагы ардактуу консулдар?",
                "What does the institution lack to help migrants better: staff, lawyers, equipment, "
                "transport, honorary consuls in the regions?",
                relevant=STAFF,
            ),
            open_q(
                "consular_diaspora",
                "Как учреждение работает с объединениями соотечественников, НПО и профсоюзами? Удаётся ли "
                "координировать их работу?",
                "Мекеме мекендештердин бирикмелери, БӨУлар жана кесиптик бирликтер менен кантип иштешет? "
                "Алардын ишин координациялоо мүмкүн болуп жатабы?",
                "How does the institution work with diaspora associations, NGOs and trade unions? Does it "
                "manage to coordinate them?",
                relevant=STAFF,
            ),
            open_q(
                "consular_previous_visits",
                "Обращались ли вы сюда раньше? Чем отличался тот опыт?",
                "Буга чейин бул жакка кайрылган белеңиз? Ал тажрыйба эмнеси менен айырмаланды?",
                "Have you come here before? How was that experience different?",
                relevant=VISITOR,
            ),
        ),
        theme(
            "STATUS",
            open_q(
                "status_documents",
                "Какие проблемы с документами мешают гражданам легализоваться (утерянные или просроченные "
                "паспорта, поддельные разрешения)?",
                "Жарандардын мыйзамдашуусуна документтерге байланыштуу кандай көйгөйлөр тоскоол болот "
                "(жоголгон же мөөнөтү өткөн паспорттор, жасалма уруксаттар)?",
                "Which document problems keep citizens from legalising their stay (lost or expired "
                "passports, forged permits)?",
            ),
        ),
        theme(
            "LABOUR",
            open_q(
                "labour_disputes",
                "Как учреждение помогает в трудовых спорах: невыплата зарплаты, изъятые документы, удержание "
                "на работе?",
                "Мекеме эмгек талаштарында кантип жардам берет: эмгек акынын төлөнбөшү, тартып алынган "
                "документтер, жумушта кармап калуу?",
                "How does the institution help in labour disputes: unpaid wages, confiscated papers, people "
                "held at work?",
                relevant=STAFF,
            ),
        ),
        theme(
            "JUSTICE",
            open_q(
                "justice_detained",
                "Как учреждение узнаёт о задержанных и осуждённых гражданах и как следит за их делами и "
                "решениями судов?",
                "Мекеме кармалган жана соттолгон жарандар тууралуу кантип билет жана алардын иштерин, "
                "соттун чечимдерин кантип көзөмөлдөйт?",
                "How does the institution learn of citizens detained or convicted, and how does it follow "
                "their cases and court decisions?",
                relevant=STAFF,
            ),
        ),
        theme(
            "HEALTH",
            open_q(
                "health_help",
                "Как учреждение помогает гражданам, которым нужна медицинская помощь, и в случаях смерти "
                "за рубежом?",
                "Мекеме медициналык жардамга муктаж жарандарга жана чет өлкөдө каза болгон учурларда "
                "кантип жардам берет?",
                "How does the institution help citizens who need medical care, and in cases of death abroad?",
                relevant=STAFF,
            ),
        ),
        theme(
            "GENDER",
            open_q(
                "gender_balance",
                "Обращаются ли женщины, пострадавшие от насилия? Могут ли они поговорить с женщиной-юристом? "
                "Как в учреждении решается вопрос гендерного баланса?",
                "Зомбулуктан жапа чеккен аялдар кайрылышабы? Алар аял юрист менен сүйлөшө алышабы? "
                "Мекемеде гендердик тең салмактуулук маселеси кантип чечилет?",
                "Do women who have suffered violence come here? Can they speak with a woman lawyer? How "
                "does the institution deal with gender balance among its staff?",
                relevant=STAFF,
            ),
            open_q(
                "gender_visitor",
                "Было бы вам удобнее обсуждать ваш вопрос с сотрудницей-женщиной? Почему?",
                "Маселеңизди аял кызматкер менен талкуулоо сизге ыңгайлуураак болмок беле? Эмне үчүн?",
                "Would you be more comfortable discussing your matter with a woman member of staff? Why?",
                relevant=f"{VISITOR} and ${{gender}} = 'female'",
            ),
        ),
        closing(),
    ),
    choice_lists=(*PROFILE_LISTS, RESPONDENT_ROLE, INSTITUTION_TYPE, REQUEST_TYPE, SCALE5),
)
