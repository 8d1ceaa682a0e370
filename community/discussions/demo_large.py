"""The large world's discussions: 2,000 communities (a quarter private), 20,000 rooms, 1,000,000
messages with replies, reactions and edits, read markers and notifications (`seed_demo --scale large`).

Written in bulk (COPY on PostgreSQL), with what message_post would have kept: per-room `seq`
from 1 without gaps, each room's `last_seq`, each community's `last_activity_at`, replies
within their room, read markers never past `last_seq`, and every community and message
in the search index. The first room of the first public community holds 100,000 messages
(scaled): the room the page benchmark reads.
"""

import random
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from community.demo_large import (
    MARKER,
    index_in_bulk,
    insert_rows,
    large_teachers,
    next_id,
    reset_sequences,
    scaled,
)

TOPIC_NAMES = {
    "inclusive": ["Inclusive classroom", "Every child learns", "Special needs support"],
    "rural-leadership": ["Village school leaders", "Rural teachers' circle", "Small schools network"],
    "ict": ["Digital tools", "Offline apps club", "ICT teachers"],
    "pbl": ["Project-based learning", "Cross-school projects", "Learning by doing"],
    "subject": ["Mathematics teachers", "Young scientists' mentors", "Language teachers"],
    "school-leadership": ["Head teachers", "School improvement", "Deputy heads' exchange"],
    "other": ["New teachers", "Teachers' reading club", "Parents and school"],
}
ROOM_TITLES = [
    "General", "Lesson ideas", "Questions and answers", "Resources", "Events", "Assessment",
    "Parents", "Projects", "Mentoring", "Off topic",
]  # fmt: skip
OPENERS = [
    "Good morning, colleagues.", "Hello everyone!", "A question for the teachers here:",
    "Quick update from our school:", "Thank you for the ideas last week.", "Salam!", "Привет, коллеги!",
]  # fmt: skip
SENTENCES = [
    "How do you keep grade 6 focused after the long break?",
    "We tried group work with mixed ages and the older pupils explained fractions better than I do.",
    "Does anyone have a rubric for oral presentations that a teacher can use in ten minutes?",
    "Our internet was down again, so we used the offline dictionary on the school tablet.",
    "The regional workshop on formative assessment was useful; the slides are in the library.",
    "I print the key words of each lesson on a card, and every teacher in our school now does it.",
    "My pupils measured the river water for a month and compared it with a school in another region.",
    "Which reading tasks work for pupils with dyslexia without singling them out?",
    "We invited parents to an open lesson and twice as many came as last year.",
    "A teacher from the next village visited my class and we planned a joint science fair.",
    "Exit tickets took five minutes and told me more than the test did.",
    "Could we share lesson plans for the new geography curriculum?",
    "The pupils wrote letters to a partner class and the answers arrived today.",
    "I am looking for a partner school for a project on local history.",
    "Visual timetables helped the two new pupils settle in quickly.",
    "What do you do when only one projector serves the whole school?",
]  # fmt: skip
EDITED_SUFFIX = " (edited: the link is in the resources room)"
#: A word that appears in a handful of messages only: the page benchmark's rare search.
RARE_WORD = "ornament"


def _bodies(rng, count):
    """`count` distinct message texts built from the sentences (their HTML rendered once each)."""
    bodies = []
    for i in range(count):
        parts = [rng.choice(OPENERS)] + rng.sample(SENTENCES, k=rng.choice([1, 1, 2, 3]))
        bodies.append(" ".join(parts) + (f" #{i}" if i % 7 == 0 else ""))
    return bodies


