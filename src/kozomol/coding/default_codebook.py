"""The codebook every new campaign starts from: the monitoring report's themes.

Top-level identifiers are fixed by ``shared/codebook.md`` (the command line,
exports and the auto-coder use them); sub-codes name the situations the report
describes. Labels, definitions and example phrases are written for Kozomol in
Russian, Kyrgyz and English.

``DEFAULT_CODEBOOK`` is a flat list of dicts, parents before children::

    {"identifier": "LABOUR.WAGES_UNPAID", "parent": "LABOUR", "colour": "#d62728",
     "label_ru": ..., "label_ky": ..., "label_en": ...,
     "definition_ru": ..., "definition_ky": ..., "definition_en": ...,
     "inclusion": ..., "exclusion": ...,
     "examples_ru": [...], "examples_ky": [...], "examples_en": [...]}
"""

from __future__ import annotations

from typing import Any

TOP_LEVEL_IDENTIFIERS = [
    "STATUS",
    "LABOUR",
    "HEALTH",
    "EDUCATION",
    "PENSION",
    "HOUSING",
    "JUSTICE",
    "INTEGRATION",
    "CONSULAR",
    "GENDER",
]

_COLOURS = {
    "STATUS": "#1f77b4",
    "LABOUR": "#d62728",
    "HEALTH": "#2ca02c",
    "EDUCATION": "#9467bd",
    "PENSION": "#8c564b",
    "HOUSING": "#e377c2",
    "JUSTICE": "#7f7f7f",
    "INTEGRATION": "#bcbd22",
    "CONSULAR": "#17becf",
    "GENDER": "#ff7f0e",
}

