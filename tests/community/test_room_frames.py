"""Server → client frames: every frame a service or the consumer sends matches the one schema
(community/realtime/frames.py), and the room page's script handles every type in it."""

import json
import re

import pytest

from community.realtime import frames
from tests.community.moderation_factories import World, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    """Every frame the services hand to the channel layer (after commit), decoded."""
    from community.realtime import events

    captured = []

    def record(group, event):
        if "text" in event:
            captured.append(json.loads(event["text"]))
        elif "frame" in event:
            captured.append(event["frame"])

    monkeypatch.setattr(events, "send_event", record)
    return captured


def test_every_frame_the_services_send_matches_the_schema(
    sent, django_capture_on_commit_callbacks, settings
):
    from community.discussions.models import Room
    from community.discussions.services import (
        message_delete,
        message_edit,
        message_post,
        reaction_toggle,
        read_mark,
    )
    from community.discussions.services.notifications import notification_create
    from community.moderation import services as moderation

    settings.DISCUSSIONS_POSTS_PER_MINUTE = 100
    world = World()
    mod = world.moderator
    room = world.room
    with django_capture_on_commit_callbacks(execute=True):
        message, _ = message_post(user=world.member, room=room, body="Hello *all*", client_id="f-1")
        message_edit(user=world.member, message_id=message.pk, body="Hello everyone")
        reaction_toggle(user=world.author, message_id=message.pk, emoji="👍")
        read_mark(user=world.author, room_id=room.pk, upto=message.seq)
        moderation.message_pin(actor=mod, message_id=message.pk)
        moderation.message_unpin(actor=mod, message_id=message.pk)
        moderation.message_hide(actor=mod, message_id=message.pk, reason="Off topic")
        moderation.message_restore(actor=mod, message_id=message.pk)
        moderation.message_remove(actor=mod, message_id=world.message.pk, reason="Spam")
        message_delete(user=world.member, message_id=message.pk)
        held = post(room, world.author, "Waiting", status="held")
        moderation.held_post_approve(actor=mod, message_id=held.pk)
        refused = post(room, world.author, "Not this", status="held")
        moderation.held_post_refuse(actor=mod, message_id=refused.pk, reason="Off topic")
        for action, extra in (
            ("warn", {}),
            ("mute", {"minutes": 10}),
            ("unmute", {}),
            ("ban", {}),
            ("unban", {}),
        ):
            moderation.moderate(
                actor=mod,
                action=action,
                reason="Be kind",
                member=world.member.pk,
                community=world.community.pk,
                **extra,
            )
        moderation.room_lock(actor=mod, room_id=room.pk, reason="Exams")
        moderation.room_unlock(actor=mod, room_id=room.pk)
        moderation.room_slow_mode(actor=mod, room_id=room.pk, seconds=30, reason="Busy")
        notification_create(recipient=world.author, kind="reply", title="A reply", url="/")
    assert Room.objects.get(pk=room.pk).slow_mode_seconds == 30
    kinds = {frame["type"] for frame in sent}
    expected = {
        "message", "edited", "deleted", "reaction", "hidden", "restored", "pinned",
        "room_state", "sanction", "post_refused", "read", "notification",
    }  # fmt: skip
    assert expected <= kinds, f"not sent: {expected - kinds}"
    for frame in sent:
        assert frames.frame_problems(frame) == [], frame
    sanctions = {frame["action"] for frame in sent if frame["type"] == "sanction"}
    assert sanctions == frames.SANCTION_ACTIONS


def test_the_frames_the_consumer_builds_match_the_schema():
    from community.discussions import frame_handlers
    from community.moderation.frames import handle_moderate
    from community.realtime import presence, protocol

    world = World()
    ack = frame_handlers.post(
        user=world.member,
        frame={"type": "post", "room": world.room.pk, "client_id": "f-2", "body": "Hi"},
    )
    backlog = frame_handlers.backlog(world.member, world.room, 0)
    moderated = handle_moderate(
        user=world.moderator,
        frame={"type": "moderate", "action": "pin", "message": world.message.pk},
    )
    built = [
        *ack,
        backlog,
        *moderated,
        presence.presence_frame(world.community.pk, [{"id": 1, "name": "Aysel"}]),
        protocol.error_frame("invalid", "Bad", ref="body"),
        {"type": "pong"},
    ]
    assert len(backlog["messages"]) == 2
    for frame in built:
        assert frames.frame_problems(frame) == [], frame


def test_a_frame_off_the_schema_is_caught():
    assert frames.frame_problems({"type": "surprise"}) == ["unknown frame type 'surprise'"]
    problems = frames.frame_problems({"type": "read", "room": 1, "upto": "3", "unread": 0, "x": 1})
    assert problems == ["read: 'upto' is str", "read: unexpected field 'x'"]


def test_room_js_handles_every_frame_type():
    from django.conf import settings

    script = (settings.BASE_DIR / "static" / "js" / "room.js").read_text()
    handled = set(re.findall(r'case "(\w+)":', script))
    missing = set(frames.SERVER_FRAMES) - handled
    assert not missing, f"room.js has no handler for: {sorted(missing)}"
