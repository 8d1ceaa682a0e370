"""Small factories for the moderation tests: a region, a community with a room, people in every role."""

import itertools
from datetime import timedelta

from django.utils import timezone

_n = itertools.count(1)


def person(name="Teacher", *, verified=True, confirmed=True, staff=False, region=None, days_old=60):
    from community.models import Profile, School, User

    n = next(_n)
    user = User.objects.create(
        username=f"mod{n}",
        email=f"mod{n}@example.org",
        email_confirmed=confirmed,
        verified_at=timezone.now() if verified else None,
        is_staff=staff,
        is_superuser=staff,
        date_joined=timezone.now() - timedelta(days=days_old),
    )
    school = None
    if region is not None:
        school, _ = School.objects.get_or_create(region=region, name=f"School {region.pk}")
    Profile.objects.update_or_create(
        user=user, defaults={"display_name": f"{name} {n}", "school": school}
    )
    return user


def region(name=None):
    from community.models import Country, Region

    country, _ = Country.objects.get_or_create(code="AZ", defaults={"name": "Azerbaijan"})
    return Region.objects.create(country=country, name=name or f"Region {next(_n)}")


def community(*, region=None, visibility="public"):
    from community.discussions.models import Community, Room

    n = next(_n)
    c = Community.objects.create(
        name=f"Circle {n}", slug=f"circle-{n}", visibility=visibility, region=region
    )
    Room.objects.create(community=c, title=f"Staff room {n}")
    return c


def join(community, user, *, role="member", state="active"):
    from community.discussions.models import Membership

    return Membership.objects.create(
        community=community, user=user, role=role, state=state, joined_at=timezone.now()
    )


def post(room, author, body="Hello colleagues", *, status="published"):
    from community.discussions.models import Message, Room

    room = Room.objects.get(pk=room.pk)
    seq = room.last_seq + 1
    Room.objects.filter(pk=room.pk).update(last_seq=seq)
    return Message.objects.create(
        room=room, seq=seq, author=author, body=body, body_html=f"<p>{body}</p>", status=status
    )


def ambassador_of(region_obj, user):
    from community.models import Ambassadorship

    Ambassadorship.objects.create(user=user, region=region_obj)
    user.__dict__.pop("_ambassador_region_ids", None)
    return user


class World:
    """A region, a community in it with a room, another community, and one person per role."""

    def __init__(self):
        self.region = region()
        self.community = community(region=self.region)
        self.room = self.community.rooms.get()
        self.other = community(region=region())
        self.visitor = None
        self.unverified = person("Unverified", verified=False)
        join(self.community, self.unverified)
        self.member = person("Member")
        join(self.community, self.member)
        self.other_moderator = person("OtherMod")
        join(self.other, self.other_moderator, role="moderator")
        self.moderator = person("Moderator")
        join(self.community, self.moderator, role="moderator")
        self.ambassador = ambassador_of(self.region, person("Ambassador"))
        self.staff = person("Staff", staff=True)
        self.author = person("Author")
        join(self.community, self.author)
        self.message = post(self.room, self.author, "A message to moderate")

    def role(self, name):
        return getattr(self, name)


ROLES = ["visitor", "unverified", "member", "other_moderator", "moderator", "ambassador", "staff"]
ALLOWED = {"moderator", "ambassador", "staff"}