# identifier: (labels ru/ky/en, definitions ru/ky/en, inclusion, exclusion, examples ru, ky, en)
_TOP: dict[str, tuple[Any, ...]] = {
    "STATUS": (
        ("Урегулирование статуса пребывания", "Болуу статусун жөнгө салуу", "Legal status and legalisation"),
        (
            "Всё, что касается законности пребывания и работы мигранта: постановка на миграционный учёт, "
            "разрешения на работу и патенты, посредники и цена оформления, поддельные документы, "
            "запреты на въезд и превышение сроков пребывания.",
            "Мигранттын мыйзамдуу жашоосу жана иштөөсү: миграциялык каттоо, иштөөгө уруксат жана патент, "
            "ортомчу фирмалар жана документ тариздөөнүн баасы, жасалма документтер, кирүүгө тыюу салуу, "
            "болуу мөөнөтүн ашыруу.",
            "Whether a migrant stays and works lawfully: migration registration, work permits and patents, "
            "intermediary firms and the cost of papers, forged documents, entry bans and overstaying.",
        ),
        "Рассказы о регистрации, патенте, разрешении на работу, сроках пребывания, запрете въезда.",
        "Условия труда при уже оформленных документах — LABOUR; задержание полицией — JUSTICE.",
        [
            "не смог сделать регистрацию",
            "патент стоит очень дорого",
            "фирма сделала поддельную регистрацию",
            "мне закрыли въезд на пять лет",
            "просрочил срок пребывания",
        ],
        ["каттоодон өтө алган жокмун", "патент абдан кымбат", "өлкөгө кирүүгө тыюу салышты"],
        [
            "I could not get registered",
            "the patent costs too much",
            "they banned me from entering for five years",
        ],
    ),
    "LABOUR": (
        ("Трудовые права", "Эмгек укуктары", "Labour rights"),
        (
            "Нарушения прав мигранта как работника: работа без договора, невыплата и задержка зарплаты, "
            "неоплачиваемые сверхурочные, оплата ниже местных, увольнение без причины, изъятие документов "
            "работодателем, опасный труд, детский и принудительный труд, эксплуатация и торговля людьми.",
            "Мигранттын кызматкер катары укуктарынын бузулушу: келишимсиз иштөө, айлыкты төлөбөө же кармоо, "
            "акы төлөнбөгөн кошумча иш, жергиликтүүлөрдөн аз айлык, негизсиз бошотуу, документтерди тартып алуу, "
            "коопсуз эмес эмгек, балдардын жана мажбурлап иштетүү, эксплуатация, адам сатуу.",
            "Breaches of a migrant's rights as a worker: work without a contract, unpaid or withheld wages, "
            "unpaid overtime, pay below locals, unjustified dismissal, documents taken by the employer, unsafe "
            "work, child and forced labour, exploitation and trafficking.",
        ),
        "Работодатель, зарплата, договор, условия и безопасность труда, удержание на работе.",
        "Стоимость патента — STATUS; жильё на объекте без трудового нарушения — HOUSING.",
        [
            "работодатель не заплатил за три месяца",
            "работали без договора",
            "забрали паспорт на стройке",
            "работали по двенадцать часов без выходных",
            "платят меньше, чем местным",
        ],
        ["иш берүүчү үч ай айлык бербей койду", "келишимсиз иштедик", "паспортумду тартып алышты"],
        [
            "the employer did not pay us for three months",
            "we worked without a contract",
            "they took my passport",
        ],
    ),
    "HEALTH": (
        (
            "Доступ к услугам здравоохранения",
            "Саламаттыкты сактоо кызматтарына жетүү",
            "Access to health care",
        ),
        (
            "Возможность мигранта получить медицинскую помощь: только экстренная помощь, полис медицинского "
            "страхования, цена частных клиник, репродуктивное здоровье, аборты, беременность и роды, ВИЧ, ИППП, "
            "туберкулёз, знания о своём здоровье.",
            "Мигранттын медициналык жардам ала алуусу: шашылыш жардам гана, медициналык камсыздандыруу, "
            "жеке клиникалардын баасы, репродуктивдик ден соолук, бойдон алдыруу, кош бойлуулук жана төрөт, "
            "ВИЧ, жыныстык жол менен жугуучу оорулар, кургак учук, ден соолук боюнча билим.",
            "Whether migrants can get medical care: emergency care only, medical insurance, the cost of private "
            "clinics, reproductive health, abortion, pregnancy and childbirth, HIV, STIs, tuberculosis, and what "
            "migrants know about their health.",
        ),
        "Больница, врач, полис, лечение, скорая помощь, болезнь, роды.",
        "Травма на работе как нарушение охраны труда — LABOUR (можно вместе с HEALTH).",
        [
            "без полиса в поликлинике не принимают",
            "лечиться в частной клинике очень дорого",
            "скорая помощь бесплатна, а дальше плати",
            "у него нашли туберкулёз",
            "рожала без документов",
        ],
        ["полиси жок болгондуктан ооруканага алышкан жок", "дарылануу абдан кымбат", "кургак учук табылды"],
        [
            "without insurance the clinic will not see you",
            "private treatment is very expensive",
            "he had tuberculosis",
        ],
    ),
    "EDUCATION": (
        ("Доступ к образованию", "Билим алууга жетүү", "Access to education"),
        (
            "Образование детей мигрантов и самих мигрантов: запись детей в школу, справки о прививках, "
            "языковой барьер, дети, которых не пускают учиться ради работы, места в детском саду, "
            "профессиональное обучение.",
            "Мигранттардын балдарынын жана мигранттардын өздөрүнүн билими: балдарды мектепке каттоо, "
            "эмдөө тууралуу маалымкат, тил тоскоолдугу, иштөө үчүн окутулбаган балдар, бала бакчадагы орундар, "
            "кесиптик окутуу.",
            "Education of migrants' children and of migrants: school enrolment, vaccination certificates, the "
            "language barrier, children kept from school to work, kindergarten places, vocational training.",
        ),
        "Школа, детский сад, учёба, курсы, язык обучения.",
        "Детский труд без связи со школой — LABOUR.CHILD_LABOUR.",
        [
            "ребёнка не взяли в школу без регистрации",
            "нужна справка о прививках",
            "дети не знают русского языка",
            "в детский сад очередь на годы",
        ],
        ["баланы каттоосуз мектепке алышкан жок", "балдар орус тилин билишпейт"],
        ["the school would not take my child without registration", "the children do not speak Russian"],
    ),
    "PENSION": (
        ("Пенсионное обеспечение", "Пенсия менен камсыздоо", "Pensions"),
        (
            "Пенсионные права мигрантов: нет доступа к пенсионному страхованию страны приёма, взносы и трудовой "
            "стаж, пожилые мигранты, которые возвращаются домой без пенсии.",
            "Мигранттардын пенсиялык укуктары: кабыл алуучу өлкөнүн пенсиялык камсыздандыруусуна жетүү жок, "
            "төгүмдөр жана эмгек стажы, пенсиясыз үйгө кайткан улгайган мигранттар.",
            "Migrants' pension rights: no access to the host country's pension insurance, contributions and "
            "length of service, ageing migrants returning home without a pension.",
        ),
        "Пенсия, стаж, пенсионные взносы, старость.",
        "",
        [
            "стаж в России мне не засчитают",
            "за нас не платят пенсионные взносы",
            "на старости лет без пенсии",
        ],
        ["Орусиядагы стаж эсептелбейт", "карыганда пенсиясыз калдым"],
        ["my years of work in Russia will not count", "old age without a pension"],
    ),
    "HOUSING": (
        ("Жилищные условия", "Турак жай шарттары", "Housing"),
        (
            "Где и как живут мигранты: переполненные комнаты и общежития (по 5–6 человек в комнате), жизнь "
            "на месте работы, выселение, конфликты между жильцами.",
            "Мигранттар кайда жана кантип жашайт: адам толгон бөлмөлөр жана жатаканалар (бир бөлмөдө 5–6 киши), "
            "иш ордунда жашоо, чыгарып салуу, тургундар ортосундагы чыр-чатак.",
            "Where and how migrants live: overcrowded rooms and hostels (5–6 to a room), living at the work site, "
            "eviction, conflicts among residents.",
        ),
        "Квартира, комната, общежитие, вагончик, выселение.",
        "Регистрация по адресу как документ — STATUS.REGISTRATION.",
        [
            "живём вшестером в одной комнате",
            "спим прямо на стройке в вагончике",
            "хозяин выгнал нас на улицу",
        ],
        ["бир бөлмөдө алтоо жашайбыз", "курулуштун өзүндө уктайбыз"],
        ["six of us live in one room", "we sleep at the building site"],
    ),
    "JUSTICE": (
        (
            "Преступность, судопроизводство и правовая помощь",
            "Кылмыштуулук, сот өндүрүшү жана укуктук жардам",
            "Crime, justice and legal aid",
        ),
        (
            "Мигранты и правосудие: преступления мигрантов и против мигрантов, облавы после резонансных "
            "преступлений, задержания, выдворение, штрафы, вымогательство, суды, страх обращаться в полицию, "
            "досудебное урегулирование при помощи НПО, незнание своих прав.",
            "Мигранттар жана сот адилеттиги: мигранттардын жана мигранттарга каршы кылмыштар, катуу кылмыштардан "
            "кийинки рейддер, кармоо, өлкөдөн чыгаруу, айыппулдар, опузалап акча талап кылуу, соттор, полицияга "
            "кайрылуудан коркуу, БӨУнун жардамы менен соттон тышкары чечүү, укуктарын билбөө.",
            "Migrants and justice: crimes by and against migrants, police raids after resonant crimes, detention, "
            "expulsion, fines, extortion, courts, fear of going to the police, out-of-court settlement by NGOs, "
            "lack of legal awareness.",
        ),
        "Полиция, суд, штраф, задержание, депортация, адвокат, нападение.",
        "Запрет въезда как административная мера без задержания — STATUS.ENTRY_BAN.",
        [
            "полиция задержала нас на рынке",
            "суд вынес решение о выдворении",
            "в полицию боимся обращаться",
            "платили полицейским, чтобы отпустили",
            "депортировали без суда",
        ],
        ["полиция базардан кармады", "полицияга кайрылгандан коркобуз", "соту жок эле депортациялашты"],
        ["the police detained us at the market", "we are afraid to go to the police", "they deported him"],
    ),
    "INTEGRATION": (
        (
            "Отношения с местным населением и интеграция",
            "Жергиликтүү калк менен мамиле жана интеграция",
            "Relations with the local population",
        ),
        (
            "Как мигрантов воспринимает и принимает местное население: образ мигранта в СМИ, ксенофобия и "
            "нападения, бытовое пренебрежение, конкуренция с местными работниками, неучастие в коллективных "
            "трудовых акциях, культурная близость.",
            "Жергиликтүү калк мигранттарды кантип кабыл алат: ЖМКдагы мигранттын образы, ксенофобия жана кол "
            "салуулар, күнүмдүк кемсинтүү, жергиликтүү жумушчулар менен атаандаштык, жамааттык эмгек "
            "аракеттерине катышпоо, маданий жакындык.",
            "How the local population sees and receives migrants: media stigma, xenophobia and attacks, everyday "
            "contempt, competition with local workers, absence from collective labour action, cultural proximity.",
        ),
        "Отношение соседей, местных жителей, СМИ; оскорбления по национальному признаку.",
        "Нападение как уголовное преступление — также JUSTICE.CRIME_AGAINST.",
        [
            "в новостях нас называют преступниками",
            "в транспорте оскорбляют",
            "местные говорят, что мы отнимаем работу",
            "с казахами у нас общий язык и обычаи",
        ],
        ["жаңылыктарда бизди кылмышкер деп аташат", "жергиликтүүлөр жумушубузду тартып алат дешет"],
        ["the news calls us criminals", "locals say we take their jobs"],
    ),
    "CONSULAR": (
        ("Работа консульских учреждений", "Консулдук мекемелердин иши", "Consular services"),
        (
            "Обращения мигрантов в посольства и консульства Кыргызстана: качество и доступность услуг, очереди, "
            "правовая помощь, почётные консулы, координация диаспор, гендерный баланс сотрудников, оснащение.",
            "Мигранттардын Кыргызстандын элчиликтерине жана консулдуктарына кайрылуулары: кызматтардын сапаты "
            "жана жеткиликтүүлүгү, кезектер, укуктук жардам, ардактуу консулдар, диаспоралардын координациясы, "
            "кызматкерлердин гендердик тең салмактуулугу, жабдуулар.",
            "Migrants' dealings with Kyrgyz embassies and consulates: quality and accessibility of services, "
            "queues, legal help, honorary consuls, coordination of diaspora associations, the gender balance of "
            "staff, equipment.",
        ),
        "Посольство, консульство, консул, паспорт в консульстве, диаспора в связи с консульством.",
        "",
        [
            "в консульстве очередь с ночи",
            "консул помог вернуть паспорт",
            "в консульстве нет юриста",
            "паспорт делают полгода",
        ],
        ["консулдукта түнү бою кезек", "консул паспортту кайтарып берүүгө жардам берди"],
        [
            "there is a queue at the consulate from the night before",
            "the consul helped me get my passport back",
        ],
    ),
    "GENDER": (
        ("Гендерный аспект", "Гендердик аспект", "Gender"),
        (
            "Сквозной код для особенностей положения женщин-мигранток: насилие по признаку пола, домогательства, "
            "доступ к юристу-женщине, беременность вне брака и её последствия. Ставится вместе с тематическим "
            "кодом.",
            "Аял мигранттардын абалынын өзгөчөлүктөрү үчүн кесилишкен код: жынысына байланыштуу зомбулук, "
            "асылуу, аял юристке жетүү, никесиз кош бойлуулук жана анын кесепеттери. Тематикалык код менен "
            "бирге коюлат.",
            "A cross-cutting code for what is specific to women migrants: gender-based violence, harassment, "
            "access to a female lawyer, pregnancy outside marriage and its consequences. Applied on top of a theme.",
        ),
        "Женщины-мигрантки, насилие, домогательства, беременность.",
        "Общие вопросы здоровья без гендерной особенности — HEALTH.",
        [
            "хозяин приставал к девушкам",
            "женщине стыдно рассказывать юристу-мужчине",
            "родила вне брака и оставила ребёнка в роддоме",
        ],
        ["кожоюн кыздарга асылчу", "аял эркек юристке айтканга уялат"],
        ["the boss harassed the young women", "she was ashamed to talk to a male lawyer"],
    ),
}

