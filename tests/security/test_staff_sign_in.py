"""Staff sign-in: session cookies, two-factor codes and the lockout after repeated failures."""

import datetime
import io

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "a long test password"


def login_url(language="sv"):
    with translation.override(language):
        return reverse("admin:login")


def sign_in(client, username, password=PASSWORD, *, language="sv", address="10.0.0.1", **extra):
    data = {"username": username, "password": password, "next": "/admin/", **extra}
    return client.post(login_url(language), data, REMOTE_ADDR=address)


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def device(administrator):
    return TOTPDevice.objects.create(user=administrator, name="authenticator", confirmed=True)


# Session cookies


def test_staff_session_cookie_is_http_only_same_site_and_ends_with_the_browser(administrator):
    client = Client()

    response = sign_in(client, "administrator")

    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # a session cookie: gone when the browser closes
    assert cookie["expires"] == ""
    session = Session.objects.get(session_key=cookie.value)
    lifetime = session.expire_date - timezone.now()
    assert datetime.timedelta(hours=7, minutes=59) < lifetime <= datetime.timedelta(hours=8)


def test_staff_session_cookie_is_secure_when_the_site_is(settings, administrator):
    settings.SESSION_COOKIE_SECURE = True

    response = sign_in(Client(), "administrator")

    assert response.cookies["sessionid"]["secure"] is True


def test_sign_in_page_sets_only_the_csrf_cookie_and_no_session(db):
    response = Client().get(login_url())

    assert set(response.cookies) == {"csrftoken"}
    assert response.cookies["csrftoken"]["samesite"] == "Lax"


# Two-factor sign-in (REQUIRE_STAFF_2FA)


@pytest.fixture
def two_factor(settings):
    settings.REQUIRE_STAFF_2FA = True


def test_a_password_alone_does_not_open_the_admin(two_factor, administrator, device):
    client = Client()

    response = sign_in(client, "administrator")

    assert response.status_code == 200
    assert "Ange den sexsiffriga koden från din autentiseringsapp." in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_wrong_code_is_refused(two_factor, administrator, device):
    client = Client()
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = sign_in(client, "administrator", otp_token=wrong)

    assert response.status_code == 200
    assert "Koden är inte giltig." in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_password_and_current_code_open_the_admin(two_factor, administrator, device):
    client = Client()

    response = sign_in(client, "administrator", otp_token=current_code(device))

    assert response.status_code == 302
    assert response.url == "/admin/"
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert reverse("admin:actors_actor_changelist") in index.content.decode()


def test_a_session_signed_in_without_the_code_is_sent_to_sign_in(two_factor, administrator):
    client = Client()
    client.force_login(administrator)

    response = client.get(reverse("admin:actors_actor_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(login_url())


def test_staff_without_an_authenticator_are_told_what_to_do(two_factor, administrator):
    response = sign_in(Client(), "administrator", otp_token="123456")

    assert "Ingen autentiseringsapp är registrerad för kontot." in response.content.decode()


def test_sign_in_page_asks_for_the_code_in_english(two_factor, db):
    html = Client().get(login_url("en")).content.decode()

    assert "Code from your authenticator app" in html
    assert 'name="otp_token"' in html
    assert 'autocomplete="one-time-code"' in html


def test_without_the_setting_a_password_is_enough(settings, administrator):
    settings.REQUIRE_STAFF_2FA = False
    client = Client()

    assert sign_in(client, "administrator").status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


# Lockout (django-axes)


def test_five_wrong_passwords_lock_the_account_for_that_address(administrator):
    client = Client()
    for _attempt in range(4):
        assert sign_in(client, "administrator", "wrong password").status_code == 200
    assert sign_in(client, "administrator", "wrong password").status_code == 429

    locked = sign_in(client, "administrator")  # even the right password

    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 15 * 60
    assert '<html lang="sv"' in locked.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_lockout_page_explains_itself_in_english(administrator):
    client = Client()
    for _attempt in range(5):
        sign_in(client, "administrator", "wrong password", language="en")

    locked = sign_in(client, "administrator", language="en")

    html = locked.content.decode()
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts for this account from your address." in html
    assert "Try again in 15 minutes." in html


def test_the_lockout_holds_one_account_from_one_address_only(administrator, editor):
    client = Client()
    for _attempt in range(5):
        sign_in(client, "administrator", "wrong password", address="10.0.0.1")

    assert sign_in(Client(), "administrator", address="10.0.0.2").status_code == 302
    assert sign_in(Client(), "redaktor", address="10.0.0.1").status_code == 302


def test_the_lockout_ends_after_the_cool_off(administrator):
    client = Client()
    for _attempt in range(5):
        sign_in(client, "administrator", "wrong password")
    assert sign_in(client, "administrator").status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))

    assert sign_in(client, "administrator").status_code == 302


def test_wrong_codes_count_towards_the_lockout(two_factor, administrator, device):
    client = Client()
    for _attempt in range(5):
        sign_in(client, "administrator", otp_token="000000")

    locked = sign_in(client, "administrator", otp_token=current_code(device))

    assert locked.status_code == 429


# Registering an authenticator (manage.py totp_device)


def test_registering_an_authenticator_prints_the_code_to_scan_and_it_signs_in(
    two_factor, administrator
):
    out = io.StringIO()

    call_command("totp_device", "administrator", stdout=out)

    device = TOTPDevice.objects.get(user=administrator)
    assert device.confirmed
    printed = out.getvalue()
    assert device.config_url in printed
    assert "issuer=Innovationsportalen" in device.config_url
    assert "█" in printed or "▀" in printed  # the QR code, drawn in the terminal
    assert sign_in(Client(), "administrator", otp_token=current_code(device)).status_code == 302


def test_a_second_authenticator_needs_replace_and_the_old_one_stops_working(administrator):
    call_command("totp_device", "administrator", stdout=io.StringIO())
    old = TOTPDevice.objects.get(user=administrator)

    with pytest.raises(CommandError, match="already has an authenticator"):
        call_command("totp_device", "administrator", stdout=io.StringIO())
    call_command("totp_device", "administrator", "--replace", stdout=io.StringIO())

    new = TOTPDevice.objects.get(user=administrator)
    assert new.pk != old.pk
    assert new.key != old.key


def test_an_authenticator_can_be_removed(administrator, device):
    call_command("totp_device", "administrator", "--remove", stdout=io.StringIO())

    assert not TOTPDevice.objects.filter(user=administrator).exists()


def test_an_unknown_account_is_named(db):
    with pytest.raises(CommandError, match="No account is called 'nobody'"):
        call_command("totp_device", "nobody")
