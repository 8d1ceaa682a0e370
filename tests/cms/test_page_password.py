"""Page passwords: guessing is throttled; the documents of a page open once its password is entered."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from cms.models import ResourceDocument
from cms.views import page_password_key

from . import factories

ADDRESSES = ("127.0.0.1", "10.9.8.7")


def _forget_attempts(page):
    # Only this page's counters: the cache may be a Redis shared with other runs.
    cache.delete_many([page_password_key(page.pk, address) for address in ADDRESSES])


@pytest.fixture
def protected(tree):
    page = factories.resource(tree["resources"], "Workshop handouts")
    _forget_attempts(page)
    document = Document(title="Handout")
    document.file.save("handout.txt", ContentFile(b"handout text"), save=False)
    document.save()
    ResourceDocument.objects.create(page=page, document=document)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="ganja-2026"
    )
    yield {"page": page, "document": document, "restriction": restriction}
    _forget_attempts(page)


def _action(protected):
    r, page = protected["restriction"], protected["page"]
    return f"/en/_util/authenticate_with_password/{r.pk}/{page.pk}/"


def _try(client, protected, password):
    return client.post(
        _action(protected), {"password": password, "return_url": protected["page"].url}
    )


@override_settings(PAGE_PASSWORD_THROTTLE_ATTEMPTS=3, PAGE_PASSWORD_THROTTLE_WINDOW=600)
def test_wrong_page_passwords_are_throttled_with_a_message(client, protected):
    page_html = client.get(protected["page"].url).content.decode()
    assert _action(protected) in page_html  # the page's form posts to the throttled address
    for _n in range(3):
        assert _try(client, protected, "guess").status_code == 200
    blocked = _try(client, protected, "guess")
    assert blocked.status_code == 429
    assert "Too many wrong passwords for this page" in blocked.content.decode()
    # Past the limit even the right password waits: guessing gains nothing.
    assert _try(client, protected, "ganja-2026").status_code == 429
    # Another page, or another address, is not blocked.
    other = client.post(
        _action(protected),
        {"password": "ganja-2026", "return_url": protected["page"].url},
        REMOTE_ADDR="10.9.8.7",
    )
    assert other.status_code == 302


@override_settings(PAGE_PASSWORD_THROTTLE_ATTEMPTS=3)
def test_the_throttle_message_is_translated(client, protected):
    for _n in range(3):
        client.post(
            _action(protected).replace("/en/", "/ru/"),
            {"password": "guess", "return_url": "/"},
        )
    blocked = client.post(
        _action(protected).replace("/en/", "/ru/"), {"password": "guess", "return_url": "/"}
    )
    assert blocked.status_code == 429
    assert 'lang="ru"' in blocked.content.decode()


def test_right_password_opens_the_page_and_its_documents(client, protected):
    document = protected["document"]
    assert client.get(document.url).status_code == 404
    assert _try(client, protected, "wrong").status_code == 200
    assert client.get(document.url).status_code == 404
    response = _try(client, protected, "ganja-2026")
    assert response.status_code == 302
    assert client.get(protected["page"].url).status_code == 200
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"handout text"


def test_document_linked_in_rich_text_of_a_protected_page_is_protected(client, tree):
    import json

    document = Document(title="Linked notes")
    document.file.save("linked.txt", ContentFile(b"linked"), save=False)
    document.save()
    page = factories.resource(tree["resources"], "Notes page")
    page.body = json.dumps(
        [{"type": "paragraph", "value": f'<p><a linktype="document" id="{document.pk}">notes</a></p>'}]
    )
    page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="pw-12345"
    )
    assert client.get(document.url).status_code == 404