# (identifier, labels ru/ky/en, definitions ru/en, examples ru)
_SUB: list[tuple[str, tuple[str, str, str], tuple[str, str], list[str]]] = [
    (
        "STATUS.REGISTRATION",
        ("Миграционный учёт", "Миграциялык каттоо", "Migration registration"),
        (
            "Постановка на миграционный учёт, регистрация по месту пребывания, её сроки и трудности.",
            "Registering one's place of stay: deadlines, refusals and difficulties.",
        ),
        ["не успел встать на учёт", "хозяин квартиры не хочет регистрировать"],
    ),
    (
        "STATUS.PATENT",
        ("Разрешение на работу и патент", "Иштөөгө уруксат жана патент", "Work permits and patents"),
        (
            "Получение патента или разрешения на работу, экзамены, квоты и платежи.",
            "Getting a patent or work permit: exams, quotas and fees.",
        ),
        ["каждый месяц плачу за патент", "квоты на разрешения кончились"],
    ),
    (
        "STATUS.INTERMEDIARIES",
        (
            "Посредники и цена оформления",
            "Ортомчулар жана тариздөөнүн баасы",
            "Intermediaries and the cost of legalisation",
        ),
        (
            "Фирмы-посредники, которые оформляют документы за деньги, и общая цена легализации.",
            "Intermediary firms that arrange papers for money, and what legalisation costs.",
        ),
        ["фирма взяла деньги за документы", "оформление обошлось в половину зарплаты"],
    ),
    (
        "STATUS.FORGED_DOCUMENTS",
        ("Поддельные документы", "Жасалма документтер", "Forged documents"),
        (
            "Поддельные регистрации, патенты, медицинские справки, купленные по незнанию или намеренно.",
            "Forged registrations, patents or certificates, bought knowingly or not.",
        ),
        ["регистрация оказалась фальшивой", "купил справку на рынке"],
    ),
    (
        "STATUS.ENTRY_BAN",
        ("Запрет на въезд", "Кирүүгө тыюу", "Entry bans"),
        (
            "Закрытие въезда в страну приёма, в том числе за мелкие нарушения, и его последствия.",
            "Being barred from the host country, often for minor offences, and what follows.",
        ),
        ["закрыли въезд за два штрафа", "узнал о запрете только на границе"],
    ),
    (
        "STATUS.OVERSTAY",
        ("Превышение срока пребывания", "Болуу мөөнөтүн ашыруу", "Overstaying"),
        (
            "Пребывание сверх разрешённого срока, жизнь без документов.",
            "Staying beyond the permitted time; living without valid papers.",
        ),
        ["просрочил девяносто дней", "живу без документов уже год"],
    ),
    (
        "LABOUR.NO_CONTRACT",
        ("Работа без договора", "Келишимсиз иштөө", "Work without a contract"),
        (
            "Работа без письменного трудового договора, устные договорённости.",
            "Working without a written employment contract; verbal deals only.",
        ),
        ["договор никто не подписывал", "договорились на словах"],
    ),
    (
        "LABOUR.WAGES_UNPAID",
        ("Невыплата и задержка зарплаты", "Айлыкты төлөбөө жана кармоо", "Unpaid or withheld wages"),
        (
            "Работодатель не платит, задерживает или удерживает заработанные деньги.",
            "The employer does not pay, pays late or withholds earned wages.",
        ),
        ["зарплату не платили три месяца", "в конце сезона нас выгнали без денег"],
    ),
    (
        "LABOUR.OVERTIME",
        ("Неоплачиваемая сверхурочная работа", "Акы төлөнбөгөн кошумча иш", "Unpaid overtime"),
        (
            "Работа сверх нормы, без выходных, без доплаты.",
            "Work beyond normal hours or without days off, unpaid.",
        ),
        ["работаем по четырнадцать часов", "выходных нет вообще"],
    ),
    (
        "LABOUR.PAY_GAP",
        ("Оплата ниже местных", "Жергиликтүүлөрдөн аз айлык", "Pay below locals"),
        (
            "Мигрантам платят меньше, чем местным работникам за ту же работу.",
            "Migrants are paid less than local workers for the same work.",
        ),
        ["местным платят вдвое больше", "нам ставку урезали"],
    ),
    (
        "LABOUR.DISMISSAL",
        ("Необоснованное увольнение", "Негизсиз бошотуу", "Unjustified dismissal"),
        (
            "Увольнение без причины, без предупреждения и расчёта.",
            "Being dismissed without cause, notice or final pay.",
        ),
        ["уволили без объяснений", "выгнали, когда заболел"],
    ),
    (
        "LABOUR.DOCUMENTS_CONFISCATED",
        ("Изъятие документов", "Документтерди тартып алуу", "Confiscated documents"),
        (
            "Работодатель или посредник забирает и удерживает паспорт и другие документы.",
            "The employer or an intermediary takes and keeps passports or other papers.",
        ),
        ["паспорта отдали бригадиру", "документы вернут только после сезона"],
    ),
    (
        "LABOUR.UNSAFE_WORK",
        ("Опасные условия труда", "Коопсуз эмес эмгек шарттары", "Unsafe work"),
        (
            "Работа без защиты и обучения технике безопасности, травмы на производстве.",
            "Work without protection or safety training; injuries at work.",
        ),
        ["упал с лесов без страховки", "работали без касок"],
    ),
    (
        "LABOUR.CHILD_LABOUR",
        ("Детский труд", "Балдардын эмгеги", "Child labour"),
        (
            "Работа несовершеннолетних, в том числе вместе с родителями.",
            "Work by minors, including alongside their parents.",
        ),
        ["подростки работали на поле", "сын с двенадцати лет на рынке"],
    ),
    (
        "LABOUR.FORCED_LABOUR",
        (
            "Принудительный труд и удержание",
            "Мажбурлап иштетүү жана кармап туруу",
            "Forced labour and holding people",
        ),
        (
            "Работа под угрозой, невозможность уйти, удержание людей, дети в залог.",
            "Work under threat, being unable to leave, people held, children left as a pledge.",
        ),
        ["нас не выпускали с территории", "ребёнка оставили в залог долга"],
    ),
    (
        "LABOUR.EXPLOITATION",
        (
            "Трудовая и сексуальная эксплуатация",
            "Эмгектик жана сексуалдык эксплуатация",
            "Labour and sexual exploitation",
        ),
        (
            "Использование труда или тела человека ради выгоды других людей.",
            "Others profiting from a person's labour or body.",
        ),
        ["девушек заставляли работать в сауне", "работали за еду"],
    ),
    (
        "LABOUR.TRAFFICKING",
        ("Торговля людьми", "Адам сатуу", "Trafficking"),
        (
            "Вербовка обманом, перевозка и продажа людей.",
            "Recruitment by deceit, transport and sale of people.",
        ),
        ["обещали работу в кафе, а продали", "вербовщик забрал паспорт в дороге"],
    ),
    (
        "HEALTH.EMERGENCY_ONLY",
        ("Только экстренная помощь", "Шашылыш жардам гана", "Emergency care only"),
        (
            "Бесплатна только скорая помощь; плановое лечение недоступно.",
            "Only emergency care is free; planned treatment is out of reach.",
        ),
        ["скорая отвезла, а потом выписали", "плановую операцию не делают"],
    ),
    (
        "HEALTH.INSURANCE",
        ("Медицинское страхование", "Медициналык камсыздандыруу", "Medical insurance"),
        (
            "Полис ОМС или ДМС, его отсутствие, недействительные полисы.",
            "Having, lacking or being sold a worthless insurance policy.",
        ),
        ["полис оказался пустышкой", "у работодателя нет страховки для нас"],
    ),
    (
        "HEALTH.COST",
        ("Цена лечения", "Дарылануунун баасы", "Cost of private clinics"),
        (
            "Платные клиники и лекарства, на которые у мигранта нет денег.",
            "Paid clinics and medicines migrants cannot afford.",
        ),
        ["за приём отдал недельный заработок", "лекарства покупаем сами"],
    ),
    (
        "HEALTH.REPRODUCTIVE",
        (
            "Репродуктивное здоровье и аборты",
            "Репродуктивдик ден соолук жана бойдон алдыруу",
            "Reproductive health and abortion",
        ),
        (
            "Контрацепция, аборты, в том числе небезопасные.",
            "Contraception and abortion, including unsafe abortion.",
        ),
        ["сделала аборт у знакомой", "о контрацепции никто не рассказывал"],
    ),
    (
        "HEALTH.PREGNANCY",
        ("Беременность и роды", "Кош бойлуулук жана төрөт", "Pregnancy and childbirth"),
        ("Наблюдение беременности, роды, оплата родов.", "Antenatal care, giving birth and paying for it."),
        ["за роды потребовали деньги", "беременную не поставили на учёт"],
    ),
    (
        "HEALTH.HIV_STI",
        ("ВИЧ и ИППП", "ВИЧ жана ЖЖЖИ", "HIV and STIs"),
        (
            "ВИЧ-инфекция, инфекции, передаваемые половым путём, тестирование и лечение.",
            "HIV, sexually transmitted infections, testing and treatment.",
        ),
        ["после теста на ВИЧ закрыли въезд", "лечиться от инфекции стыдно"],
    ),
    (
        "HEALTH.TUBERCULOSIS",
        ("Туберкулёз", "Кургак учук", "Tuberculosis"),
        (
            "Выявление и лечение туберкулёза у мигрантов.",
            "Detecting and treating tuberculosis among migrants.",
        ),
        ["после флюорографии нашли туберкулёз", "лечение прервали из-за депортации"],
    ),
    (
        "HEALTH.KNOWLEDGE",
        ("Знания о здоровье", "Ден соолук боюнча билим", "Health knowledge"),
        (
            "Что мигранты знают о болезнях, профилактике и своих правах на помощь.",
            "What migrants know about illness, prevention and their right to care.",
        ),
        ["не знали, куда обратиться", "думали, что само пройдёт"],
    ),
    (
        "EDUCATION.ENROLMENT",
        ("Запись в школу", "Мектепке каттоо", "School enrolment"),
        (
            "Приём детей мигрантов в школу и требуемые документы.",
            "Admission of migrants' children to school and the papers required.",
        ),
        ["в школу требуют регистрацию", "ребёнок год сидел дома"],
    ),
    (
        "EDUCATION.VACCINATION",
        ("Справки о прививках", "Эмдөө маалымкаттары", "Vaccination certificates"),
        (
            "Требование справок о прививках при записи в школу или сад.",
            "Vaccination certificates demanded by schools or kindergartens.",
        ),
        ["нет прививочной карты", "справку о прививках не приняли"],
    ),
    (
        "EDUCATION.LANGUAGE",
        ("Языковой барьер", "Тил тоскоолдугу", "Language barrier"),
        (
            "Незнание языка обучения мешает учиться.",
            "Not knowing the language of instruction holds children back.",
        ),
        ["сын не понимает учителя", "на курсы русского языка денег нет"],
    ),
    (
        "EDUCATION.CHILD_WORK",
        (
            "Дети вместо школы на работе",
            "Мектептин ордуна иштеген балдар",
            "Children kept from school to work",
        ),
        (
            "Родители не отдают детей в школу, потому что те работают.",
            "Children do not go to school because they work.",
        ),
        ["дочь помогает на рынке вместо уроков", "сын не учится, работает с отцом"],
    ),
    (
        "EDUCATION.KINDERGARTEN",
        ("Места в детском саду", "Бала бакчадагы орундар", "Kindergarten places"),
        ("Доступ детей мигрантов к детским садам.", "Access of migrants' children to kindergartens."),
        ["в садик не берут без прописки", "ребёнка не с кем оставить"],
    ),
    (
        "EDUCATION.VOCATIONAL",
        ("Профессиональное обучение", "Кесиптик окутуу", "Vocational training"),
        (
            "Курсы, профессиональная подготовка и признание квалификации.",
            "Courses, vocational training and recognition of qualifications.",
        ),
        ["диплом здесь не признают", "хотел бы выучиться на сварщика"],
    ),
    (
        "PENSION.NO_INSURANCE",
        ("Нет пенсионного страхования", "Пенсиялык камсыздандыруу жок", "No pension insurance"),
        (
            "Мигрант не охвачен пенсионной системой страны приёма.",
            "The migrant is outside the host country's pension scheme.",
        ),
        ["пенсия здесь нам не положена", "в пенсионный фонд за нас не платят"],
    ),
    (
        "PENSION.CONTRIBUTIONS",
        ("Взносы и трудовой стаж", "Төгүмдөр жана эмгек стажы", "Contributions and length of service"),
        (
            "Учёт взносов и стажа, заработанного за границей.",
            "Counting contributions and years worked abroad.",
        ),
        ["стаж за двадцать лет пропал", "взносы не переводятся домой"],
    ),
    (
        "PENSION.AGEING",
        ("Пожилые мигранты", "Улгайган мигранттар", "Ageing migrants"),
        (
            "Пожилые мигранты, которые возвращаются домой без средств.",
            "Older migrants going home without means.",
        ),
        ["в шестьдесят лет вернулся ни с чем", "старикам работы нет"],
    ),
    (
        "HOUSING.OVERCROWDING",
        ("Переполненное жильё", "Адам толгон турак жай", "Overcrowding"),
        ("Много людей в одной комнате или общежитии.", "Many people crowded in one room or hostel."),
        ["в комнате по шесть человек", "спим по очереди"],
    ),
    (
        "HOUSING.WORKSITE",
        ("Жизнь на месте работы", "Иш ордунда жашоо", "Living at the work site"),
        (
            "Жильё в вагончиках, подвалах, на складе или стройке.",
            "Living in trailers, basements, warehouses or building sites.",
        ),
        ["живём в подвале магазина", "вагончик без отопления"],
    ),
    (
        "HOUSING.EVICTION",
        ("Выселение", "Чыгарып салуу", "Eviction"),
        ("Выселение мигрантов хозяевами жилья или властями.", "Eviction by landlords or authorities."),
        ["выселили среди зимы", "хозяин поднял цену и выгнал"],
    ),
    (
        "HOUSING.CONFLICTS",
        ("Конфликты между жильцами", "Тургундардын ортосундагы чыр-чатак", "Conflicts among residents"),
        ("Ссоры и драки в общежитиях и квартирах.", "Quarrels and fights in hostels and flats."),
        ["соседи по комнате подрались", "из-за тесноты постоянно ссоры"],
    ),
    (
        "JUSTICE.CRIME_AGAINST",
        ("Преступления против мигрантов", "Мигранттарга каршы кылмыштар", "Crimes against migrants"),
        (
            "Кражи, грабежи, нападения и убийства, жертвами которых стали мигранты.",
            "Theft, robbery, assault and murder with migrants as victims.",
        ),
        ["его избили и отобрали деньги", "ограбили в день зарплаты"],
    ),
    (
        "JUSTICE.CRIME_BY",
        ("Преступления мигрантов", "Мигранттардын кылмыштары", "Crimes by migrants"),
        (
            "Правонарушения и преступления, совершённые мигрантами.",
            "Offences and crimes committed by migrants.",
        ),
        ["земляк попал в тюрьму за кражу", "подрались на стройке"],
    ),
    (
        "JUSTICE.RAIDS",
        ("Облавы", "Рейддер", "Police raids"),
        (
            "Массовые проверки и облавы, особенно после резонансных преступлений.",
            "Mass checks and raids, especially after resonant crimes.",
        ),
        ["после убийства хватали всех подряд", "облава в общежитии ночью"],
    ),
    (
        "JUSTICE.DETENTION",
        ("Задержание", "Кармоо", "Detention"),
        (
            "Задержание полицией, содержание в спецприёмниках.",
            "Being held by police or in detention centres.",
        ),
        ["держали в отделении двое суток", "в спецприёмнике месяц ждал"],
    ),
    (
        "JUSTICE.EXPULSION",
        ("Выдворение и депортация", "Өлкөдөн чыгаруу жана депортация", "Expulsion and deportation"),
        (
            "Административное выдворение и депортация мигрантов.",
            "Administrative expulsion and deportation of migrants.",
        ),
        ["его депортировали через неделю", "суд назначил выдворение"],
    ),
    (
        "JUSTICE.FINES_EXTORTION",
        ("Штрафы и вымогательство", "Айыппулдар жана опузалоо", "Fines and extortion"),
        (
            "Штрафы за нарушения и поборы полиции или других людей.",
            "Fines and money extorted by police or others.",
        ),
        ["полицейский требовал пять тысяч", "штраф за регистрацию"],
    ),
    (
        "JUSTICE.COURTS",
        ("Суды", "Соттор", "Courts"),
        (
            "Судебные дела мигрантов, переводчики и адвокаты в суде.",
            "Migrants' court cases, interpreters and lawyers in court.",
        ),
        ["в суде не было переводчика", "адвоката дали только на заседание"],
    ),
    (
        "JUSTICE.FEAR_POLICE",
        ("Страх обращаться в полицию", "Полицияга кайрылуудан коркуу", "Fear of turning to the police"),
        (
            "Мигранты не заявляют о преступлениях, боясь последствий.",
            "Migrants do not report crimes for fear of what follows.",
        ),
        ["в полицию идти бесполезно", "боимся, что нас же и задержат"],
    ),
    (
        "JUSTICE.NGO_SETTLEMENT",
        (
            "Досудебное урегулирование через НПО",
            "БӨУ аркылуу соттон тышкары чечүү",
            "Out-of-court settlement by NGOs",
        ),
        (
            "НПО и диаспоры договариваются с работодателем или полицией без суда.",
            "NGOs and diaspora groups settle with employers or police without a court.",
        ),
        ["организация добилась выплаты без суда", "диаспора договорилась с хозяином"],
    ),
    (
        "JUSTICE.LEGAL_AWARENESS",
        ("Незнание своих прав", "Укуктарын билбөө", "Lack of legal awareness"),
        (
            "Мигранты не знают законов и своих прав, не знают, куда обращаться.",
            "Migrants do not know the law, their rights or where to turn.",
        ),
        ["не знал, что договор обязателен", "никто не объяснил правила"],
    ),
    (
        "INTEGRATION.MEDIA_STIGMA",
        ("Образ мигранта в СМИ", "ЖМКдагы мигранттын образы", "Media stigma"),
        (
            "Негативный образ мигрантов в новостях и передачах.",
            "Negative portrayal of migrants in news and broadcasts.",
        ),
        ["по телевизору показывают только преступления мигрантов", "в газетах нас называют нелегалами"],
    ),
    (
        "INTEGRATION.XENOPHOBIA",
        ("Ксенофобия и нападения", "Ксенофобия жана кол салуулар", "Xenophobia and attacks"),
        (
            "Враждебность и насилие по национальному признаку.",
            "Hostility and violence on grounds of ethnicity.",
        ),
        ["напали скинхеды", "кричали, чтобы мы уезжали домой"],
    ),
    (
        "INTEGRATION.CONTEMPT",
        ("Бытовое пренебрежение", "Күнүмдүк кемсинтүү", "Everyday contempt"),
        (
            "Грубость, унижения и пренебрежение в повседневной жизни.",
            "Rudeness, humiliation and disdain in daily life.",
        ),
        ["в автобусе отсаживаются", "продавщица не стала обслуживать"],
    ),
    (
        "INTEGRATION.COMPETITION",
        (
            "Конкуренция с местными работниками",
            "Жергиликтүү жумушчулар менен атаандаштык",
            "Competition with local workers",
        ),
        (
            "Недовольство местных тем, что мигранты занимают рабочие места.",
            "Locals resenting migrants for taking jobs.",
        ),
        ["говорят, что мы сбиваем цены", "местные недовольны, что берут нас"],
    ),
    (
        "INTEGRATION.COLLECTIVE_ACTION",
        (
            "Неучастие в коллективных акциях",
            "Жамааттык аракеттерге катышпоо",
            "Absence from collective labour action",
        ),
        (
            "Мигранты не состоят в профсоюзах и не участвуют в забастовках.",
            "Migrants stay out of unions and strikes.",
        ),
        ["в профсоюз нас не зовут", "бастовать боимся"],
    ),
    (
        "INTEGRATION.CULTURAL_PROXIMITY",
        ("Культурная близость", "Маданий жакындык", "Cultural proximity"),
        (
            "Общий язык, религия и обычаи, которые облегчают жизнь в стране приёма.",
            "Shared language, religion and customs that ease life in the host country.",
        ),
        ["с казахами легко найти общий язык", "праздники у нас одни"],
    ),
    (
        "CONSULAR.APPEALS",
        ("Обращения в консульство", "Консулдукка кайрылуулар", "Appeals to the consulate"),
        (
            "С чем и как мигранты обращаются в посольство или консульство.",
            "What migrants bring to the embassy or consulate, and how.",
        ),
        ["обратился в консульство за справкой", "написал в посольство, ответа нет"],
    ),
    (
        "CONSULAR.SERVICE_QUALITY",
        (
            "Качество и доступность услуг",
            "Кызматтардын сапаты жана жеткиликтүүлүгү",
            "Quality and accessibility of services",
        ),
        (
            "Сроки, вежливость, стоимость и удалённость консульских услуг.",
            "Delays, courtesy, fees and distance of consular services.",
        ),
        ["до консульства ехать сутки", "сотрудники отнеслись вежливо"],
    ),
    (
        "CONSULAR.QUEUES",
        ("Очереди", "Кезектер", "Queues"),
        ("Очереди в консульствах и посольствах.", "Queues at consulates and embassies."),
        ["стоял в очереди с пяти утра", "очередь на паспорт на месяц"],
    ),
    (
        "CONSULAR.LEGAL_HELP",
        ("Правовая помощь консульства", "Консулдуктун укуктук жардамы", "Legal help from the consulate"),
        (
            "Юристы консульства, защита задержанных и пострадавших.",
            "Consular lawyers, protection of detained or harmed nationals.",
        ),
        ["консул приехал в отделение", "юриста в посольстве нет"],
    ),
    (
        "CONSULAR.HONORARY_CONSULS",
        ("Почётные консулы", "Ардактуу консулдар", "Honorary consuls"),
        (
            "Работа почётных консулов в городах без консульства.",
            "Honorary consuls in cities without a consulate.",
        ),
        ["почётный консул помог с документами", "почётного консула никто не знает"],
    ),
    (
        "CONSULAR.DIASPORA",
        ("Координация диаспор", "Диаспораларды координациялоо", "Coordination of diaspora associations"),
        (
            "Взаимодействие консульства с объединениями соотечественников.",
            "How the consulate works with compatriots' associations.",
        ),
        ["диаспора передала список пострадавших", "между землячествами нет согласия"],
    ),
    (
        "CONSULAR.STAFF_GENDER",
        (
            "Гендерный баланс сотрудников",
            "Кызматкерлердин гендердик тең салмактуулугу",
            "Gender balance of staff",
        ),
        (
            "Есть ли среди сотрудников консульства женщины, к которым могут обратиться мигрантки.",
            "Whether women staff are there for women migrants to turn to.",
        ),
        ["в консульстве одни мужчины", "женщине не к кому обратиться"],
    ),
    (
        "CONSULAR.EQUIPMENT",
        ("Оснащение консульства", "Консулдуктун жабдылышы", "Equipment"),
        (
            "Техника, помещения и связь консульских учреждений.",
            "Technology, premises and communications of consular posts.",
        ),
        ["нет аппарата для биометрии", "телефон консульства не отвечает"],
    ),
    (
        "GENDER.VIOLENCE",
        ("Насилие по признаку пола", "Жынысына байланыштуу зомбулук", "Gender-based violence"),
        (
            "Насилие против женщин-мигранток, в том числе в семье и на работе.",
            "Violence against women migrants, at home or at work.",
        ),
        ["муж избивал её, а пойти некуда", "бригадир изнасиловал девушку"],
    ),
    (
        "GENDER.HARASSMENT",
        ("Домогательства", "Асылуу", "Harassment"),
        ("Сексуальные домогательства на работе и в быту.", "Sexual harassment at work and in daily life."),
        ["хозяин пристаёт к продавщицам", "в общежитии проходу не дают"],
    ),
    (
        "GENDER.FEMALE_LAWYER",
        ("Доступ к юристу-женщине", "Аял юристке жетүү", "Access to a female lawyer"),
        (
            "Возможность женщине обсудить свою ситуацию с юристом-женщиной.",
            "Whether a woman can discuss her situation with a woman lawyer.",
        ),
        ["мужчине-юристу не расскажешь", "попросила, чтобы была женщина"],
    ),
    (
        "GENDER.PREGNANCY_OUTSIDE_MARRIAGE",
        ("Беременность вне брака", "Никесиз кош бойлуулук", "Pregnancy outside marriage"),
        (
            "Беременность вне брака, отказ от детей, стыд перед родными.",
            "Pregnancy outside marriage, abandoned babies, shame before the family.",
        ),
        ["боится, что узнают родители", "оставила ребёнка в роддоме"],
    ),
]


