"""Small factories for communities, rooms and messages (discussions tests)."""

import itertools

from django.utils import timezone

from community.discussions.models import Community, Membership, Message, Room
from community.models import Language, Profile, Region, User

_seq = itertools.count(1)


def user(
    *,
    username=None,
    name=None,
    verified=True,
    confirmed=True,
    staff=False,
    region=None,
    **profile_fields,
):
    n = next(_seq)
    username = username or f"teacher{n}"
    account = User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="a-long-test-passphrase-42",
        email_confirmed=confirmed,
        is_staff=staff,
    )
    if verified:
        account.verified_at = timezone.now()
        account.save(update_fields=["verified_at"])
    school = None
    if region is not None:
        from community.models import School

        school = School.objects.create(name=f"School {n}", region=region)
    Profile.objects.create(
        user=account, display_name=name or f"Teacher {n}", school=school, **profile_fields
    )
    return account


def community(
    *, name=None, visibility="public", owner=None, region=None, rooms=("General",), topic="other"
):
    n = next(_seq)
    language = Language.objects.filter(code="en").first()
    c = Community.objects.create(
        name=name or f"Community {n}",
        slug=f"community-{n}",
        description="Teachers helping teachers.",
        description_html="<p>Teachers helping teachers.</p>",
        visibility=visibility,
        region=region,
        language=language,
        topic=topic,
        created_by=owner,
    )
    if owner is not None:
        Membership.objects.create(
            community=c, user=owner, role="owner", state="active", joined_at=timezone.now()
        )
    for position, title in enumerate(rooms):
        Room.objects.create(community=c, title=title, slug=f"room-{position}", position=position)
    return c


def member(c, u, *, role="member", state="active", **fields):
    return Membership.objects.create(
        community=c, user=u, role=role, state=state, joined_at=timezone.now(), **fields
    )


def room(c):
    return c.rooms.order_by("position").first()


def message(r, author, body="Hello", **fields):
    """A message written straight to the database (no service): for read-side tests."""
    with __import__("django").db.transaction.atomic():
        locked = Room.objects.select_for_update().get(pk=r.pk)
        seq = locked.last_seq + 1
        Room.objects.filter(pk=r.pk).update(last_seq=seq)
    r.last_seq = seq
    return Message.objects.create(
        room=r,
        seq=seq,
        author=author,
        body=body,
        body_html=f"<p>{body}</p>",
        client_id=f"f{next(_seq)}",
        **fields,
    )


def a_region():
    """A region (reference data, or one made here when a transactional test flushed it)."""
    from community.models import Country

    found = Region.objects.select_related("country").first()
    if found is not None:
        return found
    country, _ = Country.objects.get_or_create(code="AZ", defaults={"name": "Azerbaijan"})
    return Region.objects.create(country=country, name="Shaki-Zagatala")


@__import__("pytest").fixture(autouse=True)
def discussions_defaults(settings):
    """Discussion tests run without other apps' post reviewers and with a fresh rate-limit cache."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    cache = caches["default"]

    settings.POST_REVIEWERS = []
    settings.DISCUSSIONS_POSTS_PER_MINUTE = 1000
    # Only the process-local cache is cleared: a shared Redis holds other test runs' keys
    # (and there, user ids never repeat, so rate-limit counters cannot leak between tests).
    local = isinstance(cache, LocMemCache)
    if local:
        cache.clear()
    yield
    if local:
        cache.clear()
