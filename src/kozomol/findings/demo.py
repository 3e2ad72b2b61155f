"""Demo findings, official figures and recommendations of the 2013 monitoring.

Facts and figures follow the 2013 report; every sentence is written anew.
Evidence from other apps (coded passages, case stories) is linked when the
demo of those apps has put some in place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
from typing import Any

from kozomol.campaigns.demo import DemoContext
from kozomol.findings import services
from kozomol.findings.models import Addressee, Evidence, FollowUp, Standard, Theme
from kozomol.places.models import Location

# (series, label ru, label en, value, unit, period, country, theme, source, context)
STATISTICS: list[tuple[str, str, str, str, str, str, str | None, str | None, str, bool]] = [
    (
        "remittances-gdp",
        "Денежные переводы мигрантов, доля ВВП Кыргызстана",
        "Migrants' remittances, share of Kyrgyzstan's GDP",
        "29",
        "%",
        "2011",
        "KG",
        None,
        "Всемирный банк",
        True,
    ),
    (
        "crimes-against-migrants",
        "Преступления, совершённые в отношении мигрантов в России",
        "Crimes committed against migrants in Russia",
        "11.4",
        "тыс.",
        "2011",
        "RU",
        "JUSTICE",
        "МВД России",
        True,
    ),
    (
        "crimes-against-migrants",
        "Преступления, совершённые в отношении мигрантов в России",
        "Crimes committed against migrants in Russia",
        "12.4",
        "тыс.",
        "2012",
        "RU",
        "JUSTICE",
        "МВД России",
        True,
    ),
    (
        "crimes-by-migrants-share",
        "Доля преступлений, совершённых мигрантами, в общей преступности России",
        "Share of crimes committed by migrants in all crime in Russia",
        "2",
        "%",
        "2011",
        "RU",
        "JUSTICE",
        "МВД России",
        False,
    ),
    (
        "crimes-by-migrants-share",
        "Доля преступлений, совершённых мигрантами, в общей преступности России",
        "Share of crimes committed by migrants in all crime in Russia",
        "2",
        "%",
        "2012",
        "RU",
        "JUSTICE",
        "МВД России",
        False,
    ),
    (
        "convicted-grave-crimes",
        "Доля осуждённых граждан Кыргызстана, отбывающих наказание за тяжкие и особо тяжкие преступления",
        "Share of convicted Kyrgyz citizens serving sentences for grave and especially grave crimes",
        "70",
        "%",
        "2012",
        "RU",
        "JUSTICE",
        "МВД России",
        False,
    ),
    (
        "legalisation-cost-moscow",
        "Минимальная сумма для легализации мигранта по прибытии в Москву",
        "Minimum sum a migrant needs to legalise on arrival in Moscow",
        "30000",
        "руб.",
        "2013",
        "RU",
        "STATUS",
        "Интервью мониторинга (около 1000 долларов США)",
        False,
    ),
]

# (theme, country or None, statement ru, statement en, standards, quotes [(text, source)], official series)
FINDINGS: list[tuple[str, str | None, str, str, list[str], list[tuple[str, str]], list[str]]] = [
    (
        "STATUS",
        None,
        "Главная трудность мигрантов — оформить законное пребывание и разрешение на работу. Без них люди работают "
        "в нарушение законов страны приёма и теряют доступ к трудовой защите, медицине и пенсионной системе.",
        "The main difficulty for migrants is obtaining lawful residence and a work permit. Without them people work "
        "in breach of the host country's law and lose access to labour protection, health care and pensions.",
        ["ICRMW-43", "ICRMW-65"],
        [
            (
                "Без разрешения ты никто: ни в больницу, ни в суд не пойдёшь.",
                "Интервью с мигрантом, Москва (демо)",
            )
        ],
        [],
    ),
    (
        "STATUS",
        "RU",
        "В России большинство мигрантов из Кыргызстана получают разрешительные документы через фирмы-посредники. "
        "Это удорожает легализацию и не гарантирует подлинности бумаг; нередко мигранты покупают поддельные "
        "документы у полукриминальных групп, в том числе у выходцев из Кыргызстана. Чтобы легализоваться по "
        "прибытии в Москву, нужно не меньше 30 000 рублей (около 1000 долларов) — таких денег у большинства нет, "
        "и они сразу оказываются нелегалами.",
        "In Russia most migrants from Kyrgyzstan obtain their permits through intermediary firms. This makes "
        "legalisation dearer and gives no guarantee that the papers are genuine; migrants often buy forged documents "
        "from semi-criminal groups, some run by people from Kyrgyzstan. Legalising on arrival in Moscow takes at "
        "least 30,000 roubles (about 1,000 dollars); most have no such sum and become irregular at once.",
        ["ICRMW-66", "ILO-C143"],
        [
            (
                "За патент через фирму отдал почти всю первую зарплату, а потом сказали, что он фальшивый.",
                "История мигранта, Москва (демо)",
            )
        ],
        ["legalisation-cost-moscow"],
    ),
    (
        "STATUS",
        "KZ",
        "В Казахстане, в отличие от России, посреднических фирм, оформляющих регистрацию, вид на жительство и "
        "разрешение на работу, почти нет.",
        "In Kazakhstan, unlike Russia, there are hardly any intermediary firms arranging registration, residence or "
        "work permits.",
        [],
        [],
        [],
    ),
    (
        "LABOUR",
        None,
        "Чаще всего трудовые права мигрантов нарушаются из-за работы без договора: не выплачивают зарплату и "
        "сверхурочные, платят меньше, чем местным, увольняют без оснований, отбирают документы, не соблюдают охрану "
        "труда. Без разрешения и договора мигранты не решаются защищать свои права, а правозащитникам трудно доказать "
        "сам факт трудовых отношений, поэтому споры решают до суда или вне суда. Объекты, где работают мигранты, "
        "почти не проверяет трудовая инспекция.",
        "Labour rights are most often violated because migrants work without a contract: wages and overtime go "
        "unpaid, pay is lower than for local workers, dismissals are arbitrary, documents are taken away, safety "
        "rules are ignored. Without a permit and a contract migrants hesitate to defend their rights, and NGOs "
        "struggle to prove an employment relationship existed, so disputes are settled before or outside court. "
        "Labour inspectors rarely visit the sites where migrants work.",
        ["ICRMW-25", "ICRMW-21", "ILO-C097"],
        [
            (
                "Три месяца работали на стройке, а в конце хозяин сказал, что денег нет, и выгнал.",
                "Интервью с мигрантом, Санкт-Петербург (демо)",
            )
        ],
        [],
    ),
    (
        "LABOUR",
        "KZ",
        "В Казахстане на работу, особенно в сельском хозяйстве, привлекают и детей мигрантов. Встречается удержание "
        "работников, в том числе когда детей оставляют у работодателя как залог; граждане Кыргызстана могут "
        "становиться жертвами трудовой и сексуальной эксплуатации и рабства.",
        "In Kazakhstan migrants' children are also put to work, especially in agriculture. Workers are held against "
        "their will, sometimes with children left with the employer as a pledge; Kyrgyz citizens may fall victim to "
        "labour and sexual exploitation and slavery.",
        ["ICRMW-11"],
        [
            (
                "Ребёнка хозяин оставил у себя, пока мы не отработаем долг.",
                "История мигрантки, Алматинская область (демо)",
            )
        ],
        [],
    ),
    (
        "HEALTH",
        None,
        "Мигрантам без урегулированного статуса и их семьям доступна только экстренная помощь. Плановое лечение, "
        "ведение беременности и родов, наблюдение детей в государственных клиниках требуют полиса и законного "
        "статуса; частные клиники открыты, но большинству не по карману. Многие мигранты не покупают полис, хотя в "
        "России такая возможность есть.",
        "Migrants without settled status and their families can get emergency care only. Planned treatment, care in "
        "pregnancy and childbirth and check-ups for children in public clinics require insurance and lawful status; "
        "private clinics are open but most cannot afford them. Many migrants do not buy insurance although Russia "
        "offers it.",
        ["ICRMW-28"],
        [],
        [],
    ),
    (
        "HEALTH",
        None,
        "Мигранты мало знают о репродуктивном здоровье и инфекциях, передающихся половым путём, поэтому рождаемость "
        "часто регулируют абортами. Незамужние женщины из страха осуждения родных прерывают беременность; известны "
        "случаи отказа от детей и их продажи. Ежегодно среди граждан Кыргызстана в странах приёма выявляют ВИЧ, ИППП "
        "и туберкулёз.",
        "Migrants know little about reproductive health and sexually transmitted infections, so abortion is a common "
        "means of birth control. Unmarried women end pregnancies for fear of their families' judgement; children have "
        "been abandoned and sold. Every year HIV, STIs and tuberculosis are found among Kyrgyz citizens abroad.",
        ["ICRMW-28"],
        [
            (
                "Девушки боятся, что дома узнают, и идут на аборт, часто не один раз.",
                "Интервью с медицинским работником, Москва (демо)",
            )
        ],
        [],
    ),
    (
        "EDUCATION",
        "RU",
        "В России дети мигрантов с полным пакетом документов, как правило, ходят в школу; мешают отсутствие справок "
        "о прививках и незнание русского языка.",
        "In Russia the children of migrants with full papers usually attend school; missing vaccination certificates "
        "and not knowing Russian hold them back.",
        ["ICRMW-30"],
        [],
        [],
    ),
    (
        "EDUCATION",
        "KZ",
        "Казахстанский закон не запрещает детям временных трудовых мигрантов посещать детские сады и школы, но "
        "родители часто берут детей на работу, и те пропускают занятия и хуже учатся. Мест в детских садах не хватает "
        "и местным жителям.",
        "Kazakh law does not bar the children of temporary migrant workers from kindergartens and schools, but parents "
        "often take them to work, so they miss classes and fall behind. Kindergarten places are short for locals too.",
        ["ICRMW-30"],
        [],
        [],
    ),
    (
        "PENSION",
        None,
        "Почти никто из граждан Кыргызстана, работающих в России и Казахстане, не участвует в пенсионном страховании "
        "страны пребывания, хотя дома такая возможность есть. Проблема обостряется: часть мигрантов приближается к "
        "пенсионному возрасту и собирается вернуться.",
        "Almost no Kyrgyz citizens working in Russia and Kazakhstan pay into the host country's pension insurance, "
        "though they could at home. The problem is growing as some migrants near pension age and plan to return.",
        ["ICRMW-27"],
        [],
        [],
    ),
    (
        "HOUSING",
        "RU",
        "В крупных городах России, например в Москве, мигранты живут по 5–6 человек в комнате. Теснота усиливает "
        "напряжение, бытовые ссоры перерастают в конфликты, иногда со смертельным исходом.",
        "In Russia's large cities such as Moscow migrants live five or six to a room. Crowding breeds tension, and "
        "household quarrels turn into conflicts, some of them fatal.",
        [],
        [("В комнате нас шестеро, спим по очереди.", "Интервью с мигрантом, Москва (демо)")],
        [],
    ),
    (
        "HOUSING",
        "KZ",
        "В Казахстане жилищные условия мигрантов лучше, бытовых конфликтов меньше.",
        "In Kazakhstan migrants are better housed and household conflicts are fewer.",
        [],
        [],
        [],
    ),
    (
        "JUSTICE",
        "RU",
        "По данным МВД России, доля преступлений мигрантов в 2011–2012 годах стабильна — около 2% всей "
        "преступности, но среди них много тяжких: 70% осуждённых граждан Кыргызстана отбывают наказание за тяжкие и "
        "особо тяжкие преступления. После резонансных преступлений проходят массовые рейды с нарушениями прав, в том "
        "числе законно пребывающих мигрантов. Преступлений против мигрантов стало больше — 11,4 тыс. в 2011 году и "
        "12,4 тыс. в 2012 году, — но в СМИ об этом почти не пишут. Мигранты плохо знают российское право и не знают, "
        "куда обратиться за помощью.",
        "According to Russia's Interior Ministry, crimes by migrants stayed at about 2% of all crime in 2011–2012, but "
        "many are grave: 70% of convicted Kyrgyz citizens serve time for grave or especially grave crimes. Resonant "
        "crimes are followed by mass raids that violate the rights of migrants, lawful ones included. Crimes against "
        "migrants rose from 11.4 thousand in 2011 to 12.4 thousand in 2012, yet the media hardly report it. Migrants "
        "know little of Russian law and do not know where to turn for help.",
        ["ICRMW-16", "ICRMW-18", "ICRMW-22", "ICRMW-33"],
        [],
        ["crimes-against-migrants", "crimes-by-migrants-share", "convicted-grave-crimes"],
    ),
    (
        "JUSTICE",
        "KZ",
        "В Казахстане мигранты вправе обращаться в полицию и суд наравне с гражданами, но почти не делают этого, "
        "боясь штрафа и депортации. В Астане и Алматы им помогают правозащитные организации; чаще всего — из-за "
        "невыплаченной зарплаты. Споры с работодателем решают вне суда: суд грозит нанимателю лишь штрафом и не "
        "возвращает заработанное.",
        "In Kazakhstan migrants may go to the police and courts like citizens but hardly do, fearing fines and "
        "deportation. In Astana and Almaty NGOs help them, most often over unpaid wages. Disputes with employers are "
        "settled out of court: a court can only fine the employer and does not recover the wages.",
        ["ICRMW-18"],
        [
            (
                "Пытаемся договориться с работодателем сами, пугаем его полицией или журналистами.",
                "Интервью с НПО, Алматы (демо)",
            )
        ],
        [],
    ),
    (
        "INTEGRATION",
        "RU",
        "В России отношение к мигрантам складывается в основном под влиянием СМИ, которые пишут о них почти только "
        "плохое. Неприязнь усиливает и то, что мигранты соглашаются на меньшую плату и худшие условия и не участвуют в "
        "коллективной защите прав работников.",
        "In Russia attitudes to migrants are shaped mostly by the media, which report almost only bad news about "
        "them. Resentment also grows because migrants accept lower pay and worse conditions and stay out of "
        "collective action by workers.",
        [],
        [],
        [],
    ),
    (
        "INTEGRATION",
        "KZ",
        "В Казахстане серьёзных трудностей в общении с местными жителями у кыргызстанцев нет благодаря близости "
        "культуры, языка и традиций, хотя в быту встречается пренебрежение и высокомерие.",
        "In Kazakhstan Kyrgyz migrants get on with local people thanks to a shared culture, language and traditions, "
        "though everyday disdain and condescension occur.",
        [],
        [("Бывает, смотрят свысока, но в целом относятся нормально.", "Интервью с мигрантом, Астана (демо)")],
        [],
    ),
    (
        "GENDER",
        None,
        "Женщины-мигранты чаще подвергаются гендерному насилию, но почти не могут вовремя получить юридическую "
        "помощь и не знают о кризисных центрах в России и Казахстане.",
        "Women migrants face a higher risk of gender-based violence, yet can hardly get timely legal help and do not "
        "know about crisis centres in Russia and Kazakhstan.",
        ["ICRMW-16"],
        [],
        [],
    ),
    (
        "CONSULAR",
        None,
        "Посольства и консульства Кыргызстана меняют формы работы: расширяют институт почётных консулов, нанимают "
        "юристов, открыли интернет-приёмную. Мигранты, обратившиеся в консульства, в целом довольны качеством и "
        "доступностью услуг. Но одних усилий дипмиссий мало.",
        "Kyrgyz embassies and consulates are changing how they work: more honorary consuls, lawyers on staff, an "
        "online reception desk. Migrants who turn to them are on the whole satisfied with the quality and "
        "accessibility of services. But the missions cannot solve migrants' problems alone.",
        ["ICRMW-23"],
        [],
        [],
    ),
    (
        "CONSULAR",
        "RU",
        "Среди объединений соотечественников в России есть скрытое соперничество и раскол, хотя услуги они "
        "оказывают одни и те же; связи между НПО, профсоюзами и диаспорой почти нет. Посольство могло бы "
        "координировать их работу.",
        "Compatriots' associations in Russia compete and are split, although they offer the same services; NGOs, "
        "trade unions and the diaspora barely cooperate. The embassy could coordinate them.",
        ["ICRMW-23"],
        [],
        [],
    ),
    (
        "CONSULAR",
        None,
        "В дипмиссиях заметен гендерный дисбаланс, особенно среди юристов, а пострадавшие от насилия женщины не идут "
        "к юристу-мужчине. Посольствам не хватает видеонаблюдения, электронной очереди, транспорта для юристов и "
        "атташе по миграции.",
        "The missions show a marked gender imbalance, especially among lawyers, and women who suffered violence do not "
        "consult a male lawyer. The embassies lack video surveillance, an electronic queue, transport for lawyers and "
        "a migration attaché.",
        ["ICRMW-23"],
        [],
        [],
    ),
]

# addressee code -> [(ru, en, theme, standards, status)]
RECOMMENDATIONS: dict[str, list[tuple[str, str, str | None, list[str], str]]] = {
    "kg-government": [
        (
            "Создать отдельный постоянный государственный орган по вопросам внешней трудовой миграции.",
            "Set up a separate, permanent state body for external labour migration.",
            "STATUS",
            ["ICRMW-65"],
            "not_started",
        ),
        (
            "Наладить предвыездную подготовку мигрантов: консультации о трудоустройстве, пенсиях, страховании и "
            "стране приёма, медицинский осмотр перед выездом, обучение рабочим специальностям.",
            "Prepare migrants before departure: advice on jobs, pensions, insurance and the host country, a medical "
            "check before leaving, training in trades.",
            "STATUS",
            ["ICRMW-33", "ICRMW-65"],
            "not_started",
        ),
        (
            "Помогать мигрантам осваивать рынки труда других стран, кроме России и Казахстана, в соответствии с "
            "международными обязательствами страны.",
            "Help migrants enter labour markets beyond Russia and Kazakhstan, in line with the country's international "
            "obligations.",
            "LABOUR",
            [],
            "not_started",
        ),
        (
            "Развивать конкурентный рынок услуг по трудоустройству за рубежом, особенно на юге страны, и пресекать "
            "незаконное посредничество.",
            "Develop a competitive market of recruitment services for work abroad, especially in the south, and stop "
            "unlawful intermediaries.",
            "STATUS",
            ["ICRMW-66"],
            "not_started",
        ),
        (
            "Инициировать закон о частных агентствах занятости, соответствующий международным стандартам.",
            "Initiate a law on private employment agencies that meets international standards.",
            "STATUS",
            ["ICRMW-66", "ILO-C097"],
            "not_started",
        ),
        (
            "Добиваться лучшего режима пребывания граждан в странах приёма, в том числе более долгого срока "
            "пребывания без регистрации.",
            "Seek better terms of stay for citizens abroad, including a longer stay without registration.",
            "STATUS",
            [],
            "not_started",
        ),
        (
            "Обеспечить доступную медицинскую помощь гражданам в странах приёма — кабинетами при дипмиссиях или "
            "договорами с клиниками.",
            "Provide affordable medical care to citizens abroad, through surgeries at the missions or agreements with "
            "clinics.",
            "HEALTH",
            ["ICRMW-28"],
            "not_started",
        ),
        (
            "Вынести на общественное обсуждение Постановление Правительства № 222 с точки зрения гарантий пенсионных "
            "прав мигрантов.",
            "Put Government Decree No. 222 to public debate as to its guarantees of migrants' pension rights.",
            "PENSION",
            ["ICRMW-27"],
            "not_started",
        ),
        (
            "Поэтапно вводить обязательное медицинское страхование, дающее стандартный пакет услуг в странах приёма.",
            "Introduce compulsory health insurance step by step, giving a standard package of care abroad.",
            "HEALTH",
            ["ICRMW-28"],
            "not_started",
        ),
        (
            "Создать механизмы, позволяющие купить недорогой медицинский полис в стране приёма.",
            "Create ways for citizens to buy affordable health insurance in the host country.",
            "HEALTH",
            ["ICRMW-28"],
            "not_started",
        ),
        (
            "Подготовить и вовремя представить доклад в Комитет ООН по трудящимся-мигрантам, чтобы он был рассмотрен "
            "в 2014 году.",
            "Prepare and submit on time a report to the UN Committee on Migrant Workers for review in 2014.",
            None,
            ["ICRMW-65"],
            "in_progress",
        ),
        (
            "Расширить участие НПО в совещательных органах.",
            "Give NGOs a larger part in advisory bodies.",
            None,
            [],
            "not_started",
        ),
        (
            "Улучшить техническое оснащение дипмиссий в России и Казахстане.",
            "Improve the equipment of the missions in Russia and Kazakhstan.",
            "CONSULAR",
            ["ICRMW-23"],
            "not_started",
        ),
    ],
    "kg-health": [
        (
            "Наладить учёт заболеваемости мигрантов: запрашивать статистику у органов здравоохранения стран приёма и "
            "включать её в национальную отчётность.",
            "Track migrants' illnesses: ask host countries' health authorities for figures and include them in "
            "national statistics.",
            "HEALTH",
            ["ICRMW-28"],
            "not_started",
        ),
        (
            "Разъяснять населению необходимость ежегодной флюорографии.",
            "Explain to the public why a yearly chest X-ray is needed.",
            "HEALTH",
            [],
            "not_started",
        ),
        (
            "Снабдить медучреждения стран приёма плакатами и памятками на кыргызском и русском языках о "
            "репродуктивном здоровье, ИППП, ВИЧ и безопасном материнстве.",
            "Supply clinics abroad with posters and leaflets in Kyrgyz and Russian on reproductive health, STIs, HIV "
            "and safe motherhood.",
            "HEALTH",
            ["ICRMW-33"],
            "not_started",
        ),
        (
            "Просить международные и донорские организации обеспечить центры, помогающие мигрантам, бесплатными "
            "контрацептивами.",
            "Ask international and donor organisations to provide free contraceptives to centres serving migrants.",
            "HEALTH",
            [],
            "not_started",
        ),
    ],
    "kg-education": [
        (
            "Изучить возможность готовить специалистов по вопросам миграции.",
            "Study how to train specialists in migration.",
            None,
            [],
            "not_started",
        ),
    ],
    "kg-mfa": [
        (
            "Разработать долгосрочный комплексный план работы с трудовыми мигрантами.",
            "Draw up a long-term comprehensive plan of work with migrant workers.",
            "CONSULAR",
            ["ICRMW-23"],
            "not_started",
        ),
        (
            "Продолжать расширять сеть дипмиссий, в том числе через почётных консулов.",
            "Keep extending the network of missions, including through honorary consuls.",
            "CONSULAR",
            ["ICRMW-23"],
            "in_progress",
        ),
        (
            "Опираться на диаспору, особенно в России: посольство должно объединять и координировать объединения "
            "соотечественников.",
            "Draw on the diaspora, especially in Russia: the embassy should unite and coordinate compatriots' "
            "associations.",
            "CONSULAR",
            [],
            "not_started",
        ),
    ],
    "kg-diplomatic": [
        (
            "Теснее работать с местными властями по защите прав граждан, отслеживать нарушения и быстро на них "
            "реагировать.",
            "Work more closely with local authorities to protect citizens' rights, watch for violations and respond "
            "quickly.",
            "JUSTICE",
            ["ICRMW-23"],
            "not_started",
        ),
        (
            "Следить за уголовными делами и приговорами в отношении граждан, в том числе в местах лишения свободы и в "
            "судах.",
            "Monitor criminal cases and judgments concerning citizens, including in prisons and courts.",
            "JUSTICE",
            ["ICRMW-18", "ICRMW-23"],
            "not_started",
        ),
        (
            "Ввести мониторинг судебных решений по делам мигрантов на сайтах судов.",
            "Monitor court decisions in migrants' cases published on court websites.",
            "JUSTICE",
            ["ICRMW-18"],
            "not_started",
        ),
        (
            "Изучить причины гендерного дисбаланса в кадрах и увеличить число женщин, в том числе юристов, в дипмиссиях.",
            "Study the causes of the gender imbalance among staff and employ more women, lawyers included, in the "
            "missions.",
            "GENDER",
            [],
            "not_started",
        ),
        (
            "Сотрудничать со СМИ стран приёма, чтобы снизить стигматизацию мигрантов.",
            "Work with the host countries' media to reduce the stigma attached to migrants.",
            "INTEGRATION",
            [],
            "not_started",
        ),
    ],
    "ru-government": [
        (
            "Присоединиться к Конвенции ООН 1990 года о защите прав всех трудящихся-мигрантов, конвенциям МОТ № 97 и "
            "№ 143 и Европейской конвенции 1977 года о правовом статусе трудящихся-мигрантов.",
            "Accede to the 1990 UN Migrant Workers Convention, ILO Conventions No. 97 and No. 143 and the 1977 European "
            "Convention on the Legal Status of Migrant Workers.",
            None,
            ["ICRMW-65", "ILO-C097", "ILO-C143", "ECSMW"],
            "not_started",
        ),
    ],
    "kz-government": [
        (
            "Ратифицировать конвенции МОТ № 97 и № 143.",
            "Ratify ILO Conventions No. 97 and No. 143.",
            None,
            ["ILO-C097", "ILO-C143"],
            "not_started",
        ),
    ],
}


def _standard(key: str) -> Standard:
    instrument, _sep, article = key.partition("-") if key.startswith("ICRMW") else (key, "", "")
    return Standard.objects.get(instrument=instrument, article=article)


def _linked_sources(kind: str, campaign: Any, theme: str, limit: int) -> list[Any]:
    """Up to ``limit`` objects of another app's demo for this theme, if that app landed."""
    model = services.source_model(kind)
    if model is None:
        return []
    try:
        if kind == Evidence.Kind.PASSAGE:
            qs = model._default_manager.filter(
                document__campaign=campaign, code__identifier__startswith=theme
            )
        else:
            qs = model._default_manager.filter(campaign=campaign)
        return list(qs.order_by("pk")[:limit])
    except Exception:  # noqa: BLE001 - the other app's fields are not ours to know; the demo still loads
        return []