# Kyrgyz definitions of the sub-codes.
_SUB_KY: dict[str, str] = {
    "STATUS.REGISTRATION": "Жашаган жери боюнча миграциялык каттоодон өтүү, анын мөөнөттөрү жана кыйынчылыктары.",
    "STATUS.PATENT": "Патент же иштөөгө уруксат алуу: сынактар, квоталар жана төлөмдөр.",
    "STATUS.INTERMEDIARIES": "Акча үчүн документ тариздеген ортомчу фирмалар жана мыйзамдашуунун баасы.",
    "STATUS.FORGED_DOCUMENTS": "Билип же билбей сатылып алынган жасалма каттоо, патент же маалымкаттар.",
    "STATUS.ENTRY_BAN": "Кабыл алуучу өлкөгө кирүүгө тыюу салуу, көбүнчө майда бузуулар үчүн, жана анын кесепеттери.",
    "STATUS.OVERSTAY": "Уруксат берилген мөөнөттөн ашык жашоо, документсиз жашоо.",
    "LABOUR.NO_CONTRACT": "Жазуу жүзүндөгү эмгек келишимисиз, оозеки макулдашуу менен гана иштөө.",
    "LABOUR.WAGES_UNPAID": "Иш берүүчү иштелген акчаны төлөбөйт, кечиктирет же кармап калат.",
    "LABOUR.OVERTIME": "Нормадан ашык, дем алышсыз жана кошумча акысыз иштөө.",
    "LABOUR.PAY_GAP": "Ошол эле иш үчүн мигранттарга жергиликтүү жумушчуларга караганда аз төлөнөт.",
    "LABOUR.DISMISSAL": "Себепсиз, эскертүүсүз жана акыркы эсептешүүсүз жумуштан бошотуу.",
    "LABOUR.DOCUMENTS_CONFISCATED": "Иш берүүчү же ортомчу паспортту жана башка документтерди алып, кармап турат.",
    "LABOUR.UNSAFE_WORK": "Коргоосуз жана коопсуздук техникасына үйрөтүүсүз иштөө, өндүрүштөгү жаракаттар.",
    "LABOUR.CHILD_LABOUR": "Жашы жете электердин эмгеги, анын ичинде ата-энеси менен бирге.",
    "LABOUR.FORCED_LABOUR": "Коркутуу менен иштетүү, кете албай калуу, адамдарды кармап туруу, балдарды күрөөгө калтыруу.",
    "LABOUR.EXPLOITATION": "Адамдын эмгегин же денесин башкалардын пайдасы үчүн колдонуу.",
    "LABOUR.TRAFFICKING": "Алдап жалдоо, адамдарды ташуу жана сатуу.",
    "HEALTH.EMERGENCY_ONLY": "Шашылыш жардам гана акысыз; пландуу дарылоо жеткиликсиз.",
    "HEALTH.INSURANCE": "Камсыздандыруу полисинин болушу, жоктугу же жараксыз полис сатылышы.",
    "HEALTH.COST": "Мигранттын акчасы жетпеген акылуу клиникалар жана дары-дармектер.",
    "HEALTH.REPRODUCTIVE": "Контрацепция жана бойдон алдыруу, анын ичинде коопсуз эмес бойдон алдыруу.",
    "HEALTH.PREGNANCY": "Кош бойлуулукту көзөмөлдөө, төрөт жана анын акысы.",
    "HEALTH.HIV_STI": "ВИЧ, жыныстык жол менен жугуучу инфекциялар, текшерүү жана дарылоо.",
    "HEALTH.TUBERCULOSIS": "Мигранттардагы кургак учукту аныктоо жана дарылоо.",
    "HEALTH.KNOWLEDGE": "Мигранттар оорулар, алдын алуу жана жардам алуу укугу жөнүндө эмнени билет.",
    "EDUCATION.ENROLMENT": "Мигранттардын балдарын мектепке кабыл алуу жана талап кылынган документтер.",
    "EDUCATION.VACCINATION": "Мектеп же бала бакча талап кылган эмдөө маалымкаттары.",
    "EDUCATION.LANGUAGE": "Окутуу тилин билбегендик окууга тоскоол болот.",
    "EDUCATION.CHILD_WORK": "Балдар иштегендиктен мектепке барышпайт.",
    "EDUCATION.KINDERGARTEN": "Мигранттардын балдарынын бала бакчага жетүүсү.",
    "EDUCATION.VOCATIONAL": "Курстар, кесиптик даярдоо жана квалификацияны таануу.",
    "PENSION.NO_INSURANCE": "Мигрант кабыл алуучу өлкөнүн пенсиялык системасына кирбейт.",
    "PENSION.CONTRIBUTIONS": "Чет өлкөдө иштелген төгүмдөрдү жана стажды эсепке алуу.",
    "PENSION.AGEING": "Каражатсыз үйгө кайткан улгайган мигранттар.",
    "HOUSING.OVERCROWDING": "Бир бөлмөдө же жатаканада көп адам жашайт.",
    "HOUSING.WORKSITE": "Вагончикте, жертөлөдө, кампада же курулушта жашоо.",
    "HOUSING.EVICTION": "Үй ээлери же бийлик тарабынан чыгарып салуу.",
    "HOUSING.CONFLICTS": "Жатакана жана батирлердеги уруш-талаш жана мушташтар.",
    "JUSTICE.CRIME_AGAINST": "Мигранттар жабыр тарткан уурулук, тоноо, кол салуу жана киши өлтүрүү.",
    "JUSTICE.CRIME_BY": "Мигранттар жасаган укук бузуулар жана кылмыштар.",
    "JUSTICE.RAIDS": "Массалык текшерүүлөр жана рейддер, айрыкча катуу кылмыштардан кийин.",
    "JUSTICE.DETENTION": "Полиция тарабынан кармоо, атайын кабыл алгычтарда кармоо.",
    "JUSTICE.EXPULSION": "Мигранттарды административдик чыгаруу жана депортациялоо.",
    "JUSTICE.FINES_EXTORTION": "Бузуулар үчүн айыппулдар жана полиция же башкалар талап кылган акча.",
    "JUSTICE.COURTS": "Мигранттардын сот иштери, соттогу котормочулар жана адвокаттар.",
    "JUSTICE.FEAR_POLICE": "Мигранттар кесепеттен коркуп кылмыштар тууралуу кабарлашпайт.",
    "JUSTICE.NGO_SETTLEMENT": "БӨУлар жана диаспоралар иш берүүчү же полиция менен соттон тышкары макулдашат.",
    "JUSTICE.LEGAL_AWARENESS": "Мигранттар мыйзамды, укуктарын жана кайда кайрылууну билишпейт.",
    "INTEGRATION.MEDIA_STIGMA": "Жаңылыктарда жана берүүлөрдө мигранттардын терс образы.",
    "INTEGRATION.XENOPHOBIA": "Улутуна байланыштуу касташуу жана зомбулук.",
    "INTEGRATION.CONTEMPT": "Күнүмдүк турмуштагы орой мамиле, кемсинтүү жана менсинбөө.",
    "INTEGRATION.COMPETITION": "Жергиликтүүлөрдүн мигранттар жумушту тартып алат деген нааразычылыгы.",
    "INTEGRATION.COLLECTIVE_ACTION": "Мигранттар профсоюздарга кирбейт жана иш таштоолорго катышпайт.",
    "INTEGRATION.CULTURAL_PROXIMITY": "Жашоону жеңилдеткен жалпы тил, дин жана каада-салттар.",
    "CONSULAR.APPEALS": "Мигранттар элчиликке же консулдукка эмне менен жана кантип кайрылышат.",
    "CONSULAR.SERVICE_QUALITY": "Консулдук кызматтардын мөөнөтү, сылыктыгы, баасы жана алыстыгы.",
    "CONSULAR.QUEUES": "Консулдуктардагы жана элчиликтердеги кезектер.",
    "CONSULAR.LEGAL_HELP": "Консулдуктун юристтери, кармалган же жабыр тарткан жарандарды коргоо.",
    "CONSULAR.HONORARY_CONSULS": "Консулдугу жок шаарлардагы ардактуу консулдардын иши.",
    "CONSULAR.DIASPORA": "Консулдуктун мекендештердин бирикмелери менен иши.",
    "CONSULAR.STAFF_GENDER": "Аял мигранттар кайрыла турган аял кызматкерлер барбы.",
    "CONSULAR.EQUIPMENT": "Консулдук мекемелердин техникасы, имараттары жана байланышы.",
    "GENDER.VIOLENCE": "Аял мигранттарга үйдө же жумушта жасалган зомбулук.",
    "GENDER.HARASSMENT": "Жумушта жана күнүмдүк турмушта сексуалдык асылуу.",
    "GENDER.FEMALE_LAWYER": "Аял өз абалын аял юрист менен талкуулай алабы.",
    "GENDER.PREGNANCY_OUTSIDE_MARRIAGE": "Никесиз кош бойлуулук, балдан баш тартуу, туугандардан уялуу.",
}


