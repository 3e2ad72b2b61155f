"""Interview guide for medical staff (target group ``medical_staff``).

Doctors, nurses and administrators of hospitals, polyclinics, maternity
wards and specialised centres that see patients from Kyrgyzstan.
"""

from __future__ import annotations

from .common import INSTITUTION_LISTS, INTRO_GENERAL, closing, consent, institution_profile, metadata, theme
from .schema import Form, Q, T, choice_list, open_q

FACILITY_TYPE = choice_list(
    "facility_type",
    [
        ("hospital", "Государственная больница", "Мамлекеттик оорукана", "Public hospital"),
        ("polyclinic", "Поликлиника", "Поликлиника", "Polyclinic"),
        (
            "maternity",
            "Роддом или женская консультация",
            "Төрөт үйү же аялдар консультациясы",
            "Maternity hospital or antenatal clinic",
        ),
        ("emergency", "Скорая или неотложная помощь", "Тез жардам же шашылыш жардам", "Emergency care"),
        (
            "specialised_centre",
            "Центр по ВИЧ, туберкулёзу или ИППП",
            "ВИЧ, кургак учук же ЖЖБИ боюнча борбор",
            "HIV, tuberculosis or STI centre",
        ),
        ("private_clinic", "Частная клиника", "Жеке клиника", "Private clinic"),
        ("other", "Другое", "Башка", "Other"),
    ],
)
STAFF_ROLE = choice_list(
    "staff_role",
    [
        ("doctor", "Врач", "Дарыгер", "Doctor"),
        ("nurse", "Медсестра, фельдшер", "Медайым, фельдшер", "Nurse or paramedic"),
        (
            "administrator",
            "Руководитель, администратор",
            "Жетекчи, администратор",
            "Manager or administrator",
        ),
        ("other", "Другое", "Башка", "Other"),
    ],
)

