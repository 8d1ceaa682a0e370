"""Editors' forms in Wagtail's admin: every page type's form opens, and bad input comes back with a message."""

import pytest
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import EventPage

from . import factories


@pytest.fixture
def admin_client(client, tree):
    client.force_login(factories.user(staff=True))
    return client


@pytest.mark.parametrize(
    ("model", "parent"),
    [
        ("resourcepage", "resources"),
        ("eventpage", "events"),
        ("newspage", "news"),
        ("standardpage", "home"),
    ],
)
def test_add_forms_open(admin_client, tree, model, parent):
    response = admin_client.get(f"/admin/pages/add/cms/{model}/{tree[parent].pk}/")
    assert response.status_code == 200


def test_snippet_listings_open(admin_client):
    factories.topic("Inclusive education")
    assert "Inclusive education" in admin_client.get("/admin/snippets/cms/topic/").content.decode()
    assert admin_client.get("/admin/snippets/cms/partnerorganisation/").status_code == 200


def _event_form(**overrides):
    data = {
        "title": "Backwards workshop",
        "slug": "backwards-workshop",
        "summary": "A workshop",
        "kind": "workshop",
        "start": "2030-05-01 10:00",
        "end": "2030-05-01 09:00",
        "time_zone": "Asia/Baku",
        "mode": "in_person",
        "venue": "Ganja",
        "body": streamfield([]),
        "sessions": inline_formset([]),
        "recording_url": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_event_ending_before_it_starts_is_refused_in_the_editor(admin_client, tree):
    response = admin_client.post(
        f"/admin/pages/add/cms/eventpage/{tree['events'].pk}/", _event_form()
    )
    assert response.status_code == 200
    assert "The event must end after it starts." in response.content.decode()
    assert not EventPage.objects.filter(slug="backwards-workshop").exists()


def test_embed_from_an_unlisted_provider_is_refused_in_the_editor(admin_client, tree):
    data = _event_form(
        end="2030-05-01 12:00", body=streamfield([("video", "https://evil.example.com/v/1")])
    )
    response = admin_client.post(f"/admin/pages/add/cms/eventpage/{tree['events'].pk}/", data)
    assert response.status_code == 200
    assert "Videos can only be embedded from YouTube, Vimeo." in response.content.decode()
    assert not EventPage.objects.filter(slug="backwards-workshop").exists()
    data = _event_form(
        end="2030-05-01 12:00", body=streamfield([("video", "https://youtu.be/dQw4w9WgXcQ")])
    )
    response = admin_client.post(f"/admin/pages/add/cms/eventpage/{tree['events'].pk}/", data)
    assert response.status_code == 302
    assert EventPage.objects.filter(slug="backwards-workshop").exists()


def test_translate_action_is_offered_to_editors(admin_client, tree):
    page = factories.resource(tree["resources"], "To translate")
    response = admin_client.get(f"/admin/translation/submit/page/{page.pk}/")
    assert response.status_code == 200
    az = Locale.objects.get(language_code="az")
    assert f'value="{az.pk}"' in response.content.decode()
