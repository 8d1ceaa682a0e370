"""The benchmark's world: a public community room, its members and their sessions."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone


def _session_data(user):
    store = SessionStore()
    return store.encode(
        {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": settings.AUTHENTICATION_BACKENDS[0],
            "_auth_user_hash": user.get_session_auth_hash(),
        }
    )


@transaction.atomic
def make_world(clients):
    """Repeatable on a kept database (BENCH_DATABASE_URL, e.g. the large world): a previous run's
    bench community, accounts and sessions are removed first."""
    from community.discussions.models import Community, Membership, Room
    from community.models import Profile, User

    previous = User.objects.filter(username__regex=r"^bench[0-9]+$")
    Session.objects.filter(session_key__startswith="bench").delete()
    Community.objects.filter(slug="bench-community").delete()
    previous.delete()
    now = timezone.now()
    community = Community.objects.create(
        name="Bench community", slug="bench-community", visibility="public"
    )
    room = Room.objects.create(community=community, title="Bench room")
    users = User.objects.bulk_create(
        [
            User(
                username=f"bench{i}",
                email=f"bench{i}@example.org",
                email_confirmed=True,
                verified_at=now,
                password="!",
            )
            for i in range(clients + 1)
        ]
    )
    Profile.objects.bulk_create(
        [Profile(user=user, display_name=f"Bench teacher {i}") for i, user in enumerate(users)]
    )
    Membership.objects.bulk_create(
        [
            Membership(community=community, user=user, state="active", joined_at=now)
            for user in users
        ]
    )
    expire = now + timedelta(days=1)
    keys = [f"bench{i:06d}{user.pk:08d}x{i:012d}" for i, user in enumerate(users)]
    Session.objects.bulk_create(
        [
            Session(session_key=key, session_data=_session_data(user), expire_date=expire)
            for key, user in zip(keys, users, strict=True)
        ]
    )
    return {"room_id": room.pk, "sender_session": keys[0], "receiver_sessions": keys[1:]}
