"""Interview guide for labour migrants met at medical institutions (target group ``migrants``).

Open questions by theme, plus the closed questions the analytics count
(work permit, contract, unpaid wages, confiscated documents, insurance,
children at school, people per room).
"""

from __future__ import annotations

from .common import (
    INTRO_GENERAL,
    PROFILE_LISTS,
    YES_NO_DK,
    YES_NO_NA,
    closing,
    consent,
    metadata,
    migrant_profile,
    theme,
)
from .schema import Form, Q, T, choice_list, open_q

HOUSING_TYPE = choice_list(
    "housing_type",
    [
        (
            "rented_flat",
            "Съёмная квартира или комната",
            "Ижарага алынган батир же бөлмө",
            "Rented flat or room",
        ),
        ("hostel", "Общежитие или хостел", "Жатакана же хостел", "Hostel or dormitory"),
        ("work_site", "На объекте или месте работы", "Иш ордунда же объектте", "At the work site"),
        (
            "employer_housing",
            "Жильё, предоставленное работодателем",
            "Иш берүүчү берген турак жай",
            "Housing provided by the employer",
        ),
        ("own", "Собственное жильё", "Өз турак жайы", "Own home"),
        ("other", "Другое", "Башка", "Other"),
    ],
)

_yes_no_dk = "select_one yes_no_dk"

