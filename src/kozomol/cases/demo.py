"""Demo appeals in several states. Every person and number is invented and marked as demo.

Public appeals from anywhere go to the lead organisation (the catch-all
intake route); its caseworker (caseworker@example.org) triages them and
refers some to the Almaty legal aid centre, whose own caseworker is created
here with a password printed once.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from kozomol.accounts.models import Membership, User
from kozomol.accounts.roles import Role
from kozomol.campaigns.demo import DEMO_DOMAIN, DemoContext
from kozomol.cases import services
from kozomol.cases.models import Case, CaseworkerProfile, IntakeRoute
from kozomol.places.models import Location

ALMATY_CASEWORKER = f"caseworker-almaty@{DEMO_DOMAIN}"


def _place(code: str) -> Location:
    return Location.objects.get(code=code)


def load(ctx: DemoContext) -> None:
    IntakeRoute.objects.get_or_create(country=None, city=None, defaults={"organisation": ctx.lead})
    lead_worker = ctx.users[str(Role.CASEWORKER)]
    CaseworkerProfile.objects.update_or_create(
        user=lead_worker, defaults={"is_woman": True, "languages": ["ky", "ru"]}
    )
    almaty = ctx.organisations["ngo_almaty"]
    partner_worker, created = User.objects.get_or_create(
        email=ALMATY_CASEWORKER, defaults={"full_name": "Айжан Юрист (демо)"}
    )
    Membership.objects.get_or_create(user=partner_worker, organisation=almaty, role=Role.CASEWORKER)
    CaseworkerProfile.objects.update_or_create(
        user=partner_worker, defaults={"is_woman": True, "languages": ["ky", "ru", "kk"]}
    )
    if created:
        password = secrets.token_urlsafe(9)
        partner_worker.set_password(password)
        partner_worker.save(update_fields=["password"])
        ctx.say(f"cases: {ALMATY_CASEWORKER} (caseworker of the Almaty NGO) password {password}")
    if Case.objects.exists():
        return

    def appeal(**kw: object) -> Case:
        data = services.AppealData(**kw)  # type: ignore[arg-type]
        case, _secret = services.appeal_submit(data=data)
        return case

    kz, ru = _place("KZ"), _place("RU")
    # 1. New, anonymous: unpaid wages on a building site in Moscow.
    appeal(
        violation_codes=["LABOUR.WAGES_UNPAID", "LABOUR.NO_CONTRACT"],
        country=ru,
        city=_place("RU-moscow"),
        story="Демо: на стройке не платят уже три месяца.",
        amount_owed=Decimal("90000"),
        owed_currency="RUB",
        gender=Case.Gender.MAN,
    )
    # 2. Urgent: documents taken, held at a farm near Almaty.
    urgent = appeal(
        violation_codes=["LABOUR.FORCED_LABOUR", "LABOUR.DOCUMENTS_CONFISCATED"],
        country=kz,
        city=_place("KZ-almaty"),
        documents_taken=True,
        in_danger=True,
        gender=Case.Gender.WOMAN,
        contact_method=Case.Contact.WHATSAPP,
        full_name="Демо Айгерим Т.",
        phone="+996 000 000 101",
        preferred_language="ky",
        wants_woman=True,
        story="Демо: работодатель забрал паспорт и не отпускает.",
    )
    services.case_triage(
        case=urgent,
        actor=lead_worker,
        flags={"flag_trafficking": True},
        deadline=None,
        note="Демо: срочно, связаться сегодня.",
    )
    services.case_assign(case=urgent, actor=lead_worker, caseworker=lead_worker)
    # 3. Referred to the Almaty NGO, accepted, wages recovered.
    wages = appeal(
        violation_codes=["LABOUR.WAGES_UNPAID"],
        country=kz,
        city=_place("KZ-almaty"),
        amount_owed=Decimal("180000"),
        owed_currency="KZT",
        gender=Case.Gender.MAN,
        contact_method=Case.Contact.PHONE,
        full_name="Демо Бакыт С.",
        phone="+996 000 000 102",
        passport_number="DEMO0000102",
    )
    services.case_triage(case=wages, actor=lead_worker, flags={}, deadline=None)
    referral = services.referral_create(
        case=wages,
        actor=lead_worker,
        to_organisation=almaty,
        reason="Демо: работодатель в Алматы, нужен местный юрист.",
    )
    services.referral_answer(referral=referral, actor=partner_worker, accept=True)
    wages.refresh_from_db()
    services.case_close(
        case=wages,
        actor=partner_worker,
        outcome=Case.Outcome.WAGES_RECOVERED,
        amount=Decimal("180000"),
        currency="KZT",
        note="Демо: выплачено после переговоров.",
    )
    # 4. Waiting for the partner's answer.
    waiting = appeal(
        violation_codes=["STATUS.DOCUMENTS"], country=kz, city=_place("KZ-almaty"), gender=Case.Gender.UNSAID
    )
    services.case_triage(case=waiting, actor=lead_worker, flags={}, deadline=None)
    services.referral_create(
        case=waiting, actor=lead_worker, to_organisation=almaty, reason="Демо: вопрос о регистрации в Алматы."
    )
    # 5. Closed out of court in Saint Petersburg; a possible duplicate by phone of the next one.
    settled = appeal(
        violation_codes=["LABOUR.DISMISSAL"],
        country=ru,
        city=_place("RU-saint-petersburg"),
        gender=Case.Gender.WOMAN,
        contact_method=Case.Contact.TELEGRAM,
        phone="+996 000 000 103",
        full_name="Демо Нургуль А.",
    )
    services.case_assign(case=settled, actor=lead_worker, caseworker=lead_worker)
    services.case_close(case=settled, actor=lead_worker, outcome=Case.Outcome.SETTLED)
    appeal(
        violation_codes=["LABOUR.WAGES_UNPAID"],
        country=ru,
        city=_place("RU-saint-petersburg"),
        gender=Case.Gender.WOMAN,
        contact_method=Case.Contact.PHONE,
        phone="996000000103",
        full_name="Демо Нургуль А.",
    )
    ctx.say(f"cases: {Case.objects.count()} demo appeals")
