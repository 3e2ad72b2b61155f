"""Interview guide for NGOs and public associations (target group ``ngo``).

Human-rights NGOs, diaspora and home-town associations, trade unions and
crisis centres that help migrants: what people come with, what the
organisation can do, and where it gets stuck.
"""

from __future__ import annotations

from .common import (
    CONSENTED,
    INSTITUTION_LISTS,
    INTRO_GENERAL,
    closing,
    consent,
    institution_profile,
    metadata,
    theme,
)
from .schema import Form, Group, Q, T, choice_list, group, open_q

ORGANISATION_TYPE = choice_list(
    "organisation_type",
    [
        ("ngo", "Правозащитная НПО", "Укук коргоочу БӨУ", "Human-rights NGO"),
        ("public_association", "Общественное объединение", "Коомдук бирикме", "Public association"),
        (
            "diaspora",
            "Объединение соотечественников или землячество",
            "Мекендештер бирикмеси же жердештик",
            "Diaspora or home-town association",
        ),
        ("trade_union", "Профсоюз", "Кесиптик бирлик", "Trade union"),
        ("crisis_centre", "Кризисный центр", "Кризистик борбор", "Crisis centre"),
        ("other", "Другое", "Башка", "Other"),
    ],
)
SERVICES = choice_list(
    "services",
    [
        ("legal_advice", "Юридические консультации", "Юридикалык кеңеш", "Legal advice"),
        (
            "court_representation",
            "Представительство в суде",
            "Сотто өкүлчүлүк кылуу",
            "Representation in court",
        ),
        (
            "mediation",
            "Переговоры с работодателем",
            "Иш берүүчү менен сүйлөшүү",
            "Negotiation with employers",
        ),
        ("shelter", "Временное жильё, приют", "Убактылуу турак жай, баш калкалоочу жай", "Temporary shelter"),
        ("medical_referral", "Направление к врачу", "Дарыгерге жөнөтүү", "Referral to medical care"),
        ("humanitarian_aid", "Гуманитарная помощь", "Гуманитардык жардам", "Humanitarian aid"),
        ("job_search", "Помощь в поиске работы", "Жумуш издөөгө жардам", "Help finding work"),
        (
            "information",
            "Информирование и обучение",
            "Маалымат берүү жана окутуу",
            "Information and training",
        ),
        ("repatriation", "Помощь в возвращении домой", "Мекенге кайтууга жардам", "Help returning home"),
        ("other", "Другое", "Башка", "Other"),
    ],
)


