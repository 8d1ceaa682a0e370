"""The access layer: one answer for a missing thing and a private one, on every transport.

An outsider asking for a private community, its room or a message in it gets the very same
`not_found` as for an id that never existed (or one that is not a number), so nothing tells
them it is there; someone who sees the thing but may not do what they ask gets `forbidden`
with a sentence. `http_errors` turns those into the 404 and 403 a browser gets.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from community.discussions import permissions as p
from community.errors import ActionError, http_errors

from . import discussions_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner = f.user()
    private = f.community(owner=owner, visibility="private")
    public = f.community(owner=owner)
    member, outsider = f.user(), f.user()
    f.member(private, member)
    f.member(public, member)
    room = f.room(private)
    return {
        "owner": owner,
        "member": member,
        "outsider": outsider,
        "private": private,
        "public": public,
        "room": room,
        "message": f.message(room, owner, "Only for us"),
        "held": f.message(f.room(public), member, "Waiting", status="held"),
    }


def refusal(call):
    with pytest.raises(ActionError) as caught:
        call()
    return caught.value.code, caught.value.detail


@pytest.mark.parametrize("who", ["outsider", "visitor"])
def test_a_private_thing_answers_like_a_missing_one(world, who):
    user = AnonymousUser() if who == "visitor" else world[who]
    pairs = [
        (
            lambda: p.access_community(user, world["private"].pk),
            lambda: p.access_community(user, 10**9),
        ),
        (
            lambda: p.access_community(user, slug=world["private"].slug),
            lambda: p.access_community(user, slug="nope"),
        ),
        (lambda: p.access_room(user, world["room"].pk), lambda: p.access_room(user, 10**9)),
        (
            lambda: p.access_message(user, world["message"].pk),
            lambda: p.access_message(user, 10**9),
        ),
    ]
    for private, missing in pairs:
        assert refusal(private) == refusal(missing)
        assert refusal(private)[0] == "not_found"
    for garbage in ["abc", None, True, [], "1; drop"]:
        assert refusal(lambda g=garbage: p.access_room(user, g))[0] == "not_found"


def test_a_member_gets_the_thing_and_forbidden_for_what_they_may_not_do(world):
    member = world["member"]
    assert p.access_community(member, world["private"].pk) == world["private"]
    assert p.access_room(member, str(world["room"].pk)) == world["room"]
    assert p.access_message(member, world["message"].pk).body == "Only for us"
    code, detail = refusal(lambda: p.access_room(member, world["room"].pk, need="moderate"))
    assert code == "forbidden" and detail
    assert (
        refusal(lambda: p.access_message(member, world["message"].pk, need="edit"))[0]
        == "forbidden"
    )
    assert (
        refusal(lambda: p.access_message(member, world["message"].pk, need="delete"))[0]
        == "forbidden"
    )
    owner = world["owner"]
    assert p.access_room(owner, world["room"].pk, need="moderate") == world["room"]
    assert p.access_message(owner, world["message"].pk, need="delete") == world["message"]


def test_a_held_post_exists_only_for_its_author_and_moderators(world):
    held = world["held"]
    assert refusal(lambda: p.access_message(world["outsider"], held.pk)) == refusal(
        lambda: p.access_message(world["outsider"], 10**9)
    )
    assert p.access_message(world["member"], held.pk) == held
    assert p.access_message(world["owner"], held.pk, need="moderate") == held


def test_http_errors_turns_refusals_into_404_and_403(world):
    request = RequestFactory().get("/")
    request.user = world["member"]

    @http_errors
    def view(request, room_id, need="read"):
        p.access_room(request.user, room_id, need=need)
        return HttpResponse("ok")

    assert view(request, world["room"].pk).content == b"ok"
    with pytest.raises(Http404):
        view(request, 10**9)
    with pytest.raises(PermissionDenied):
        view(request, world["room"].pk, need="moderate")


def test_staff_reach_a_direct_message_to_moderate_it_but_never_read_it():
    """A reported direct message is acted on by staff, who still do not read the conversation."""
    from community.discussions import services

    aysel, bakyt, staff = f.user(), f.user(), f.user(staff=True)
    conversation, message = services.conversation_start(
        user=aysel, recipients=[bakyt], body="Between us", client_id="dm-1"
    )
    assert p.access_message(staff, message.pk, need="moderate") == message
    assert p.access_room(staff, conversation.room_id, need="moderate") == conversation.room
    assert refusal(lambda: p.access_message(staff, message.pk)) == refusal(
        lambda: p.access_message(staff, 10**9)
    )
    assert refusal(lambda: p.access_room(staff, conversation.room_id)) == refusal(
        lambda: p.access_room(staff, 10**9)
    )
    # a member of the conversation reads it, and is told they do not moderate it
    assert p.access_message(bakyt, message.pk) == message
    assert refusal(lambda: p.access_message(bakyt, message.pk, need="moderate"))[0] == "forbidden"
    # anyone else: as if it did not exist, whatever they ask for
    outsider = f.user()
    assert refusal(lambda: p.access_message(outsider, message.pk, need="moderate")) == refusal(
        lambda: p.access_message(outsider, 10**9, need="moderate")
    )
