"""Demo communities and conversations (run by `manage.py seed_demo` after the people seeder).

Uses the teachers the people seeder created (never creates accounts). Gives
demo accounts readable @handles (the part of their e-mail before the @) so
mentions work. Idempotent: communities that already exist are left alone.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from community.discussions.models import (
    Community,
    Conversation,
    ConversationMember,
    Membership,
    Message,
    Notification,
    Reaction,
    ReadState,
    Room,
)
from community.discussions.services.direct import member_key
from community.discussions.services.messages import render_body
from community.models import Language, Region, User
from community.text import render_markup

from .demo_texts import COMMUNITIES, CONVERSATIONS, DIRECT


def seed(stdout):
    users = list(
        User.objects.filter(is_active=True).select_related("profile__school__region__country")
    )
    if not users:
        stdout.write("discussions: no people yet; run the people seeder first.")
        return
    _give_handles(users)
    by_email = {u.email: u for u in users}
    aysel = by_email.get("aysel.mammadova@example.az")
    rashad = by_email.get("rashad.aliyev@example.az")
    aigerim = by_email.get("aigerim.sadykova@example.kz")
    named = {"aysel": aysel, "rashad": rashad, "aigerim": aigerim}
    teachers = [
        u
        for u in users
        if u.verified_at
        and u.email_confirmed
        and not u.is_staff
        and u not in named.values()
        and getattr(u, "profile", None) is not None
        and u.profile.school_id
    ]
    az = [u for u in teachers if u.email.endswith(".az")]
    kz = [u for u in teachers if not u.email.endswith(".az")]
    languages = {lang.code: lang for lang in Language.objects.all()}
    regions = {(r.country.code, r.name): r for r in Region.objects.select_related("country")}
    now = timezone.now()
    made = 0
    with transaction.atomic():
        for index, (
            slug,
            name,
            topic,
            visibility,
            region_key,
            lang,
            description,
            room_titles,
        ) in enumerate(COMMUNITIES):
            if Community.objects.filter(slug=slug).exists():
                continue
            made += 1
            region = regions.get(region_key) if region_key else None
            if region is not None:
                pool = [u for u in az if u.profile.school.region_id == region.pk][:8] or az[:6]
            elif lang == "ru":
                pool = kz[:6] + az[:2]
            elif lang == "az":
                pool = az[index * 3 : index * 3 + 8]
            else:
                pool = az[index * 4 : index * 4 + 3] + kz[index * 2 : index * 2 + 3]
            pool = [u for u in pool if u is not None]
            owner = {"rural-leadership": rashad, "ict": aigerim}.get(topic) or (
                pool[0] if pool else aysel
            )
            community = Community.objects.create(
                slug=slug,
                name=name,
                topic=topic,
                visibility=visibility,
                region=region,
                language=languages.get(lang),
                description=description,
                description_html=render_markup(description),
                featured_resources=f"Resource library | /{'en' if lang == 'en' else lang}/resources/\n"
                f"Events and workshops | /{'en' if lang == 'en' else lang}/events/",
                created_by=owner,
                created_at=now - timedelta(days=120 - index * 10),
            )
            members = []
            for person in [owner, aysel, rashad, aigerim, *pool]:
                if person is not None and person not in members:
                    if visibility == "private" and person is aigerim:
                        continue
                    members.append(person)
            Membership.objects.bulk_create(
                [
                    Membership(
                        community=community,
                        user=person,
                        role="owner"
                        if person == owner
                        else ("moderator" if person == rashad else "member"),
                        state="active",
                        joined_at=community.created_at + timedelta(days=i % 9),
                    )
                    for i, person in enumerate(members)
                ]
            )
            rooms = Room.objects.bulk_create(
                [
                    Room(
                        community=community,
                        kind="community",
                        title=title,
                        slug=f"room-{pos}",
                        position=pos,
                    )
                    for pos, title in enumerate(room_titles)
                ]
            )
            last_activity = community.created_at
            for room_index, room in enumerate(rooms):
                script = CONVERSATIONS.get((slug, room_index), [])
                cast = {f"t{n + 1}": person for n, person in enumerate(pool)}
                cast.update({k: v for k, v in named.items() if v is not None})
                start = now - timedelta(days=12 - room_index * 2, hours=index)
                created = []
                for seq, (speaker, body, reply_index, reactions) in enumerate(script, start=1):
                    author = cast.get(speaker) or owner
                    body = body.format(**{k: v.username for k, v in cast.items()})
                    html, _mentioned = render_body(body, room)
                    message = Message.objects.create(
                        room=room,
                        seq=seq,
                        author=author,
                        client_id=f"demo-{slug[:20]}-{room_index}-{seq}",
                        body=body,
                        body_html=html,
                        reply_to=created[reply_index] if reply_index is not None else None,
                        created_at=start + timedelta(minutes=37 * seq),
                    )
                    created.append(message)
                    reactors = [m for m in members if m != author]
                    Reaction.objects.bulk_create(
                        [
                            Reaction(
                                message=message,
                                user=reactors[(seq + i) % len(reactors)],
                                emoji=emoji,
                            )
                            for i, emoji in enumerate(reactions)
                            if reactors
                        ],
                        ignore_conflicts=True,
                    )
                    if aysel is not None and f"@{aysel.username}" in body and author != aysel:
                        Notification.objects.create(
                            recipient=aysel,
                            actor=author,
                            kind="mention",
                            title="%(name)s mentioned you in %(room)s",
                            params={"name": author.display_name, "room": room.title, "text": body[:200]},
                            url=message.get_absolute_url(),
                            created_at=message.created_at,
                        )
                    last_activity = max(last_activity, message.created_at)
                room.last_seq = len(created)
                room.save(update_fields=["last_seq"])
                if created and rashad is not None and rashad in members:
                    ReadState.objects.create(room=room, user=rashad, last_read_seq=len(created))
            community.last_activity_at = last_activity
            community.save(update_fields=["last_activity_at"])
    direct = _seed_direct(aysel, rashad, az, now)
    _index()
    stdout.write(
        f"discussions: {made} communities with rooms and conversations; {direct} direct conversations."
    )


def _seed_direct(aysel, rashad, az, now):
    """An open conversation between Aysel and Rashad, and a request waiting for Aysel."""
    if aysel is None or rashad is None or Conversation.objects.exists():
        return 0
    made = 0
    with transaction.atomic():
        people = {"aysel": aysel, "rashad": rashad}
        start = now - timedelta(days=3)
        room = Room.objects.create(kind="direct", title=f"{aysel.display_name}, {rashad.display_name}")
        conversation = Conversation.objects.create(
            room=room,
            started_by=rashad,
            state="open",
            member_key=member_key([aysel.pk, rashad.pk]),
            created_at=start,
            decided_at=start + timedelta(hours=2),
            decided_by=aysel,
        )
        ConversationMember.objects.bulk_create(
            [ConversationMember(conversation=conversation, user=u, joined_at=start) for u in (aysel, rashad)]
        )
        for seq, (who, body) in enumerate(DIRECT, start=1):
            Message.objects.create(
                room=room,
                seq=seq,
                author=people[who],
                client_id=f"demo-direct-{seq}",
                body=body,
                body_html=render_markup(body),
                created_at=start + timedelta(hours=3 * seq),
            )
        room.last_seq = len(DIRECT)
        room.save(update_fields=["last_seq"])
        ReadState.objects.create(room=room, user=aysel, last_read_seq=len(DIRECT))
        ReadState.objects.create(room=room, user=rashad, last_read_seq=len(DIRECT) - 1)
        made += 1
        asker = next((u for u in az if u.pk not in (aysel.pk, rashad.pk)), None)
        if asker is not None:
            body = (
                "Good afternoon! I teach English in a village school too. Could I see how you "
                "run the pen-pal letters with your grade 6?"
            )
            room = Room.objects.create(kind="direct", title=f"{asker.display_name}, {aysel.display_name}")
            conversation = Conversation.objects.create(
                room=room, started_by=asker, state="request", member_key=member_key([asker.pk, aysel.pk])
            )
            ConversationMember.objects.bulk_create(
                [ConversationMember(conversation=conversation, user=u) for u in (asker, aysel)]
            )
            Message.objects.create(
                room=room,
                seq=1,
                author=asker,
                client_id="demo-direct-request",
                body=body,
                body_html=render_markup(body),
                created_at=now - timedelta(hours=5),
            )
            room.last_seq = 1
            room.save(update_fields=["last_seq"])
            Notification.objects.create(
                recipient=aysel,
                actor=asker,
                kind="direct_request",
                title="%(name)s would like to start a conversation with you",
                params={"name": asker.display_name, "text": body[:200]},
                url=conversation.get_absolute_url(),
                created_at=now - timedelta(hours=5),
            )
            made += 1
    return made


def _give_handles(users):
    """Usernames that are e-mail addresses become readable @handles (the part before the @)."""
    taken = {u.username.lower() for u in users}
    changed = []
    for user in users:
        if "@" in user.username:
            handle = user.email.split("@")[0][:40]
            if handle.lower() not in taken:
                taken.add(handle.lower())
                user.username = handle
                changed.append(user)
    User.objects.bulk_update(changed, ["username"])


def _index():
    """Put the demo rows into Wagtail's search index (bulk inserts skip the save signals)."""
    backend = get_search_backend()
    backend.add_bulk(Community, list(Community.objects.all()))
    backend.add_bulk(Message, list(Message.objects.filter(client_id__startswith="demo-")))
