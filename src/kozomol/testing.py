"""Test helpers every app uses: a small world of organisations, people and a campaign.

``make_world()`` gives one campaign run by one organisation with a member in
every role, a partner organisation, and an outsider: a coordinator of an
organisation that takes no part. Tests always check the outsider too.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from kozomol.accounts.models import Membership, Organisation, User
from kozomol.accounts.roles import Role
from kozomol.campaigns.models import Campaign, Participation
from kozomol.campaigns.services import campaign_create
from kozomol.places.models import Location

PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)


def make_user(email: str | None = None, *, password: str = PASSWORD, **extra: object) -> User:
    email = email or f"person{next(_seq)}@test.example"
    return User.objects.create_user(email=email, password=password, **extra)


def make_organisation(
    name: str | None = None,
    *,
    kind: str = Organisation.Kind.NGO,
    country: str = "KG",
    city: str | None = None,
) -> Organisation:
    return Organisation.objects.create(
        name_ru=name or f"Организация {next(_seq)}",
        name_en=name or f"Organisation {next(_seq)}",
        kind=kind,
        country=Location.objects.get(code=country),
        city=Location.objects.get(code=city) if city else None,
    )


def make_campaign(
    lead: Organisation, *, slug: str | None = None, actor: User | None = None, **fields: object
) -> Campaign:
    defaults: dict[str, object] = {
        "title": "Тестовый мониторинг",
        "period_start": dt.date(2024, 1, 1),
        "period_end": dt.date(2024, 12, 31),
        "goals": "Цели мониторинга",
        "tasks": "Задача один\nЗадача два",
        "method": "Глубинные интервью",
    }
    defaults.update(fields)
    return campaign_create(
        actor=actor,
        lead_organisation=lead,
        slug=slug or f"test-campaign-{next(_seq)}",
        countries=Location.objects.filter(code__in=["RU", "KZ"]),
        cities=Location.objects.filter(code__in=["RU-moscow", "KZ-almaty"]),
        **defaults,
    )


@dataclass
class World:
    campaign: Campaign
    org: Organisation
    partner_org: Organisation
    other_org: Organisation
    users: dict[str, User] = field(default_factory=dict)  # by role
    partner_users: dict[str, User] = field(default_factory=dict)
    outsider: User | None = None  # coordinator of other_org, which takes no part
    other_campaign: Campaign | None = None  # run by other_org


def ensure_reference_places() -> None:
    """Transactional tests (browser, live server) flush the tables the data migrations filled
    (places, themes, addressees, standards): replay those migrations when they are empty."""
    if not Location.objects.exists():
        from kozomol.core.reference import reload_reference_data

        reload_reference_data()


def make_world(slug: str = "world") -> World:
    ensure_reference_places()
    org = make_organisation("Ведущая организация", kind=Organisation.Kind.OMBUDSMAN, city="KG-bishkek")
    partner = make_organisation("Партнёр", kind=Organisation.Kind.NGO, country="KZ", city="KZ-almaty")
    other = make_organisation("Посторонняя организация", kind=Organisation.Kind.RESEARCH)
    users: dict[str, User] = {}
    partner_users: dict[str, User] = {}
    for role in Role.values:
        users[role] = make_user(f"{role}@{slug}.test")
        Membership.objects.create(user=users[role], organisation=org, role=role)
        partner_users[role] = make_user(f"{role}@partner.{slug}.test")
        Membership.objects.create(user=partner_users[role], organisation=partner, role=role)
    outsider = make_user(f"outsider@{slug}.test")
    Membership.objects.create(user=outsider, organisation=other, role=Role.COORDINATOR)
    campaign = make_campaign(org, slug=slug, actor=users[Role.COORDINATOR])
    Participation.objects.create(campaign=campaign, organisation=partner)
    other_campaign = make_campaign(other, slug=f"{slug}-other", actor=outsider, title="Чужой мониторинг")
    return World(campaign, org, partner, other, users, partner_users, outsider, other_campaign)


# Some tests need a PostgreSQL server even when the suite runs on SQLite (a dump
# searched for personal data, a database lost under a running server). Where none
# is reachable they skip on a developer's machine; CI sets KOZOMOL_REQUIRE_POSTGRES
# so that a skip there cannot hide a test users rely on.
_DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def postgres_server_url() -> str:
    """The URL of a PostgreSQL database to create scratch databases from."""
    import os

    explicit = os.environ.get("KOZOMOL_TEST_POSTGRES_URL", "")
    suite = os.environ.get("KOZOMOL_DATABASE_URL", "")
    return explicit or (suite if suite.startswith("postgres") else _DEFAULT_POSTGRES)


def postgres_or_skip(reason: str) -> str:
    """``postgres_server_url()`` when it answers; otherwise skip, or fail where CI requires PostgreSQL."""
    import os
    import shutil
    import subprocess

    import pytest

    url = postgres_server_url()
    psql = shutil.which("psql")
    # The URL comes from the test environment, not from users.
    reachable = (
        psql is not None
        and subprocess.run([psql, url, "-c", "select 1"], capture_output=True, timeout=20).returncode == 0  # noqa: S603
    )
    if not reachable:
        if os.environ.get("KOZOMOL_REQUIRE_POSTGRES", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"PostgreSQL is required (KOZOMOL_REQUIRE_POSTGRES) but does not answer at {url}")
        pytest.skip(f"{reason}: no PostgreSQL at {url} (set KOZOMOL_TEST_POSTGRES_URL)")
    return url


@contextmanager
def scratch_postgres_database(reason: str, prefix: str = "kz_scratch") -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards (see ``postgres_or_skip``)."""
    import shutil
    import subprocess
    import uuid

    server = postgres_or_skip(reason)
    psql = shutil.which("psql") or "psql"
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    # The URL comes from the test environment, not from users.
    subprocess.run(  # noqa: S603
        [psql, server, "-c", f'CREATE DATABASE "{name}"'], check=True, capture_output=True, timeout=60
    )
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        subprocess.run(  # noqa: S603
            [psql, server, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
            capture_output=True,
            timeout=60,
        )