def seed(stdout, *, factor=1.0):
    from community.discussions.models import (
        REACTION_EMOJI,
        Community,
        Membership,
        Message,
        MessageRevision,
        Notification,
        Reaction,
        ReadState,
        Room,
    )
    from community.models import Language, Profile, Region
    from community.text import render_markup

    if Community.objects.filter(slug__startswith=MARKER).exists():
        stdout.write("large discussions: already there")
        return
    teachers = large_teachers()
    if not teachers:
        stdout.write("large discussions: no large-world teachers; run the people seeder first")
        return
    rng = random.Random(1313)
    now = timezone.now()
    by_region = {}
    for user_id, region_id, _school in teachers:
        by_region.setdefault(region_id, []).append(user_id)
    teacher_ids = [t[0] for t in teachers]
    regions = {r.pk: r for r in Region.objects.select_related("country")}
    region_ids = sorted(by_region)
    language_of_country = {"AZ": "az", "KZ": "kk", "UZ": "uz", "KG": "ky", "TR": "tr", "TJ": "tg"}
    languages = {lang.code: lang.pk for lang in Language.objects.all()}

    # Communities: a quarter private (each in a region), half the public ones regional too.
    n_communities = scaled("communities", factor)
    topics = list(TOPIC_NAMES)
    communities = []
    for i in range(n_communities):
        topic = topics[i % len(topics)]
        private = i % 4 == 1
        region_id = region_ids[i % len(region_ids)] if (private or i % 2 == 0) else None
        region = regions.get(region_id)
        base = rng.choice(TOPIC_NAMES[topic])
        name = f"{base} of {region.name}" if region else base
        name = f"{name} {i + 1}"
        code = language_of_country.get(region.country.code, "ru") if region else rng.choice(["en", "ru", "az"])
        description = (
            f"{name}: teachers who meet after the workshop to share what works. "
            "Ask, answer, post your lesson plans."
        )
        created = now - timedelta(days=rng.randint(60, 700))
        communities.append(
            Community(
                name=name[:120],
                slug=f"{MARKER}{i:04d}-{slugify(base)}"[:140],
                description=description,
                description_html=render_markup(description),
                topic=topic,
                region_id=region_id,
                language_id=languages.get(code),
                visibility=Community.Visibility.PRIVATE if private else Community.Visibility.PUBLIC,
                created_by_id=None,
                created_at=created,
                last_activity_at=created,
            )
        )
    communities = Community.objects.bulk_create(communities, batch_size=1_000)

    # Memberships: 10 to 40 teachers each, from the community's region when it has one.
    members_of = {}
    memberships = []
    for community in communities:
        pool = by_region.get(community.region_id) or teacher_ids
        size = min(len(pool), rng.randint(10, 40))
        chosen = rng.sample(pool, k=size) if len(pool) > size else list(pool)
        if len(chosen) < 3:  # a tiny world: borrow teachers from anywhere
            chosen = list(dict.fromkeys(chosen + rng.sample(teacher_ids, k=min(3, len(teacher_ids)))))
        active = []
        for position, user_id in enumerate(chosen):
            pending = community.visibility == "private" and position >= 3 and rng.random() < 0.08
            state = Membership.State.PENDING if pending else Membership.State.ACTIVE
            role = (
                Membership.Role.OWNER
                if position == 0
                else (Membership.Role.MODERATOR if position == 1 else Membership.Role.MEMBER)
            )
            memberships.append(
                Membership(
                    community=community,
                    user_id=user_id,
                    role=role,
                    state=state,
                    joined_at=None if pending else community.created_at + timedelta(days=position % 30),
                    created_at=community.created_at + timedelta(days=position % 30),
                )
            )
            if not pending:
                active.append(user_id)
        members_of[community.pk] = active
        community.created_by_id = chosen[0]
    Membership.objects.bulk_create(memberships, batch_size=5_000)

    # Rooms: ten per community.
    n_rooms = scaled("rooms", factor)
    per_community = max(1, n_rooms // len(communities))
    rooms = Room.objects.bulk_create(
        [
            Room(
                community=community,
                kind=Room.Kind.COMMUNITY,
                title=ROOM_TITLES[pos % len(ROOM_TITLES)],
                slug=f"room-{pos}",
                position=pos,
                created_at=community.created_at,
            )
            for community in communities
            for pos in range(per_community)
        ],
        batch_size=5_000,
    )
    community_of = {c.pk: c for c in communities}

    # Messages: one room with the big share, the rest spread unevenly (a few busy rooms, many quiet).
    n_messages = scaled("messages", factor)
    big = min(scaled("big_room", factor), n_messages)
    big_room = next(r for r in rooms if community_of[r.community_id].visibility == "public")
    weights = [rng.paretovariate(1.5) for _ in rooms]
    others = [(room, w) for room, w in zip(rooms, weights, strict=True) if room is not big_room]
    total_weight = sum(w for _r, w in others) or 1
    rest = n_messages - big
    plan = {big_room.pk: big}
    for room, w in others:
        plan[room.pk] = int(rest * w / total_weight)
    short = n_messages - sum(plan.values())
    for room, _w in others[: max(0, short)]:
        plan[room.pk] += 1

    bodies = _bodies(rng, 400)
    html_of = {body: render_markup(body) for body in bodies}
    rare_every = max(1, n_messages // 12)  # a dozen messages carry the rare word
    first_id = next_id(Message)
    message_id = first_id
    reactions = []
    revisions = []
    notifications = []
    last_seq = {}
    last_activity = {}
    columns = [
        "id", "room_id", "seq", "author_id", "client_id", "body", "body_html", "reply_to_id",
        "created_at", "edited_at", "deleted_at", "status", "held_reason", "hidden_reason",
        "pending_body", "pending_body_html", "pending_reason",
    ]  # fmt: skip
    published = Message.Status.PUBLISHED
    counter = {"n": 0}

    def message_rows():
        nonlocal message_id
        for room in rooms:
            count = plan.get(room.pk, 0)
            if not count:
                continue
            community = community_of[room.community_id]
            authors = members_of[community.pk] or teacher_ids[:3]
            start = community.created_at + timedelta(days=1)
            span = (now - timedelta(minutes=5) - start).total_seconds()
            step = span / (count + 1)
            ids = []  # this room's message ids and authors, by seq - 1
            for seq in range(1, count + 1):
                author = authors[rng.randrange(len(authors))]
                created = start + timedelta(seconds=step * seq)
                counter["n"] += 1
                body = bodies[rng.randrange(len(bodies))]
                html = html_of[body]
                if counter["n"] % rare_every == 0:
                    body = f"{body} Our pupils carved an {RARE_WORD} for the school fair."
                    html = render_markup(body)
                reply_to = None
                if seq > 1 and rng.random() < 0.2:
                    back = rng.randint(1, min(8, seq - 1))
                    reply_to, replied_author = ids[seq - 1 - back]
                    if replied_author != author and rng.random() < 0.3:
                        notifications.append(
                            (replied_author, author, "reply", "%(name)s replied to you in %(room)s",
                             room.title, message_id, room.pk, seq, created)
                        )  # fmt: skip
                edited = None
                deleted = None
                roll = rng.random()
                if roll < 0.03:
                    edited = created + timedelta(minutes=rng.randint(1, 90))
                    revisions.append((message_id, body, edited))
                    body = body + EDITED_SUFFIX
                    html = render_markup(body)
                elif roll < 0.035:
                    deleted = created + timedelta(hours=1)
                    body = html = ""
                if deleted is None and rng.random() < 0.15 and len(authors) > 1:
                    for emoji in rng.sample(REACTION_EMOJI, k=rng.choice([1, 1, 2, 3])):
                        reactor = authors[rng.randrange(len(authors))]
                        if reactor != author:
                            reactions.append((message_id, reactor, emoji, created + timedelta(minutes=3)))
                ids.append((message_id, author))
                yield (
                    message_id, room.pk, seq, author, f"lw-{message_id}", body, html, reply_to,
                    created, edited, deleted, published, "", "", "", "", "",
                )  # fmt: skip
                message_id += 1
            last_seq[room.pk] = count
            last_activity[community.pk] = max(last_activity.get(community.pk, start), created)

    written = insert_rows(Message, columns, message_rows())
    reset_sequences(Message)
    # A reaction once per (message, user, emoji).
    reactions = list({(m, u, e): (m, u, e, t) for m, u, e, t in reactions}.values())
    insert_rows(Reaction, ["message_id", "user_id", "emoji", "created_at"], reactions)
    insert_rows(MessageRevision, ["message_id", "body", "edited_at"], revisions)

    # Counters: each room's last_seq, each community's last activity.
    rooms_by_pk = {room.pk: room for room in rooms}
    changed = []
    for room_pk, seq in last_seq.items():
        rooms_by_pk[room_pk].last_seq = seq
        changed.append(rooms_by_pk[room_pk])
    Room.objects.bulk_update(changed, ["last_seq"], batch_size=2_000)
    for community in communities:
        community.last_activity_at = last_activity.get(community.pk, community.created_at)
    Community.objects.bulk_update(communities, ["last_activity_at", "created_by"], batch_size=1_000)

    # Read markers: each member has read two or three rooms of their community, some to the end.
    read_rows = []
    rooms_of = {}
    for room in rooms:
        rooms_of.setdefault(room.community_id, []).append(room)
    for community in communities:
        for user_id in members_of[community.pk]:
            for room in rng.sample(rooms_of[community.pk], k=min(len(rooms_of[community.pk]), rng.choice([2, 3]))):
                top = last_seq.get(room.pk, 0)
                upto = top if rng.random() < 0.5 else rng.randint(0, top)
                read_rows.append((room.pk, user_id, upto))
    insert_rows(ReadState, ["room_id", "user_id", "last_read_seq"], read_rows)

    # Notifications of replies (as notify_message writes them), the older ones read.
    names = dict(
        Profile.objects.filter(user_id__in={n[1] for n in notifications}).values_list(
            "user_id", "display_name"
        )
    )
    room_url = reverse("discussions:room", args=[987654321]).replace("987654321", "{}")
    old = now - timedelta(days=7)
    notification_rows = [
        (
            recipient, actor, kind, title, "", {"name": names.get(actor, ""), "room": room_title},
            room_url.format(room_pk) + f"?around={seq}#m{seq}", created, created + timedelta(hours=2) if created < old else None,
        )
        for recipient, actor, kind, title, room_title, _mid, room_pk, seq, created in notifications
    ]
    _insert_notifications(Notification, notification_rows)

    indexed = index_in_bulk(Community, Community.objects.filter(slug__startswith=MARKER))
    indexed += index_in_bulk(
        Message, Message.objects.filter(pk__gte=first_id).only("pk", "body", "room_id", "status", "deleted_at", "hidden_at"),
        batch=5_000,
    )
    stdout.write(
        f"large discussions: {len(communities)} communities "
        f"({sum(c.visibility == 'private' for c in communities)} private), {len(memberships)} memberships, "
        f"{len(rooms)} rooms, {written} messages (room {big_room.pk}: {big}), {len(reactions)} reactions, "
        f"{len(revisions)} edits, {len(read_rows)} read markers, {len(notification_rows)} notifications, "
        f"{indexed} search entries"
    )


def _insert_notifications(model, rows):
    """Notifications carry JSON params: through bulk_create (the JSON field's own encoding)."""
    from community.discussions.models import Notification

    model.objects.bulk_create(
        [
            Notification(
                recipient_id=recipient, actor_id=actor, kind=kind, title=title, body=body,
                params=params, url=url, created_at=created, read_at=read_at,
            )  # fmt: skip
            for recipient, actor, kind, title, body, params, url, created, read_at in rows
        ],
        batch_size=5_000,
    )
