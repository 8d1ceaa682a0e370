"""What a viewer may do with a message, decided once (permissions.message_actions) and shown as
exactly those controls: the author, another member, the community's moderator, a visitor and a
pupil, each on a published, a held, a hidden and a deleted message."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from community.discussions import permissions as p
from community.errors import ActionError
from community.models import User

from . import discussions_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db

ACTIONS = ("reply", "react", "edit", "delete", "moderate", "report")
NOTHING = {"see_body": False}


@pytest.fixture
def room_world():
    owner = f.user()  # the community's moderator
    community = f.community(owner=owner)
    author, other = f.user(), f.user()
    f.member(community, author)
    f.member(community, other)
    room = f.room(community)
    now = timezone.now()
    messages = {
        "published": f.message(room, author, "Out in the open"),
        "held": f.message(room, author, "Waiting here", status="held", held_reason="review"),
        "hidden": f.message(
            room, author, "Taken down", hidden_at=now, hidden_by=owner, hidden_reason="Spam"
        ),
        "deleted": f.message(room, author, "", deleted_at=now),
    }
    viewers = {"author": author, "other": other, "moderator": owner, "visitor": AnonymousUser()}
    return room, viewers, messages


def allowed(actions):
    names = {name for name in ACTIONS if getattr(actions, name)}
    return names | ({"see_body"} if actions.see_body else set())


#: role → message → what they may do; None: the message does not exist for them
EXPECTED = {
    "author": {
        "published": {"see_body", "reply", "react", "edit", "delete"},
        "held": {"see_body", "edit", "delete"},
        "hidden": {"see_body", "delete"},
        "deleted": set(),
    },
    "other": {
        "published": {"see_body", "reply", "react", "report"},
        "held": None,
        "hidden": {"report"},
        "deleted": set(),
    },
    "moderator": {
        "published": {"see_body", "reply", "react", "moderate", "report"},
        "held": {"see_body", "moderate", "report"},
        "hidden": {"moderate", "report"},
        "deleted": set(),
    },
    "visitor": {"published": {"see_body"}, "held": None, "hidden": set(), "deleted": set()},
}


def actions_of(viewer, room, message):
    """As a page computes them: the message through the access layer, the caps once per room."""
    try:
        seen = p.access_message(viewer, message.pk)
    except ActionError as error:
        assert error.code == "not_found"
        return None
    return allowed(p.message_actions(seen, room_caps=p.viewer_room_caps(viewer, room)))


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_may_do_exactly_this_with_each_kind_of_message(room_world, role):
    room, viewers, messages = room_world
    got = {kind: actions_of(viewers[role], room, m) for kind, m in messages.items()}
    assert got == EXPECTED[role]


def test_a_muted_member_reads_and_reports_but_neither_replies_nor_reacts(room_world):
    from datetime import timedelta

    from community.discussions.models import Membership

    room, viewers, messages = room_world
    Membership.objects.filter(user=viewers["other"]).update(
        muted_until=timezone.now() + timedelta(hours=1)
    )
    other = User.objects.get(pk=viewers["other"].pk)
    assert actions_of(other, room, messages["published"]) == {"see_body", "report"}


def controls_on_page(html):
    """message id → the controls its entry on the page offers ('see_body' when its text shows)."""
    soup = BeautifulSoup(html, "html.parser")
    shown = {}
    for li in soup.select("li.dc-message[data-message-id]"):
        actions = li.select_one('[data-part="actions"]')
        names = {
            name
            for name in ACTIONS
            if actions is not None and actions.select_one(f'[data-part="{name}"]') is not None
        }
        if li.select_one('[data-part="body"]') is not None:
            names.add("see_body")
        shown[int(li["data-message-id"])] = names
    return shown


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_the_room_page_shows_exactly_those_controls(client, room_world, role):
    room, viewers, messages = room_world
    if role != "visitor":
        client.force_login(viewers[role])
    page = client.get(reverse("discussions:room", args=[room.pk]))
    assert page.status_code == 200
    shown = controls_on_page(page.content.decode())
    expected = {
        messages[kind].pk: wanted for kind, wanted in EXPECTED[role].items() if wanted is not None
    }
    assert shown == expected


def test_the_page_carries_the_viewers_room_caps_for_the_live_client(client, room_world):
    room, viewers, _messages = room_world
    client.force_login(viewers["moderator"])
    soup = BeautifulSoup(
        client.get(reverse("discussions:room", args=[room.pk])).content, "html.parser"
    )
    box = soup.select_one("[data-room-id]")
    caps = p.viewer_room_caps(viewers["moderator"], room)
    assert box["data-user-id"] == str(caps.user_id)
    assert (box["data-can-post"], box["data-moderator"], box["data-pupil"]) == (
        "true",
        "true",
        "false",
    )
    assert box["data-edits-frozen"] == "false"


# --- a pupil, in their pre-moderated project's room ---------------------------------------------


def test_a_pupil_reacts_and_replies_but_never_reports_and_keeps_an_approved_post(client):
    from tests.projects.test_pupils import classes

    project, founder, _partner, _own, aziz, leyla, _dana = classes()
    room = project.room
    pupil, classmate = (User.objects.get(pk=x.user_id) for x in (aziz, leyla))
    now = timezone.now()
    messages = {
        "teacher's": f.message(room, founder, "Bring a leaf tomorrow"),
        "classmate's hidden": f.message(room, classmate, "Silly", hidden_at=now, hidden_by=founder),
        "own approved": f.message(room, pupil, "I found an oak leaf"),
        "own held": f.message(room, pupil, "And a maple one", status="held", held_reason="pupil"),
        "own deleted": f.message(room, pupil, "", deleted_at=now),
    }
    expected = {
        "teacher's": {"see_body", "reply", "react"},
        "classmate's hidden": set(),
        "own approved": {"see_body", "reply", "react", "delete"},  # approved: kept as approved
        "own held": {"see_body", "edit", "delete"},
        "own deleted": set(),
    }
    got = {kind: actions_of(pupil, room, m) for kind, m in messages.items()}
    assert got == expected
    client.force_login(pupil)
    page = client.get(reverse("projects:workspace", args=[project.pk]))
    assert page.status_code == 200
    shown = controls_on_page(page.content.decode())
    assert shown == {messages[kind].pk: wanted for kind, wanted in expected.items()}