def _work() -> Group:
    return group(
        "organisation_work",
        T("Работа организации", "Уюмдун иши", "The organisation's work"),
        Q(
            "select_multiple services",
            "services_offered",
            T(
                "Какую помощь организация оказывает мигрантам?",
                "Уюм мигранттарга кандай жардам көрсөтөт?",
                "What help does the organisation give migrants?",
            ),
        ),
        Q(
            "integer",
            "requests_last_year",
            T(
                "Сколько обращений от мигрантов из Кыргызстана было за последние 12 месяцев (примерно)?",
                "Акыркы 12 айда Кыргызстандан келген мигранттардан канча кайрылуу болду (болжол менен)?",
                "About how many requests from migrants from Kyrgyzstan came in over the last 12 months?",
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
        open_q(
            "typical_requests",
            "С какими проблемами мигранты приходят к вам чаще всего? Приведите несколько примеров за последний "
            "год.",
            "Мигранттар сизге көбүнчө кандай көйгөйлөр менен келишет? Акыркы жылдагы бир нече мисал "
            "келтириңиз.",
            "What problems do migrants most often bring to you? Give a few examples from the past year.",
        ),
        relevant=CONSENTED,
    )


FORM = Form(
    code="kozomol_ngo",
    target_group="ngo",
    title=T(
        "Интервью с представителем НПО или общественного объединения",
        "БӨУнун же коомдук бирикменин өкүлү менен интервью",
        "Interview with an NGO or public association",
    ),
    version="2026112501",
    survey=(
        *metadata(),
        *consent(INTRO_GENERAL),
        institution_profile(
            (
                Q(
                    "select_one organisation_type",
                    "organisation_type",
                    T("Вид организации", "Уюмдун түрү", "Kind of organisation"),
                    required=True,
                ),
            )
        ),
        _work(),
        theme(
            "STATUS",
            open_q(
                "status_problems",
                "Какие трудности с регистрацией и разрешениями на работу вы видите у своих подопечных? Какую "
                "роль играют посредники и поддельные документы?",
                "Сиз жардам берген адамдарда каттоо жана иштөөгө уруксат боюнча кандай кыйынчылыктарды "
                "көрөсүз? Ортомчулар жана жасалма документтер кандай роль ойнойт?",
                "What difficulties with registration and work permits do you see among the people you help? "
                "What part do intermediaries and forged papers play?",
            ),
        ),
        theme(
            "LABOUR",
            open_q(
                "labour_violations",
                "Какие нарушения трудовых прав встречаются чаще всего? Как вы доказываете трудовые отношения, "
                "если договора нет?",
                "Эмгек укуктарынын кайсы бузуулары көбүрөөк кездешет? Келишим жок болсо, эмгек мамилесин "
                "кантип далилдейсиз?",
                "Which labour rights violations are most common? How do you prove an employment relationship "
                "when there is no contract?",
            ),
            open_q(
                "labour_exploitation",
                "Встречались ли вам случаи принудительного труда, удержания людей, торговли людьми или "
                "сексуальной эксплуатации? Как вы действовали?",
                "Мажбурлап иштетүү, адамдарды кармап калуу, адам сатуу же сексуалдык эксплуатация учурлары "
                "кездештиби? Кандай аракет кылдыңыздар?",
                "Have you met forced labour, people being held, trafficking or sexual exploitation? What did "
                "you do?",
            ),
        ),
        theme(
            "HEALTH",
            open_q(
                "health_referrals",
                "Куда вы направляете мигрантов, которым нужна медицинская помощь? С какими отказами и "
                "расходами они сталкиваются?",
                "Медициналык жардамга муктаж мигранттарды кайда жөнөтөсүз? Алар кандай баш тартууларга жана "
                "чыгымдарга туш болушат?",
                "Where do you send migrants who need medical care? What refusals and costs do they meet?",
            ),
        ),
        theme(
            "EDUCATION",
            open_q(
                "education_requests",
                "Обращаются ли к вам за помощью в устройстве детей в школу или детский сад? Что мешает?",
                "Балдарды мектепке же бала бакчага орноштурууга жардам сурап сизге кайрылышабы? Эмне "
                "тоскоол болот?",
                "Do people ask you for help getting children into school or kindergarten? What gets in the "
                "way?",
            ),
        ),
        theme(
            "PENSION",
            open_q(
                "pension_requests",
                "Поднимают ли мигранты вопросы пенсий и стажа? Что вы можете им посоветовать?",
                "Мигранттар пенсия жана стаж маселелерин көтөрүшөбү? Аларга эмне кеңеш бере аласыз?",
                "Do migrants raise questions about pensions and service records? What can you advise them?",
            ),
        ),
        theme(
            "HOUSING",
            open_q(
                "housing_problems",
                "Какие жилищные проблемы у ваших подопечных: теснота, жизнь на объекте, выселения, "
                "конфликты?",
                "Сиз жардам берген адамдардын турак жай көйгөйлөрү кандай: тыгыздык, объектте жашоо, үйдөн "
                "чыгаруу, чыр-чатактар?",
                "What housing problems do the people you help have: crowding, living on site, evictions, "
                "conflicts?",
            ),
        ),
        theme(
            "JUSTICE",
            open_q(
                "justice_resolution",
                "Как вы решаете споры: в суде, до суда или без суда? Что даёт результат, а что нет?",
                "Талаштарды кантип чечесиз: сотто, сотко чейин же соттон тышкары? Эмне натыйжа берет, эмне "
                "бербейт?",
                "How do you settle disputes: in court, before court or out of court? What works and what "
                "does not?",
            ),
            open_q(
                "justice_barriers",
                "Почему мигранты не обращаются в полицию и суд? Что могло бы это изменить?",
                "Эмне үчүн мигранттар полицияга жана сотко кайрылышпайт? Муну эмне өзгөртө алат?",
                "Why do migrants not go to the police or the courts? What could change that?",
            ),
        ),
        theme(
            "INTEGRATION",
            open_q(
                "integration_attitudes",
                "Как меняется отношение местных жителей к мигрантам и что на него влияет, в том числе СМИ?",
                "Жергиликтүү элдин мигранттарга мамилеси кандай өзгөрүп жатат жана ага эмне, анын ичинде "
                "ЖМКлар, таасир этет?",
                "How are local attitudes to migrants changing, and what shapes them, the media included?",
            ),
        ),
        theme(
            "CONSULAR",
            open_q(
                "consular_cooperation",
                "Как вы работаете с посольством и консульствами Кыргызстана, другими объединениями "
                "соотечественников и профсоюзами? Чего не хватает в этой координации?",
                "Кыргызстандын элчилиги жана консулдуктары, мекендештердин башка бирикмелери жана кесиптик "
                "бирликтер менен кантип иштешесиз? Бул координацияда эмне жетишпейт?",
                "How do you work with the Kyrgyz embassy and consulates, other diaspora associations and "
                "trade unions? What is missing in that coordination?",
            ),
        ),
        theme(
            "GENDER",
            open_q(
                "gender_requests",
                "С чем обращаются женщины-мигрантки? Есть ли у вас юрист-женщина? Куда вы направляете "
                "пострадавших от насилия?",
                "Мигрант аялдар эмне менен кайрылышат? Силерде аял юрист барбы? Зомбулуктан жапа "
                "чеккендерди кайда жөнөтөсүздөр?",
                "What do women migrants come to you with? Do you have a woman lawyer? Where do you refer "
                "survivors of violence?",
            ),
        ),
        closing(),
    ),
    choice_lists=(*INSTITUTION_LISTS, ORGANISATION_TYPE, SERVICES),
)