FORM = Form(
    code="kozomol_medical_staff",
    target_group="medical_staff",
    title=T(
        "Интервью с медицинским работником",
        "Медицина кызматкери менен интервью",
        "Interview with a medical worker",
    ),
    version="2026112501",
    survey=(
        *metadata(),
        *consent(INTRO_GENERAL),
        institution_profile(
            (
                Q(
                    "select_one facility_type",
                    "facility_type",
                    T(
                        "Вид медицинского учреждения",
                        "Медициналык мекеменин түрү",
                        "Kind of medical institution",
                    ),
                    required=True,
                ),
                Q(
                    "select_one staff_role",
                    "staff_role",
                    T("Должность респондента", "Респонденттин кызматы", "Respondent's position"),
                ),
                Q(
                    "integer",
                    "migrant_patients_percent",
                    T(
                        "Какая примерно доля пациентов учреждения — мигранты из Кыргызстана (в процентах)?",
                        "Мекеменин бейтаптарынын болжол менен канча пайызы Кыргызстандан келген мигранттар?",
                        "Roughly what share of the institution's patients are migrants from Kyrgyzstan (per cent)?",
                    ),
                    constraint=". >= 0 and . <= 100",
                    constraint_message=T(
                        "Число от 0 до 100.", "0дөн 100гө чейинки сан.", "A number from 0 to 100."
                    ),
                ),
            )
        ),
        theme(
            "HEALTH",
            open_q(
                "health_conditions",
                "С какими заболеваниями и проблемами чаще всего обращаются мигранты? На какой стадии они "
                "приходят за помощью и почему?",
                "Мигранттар көбүнчө кандай оорулар жана көйгөйлөр менен кайрылышат? Жардам сурап кайсы "
                "баскычта келишет жана эмне үчүн?",
                "Which illnesses and problems do migrants most often come with? At what stage do they seek "
                "help, and why?",
            ),
            open_q(
                "health_uninsured",
                "Какую помощь получают мигранты без медицинского полиса? Кто и как оплачивает лечение?",
                "Медициналык полиси жок мигранттар кандай жардам алышат? Дарылоону ким жана кантип төлөйт?",
                "What care do migrants without a health insurance policy receive? Who pays for treatment, "
                "and how?",
            ),
            open_q(
                "health_infections",
                "Как выявляются и лечатся у мигрантов ВИЧ, ИППП и туберкулёз? Ведётся ли учёт и передаются "
                "ли сведения в Кыргызстан?",
                "Мигранттарда ВИЧ, ЖЖБИ жана кургак учук кантип аныкталат жана дарыланат? Эсеп жүргүзүлөбү "
                "жана маалымат Кыргызстанга берилеби?",
                "How are HIV, STIs and tuberculosis detected and treated among migrants? Are records kept "
                "and shared with Kyrgyzstan?",
            ),
            open_q(
                "health_communication",
                "Понимают ли пациенты-мигранты медицинский персонал? Есть ли памятки и материалы на "
                "кыргызском языке?",
                "Мигрант бейтаптар медициналык кызматкерлерди түшүнүшөбү? Кыргыз тилинде эскертмелер жана "
                "материалдар барбы?",
                "Do migrant patients understand the medical staff? Are there leaflets and materials in "
                "Kyrgyz?",
            ),
        ),
        theme(
            "GENDER",
            open_q(
                "gender_maternity",
                "Как женщины-мигрантки наблюдаются во время беременности и рожают? Насколько часто "
                "встречаются аборты, осложнения, отказы от новорождённых?",
                "Мигрант аялдар кош бойлуу кезинде кантип көзөмөлдөнүп, кантип төрөшөт? Бойдон алдыруу, "
                "татаалдашуулар, жаңы төрөлгөн баладан баш тартуу канчалык көп кездешет?",
                "How are women migrants followed during pregnancy and how do they give birth? How often do "
                "you see abortions, complications, newborns given up?",
            ),
            open_q(
                "gender_violence",
                "Встречаются ли пациентки с признаками насилия? Куда вы их направляете?",
                "Зомбулуктун белгилери бар бейтап аялдар кездешеби? Аларды кайда жөнөтөсүз?",
                "Do you see women patients with signs of violence? Where do you refer them?",
            ),
        ),
        theme(
            "STATUS",
            open_q(
                "status_access",
                "Как статус пребывания и наличие документов влияют на то, какую помощь получит пациент?",
                "Жүрүү статусу жана документтердин болушу бейтап ала турган жардамга кандай таасир этет?",
                "How do a patient's residence status and papers affect the care they get?",
            ),
        ),
        theme(
            "LABOUR",
            open_q(
                "labour_injuries",
                "Обращаются ли мигранты с производственными травмами? Кто отвечает за их лечение, "
                "оформляются ли такие случаи?",
                "Мигранттар өндүрүштө алган жаракаттар менен кайрылышабы? Аларды дарылоо үчүн ким жооп "
                "берет, мындай учурлар расмий катталабы?",
                "Do migrants come with injuries from work? Who answers for their treatment, and are such "
                "cases recorded?",
            ),
        ),
        theme(
            "EDUCATION",
            open_q(
                "education_vaccination",
                "Получают ли дети мигрантов прививки и справки, нужные для школы и детского сада? Какие "
                "трудности возникают?",
                "Мигранттардын балдары мектеп жана бала бакча үчүн керектүү эмдөөлөрдү жана "
                "маалымкаттарды алышабы? Кандай кыйынчылыктар чыгат?",
                "Do migrants' children get the vaccinations and certificates needed for school and "
                "kindergarten? What difficulties arise?",
            ),
        ),
        theme(
            "HOUSING",
            open_q(
                "housing_health",
                "Как условия проживания мигрантов сказываются на их здоровье?",
                "Мигранттардын жашоо шарттары алардын ден соолугуна кандай таасир этет?",
                "How do migrants' living conditions affect their health?",
            ),
        ),
        theme(
            "CONSULAR",
            open_q(
                "consular_cooperation",
                "Взаимодействует ли учреждение с посольством Кыргызстана или НПО (оплата лечения, "
                "возвращение больных домой, перевозка умерших)? Как это происходит?",
                "Мекеме Кыргызстандын элчилиги же БӨУлар менен кызматташабы (дарылоо акысын төлөө, "
                "ооруларды мекенге кайтаруу, каза болгондорду ташуу)? Бул кантип ишке ашат?",
                "Does the institution work with the Kyrgyz embassy or NGOs (paying for treatment, taking "
                "patients home, transporting the deceased)? How does it work?",
            ),
        ),
        closing(),
    ),
    choice_lists=(*INSTITUTION_LISTS, FACILITY_TYPE, STAFF_ROLE),
)