def _build() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for position, identifier in enumerate(TOP_LEVEL_IDENTIFIERS):
        labels, definitions, inclusion, exclusion, ex_ru, ex_ky, ex_en = _TOP[identifier]
        rows.append(
            {
                "identifier": identifier,
                "parent": None,
                "colour": _COLOURS[identifier],
                "position": position,
                "label_ru": labels[0],
                "label_ky": labels[1],
                "label_en": labels[2],
                "definition_ru": definitions[0],
                "definition_ky": definitions[1],
                "definition_en": definitions[2],
                "inclusion": inclusion,
                "exclusion": exclusion,
                "examples_ru": list(ex_ru),
                "examples_ky": list(ex_ky),
                "examples_en": list(ex_en),
            }
        )
        children = [s for s in _SUB if s[0].split(".")[0] == identifier]
        for child_position, (child_id, child_labels, child_defs, child_ex) in enumerate(children):
            rows.append(
                {
                    "identifier": child_id,
                    "parent": identifier,
                    "colour": _COLOURS[identifier],
                    "position": child_position,
                    "label_ru": child_labels[0],
                    "label_ky": child_labels[1],
                    "label_en": child_labels[2],
                    "definition_ru": child_defs[0],
                    "definition_ky": _SUB_KY.get(child_id, ""),
                    "definition_en": child_defs[1],
                    "inclusion": "",
                    "exclusion": "",
                    "examples_ru": list(child_ex),
                    "examples_ky": [],
                    "examples_en": [],
                }
            )
    return rows


DEFAULT_CODEBOOK: list[dict[str, Any]] = _build()
