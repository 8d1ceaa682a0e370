"""A socket speaks the language of the page that opened it: its errors and its live announcements."""

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.utils import translation

from tests.community.ws_support import ORIGIN, db, expect, make_user, send, session_key

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def socket(path="/ws/", user=None, cookie_language=None):
    from config.asgi import application

    cookies = []
    if user is not None:
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={await db(session_key)(user)}")
    if cookie_language:
        cookies.append(f"{settings.LANGUAGE_COOKIE_NAME}={cookie_language}")
    headers = [ORIGIN] + ([(b"cookie", "; ".join(cookies).encode())] if cookies else [])
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


def _translated(language, text):
    with translation.override(language):
        shown = translation.gettext(text)
    assert shown != text  # the catalogue has it: the test can tell the languages apart
    return shown


SIGN_IN = "Sign in to take part in discussions."


async def _error_text(ws):
    await send(ws, {"type": "post", "room": 1, "body": "Salam", "client_id": "c1"})
    return (await expect(ws, "error"))["detail"]


async def test_an_anonymous_sockets_errors_are_in_its_pages_language():
    ws = await socket("/ws/?lang=ru")
    assert await _error_text(ws) == _translated("ru", SIGN_IN)
    await ws.disconnect()
    ws = await socket("/ws/", cookie_language="az")  # no ?lang=: the language cookie
    assert await _error_text(ws) == _translated("az", SIGN_IN)
    await ws.disconnect()
    ws = await socket("/ws/?lang=xx")  # not an offered language: the site's default
    assert await _error_text(ws) == SIGN_IN
    await ws.disconnect()


def _invite(guest):
    from community.discussions.services.communities import community_create
    from community.discussions.services.memberships import membership_invite

    owner = make_user("Aysel")
    community = community_create(user=owner, name="Kənd müəllimləri", visibility="public")
    membership_invite(actor=owner, community=community, user=guest)
    return owner


def _set_language(user, language):
    user.profile.interface_language = language
    user.profile.save(update_fields=["interface_language"])


async def test_each_open_tab_announces_a_notification_in_its_own_pages_language():
    guest = await db(make_user)("Dana")
    await db(_set_language)(guest, "az")
    russian_tab = await socket("/ws/?lang=ru", user=guest)
    kazakh_tab = await socket("/ws/?lang=kk", user=guest)
    unnamed_tab = await socket("/ws/", user=guest)  # an old page without ?lang=: the profile's
    await db(_invite)(guest)
    titles = {}
    for name, ws in (("ru", russian_tab), ("kk", kazakh_tab), ("az", unnamed_tab)):
        titles[name] = (await expect(ws, "notification"))["notification"]["title"]
        await ws.disconnect()
    assert "приглашает" in titles["ru"]
    assert "приглашает" not in titles["kk"] and "Kənd müəllimləri" in titles["kk"]
    assert "dəvət" in titles["az"]
    assert len(set(titles.values())) == 3
