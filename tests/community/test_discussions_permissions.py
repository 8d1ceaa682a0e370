"""Who may see, read, post and moderate: visitor, unverified, member, banned, muted, outsider, ambassador, staff."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from community.discussions import permissions as p
from community.errors import ActionError
from community.models import Ambassadorship

from . import discussions_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db


def fresh(user):
    p.forget_memberships(user)
    return user


@pytest.fixture
def people():
    region = f.a_region()
    owner = f.user()
    public = f.community(owner=owner, region=region)
    private = f.community(owner=owner, visibility="private", region=region)
    member = f.user()
    f.member(public, member)
    f.member(private, member)
    unverified = f.user(verified=False)
    f.member(public, unverified)
    banned = f.user()
    f.member(public, banned, state="banned")
    f.member(private, banned, state="banned")
    muted = f.user()
    f.member(public, muted, muted_until=timezone.now() + timedelta(hours=1))
    outsider = f.user()
    ambassador = f.user()
    Ambassadorship.objects.create(user=ambassador, region=region)
    staff = f.user(staff=True)
    return {
        "region": region,
        "public": public,
        "private": private,
        "owner": owner,
        "member": member,
        "unverified": unverified,
        "banned": banned,
        "muted": muted,
        "outsider": outsider,
        "ambassador": ambassador,
        "staff": staff,
        "visitor": AnonymousUser(),
    }


@pytest.mark.parametrize(
    "who,view_private,read_public,read_private,post_public,moderate",
    [
        ("visitor", False, True, False, False, False),
        ("unverified", False, True, False, False, False),
        ("member", True, True, True, True, False),
        ("banned", False, False, False, False, False),
        ("muted", False, True, False, False, False),
        ("outsider", False, True, False, False, False),
        ("ambassador", True, True, True, True, True),
        ("staff", True, True, True, True, True),
        ("owner", True, True, True, True, True),
    ],
)
def test_matrix(people, who, view_private, read_public, read_private, post_public, moderate):
    user = people[who]
    if user.is_authenticated:
        fresh(user)
    public_room, private_room = f.room(people["public"]), f.room(people["private"])
    assert p.can_view_community(user, people["private"]) is view_private
    assert p.can_read_room(user, public_room) is read_public
    assert p.can_read_room(user, private_room) is read_private
    assert p.can_post_in_room(user, public_room) is post_public
    assert p.can_moderate_community(user, people["public"]) is moderate


def test_refusal_reasons(people):
    room = f.room(people["public"])
    assert p.post_refusal(people["visitor"], room).code == "forbidden"
    assert p.post_refusal(people["unverified"], room).code == "forbidden"
    assert p.post_refusal(people["banned"], room).code == "banned"
    refusal = p.post_refusal(people["muted"], room)
    assert refusal.code == "muted" and "left" in refusal.detail
    assert p.post_refusal(people["outsider"], room).detail == "Join the community to post."


def test_locked_room_only_moderators_post(people):
    room = f.room(people["public"])
    room.is_locked = True
    room.save()
    assert p.post_refusal(people["member"], room).code == "locked"
    assert p.can_post_in_room(people["owner"], room)


def test_the_access_layer_answers_not_found_for_private_and_missing(people):
    private_room = f.room(people["private"])
    for who in ("visitor", "outsider", "banned"):
        user = fresh(people[who]) if people[who].is_authenticated else people[who]
        for call in (
            lambda user=user: p.access_room(user, private_room.pk),
            lambda user=user: p.access_community(user, slug=people["private"].slug),
        ):
            with pytest.raises(ActionError) as caught:
                call()
            assert caught.value.code == "not_found"
    for garbage in (999999, "nonsense"):
        with pytest.raises(ActionError) as caught:
            p.access_room(people["member"], garbage)
        assert caught.value.code == "not_found"
    assert p.access_room(people["member"], private_room.pk) == private_room


def test_teacher_of_the_region_may_see_and_ask_but_not_read(people):
    local = f.user(region=people["region"])
    assert p.can_view_community(local, people["private"])
    assert p.can_request_to_join(local, people["private"])
    assert not p.can_see_community_content(local, people["private"])
    assert not p.can_read_room(local, f.room(people["private"]))


def test_project_rooms_use_the_registered_rule(people):
    from community.discussions.models import Room

    room = Room.objects.create(kind="test-owner", owner_id=1, title="Project room")
    assert not p.can_read_room(people["member"], room)
    p.register_room_access(
        "test-owner", read=lambda user, r: user.pk == people["member"].pk, post=lambda user, r: True
    )
    try:
        assert p.can_read_room(people["member"], room)
        assert not p.can_read_room(people["outsider"], room)
        assert p.can_post_in_room(people["member"], room)
        assert not p.can_post_in_room(people["unverified"], room)
    finally:
        p._room_access.pop("test-owner", None)