FORM = Form(
    code="kozomol_migrants",
    target_group="migrants",
    title=T(
        "Интервью с трудовым мигрантом в медицинском учреждении",
        "Медициналык мекемедеги эмгек мигранты менен интервью",
        "Interview with a labour migrant at a medical institution",
    ),
    version="2026112501",
    survey=(
        *metadata(),
        *consent(INTRO_GENERAL),
        migrant_profile(),
        theme(
            "STATUS",
            Q(
                _yes_no_dk,
                "has_work_permit",
                T(
                    "Есть ли у вас сейчас действующее разрешение на работу?",
                    "Азыр сизде колдонуудагы иштөөгө уруксат барбы?",
                    "Do you currently hold a valid permission to work?",
                ),
                hint=T(
                    "Для граждан стран ЕАЭС считайте разрешением регистрацию вместе с трудовым договором.",
                    "ЕАЭБ өлкөлөрүнүн жарандары үчүн эмгек келишими менен бирге каттоо уруксат катары эсептелет.",
                    "For citizens of EAEU countries, registration together with an employment contract counts.",
                ),
            ),
            open_q(
                "status_how_obtained",
                "Как вы оформляли документы для пребывания и работы? Кто помогал, сколько времени и денег "
                "это заняло?",
                "Жүрүү жана иштөө үчүн документтерди кантип тариздедиңиз? Ким жардам берди, канча убакыт "
                "жана акча кетти?",
                "How did you arrange your papers to stay and work? Who helped, and how much time and money "
                "did it take?",
            ),
            open_q(
                "status_intermediaries",
                "Приходилось ли вам платить фирмам-посредникам? Были ли сомнения в подлинности документов, "
                "которые вы получили?",
                "Ортомчу фирмаларга акча төлөгөн учуруңуз болдубу? Алган документтериңиздин чындыгына "
                "шектенген учур болдубу?",
                "Have you had to pay intermediary firms? Did you ever doubt that the papers you received "
                "were genuine?",
            ),
            open_q(
                "status_bans",
                "Знаете ли вы случаи запрета на въезд или проблем из-за просроченного срока пребывания? "
                "Что тогда происходило?",
                "Өлкөгө кирүүгө тыюу салынган же жүрүү мөөнөтү өтүп кеткендиктен көйгөй чыккан учурларды "
                "билесизби? Ошондо эмне болду?",
                "Do you know of entry bans or trouble over an expired stay? What happened then?",
            ),
        ),
        theme(
            "LABOUR",
            Q(
                _yes_no_dk,
                "has_written_contract",
                T(
                    "Есть ли у вас письменный трудовой договор с нынешним работодателем?",
                    "Азыркы иш берүүчүңүз менен жазуу түрүндөгү эмгек келишимиңиз барбы?",
                    "Do you have a written employment contract with your current employer?",
                ),
            ),
            Q(
                _yes_no_dk,
                "wages_unpaid",
                T(
                    "За последние 12 месяцев работодатель хоть раз не заплатил вам заработанное полностью "
                    "или частично?",
                    "Акыркы 12 айда иш берүүчү иштеп тапкан акыңызды толук же жарым-жартылай төлөбөй койгон "
                    "учур болдубу?",
                    "In the last 12 months, did an employer ever fail to pay all or part of what you had earned?",
                ),
            ),
            Q(
                _yes_no_dk,
                "documents_taken_by_employer",
                T(
                    "Забирал ли работодатель ваш паспорт или другие документы на хранение без вашего желания?",
                    "Иш берүүчү паспортуңузду же башка документтериңизди сиздин каалооңузсуз алып калган "
                    "учур болдубу?",
                    "Has an employer kept your passport or other papers against your wishes?",
                ),
            ),
            open_q(
                "labour_conditions",
                "Расскажите о вашей работе: сколько часов в день, платят ли за сверхурочные, столько ли "
                "получаете, сколько местные работники, соблюдается ли техника безопасности?",
                "Ишиңиз тууралуу айтып бериңиз: күнүнө канча саат иштейсиз, ашыкча саатка төлөнөбү, "
                "жергиликтүү жумушчулардай эле акы аласызбы, коопсуздук эрежелери сакталабы?",
                "Tell us about your work: hours per day, whether overtime is paid, whether you earn as "
                "much as local workers, whether safety rules are followed.",
            ),
            open_q(
                "labour_violations",
                "Бывало ли, что вас увольняли без причины, не отпускали с работы, заставляли работать "
                "против воли или оставляли в залог кого-то из близких? Расскажите, что произошло.",
                "Сизди себепсиз жумуштан бошоткон, жумуштан кетирбей койгон, каалооңузга каршы иштеткен "
                "же жакындарыңыздан бирөөнү күрөөгө калтырткан учур болдубу? Эмне болгонун айтып бериңиз.",
                "Have you been dismissed without reason, kept from leaving a job, made to work against "
                "your will, or had a relative held as a pledge? Tell us what happened.",
            ),
            open_q(
                "labour_help",
                "К кому вы обращались, когда нарушались ваши трудовые права, и чем это закончилось?",
                "Эмгек укуктарыңыз бузулганда кимге кайрылдыңыз жана ал эмне менен бүттү?",
                "Whom did you turn to when your labour rights were violated, and how did it end?",
            ),
        ),
        theme(
            "HEALTH",
            Q(
                _yes_no_dk,
                "has_medical_insurance",
                T(
                    "Есть ли у вас сейчас действующий полис медицинского страхования?",
                    "Азыр сизде колдонуудагы медициналык камсыздандыруу полиси барбы?",
                    "Do you have a valid health insurance policy at the moment?",
                ),
            ),
            open_q(
                "health_reason_visit",
                "С какой проблемой вы обратились в это медицинское учреждение? Как вас приняли?",
                "Бул медициналык мекемеге кандай көйгөй менен кайрылдыңыз? Сизди кантип кабыл алышты?",
                "What brought you to this medical institution? How were you received?",
            ),
            open_q(
                "health_access",
                "Где вы обычно лечитесь? Приходилось ли получать отказ в помощи или платить за помощь, "
                "которая должна быть бесплатной?",
                "Адатта кайда дарыланасыз? Жардам көрсөтүүдөн баш тартышкан же акысыз болушу керек болгон "
                "жардам үчүн акча төлөгөн учур болдубу?",
                "Where do you usually get treatment? Have you been refused care, or charged for care that "
                "should have been free?",
            ),
            open_q(
                "health_insurance_reasons",
                "Почему вы оформили или не оформили медицинскую страховку? Доступны ли вам по цене "
                "частные клиники?",
                "Эмне үчүн медициналык камсыздандырууну тариздедиңиз же тариздеген жоксуз? Жеке "
                "клиникалардын баасы сизге жеткиликтүүбү?",
                "Why did you, or did you not, take out health insurance? Can you afford private clinics?",
            ),
            open_q(
                "health_knowledge",
                "Откуда вы узнаёте, как беречь здоровье, о репродуктивном здоровье, ВИЧ и туберкулёзе? "
                "Каких сведений вам не хватает и на каком языке их удобнее получать?",
                "Ден соолукту сактоо, репродуктивдүү ден соолук, ВИЧ жана кургак учук тууралуу кайдан "
                "билесиз? Кандай маалымат жетишпейт жана аны кайсы тилде алуу ыңгайлуу?",
                "Where do you learn about staying healthy, reproductive health, HIV and tuberculosis? What "
                "information is missing, and in which language would you prefer it?",
            ),
        ),
        theme(
            "EDUCATION",
            Q(
                "select_one yes_no_na",
                "children_attend_school",
                T(
                    "Ходят ли ваши дети школьного возраста в школу здесь?",
                    "Бул жактагы мектеп жашындагы балдарыңыз мектепке барабы?",
                    "Do your school-age children attend school here?",
                ),
                relevant="selected(${family_with_them}, 'children')",
            ),
            open_q(
                "education_barriers",
                "Какие трудности были при устройстве детей в школу или детский сад: справки о прививках, "
                "язык, документы, нехватка мест?",
                "Балдарды мектепке же бала бакчага орноштурууда кандай кыйынчылыктар болду: эмдөө "
                "тууралуу маалымкат, тил, документтер, орун жетишсиздиги?",
                "What difficulties did you meet when enrolling children in school or kindergarten: "
                "vaccination certificates, language, papers, lack of places?",
                relevant="selected(${family_with_them}, 'children')",
            ),
            open_q(
                "education_child_work",
                "Знаете ли вы случаи, когда дети мигрантов не учатся, потому что работают или помогают "
                "родителям?",
                "Мигранттардын балдары иштегендиктен же ата-энесине жардам бергендиктен окубай калган "
                "учурларды билесизби?",
                "Do you know of migrants' children who miss school because they work or help their parents?",
            ),
            open_q(
                "education_training",
                "Хотели бы вы получить профессиональное обучение или повысить квалификацию? Что вам мешает?",
                "Кесиптик билим алууну же квалификацияңызды жогорулатууну каалайт белеңиз? Сизге эмне "
                "тоскоол болот?",
                "Would you like vocational training or to improve your qualifications? What stands in "
                "the way?",
            ),
        ),
        theme(
            "PENSION",
            open_q(
                "pension_contributions",
                "Платятся ли за вас пенсионные взносы — здесь или в Кыргызстане? Знаете ли вы, засчитываются "
                "ли годы работы за рубежом в трудовой стаж?",
                "Сиз үчүн пенсиялык төгүмдөр бул жакта же Кыргызстанда төлөнөбү? Чет өлкөдө иштеген "
                "жылдар эмгек стажына кошуларын билесизби?",
                "Are pension contributions paid for you, here or in Kyrgyzstan? Do you know whether years "
                "worked abroad count towards your length of service?",
            ),
            open_q(
                "pension_plans",
                "Планируете ли вы вернуться домой к пенсионному возрасту? Что вас беспокоит в связи с пенсией?",
                "Пенсия курагына жакындаганда мекенге кайтууну пландап жатасызбы? Пенсияга байланыштуу "
                "эмне тынчсыздандырат?",
                "Do you plan to return home as you near pension age? What worries you about your pension?",
            ),
        ),
        theme(
            "HOUSING",
            Q(
                "select_one housing_type",
                "housing_type",
                T("Где вы сейчас живёте?", "Азыр кайда жашап жатасыз?", "Where do you live now?"),
            ),
            Q(
                "integer",
                "people_per_room",
                T(
                    "Сколько человек, включая вас, живёт в вашей комнате?",
                    "Бөлмөңүздө сизди кошкондо канча адам жашайт?",
                    "How many people, you included, live in your room?",
                ),
                constraint=". >= 1 and . <= 50",
                constraint_message=T("Число от 1 до 50.", "1ден 50гө чейинки сан.", "A number from 1 to 50."),
            ),
            open_q(
                "housing_conditions",
                "Опишите условия, в которых вы живёте. Были ли выселения, конфликты с соседями или "
                "хозяевами жилья?",
                "Жашап жаткан шартыңызды сүрөттөп бериңиз. Үйдөн чыгарып жиберген, кошуналар же үй ээлери "
                "менен чыр-чатак болгон учурлар болдубу?",
                "Describe where and how you live. Have there been evictions or conflicts with neighbours "
                "or landlords?",
            ),
        ),
        theme(
            "JUSTICE",
            open_q(
                "justice_police",
                "Приходилось ли вам сталкиваться с проверками документов, облавами, задержаниями, штрафами "
                "или вымогательством? Расскажите.",
                "Документ текшерүү, рейд, кармоо, айып пул же опузалап акча талап кылуу менен бетме-бет "
                "келген учуруңуз болдубу? Айтып бериңиз.",
                "Have you faced document checks, raids, detention, fines or extortion? Tell us about it.",
            ),
            open_q(
                "justice_reporting",
                "Если против вас совершат преступление, обратитесь ли вы в полицию? Почему?",
                "Эгер сизге карата кылмыш жасалса, полицияга кайрыласызбы? Эмне үчүн?",
                "If a crime were committed against you, would you go to the police? Why or why not?",
            ),
            open_q(
                "justice_legal_aid",
                "Знаете ли вы, куда можно обратиться за бесплатной юридической консультацией? Обращались ли?",
                "Акысыз юридикалык кеңеш алуу үчүн кайда кайрылууга болорун билесизби? Кайрылдыңызбы?",
                "Do you know where to get free legal advice? Have you ever sought it?",
            ),
        ),
        theme(
            "INTEGRATION",
            open_q(
                "integration_attitude",
                "Как к вам относятся местные жители, соседи, коллеги? Сталкивались ли вы с оскорблениями, "
                "пренебрежением или нападениями?",
                "Жергиликтүү эл, кошуналар, кесиптештер сизге кандай мамиле кылат? Кордоо, кемсинтүү же "
                "кол салуу менен бетме-бет келдиңизби?",
                "How do local people, neighbours and colleagues treat you? Have you met insults, contempt "
                "or attacks?",
            ),
            open_q(
                "integration_community",
                "Участвуете ли вы в профсоюзе, объединении земляков или другом сообществе? Чем оно помогает?",
                "Кесиптик бирликке, жердештер бирикмесине же башка коомчулукка катышасызбы? Ал эмне менен "
                "жардам берет?",
                "Are you part of a trade union, a home-town association or another community? How does "
                "it help?",
            ),
        ),
        theme(
            "CONSULAR",
            open_q(
                "consular_contact",
                "Обращались ли вы в посольство или консульство Кыргызстана? По какому вопросу, и помогли ли "
                "вам?",
                "Кыргызстандын элчилигине же консулдугуна кайрылдыңызбы? Кандай маселе боюнча жана сизге "
                "жардам беришти беле?",
                "Have you turned to the Kyrgyz embassy or a consulate? About what, and did they help?",
            ),
        ),
        theme(
            "GENDER",
            open_q(
                "gender_violence",
                "Знаете ли вы о случаях насилия, домогательств или принуждения в отношении женщин-мигранток? "
                "Куда они могли обратиться за помощью?",
                "Мигрант аялдарга карата зомбулук, асылуу же мажбурлоо учурларын билесизби? Алар жардам "
                "сурап кайда кайрыла алышмак?",
                "Do you know of violence, harassment or coercion against women migrants? Where could they "
                "turn for help?",
                hint=T(
                    "Деликатная тема: респондент может не отвечать.",
                    "Назик тема: респондент жооп бербей коюшу мүмкүн.",
                    "A sensitive topic: the respondent may decline to answer.",
                ),
            ),
            open_q(
                "gender_maternity",
                "Как вы получаете помощь во время беременности, родов, консультации по контрацепции? "
                "С какими трудностями вы столкнулись?",
                "Кош бойлуулук, төрөт учурунда жардамды жана кош бойлуулуктан сактануу боюнча кеңешти "
                "кантип аласыз? Кандай кыйынчылыктарга туш болдуңуз?",
                "How do you get care during pregnancy and childbirth, and advice on contraception? What "
                "difficulties have you met?",
                relevant="${gender} = 'female'",
            ),
            open_q(
                "gender_female_lawyer",
                "Было бы вам проще обратиться за юридической помощью к женщине-юристу? Почему?",
                "Юридикалык жардам үчүн аял юристке кайрылуу сизге жеңилирээк болмок беле? Эмне үчүн?",
                "Would it be easier for you to seek legal help from a woman lawyer? Why?",
                relevant="${gender} = 'female'",
            ),
        ),
        closing(),
    ),
    choice_lists=(*PROFILE_LISTS, YES_NO_DK, YES_NO_NA, HOUSING_TYPE),
)
