from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.accounts.roles import Role


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_visitor_home_offers_login_and_help(client):
    response = client.get("/")
    assert response.status_code == 200
    assert reverse("accounts:login") in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_renders_the_404_page(client, world):
    client.force_login(world.users[Role.VIEWER])
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "word"), [("ru", "Войти"), ("ky", "Кирүү"), ("en", "Log in")])
def test_language_is_switched_from_any_page(client, lang, word):
    response = client.post(reverse("set_language"), {"language": lang, "next": "/"}, follow=True)
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == lang
    assert word in response.content.decode()


@pytest.mark.django_db
def test_russian_is_the_default_language(client):
    response = client.get("/")
    assert response.context["LANGUAGE_CODE"] == "ru"


@pytest.mark.django_db
def test_password_reset_mail_contains_a_working_link(client, world, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": world.users[Role.MONITOR].email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_cases_link_is_shown_to_caseworkers_only(client, world, role):
    client.force_login(world.users[role])
    body = client.get("/").content.decode()
    # The exact link: coordinators and admins see other /cases/… links (new case, erasure).
    assert (f'href="{reverse("cases:queue")}"' in body) == (role == Role.CASEWORKER)


def test_forwarded_address_is_believed_only_behind_our_proxy(rf, settings):
    from kozomol.core.middleware import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="10.0.0.1")
    settings.KOZOMOL_TRUST_PROXY = False
    assert client_ip(request) == "10.0.0.1"
    settings.KOZOMOL_TRUST_PROXY = True
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "1.2.3.4"
