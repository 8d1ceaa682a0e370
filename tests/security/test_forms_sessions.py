"""Forms and sessions, checked from outside: CSRF on every route, sign-up throttled, password
reset that says nothing about who has an account, no open redirect through any `next`, and the
production settings' cookie and transport flags.

The CSRF check is generated from the URL patterns (tests/security/routes.py): a new route is
checked as soon as it exists, and a new CSRF-exempt view fails until it is listed in
CSRF_EXEMPT with its reason.
"""

import json
import os
import subprocess
import sys

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import resolve, reverse

from tests.community import discussions_factories as df
from tests.projects import factories as pf
from tests.security import access_world, routes
from tests.security.test_access_matrix import ABBREVIATIONS, EXPECTED

pytestmark = pytest.mark.django_db

#: route name → why it takes a POST without a CSRF token.
CSRF_EXEMPT = {
    "email_bounces": "the mail provider's webhook, authenticated by its bearer token",
    "email_unsubscribe": "the mail client's one-click unsubscribe; the signed link is the proof",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _signed_in(user):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _role_for(name, world):
    """A role that reaches the route (the access matrix's row), else staff."""
    roles = [ABBREVIATIONS[a] for a in EXPECTED.get(name, "").split()]
    for role in roles:
        if role != "visitor":
            return world.users[role]
    return world.users["staff"]


# --- (a) CSRF -----------------------------------------------------------------------------------


def test_every_route_refuses_a_post_without_a_csrf_token():
    world = access_world.build()
    args = routes.route_args(world)
    wrong = []
    for name in sorted(routes.site_route_names()):
        url = reverse(name, kwargs=args.get(name, {}))
        exempt = getattr(resolve(url).func, "csrf_exempt", False)
        if exempt or name in CSRF_EXEMPT:
            if not (exempt and name in CSRF_EXEMPT):
                wrong.append(f"{name}: CSRF-exempt={exempt}, listed={name in CSRF_EXEMPT}")
            continue
        response = _signed_in(_role_for(name, world)).post(url, {"body": "x", "next": "/"})
        if response.status_code != 403:
            wrong.append(f"{name}: {response.status_code} without a CSRF token")
    assert wrong == []


def test_the_wagtail_admin_login_and_an_admin_form_refuse_a_post_without_a_csrf_token():
    from django.contrib.auth.models import Group

    editor = df.user(name="Editor Elnara")
    editor.groups.add(Group.objects.get(name="Editors"))
    visitor = _signed_in(None)
    assert visitor.get("/admin/login/").status_code == 200
    response = visitor.post("/admin/login/", {"username": editor.email, "password": "x"})
    assert response.status_code == 403
    response = _signed_in(editor).post("/admin/documents/add/", {"title": "No token"})
    assert response.status_code == 403


def test_a_post_with_its_token_goes_through():
    """The refusals above are the missing token's, not a broken form."""
    teacher = df.user(name="Token Tural")
    client = _signed_in(teacher)
    client.get(reverse("discussions:notifications"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("discussions:notifications_read_all"), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


# --- (b) throttling: sign-in is pinned in tests/community/test_accounts_login.py -----------------


def _sign_up_data(n, school):
    return {
        "email": f"new{n}@example.az",
        "display_name": f"New Teacher {n}",
        "password1": "a-long-Passphrase-42",
        "password2": "a-long-Passphrase-42",
        "region": str(school.region_id),
        "school": str(school.pk),
    }


def test_sign_up_is_throttled_per_client_address(client, settings):
    from community.models import User

    settings.SIGNUP_THROTTLE_IP_ATTEMPTS = 2
    school = pf.school("Throttle school", pf.region("Ganja"))
    for n in range(2):
        response = client.post(reverse("signup"), _sign_up_data(n, school))
        assert response.status_code == 302, response.content.decode()[:2000]
        client.logout()
    before = User.objects.count()
    response = client.post(reverse("signup"), _sign_up_data(9, school))
    assert response.status_code == 200
    assert "Too many accounts were created from your network" in response.content.decode()
    assert User.objects.count() == before
    # another school's router is not held back
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert other.post(reverse("signup"), _sign_up_data(10, school)).status_code == 302


# --- (c) password reset says the same for every address -----------------------------------------


def test_password_reset_answers_the_same_for_an_existing_and_a_missing_address(client):
    teacher = df.user(name="Reset Rena")
    answers = []
    for email in (teacher.email, "nobody-here@example.az"):
        mail.outbox.clear()
        response = client.post(reverse("password_reset"), {"email": email}, follow=True)
        answers.append(
            (
                response.status_code,
                response.redirect_chain,
                response.content.decode().replace(email, "EMAIL"),
                len(mail.outbox),
            )
        )
    (status_a, chain_a, page_a, mails_a), (status_b, chain_b, page_b, mails_b) = answers
    assert (status_a, chain_a) == (status_b, chain_b)
    assert _visible_text(page_a) == _visible_text(page_b)
    assert (mails_a, mails_b) == (1, 0)


def _visible_text(html):
    import re

    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


# --- (d) open redirects -------------------------------------------------------------------------

EVIL = [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "https:evil.example",
    "/%5Cevil.example",
    "/\t/evil.example",
    " //evil.example",
    "http://testserver@evil.example/",
    "data:text/html,<script>alert(1)</script>",
]


def _leaves_the_site(location):
    """Where a browser would go: it drops tabs, newlines and surrounding spaces, reads `\\` as
    `/`, and resolves a relative address against the page's own (entities are not decoded)."""
    from urllib.parse import urljoin, urlsplit

    cleaned = "".join(ch for ch in location if ch not in "\t\r\n").strip().replace("\\", "/")
    resolved = urlsplit(urljoin("http://testserver/en/page/", cleaned))
    return resolved.scheme not in ("http", "https") or resolved.hostname != "testserver"


def _redirect_targets(world):
    """(name, client, method, url, data without next) for every view that reads a `next`."""
    member, staff = world.member, world.staff
    project = world.project
    partnership = project.partnerships.get(user=world.partner)
    return [
        ("login-signed-in", member, "get", reverse("login"), None),
        ("login-post", "login", "post", reverse("login"), {"username": member.email}),
        ("set_language", None, "post", reverse("set_language"), {"language": "az"}),
        ("set_language-signed-in", member, "post", reverse("set_language"), {"language": "ru"}),
        (
            "message_react",
            member,
            "post",
            reverse("discussions:message_react", args=[world.message.pk]),
            {"emoji": "👍"},
        ),
        (
            "community_join",
            world.outsider,
            "post",
            reverse("discussions:community_join", args=[world.community.slug]),
            {},
        ),
        ("moderation_act", staff, "post", reverse("moderation:act"), {}),
        (
            "projects_respond",
            world.project_member,
            "post",
            reverse("projects:respond", args=[partnership.pk]),
            {"answer": "accept"},
        ),
        ("projects_teacher_invite", staff, "post", reverse("projects:teacher_invite"), {}),
    ]


@pytest.mark.parametrize("target", EVIL)
def test_no_next_parameter_leads_off_the_site(target):
    world = access_world.build()
    wrong = []
    for label, who, method, url, data in _redirect_targets(world):
        client = Client(raise_request_exception=False)
        if who == "login":
            from django.contrib.auth.hashers import make_password

            world.member.password = make_password("a-long-Passphrase-42")
            world.member.save(update_fields=["password"])
            data = {"username": world.member.email, "password": "a-long-Passphrase-42"}
        elif who is not None:
            client.force_login(who)
        if method == "get":
            response = client.get(url, {"next": target})
            location = response.get("Location", "")
        else:
            response = client.post(url, {**data, "next": target})
            location = response.get("Location", "")
        if response.status_code >= 500:
            wrong.append(f"{label}: {response.status_code}")
        elif location and _leaves_the_site(location):
            wrong.append(f"{label}: redirected to {location!r}")
    assert wrong == []


def test_a_local_next_is_still_followed():
    """The refusals above are of the foreign targets, not of every `next`."""
    world = access_world.build()
    client = Client()
    client.force_login(world.member)
    response = client.post(reverse("discussions:notifications_read_all"), {"next": "/en/teachers/"})
    assert response.status_code == 302
    response = client.post(reverse("set_language"), {"language": "en", "next": "/en/teachers/"})
    assert response["Location"].endswith("/teachers/")


# --- (e) production settings ------------------------------------------------------------------

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "p" * 20 + "-production-settings-check-" + "q" * 20,
    "ALLOWED_HOSTS": "commons.example",
    "SITE_URL": "https://commons.example",
}
SETTINGS_READ = """
import json, django
from django.conf import settings
from config import settings_module
import os
os.environ["DJANGO_SETTINGS_MODULE"] = settings_module()
names = ["SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
         "CSRF_COOKIE_SECURE", "CSRF_COOKIE_SAMESITE", "LANGUAGE_COOKIE_SECURE",
         "LANGUAGE_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
         "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT", "SECURE_CONTENT_TYPE_NOSNIFF",
         "X_FRAME_OPTIONS", "SECURE_REFERRER_POLICY", "DEBUG", "SETTINGS_MODULE"]
print(json.dumps({n: getattr(settings, n, None) for n in names}))
"""


@pytest.fixture(scope="module")
def production():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECURE_SSL_REDIRECT")
    }
    env.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_READ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_is_chosen_by_its_environment(production):
    assert production["SETTINGS_MODULE"] == "config.settings.production"
    assert production["DEBUG"] is False


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("SESSION_COOKIE_SECURE", True),
        ("SESSION_COOKIE_HTTPONLY", True),
        ("SESSION_COOKIE_SAMESITE", "Lax"),
        ("CSRF_COOKIE_SECURE", True),
        ("CSRF_COOKIE_SAMESITE", "Lax"),
        ("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365),
        ("SECURE_HSTS_INCLUDE_SUBDOMAINS", True),
        ("SECURE_HSTS_PRELOAD", True),
        ("SECURE_SSL_REDIRECT", True),
        ("SECURE_CONTENT_TYPE_NOSNIFF", True),
        ("X_FRAME_OPTIONS", "DENY"),
        ("SECURE_REFERRER_POLICY", "same-origin"),
    ],
)
def test_production_cookie_and_transport_flags(production, name, expected):
    assert production[name] == expected


def test_production_requires_its_secret_and_hosts():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env["DJANGO_ENV"] = "production"
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_READ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
