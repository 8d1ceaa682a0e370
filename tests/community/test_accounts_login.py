"""Sign-in by e-mail, refusal of unconfirmed accounts, throttling, sign-out, password change and reset."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from community.models import User
from tests.community import people_factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, email, password=f.PASSWORD, lang="en", **extra):
    return client.post(
        f"/{lang}/accounts/login/", {"username": email, "password": password, **extra}
    )


def test_login_page_has_the_form_the_browser_tests_use(client):
    body = client.get("/en/accounts/login/").content.decode()
    assert 'class="login-form"' in body
    assert 'name="username"' in body and 'name="password"' in body
    assert 'type="email"' in body and 'autocomplete="current-password"' in body


def test_login_by_email_in_any_case_and_the_user_menu_changes(client):
    user = f.teacher(email="gunel@example.az", name="Günel Quliyeva", interface_language="en")
    response = login(client, "GUNEL@example.AZ")
    assert response.status_code == 302
    page = client.get("/en/teachers/").content.decode()
    assert (
        "Günel Quliyeva" in page
        and "Sign out" in page
        and f"/en/teachers/{user.pk}/record/" in page
    )
    assert "Sign in</a>" not in page


def test_wrong_password_gives_a_clear_message(client):
    f.teacher(email="gunel@example.az")
    response = login(client, "gunel@example.az", "wrong-password-here")
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unconfirmed_account_is_refused_with_a_resend_link(client):
    f.teacher(email="new@example.org", confirmed=False)
    response = login(client, "new@example.org")
    body = response.content.decode()
    assert response.status_code == 200
    assert "confirm your e-mail address first" in body
    assert '<a href="/en/accounts/confirm/resend/?email=new%40example.org">' in body
    assert "_auth_user_id" not in client.session


def test_closed_account_cannot_sign_in(client):
    user = f.teacher(email="gone@example.org")
    user.is_active = False
    user.save()
    login(client, "gone@example.org")
    assert "_auth_user_id" not in client.session


def test_failed_attempts_are_throttled_per_account_even_with_the_right_password(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    f.teacher(email="target@example.org")
    for _ in range(3):
        login(client, "target@example.org", "guess-guess-guess")
    response = login(client, "target@example.org")
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "wait 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked by that.
    f.teacher(email="colleague@example.org")
    login(client, "colleague@example.org")
    assert "_auth_user_id" in client.session


def test_failed_attempts_are_throttled_per_address_across_accounts(client, settings):
    settings.LOGIN_THROTTLE_IP_ATTEMPTS = 4
    f.teacher(email="victim@example.org")
    for n in range(4):
        login(client, f"spray{n}@example.org", "guess-guess-guess")
    response = login(client, "victim@example.org")
    assert "Too many failed sign-in attempts" in response.content.decode()
    # Someone else, from another address, is not affected.
    other = client.__class__(REMOTE_ADDR="10.1.2.3")
    login(other, "victim@example.org")
    assert "_auth_user_id" in other.session


def test_throttle_ends_after_the_window(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 2
    f.teacher(email="target@example.org")
    login(client, "target@example.org", "nope-nope-nope")
    login(client, "target@example.org", "nope-nope-nope")
    assert "Too many" in login(client, "target@example.org").content.decode()
    cache.clear()  # what the window's expiry does
    login(client, "target@example.org")
    assert "_auth_user_id" in client.session


def test_login_applies_the_interface_language(client):
    f.teacher(email="leyla@example.az", interface_language="az")
    response = login(client, "leyla@example.az", next="/en/teachers/")
    assert response.status_code == 302
    assert response["Location"] == "/az/teachers/"
    assert response.cookies["django_language"].value == "az"


def test_login_ignores_an_outside_next(client):
    f.teacher(email="leyla@example.az", interface_language="en")
    response = login(client, "leyla@example.az", next="https://evil.example/")
    assert "evil.example" not in response["Location"]


def test_logout_needs_post(client):
    user = f.teacher()
    client.force_login(user)
    assert client.get("/en/accounts/logout/").status_code == 405
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change(client):
    user = f.teacher(email="p@example.org")
    client.force_login(user)
    response = client.post(
        "/en/accounts/password/",
        {
            "old_password": f.PASSWORD,
            "new_password1": "quiet-river-stones-9",
            "new_password2": "quiet-river-stones-9",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/en/accounts/password/done/"
    user.refresh_from_db()
    assert user.check_password("quiet-river-stones-9")
    response = client.post(
        "/en/accounts/password/",
        {"old_password": "wrong", "new_password1": "abc", "new_password2": "abc"},
    )
    assert "incorrectly" in response.content.decode()


def test_password_reset_by_email_link(client):
    user = f.teacher(email="forgot@example.org")
    response = client.post("/en/accounts/password/reset/", {"email": "FORGOT@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["forgot@example.org"]
    link = re.search(
        r"http://testserver(/en/accounts/password/reset/\S+/)", mail.outbox[0].body
    ).group(1)
    response = client.get(link, follow=True)
    assert "Choose a new password" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "morning-tea-garden-7", "new_password2": "morning-tea-garden-7"},
    )
    assert (
        response.status_code == 302
        and response["Location"] == "/en/accounts/password/reset/complete/"
    )
    user.refresh_from_db()
    assert user.check_password("morning-tea-garden-7")


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(
        "/en/accounts/password/reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert "If an account uses that address" in response.content.decode()
    assert mail.outbox == []
    assert not User.objects.exists()


def test_twenty_failures_for_twenty_accounts_at_one_school_do_not_lock_a_colleague(client):
    # A..T mistype their passwords, all from the school's one address (its router).
    for n in range(20):
        f.teacher(email=f"teacher-{chr(65 + n)}@school.example.az")
        login(client, f"teacher-{chr(65 + n)}@school.example.az", "mistyped-password")
    f.teacher(email="teacher-u@school.example.az")
    response = login(client, "teacher-u@school.example.az")
    assert "Too many failed sign-in attempts" not in response.content.decode()
    assert "_auth_user_id" in client.session


def test_the_per_account_limit_still_locks_that_account_whatever_the_address(client):
    f.teacher(email="target@example.org")
    for n in range(5):  # the default limit, each guess from another address
        login(client.__class__(REMOTE_ADDR=f"10.9.0.{n + 1}"), "target@example.org", "guess-guess")
    response = login(client, "target@example.org")
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_forwarded_for_counts_only_from_a_trusted_proxy(client, settings):
    settings.LOGIN_THROTTLE_IP_ATTEMPTS = 3
    f.teacher(email="victim@example.org")

    def attempt(who, email, password, forwarded):
        return who.post(
            "/en/accounts/login/",
            {"username": email, "password": password},
            headers={"x-forwarded-for": forwarded},
        )

    # Without TRUSTED_PROXIES the header is ignored: a forged one does not dodge the limit.
    for n in range(3):
        attempt(client, f"spray{n}@example.org", "guess-guess", f"10.0.0.{n}")
    assert "Too many" in attempt(client, "victim@example.org", f.PASSWORD, "10.0.0.9").content.decode()

    # Behind a trusted proxy, the schools behind it are told apart.
    cache.clear()
    settings.TRUSTED_PROXIES = ["127.0.0.0/8"]
    proxy = client.__class__(REMOTE_ADDR="127.0.0.1")
    for n in range(3):
        attempt(proxy, f"spray{n}@example.org", "guess-guess", "203.0.113.7")
    blocked = attempt(proxy, "victim@example.org", f.PASSWORD, "203.0.113.7")
    assert "Too many" in blocked.content.decode()
    # A client may send its own header: the entry the proxy appended (the last) is believed.
    forged = attempt(proxy, "victim@example.org", f.PASSWORD, "198.51.100.1, 203.0.113.7")
    assert "Too many" in forged.content.decode()
    attempt(proxy, "victim@example.org", f.PASSWORD, "198.51.100.9")
    assert "_auth_user_id" in proxy.session


def test_password_reset_mails_are_limited_per_address_with_the_same_answer(client):
    f.teacher(email="forgot@example.org")
    answers = []
    for _ in range(6):
        response = client.post(
            "/en/accounts/password/reset/", {"email": "forgot@example.org"}, follow=True
        )
        answers.append(response.redirect_chain)
        assert "If an account uses that address" in response.content.decode()
    assert len(mail.outbox) == 3  # PASSWORD_RESET_THROTTLE_ATTEMPTS
    assert all(answer == answers[0] for answer in answers)
    # An unknown address gets the same answer, and no mail.
    response = client.post(
        "/en/accounts/password/reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert response.redirect_chain == answers[0]
    assert len(mail.outbox) == 3


def test_password_reset_mails_are_limited_per_client_address(client, settings):
    settings.PASSWORD_RESET_THROTTLE_IP_ATTEMPTS = 4
    done = "/en/accounts/password/reset/sent/"
    for n in range(6):
        f.teacher(email=f"forgot{n}@example.org")
        response = client.post("/en/accounts/password/reset/", {"email": f"forgot{n}@example.org"})
        assert response.status_code == 302 and response["Location"] == done
    assert len(mail.outbox) == 4
    # Another client is not held back by that one.
    other = client.__class__(REMOTE_ADDR="10.1.2.3")
    other.post("/en/accounts/password/reset/", {"email": "forgot5@example.org"})
    assert len(mail.outbox) == 5
