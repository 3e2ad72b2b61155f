"""Interview guide for officials of state bodies (target group ``state_bodies``).

Migration services, labour inspectorates, police, health and education
authorities, social funds, ministries: how the rules work for citizens of
Kyrgyzstan and how they are enforced.
"""

from __future__ import annotations

from .common import INSTITUTION_LISTS, INTRO_GENERAL, closing, consent, institution_profile, metadata, theme
from .schema import Form, Q, T, choice_list, open_q

BODY_TYPE = choice_list(
    "body_type",
    [
        ("migration_service", "Миграционная служба", "Миграция кызматы", "Migration service"),
        (
            "labour_inspection",
            "Трудовая инспекция или орган по труду",
            "Эмгек инспекциясы же эмгек органы",
            "Labour inspectorate or labour authority",
        ),
        (
            "police",
            "Полиция, органы внутренних дел",
            "Полиция, ички иштер органдары",
            "Police, interior ministry",
        ),
        ("prosecutor", "Прокуратура", "Прокуратура", "Prosecutor's office"),
        ("health_authority", "Орган здравоохранения", "Саламаттыкты сактоо органы", "Health authority"),
        ("education_authority", "Орган образования", "Билим берүү органы", "Education authority"),
        (
            "social_fund",
            "Пенсионный или социальный фонд",
            "Пенсиялык же социалдык фонд",
            "Pension or social fund",
        ),
        (
            "foreign_affairs",
            "Министерство иностранных дел",
            "Тышкы иштер министрлиги",
            "Ministry of foreign affairs",
        ),
        ("local_government", "Местная администрация", "Жергиликтүү администрация", "Local government"),
        ("other", "Другое", "Башка", "Other"),
    ],
)
BODY_LEVEL = choice_list(
    "body_level",
    [
        ("national", "Национальный (федеральный)", "Улуттук (федералдык)", "National (federal)"),
        ("regional", "Региональный", "Аймактык", "Regional"),
        ("municipal", "Городской или районный", "Шаардык же райондук", "City or district"),
    ],
)

