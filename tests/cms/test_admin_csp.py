"""The content security policy: strict on the public site, what Wagtail's admin needs under /admin/."""

import pytest

from . import factories
from .editor_forms import editor_form


def _policy(response):
    header = response.headers["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.fixture
def moderator(client, tree):
    client.force_login(factories.user(groups=["Moderators"], email="leyla@example.az"))
    return client


def test_public_pages_keep_the_strict_policy(client, tree):
    factories.resource(tree["resources"], "Reading circles")
    for url in ("/en/", "/en/resources/reading-circles/", "/en/accounts/login/"):
        policy = _policy(client.get(url))
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["frame-ancestors"] == ["'none'"], url


def test_admin_allows_wagtails_inline_scripts_and_styles_and_nothing_else(moderator, tree):
    page = factories.resource(tree["resources"], "Reading circles")
    policy = _policy(moderator.get(f"/admin/pages/{page.pk}/edit/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert "'self'" in policy["frame-src"]  # the live preview panel
    assert policy["frame-ancestors"] == ["'none'"]  # the editor itself is never framed
    assert policy["object-src"] == ["'none'"]


def test_the_editors_preview_may_be_framed_by_the_admin_only(moderator, tree):
    page = factories.resource(tree["resources"], "Reading circles")
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = editor_form(moderator, page)
    data["title"] = ["Reading circles, revised"]
    assert moderator.post(url, data).json()["is_available"]
    # Wagtail renders the preview by passing the page's public URL through every middleware,
    # so the page arrives with the public policy, which forbids any framing.
    response = moderator.get(url)
    assert "Reading circles, revised" in response.content.decode()
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    policy = _policy(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]


def test_admin_avatars_are_served_by_the_site_not_gravatar(moderator, tree):
    html = moderator.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert "wagtailadmin/images/default-user-avatar" in html
