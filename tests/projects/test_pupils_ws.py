"""Pupils over the socket: their project's room only; a held post reaches the teachers, not the
other pupils; removal or closing the project ends the pupil's access at once, sockets included."""

import json

import pytest

from community.realtime import protocol
from tests.community.ws_support import (
    db,
    expect,
    make_room,
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
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


def _world():
    from community.models import User
    from projects import services

    project, founder, partner = f.two_school_project(title="Rivers of two regions")
    own = services.pupil_class_create(actor=founder, project=project, name="5B")
    aziz, leyla = services.pupils_add(actor=founder, pupil_class=own, text="Aziz K 5\nLeyla M 5")
    lounge = make_room(title="Teachers' lounge", members=[founder])
    return (
        project,
        founder,
        partner,
        aziz,
        User.objects.get(pk=aziz.user_id),
        User.objects.get(pk=leyla.user_id),
        lounge,
    )


async def _closed(ws, timeout=10):
    """The close code the server sent, skipping frames that were already on their way."""
    while True:
        output = await ws.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return output.get("code")


async def test_a_pupil_subscribes_to_the_project_room_only_and_cannot_write_directly():
    project, founder, _partner, _aziz, aziz_user, _leyla, lounge = await db(_world)()
    ws = await open_socket(aziz_user)
    await subscribe(ws, project.room_id)
    await send(ws, {"type": "subscribe", "room": lounge.pk, "since": 0})
    assert (await expect(ws, "error"))["code"] == "not_found"
    await post(ws, lounge.pk, "hello teachers", "p-1")
    assert (await expect(ws, "error"))["code"] in ("not_found", "forbidden")
    await ws.disconnect()


async def test_a_held_pupil_post_reaches_the_teachers_live_and_not_the_other_pupils():
    project, founder, partner, _aziz, aziz_user, leyla_user, _lounge = await db(_world)()
    teacher_a, teacher_b = await open_socket(founder), await open_socket(partner)
    pupil_a, pupil_b = await open_socket(aziz_user), await open_socket(leyla_user)
    for ws in (teacher_a, teacher_b, pupil_a, pupil_b):
        await subscribe(ws, project.room_id)
    await post(pupil_a, project.room_id, "We saw a heron", "p-2")
    frames = []
    while len(frames) < 2:
        frame = json.loads(await pupil_a.receive_from(timeout=10))
        if frame["type"] not in ("presence", "typing"):
            frames.append(frame)
    ack = next(frame for frame in frames if frame["type"] == "ack")
    assert ack["message"]["status"] == "held" and ack["message"]["held_for"] == "teacher"
    # The pupil's own copy names the post's client_id, as the ack does: whichever reaches the
    # tab first replaces the "Sending…" line, so the post never shows twice.
    own = next(frame for frame in frames if frame["type"] == "message")
    assert own["message"]["id"] == ack["message"]["id"]
    assert own["message"]["client_id"] == "p-2"
    for teacher in (teacher_a, teacher_b):
        frame = await expect(teacher, "message")
        assert "heron" in frame["message"]["body_html"]
        assert frame["message"]["author"]["pupil"] is True
        assert frame["message"]["author"]["url"] is None  # a pupil has no profile to link to
    assert await nothing_more(pupil_b)

    def approve():
        from community.discussions.models import Message
        from projects import services

        message = Message.objects.get(body="We saw a heron")
        services.pupil_post_decide(actor=founder, message_id=message.pk, approve=True)

    await db(approve)()
    frame = await expect(pupil_b, "message")
    assert "heron" in frame["message"]["body_html"]
    for ws in (teacher_a, teacher_b, pupil_a, pupil_b):
        await ws.disconnect()


async def test_removing_a_pupil_closes_their_socket_at_once():
    project, founder, _partner, aziz, aziz_user, _leyla, _lounge = await db(_world)()
    teacher = await open_socket(founder)
    pupil = await open_socket(aziz_user)
    await subscribe(teacher, project.room_id)
    await subscribe(pupil, project.room_id)

    def remove():
        from projects import services
        from projects.models import Pupil

        services.pupil_remove(actor=founder, pupil=Pupil.objects.get(pk=aziz.pk))

    await db(remove)()
    assert await _closed(pupil) == protocol.CLOSE_SESSION_ENDED
    # the teacher's socket stays and still works
    await post(teacher, project.room_id, "Still here", "t-1")
    await posted(teacher)
    await teacher.disconnect()


async def test_a_new_card_closes_the_pupils_socket():
    project, founder, _partner, aziz, aziz_user, _leyla, _lounge = await db(_world)()
    pupil = await open_socket(aziz_user)
    await subscribe(pupil, project.room_id)  # as the room page does: the socket is fully set up

    def reset():
        from projects import services
        from projects.models import Pupil

        services.pupil_reset_card(actor=founder, pupil=Pupil.objects.get(pk=aziz.pk))

    await db(reset)()
    assert await _closed(pupil) == protocol.CLOSE_SESSION_ENDED


async def test_closing_the_project_drops_the_pupils_room_and_refuses_it_again():
    project, founder, _partner, _aziz, aziz_user, _leyla, _lounge = await db(_world)()
    pupil = await open_socket(aziz_user)
    await subscribe(pupil, project.room_id)

    def complete():
        from projects import services

        services.project_complete(actor=founder, project=project, final_report="Done together.")

    await db(complete)()
    frame = json.loads(await pupil.receive_from(timeout=10))
    while frame["type"] in ("presence", "typing"):
        frame = json.loads(await pupil.receive_from(timeout=10))
    assert frame["type"] == "error" and frame["code"] == "forbidden"
    await send(pupil, {"type": "subscribe", "room": project.room_id, "since": 0})
    assert (await expect(pupil, "error"))["code"] == "not_found"
    await pupil.disconnect()