FORM = Form(
    code="kozomol_state_bodies",
    target_group="state_bodies",
    title=T(
        "Интервью с представителем государственного органа",
        "Мамлекеттик органдын өкүлү менен интервью",
        "Interview with a state body official",
    ),
    version="2026112501",
    survey=(
        *metadata(),
        *consent(INTRO_GENERAL),
        institution_profile(
            (
                Q(
                    "select_one body_type",
                    "body_type",
                    T("Вид государственного органа", "Мамлекеттик органдын түрү", "Kind of state body"),
                    required=True,
                ),
                Q(
                    "select_one body_level",
                    "body_level",
                    T("Уровень органа", "Органдын деңгээли", "Level of the body"),
                ),
            )
        ),
        theme(
            "STATUS",
            open_q(
                "status_procedure",
                "Как сейчас устроен порядок легального пребывания и работы для граждан Кыргызстана? Что "
                "изменилось за последние годы, в том числе в связи с ЕАЭС?",
                "Азыр Кыргызстандын жарандары үчүн мыйзамдуу жүрүү жана иштөө тартиби кандай? Акыркы "
                "жылдары, анын ичинде ЕАЭБге байланыштуу, эмне өзгөрдү?",
                "How does the procedure for legal stay and work of Kyrgyz citizens work today? What has "
                "changed in recent years, including with the EAEU?",
            ),
            open_q(
                "status_cost",
                "Сколько, по вашим данным, стоит и сколько времени занимает оформление всех документов? "
                "Как вы оцениваете работу фирм-посредников и случаи поддельных документов?",
                "Сиздин маалыматыңыз боюнча бардык документтерди тариздөө канча турат жана канча убакыт "
                "алат? Ортомчу фирмалардын ишин жана жасалма документтердин учурларын кандай баалайсыз?",
                "By your data, what does it cost and how long does it take to arrange all the papers? How "
                "do you see intermediary firms and forged documents?",
            ),
            open_q(
                "status_sanctions",
                "Какие нарушения режима пребывания встречаются чаще всего и какие меры применяются: штрафы, "
                "выдворение, запрет въезда?",
                "Жүрүү тартибинин кайсы бузуулары көбүрөөк кездешет жана кандай чаралар колдонулат: айып "
                "пул, өлкөдөн чыгаруу, кирүүгө тыюу салуу?",
                "Which breaches of the rules of stay are most frequent, and what measures follow: fines, "
                "removal, entry bans?",
            ),
        ),
        theme(
            "LABOUR",
            open_q(
                "labour_inspections",
                "Проверяются ли объекты, где работают мигранты? Какие нарушения выявляются и как наказываются "
                "работодатели?",
                "Мигранттар иштеген объекттер текшерилеби? Кандай бузуулар аныкталат жана иш берүүчүлөр "
                "кандай жазаланат?",
                "Are the sites where migrants work inspected? What breaches are found and how are "
                "employers sanctioned?",
            ),
            open_q(
                "labour_protection",
                "Какие механизмы защищают мигрантов от невыплаты зарплаты, изъятия документов, "
                "принудительного труда и торговли людьми? Насколько они работают на практике?",
                "Мигранттарды эмгек акы төлөнбөй калуудан, документтерин тартып алуудан, мажбурлап "
                "иштетүүдөн жана адам сатуудан кандай механизмдер коргойт? Алар иш жүзүндө канчалык иштейт?",
                "What protects migrants against unpaid wages, confiscated papers, forced labour and "
                "trafficking? How well does it work in practice?",
            ),
        ),
        theme(
            "HEALTH",
            open_q(
                "health_rights",
                "На какую медицинскую помощь имеют право мигранты с разным статусом и члены их семей? Как "
                "устроено медицинское страхование для них?",
                "Ар кандай статустагы мигранттар жана алардын үй-бүлө мүчөлөрү кандай медициналык жардамга "
                "укуктуу? Алар үчүн медициналык камсыздандыруу кандай уюштурулган?",
                "What medical care are migrants with different status, and their families, entitled to? "
                "How is health insurance arranged for them?",
            ),
        ),
        theme(
            "EDUCATION",
            open_q(
                "education_admission",
                "На каких условиях дети мигрантов принимаются в школы и детские сады? Какие документы "
                "требуются?",
                "Мигранттардын балдары мектептерге жана бала бакчаларга кандай шартта кабыл алынат? Кандай "
                "документтер талап кылынат?",
                "On what terms are migrants' children admitted to schools and kindergartens? Which papers "
                "are required?",
            ),
        ),
        theme(
            "PENSION",
            open_q(
                "pension_agreements",
                "Как учитываются пенсионные права и трудовой стаж граждан Кыргызстана, работающих у вас? "
                "Какие соглашения действуют и что в них не решено?",
                "Сиздерде иштеген Кыргызстандын жарандарынын пенсиялык укуктары жана эмгек стажы кантип "
                "эсепке алынат? Кандай келишимдер иштейт жана аларда эмне чечилбей калды?",
                "How are the pension rights and service records of Kyrgyz citizens working here taken into "
                "account? Which agreements apply and what do they leave open?",
            ),
        ),
        theme(
            "HOUSING",
            open_q(
                "housing_control",
                "Контролирует ли кто-либо условия проживания мигрантов в общежитиях и на объектах?",
                "Мигранттардын жатаканалардагы жана объекттердеги жашоо шарттарын кимдир бирөө көзөмөлдөйбү?",
                "Does anyone oversee migrants' living conditions in hostels and at work sites?",
            ),
        ),
        theme(
            "JUSTICE",
            open_q(
                "justice_statistics",
                "Какими данными вы располагаете о правонарушениях, совершённых мигрантами и против мигрантов? "
                "Можно ли получить эти данные?",
                "Мигранттар жасаган жана мигранттарга карата жасалган укук бузуулар тууралуу кандай "
                "маалыматтарыңыз бар? Ал маалыматтарды алууга болобу?",
                "What data do you hold on offences committed by and against migrants? Can the data be "
                "shared?",
            ),
            open_q(
                "justice_raids",
                "Как проводятся проверки и рейды по выявлению нарушителей режима пребывания? Какие гарантии "
                "есть у задержанных (переводчик, адвокат, связь с консульством)?",
                "Жүрүү тартибин бузгандарды аныктоо үчүн текшерүүлөр жана рейддер кантип өткөрүлөт? "
                "Кармалгандардын кандай кепилдиктери бар (котормочу, адвокат, консулдук менен байланыш)?",
                "How are checks and raids for breaches of the rules of stay carried out? What safeguards do "
                "detainees have (interpreter, lawyer, contact with the consulate)?",
            ),
        ),
        theme(
            "INTEGRATION",
            open_q(
                "integration_programmes",
                "Какие программы адаптации, обучения языку и противодействия ксенофобии действуют? Кто их "
                "проводит?",
                "Адаптация, тил үйрөтүү жана ксенофобияга каршы туруу боюнча кандай программалар иштейт? "
                "Аларды ким өткөрөт?",
                "Which programmes for adaptation, language learning and countering xenophobia exist? Who "
                "runs them?",
            ),
        ),
        theme(
            "CONSULAR",
            open_q(
                "consular_cooperation",
                "Как ваш орган взаимодействует с посольством и консульствами Кыргызстана, с объединениями "
                "соотечественников? Что можно улучшить?",
                "Сиздин орган Кыргызстандын элчилиги жана консулдуктары, мекендештердин бирикмелери менен "
                "кантип кызматташат? Эмнени жакшыртса болот?",
                "How does your body work with the Kyrgyz embassy and consulates and with diaspora "
                "associations? What could be better?",
            ),
        ),
        theme(
            "GENDER",
            open_q(
                "gender_measures",
                "Учитываются ли в вашей работе особые нужды женщин-мигранток: защита от насилия, "
                "беременность, направление в кризисные центры?",
                "Ишиңизде мигрант аялдардын өзгөчө муктаждыктары эске алынабы: зомбулуктан коргоо, кош "
                "бойлуулук, кризистик борборлорго жөнөтүү?",
                "Does your work take account of the particular needs of women migrants: protection from "
                "violence, pregnancy, referral to crisis centres?",
            ),
        ),
        closing(),
    ),
    choice_lists=(*INSTITUTION_LISTS, BODY_TYPE, BODY_LEVEL),
)
