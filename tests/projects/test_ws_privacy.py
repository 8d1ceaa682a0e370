"""The project's room over WebSocket: members talk in real time; outsiders get an error and nothing."""

import pytest

from tests.community.ws_support import (
    db,
    expect,
    nothing_more,
    open_socket,
    post,
    posted,
    send,
    subscribe,
)

from . import factories as f

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    from django.core.cache import cache

    cache.clear()


def _world():
    project, founder, partner = f.two_school_project(title="Secret river study")
    outsider = f.teacher("Outsider", school_obj=f.school("School X"))
    return project, founder, partner, outsider


async def test_outsider_cannot_subscribe_or_post_and_hears_nothing():
    project, founder, partner, outsider = await db(_world)()
    a, b, o = await open_socket(founder), await open_socket(partner), await open_socket(outsider)
    await subscribe(a, project.room_id)
    await subscribe(b, project.room_id)
    await send(o, {"type": "subscribe", "room": project.room_id, "since": 0})
    error = await expect(o, "error")
    assert error["code"] == "not_found"
    assert "Secret" not in str(error)
    await post(o, project.room_id, "let me in", "o-1")
    assert (await expect(o, "error"))["code"] in ("not_found", "forbidden")

    await post(a, project.room_id, "Plan for Monday", "a-1")
    await posted(a)
    frame = await expect(b, "message")
    assert "Plan for Monday" in frame["message"]["body_html"]
    assert await nothing_more(o)
    for ws in (a, b, o):
        await ws.disconnect()


async def test_archived_project_room_refuses_posts():
    project, founder, partner, _outsider = await db(_world)()

    def archive():
        from projects import services

        services.project_archive(actor=founder, project=project)

    await db(archive)()
    b = await open_socket(partner)
    await subscribe(b, project.room_id)  # members still read
    await post(b, project.room_id, "too late", "b-1")
    assert (await expect(b, "error"))["code"] in ("locked", "forbidden")
    await b.disconnect()
