"""Over a real socket: an anonymous reader of a public room never gets a self-registered teacher's address."""

import json

import pytest
from django.utils import timezone

from tests.community.ws_support import db, expect, make_room, open_socket, post, posted, subscribe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "gulnar.aliyeva@example.az"


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    from django.core.cache import cache

    cache.clear()
    settings.POST_REVIEWERS = []
    settings.DISCUSSIONS_POSTS_PER_MINUTE = 100


def self_registered():
    from community import services

    user = services.user_sign_up(
        email=EMAIL, display_name="Gülnar Əliyeva", password="birch-lantern-harbour"
    )
    user.email_confirmed = True
    user.verified_at = timezone.now()
    user.save()
    return user


def leaks(frame):
    text = json.dumps(frame, ensure_ascii=False)
    return EMAIL in text or EMAIL.split("@")[0] in text


async def test_live_frames_and_the_backlog_of_an_anonymous_socket_carry_the_handle_only():
    gulnar = await db(self_registered)()
    room = await db(make_room)(visibility="public", members=[gulnar])
    author, reader = await open_socket(gulnar), await open_socket()
    await subscribe(author, room.pk)
    await subscribe(reader, room.pk)

    await post(author, room.pk, "Salam, @gülnar-əliyeva here", "c-1")
    ack = await posted(author)
    live = await expect(reader, "message")
    assert live["message"]["author"]["username"] == "gülnar-əliyeva"
    assert not leaks(ack) and not leaks(live)

    late = await open_socket()
    backlog = await subscribe(late, room.pk, since=0)
    assert [m["id"] for m in backlog["messages"]] == [live["message"]["id"]]
    assert backlog["messages"][0]["author"]["username"] == "gülnar-əliyeva"
    assert not leaks(backlog)
    for socket in (author, reader, late):
        await socket.disconnect()