def _link_appeals_and_case(ctx: DemoContext, finding: Any) -> None:
    """Appeals statistics and one case story, when the cases app has them (written anonymised)."""
    from django.core.exceptions import ValidationError

    kinds = services.available_evidence_kinds()
    if Evidence.Kind.APPEALS in kinds:
        with contextlib.suppress(ValidationError):
            services.evidence_add(
                actor=ctx.users.get("analyst"),
                finding=finding,
                kind=Evidence.Kind.APPEALS,
                source="Интернет-приёмная",
            )
    model = services.source_model(Evidence.Kind.CASE)
    caseworker = ctx.users.get("caseworker")
    if model is None or caseworker is None:
        return
    try:
        case = model._default_manager.filter(organisation=ctx.lead).order_by("pk").first()
    except Exception:  # noqa: BLE001 - the other app's fields are not ours to know
        case = None
    if case is not None:
        with contextlib.suppress(ValidationError):
            services.evidence_add(
                actor=caseworker,
                finding=finding,
                kind=Evidence.Kind.CASE,
                object_pk=case.pk,
                text="Работник стройки три месяца не получал зарплату; после обращения юрист добился выплаты "
                "части долга без суда.",
                source="История обращения (обезличено)",
            )


def load(ctx: DemoContext) -> None:
    campaign = ctx.campaign
    actor = ctx.users.get("analyst")
    coordinator = ctx.users.get("coordinator")
    themes = {t.identifier: t for t in Theme.objects.all()}
    countries = {loc.code: loc for loc in Location.objects.filter(kind=Location.Kind.COUNTRY)}
    for series, ru, en, value, unit, period, country, theme, source, context in STATISTICS:
        services.official_statistic_create(
            actor=actor,
            campaign=campaign,
            series=series,
            label_ru=ru,
            label_en=en,
            value=decimal.Decimal(value),
            unit=unit,
            period=period,
            country=countries.get(country or ""),
            theme=themes.get(theme or ""),
            source=source,
            is_context=context,
            source_date=dt.date(int(period), 12, 31) if period.isdigit() else None,
        )
    findings_by_theme: dict[str, list[Any]] = {}
    passages_used = 0
    for position, (theme, country, ru, en, standards, quotes, series_keys) in enumerate(FINDINGS, start=1):
        finding = services.finding_create(
            actor=actor,
            campaign=campaign,
            theme=themes[theme],
            country=countries.get(country or ""),
            statement_ru=ru,
            statement_en=en,
            standards=[_standard(k) for k in standards],
            position=position,
        )
        for text, source in quotes:
            services.evidence_add(
                actor=actor, finding=finding, kind=Evidence.Kind.QUOTE, text=text, source=source
            )
        for key in series_keys:
            services.evidence_add(
                actor=actor, finding=finding, kind=Evidence.Kind.OFFICIAL, official_series=key
            )
        if theme not in findings_by_theme:
            for obj in _linked_sources(Evidence.Kind.PASSAGE, campaign, theme, 2):
                services.evidence_add(
                    actor=actor, finding=finding, kind=Evidence.Kind.PASSAGE, object_pk=obj.pk
                )
                passages_used += 1
        if theme == "LABOUR" and country is None:
            _link_appeals_and_case(ctx, finding)
        services.finding_transition(actor=coordinator, finding=finding, target="approved", may_approve=True)
        findings_by_theme.setdefault(theme, []).append(finding)
    addressees = {a.code: a for a in Addressee.objects.all()}
    count = 0
    for code, items in RECOMMENDATIONS.items():
        for position, (ru, en, theme, standards, status) in enumerate(items, start=1):
            services.recommendation_create(
                actor=coordinator,
                campaign=campaign,
                addressee=addressees[code],
                text_ru=ru,
                text_en=en,
                theme=themes.get(theme or ""),
                findings=findings_by_theme.get(theme or "", [])[:2],
                standards=[_standard(k) for k in standards],
                position=position,
                status=FollowUp.Status(status),
            )
            count += 1
    ctx.say(
        f"findings: {len(FINDINGS)} findings ({passages_used} coded passages linked), "
        f"{count} recommendations, {len(STATISTICS)} official figures"
    )
