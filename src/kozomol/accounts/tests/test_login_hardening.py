"""Lockout after repeated failures and the TOTP second factor for roles that see personal data."""

from __future__ import annotations

import pyotp
import pytest
from django.urls import reverse

from kozomol.accounts.models import RecoveryCode, TOTPDevice
from kozomol.accounts.roles import Role
from kozomol.testing import PASSWORD


def _login(client, email, password=PASSWORD, ip="10.1.1.1"):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_account_is_locked_after_five_failures_even_with_the_right_password(client, world, settings):
    email = world.users[Role.VIEWER].email
    for _ in range(settings.KOZOMOL_LOCKOUT_PER_ACCOUNT):
        assert _login(client, email, "wrong").status_code == 200
    response = _login(client, email)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_address_is_locked_after_many_failures_across_accounts(client, world, settings):
    settings.KOZOMOL_LOCKOUT_PER_ADDRESS = 4
    for i in range(4):
        _login(client, f"nobody{i}@test.example", "wrong", ip="10.9.9.9")
    assert _login(client, world.users[Role.MONITOR].email, ip="10.9.9.9").status_code == 429
    # Another address is not affected.
    assert _login(client, world.users[Role.MONITOR].email, ip="10.9.9.8").status_code == 302


@pytest.mark.django_db
def test_lockout_answer_does_not_reveal_whether_the_account_exists(client, world, settings):
    settings.KOZOMOL_LOCKOUT_PER_ACCOUNT = 2
    for email in (world.users[Role.VIEWER].email, "ghost@test.example"):
        for _ in range(2):
            _login(client, email, "wrong", ip="10.2.2.2")
    a = _login(client, world.users[Role.VIEWER].email, "wrong", ip="10.3.3.3")
    b = _login(client, "ghost@test.example", "wrong", ip="10.3.3.3")
    assert a.status_code == b.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ADMIN, Role.COORDINATOR, Role.CASEWORKER])
def test_roles_with_personal_data_must_set_up_two_factor(client, world, settings, role):
    settings.KOZOMOL_REQUIRE_2FA = True
    assert _login(client, world.users[role].email).status_code == 302
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor_setup")


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MONITOR, Role.ANALYST, Role.VIEWER])
def test_other_roles_work_without_two_factor(client, world, settings, role):
    settings.KOZOMOL_REQUIRE_2FA = True
    _login(client, world.users[role].email)
    assert client.get(reverse("core:home")).status_code == 200


@pytest.mark.django_db
def test_setup_then_login_with_code_and_with_a_recovery_code(client, world, settings):
    settings.KOZOMOL_REQUIRE_2FA = True
    user = world.users[Role.CASEWORKER]
    _login(client, user.email)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert response.status_code == 200 and "code" in response.context["form"].errors
    response = client.post(reverse("accounts:two_factor_setup"), {"code": pyotp.TOTP(device.secret).now()})
    codes = response.context["codes"]
    assert len(codes) == 10 and RecoveryCode.objects.filter(user=user).count() == 10
    assert client.get(reverse("core:home")).status_code == 200

    client.logout()
    response = _login(client, user.email)
    assert response["Location"] == reverse("accounts:two_factor_verify")
    assert "_auth_user_id" not in client.session  # the password alone does not log in
    device.refresh_from_db()
    # The code used for setup cannot be replayed.
    used = pyotp.TOTP(device.secret).now()
    response = client.post(reverse("accounts:two_factor_verify"), {"code": used})
    assert response.status_code == 200
    response = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    client.logout()
    _login(client, user.email)
    # A recovery code works once.
    assert client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]}).status_code == 200


@pytest.mark.django_db
def test_second_factor_page_without_a_password_step_goes_back_to_login(client):
    response = client.get(reverse("accounts:two_factor_verify"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(world, settings):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    assert make_password("x" * 12).startswith("argon2")
    from kozomol import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_caseworker_sets_up_two_factor_in_the_browser(page, settings):
    from kozomol.conftest import login
    from kozomol.testing import make_world

    settings.KOZOMOL_REQUIRE_2FA = True
    world = make_world()
    login(page, world.users[Role.CASEWORKER].email, PASSWORD)
    assert TOTPDevice.objects.get(user=world.users[Role.CASEWORKER]).confirmed
    page.goto("/")
    assert "/two-factor/" not in page.url
