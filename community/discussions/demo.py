"""Demo communities and conversations (run by `manage.py seed_demo` after the people seeder).

Uses the teachers the people seeder created (never creates accounts). Gives
demo accounts readable @handles (the part of their e-mail before the @) so
mentions work. Idempotent: communities that already exist are left alone.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

# (slug, name, topic, visibility, region (country, name) or None, language, description, rooms)
COMMUNITIES = [
    (
        "inclusive-education-practice",
        "Inclusive education practice",
        "inclusive",
        "public",
        None,
        "en",
        "Teachers who make mainstream classrooms work for every child: differentiated tasks, "
        "sensory-friendly rooms, working with parents and specialists.\n\n"
        "- Share what worked in your lesson this week\n- Ask before you buy materials\n- Be kind",
        ["General", "Lesson adaptations", "Working with parents"],
    ),
    (
        "rural-teacher-leadership",
        "Kənd müəllimlərinin liderliyi",
        "rural-leadership",
        "public",
        None,
        "az",
        "Kənd məktəblərində lider müəllimlər: kiçik siniflər, birləşmiş siniflər, icma ilə iş. "
        "Teachers who lead change in village schools.",
        ["Ümumi", "Birləşmiş siniflər", "Mentorship"],
    ),
    (
        "ict-in-the-classroom",
        "ICT in the classroom",
        "ict",
        "public",
        None,
        "ru",
        "Цифровые инструменты, которые работают даже при слабом интернете: офлайн-приложения, "
        "один проектор на класс, телефоны учеников.",
        ["Общее", "Offline tools", "Вопросы и ответы"],
    ),
    (
        "project-based-learning",
        "Project-based learning",
        "pbl",
        "public",
        None,
        "en",
        "Planning, running and assessing cross-school projects, eTwinning style. Find partners, "
        "share rubrics, show the results.",
        ["General", "Partner search", "Assessment"],
    ),
    (
        "shaki-zagatala-circle",
        "Shaki-Zagatala teachers' circle",
        "rural-leadership",
        "private",
        ("AZ", "Shaki-Zagatala"),
        "az",
        "Şəki-Zaqatala regionunun müəllimləri üçün qapalı qrup: metodbirləşmə, təcrübə mübadiləsi, "
        "regional tədbirlər.",
        ["Ümumi", "Metodbirləşmə"],
    ),
]

# Conversations per (community slug, room index): (speaker, body, reply_to index or None, reactions).
# Speakers: "aysel", "rashad", "aigerim", or "t<N>" = the N-th teacher of the community's pool.
CONVERSATIONS = {
    ("inclusive-education-practice", 0): [
        (
            "aysel",
            "Hello everyone! I teach English in Kish village. This year I have two pupils with "
            "hearing impairment in grade 6. Any advice on seating and materials?",
            None,
            ["👍", "🙏"],
        ),
        (
            "t1",
            "Front row, but slightly to the side so they can see both you and the class. "
            "And always face them when you speak: no talking while writing on the board.",
            0,
            ["💡", "👍", "👍"],
        ),
        (
            "t2",
            "We print the key words of every lesson on a card. It costs nothing and helps "
            "*everyone*, not only the two pupils.",
            0,
            ["❤️"],
        ),
        ("aysel", "Thank you @{t1} and @{t2}! I'll try the word cards from Monday.", None, ["🎉"]),
        (
            "t3",
            "If your school has a tablet, there are free offline speech-to-text apps. "
            "We tested two of them last term, I can share notes.",
            0,
            [],
        ),
        (
            "rashad",
            "Great thread. Reminder: the regional workshop on inclusive assessment is on the 14th; "
            "the recording will be in the library.",
            None,
            ["👏", "👏"],
        ),
        ("t4", "Could we collect these tips in one document for new colleagues?", None, ["👍"]),
        (
            "t1",
            "Good idea. I started one: seating, word cards, visual timetables, pairing.",
            6,
            ["🙏"],
        ),
    ],
    ("inclusive-education-practice", 1): [
        (
            "t2",
            "How do you adapt reading tasks for pupils with dyslexia without making them feel singled out?",
            None,
            ["🤔"],
        ),
        (
            "t3",
            "I give the whole class a choice of three versions of the task. Nobody knows who picked which.",
            0,
            ["💡", "❤️"],
        ),
        (
            "aysel",
            "Larger line spacing and a coloured overlay help a lot in my class. "
            "**Audio versions** of the text too.",
            0,
            ["👍"],
        ),
    ],
    ("inclusive-education-practice", 2): [
        (
            "t4",
            "Parents sometimes refuse to accept that their child needs support. How do you start that talk?",
            None,
            [],
        ),
        (
            "t1",
            "I always start with what the child *can* do, with examples of work. Then one concrete next step.",
            0,
            ["🙏", "👍"],
        ),
    ],
    ("rural-teacher-leadership", 0): [
        (
            "rashad",
            "Salam, həmkarlar! Bu qrupda kənd məktəblərində dəyişiklik edən müəllimlərin "
            "təcrübəsini toplayırıq. Özünüzü təqdim edin.",
            None,
            ["👍", "❤️"],
        ),
        (
            "aysel",
            "Salam! Mən Kiş kənd məktəbində ingilis dili müəllimiyəm. Keçən il valideynlər üçün "
            "həftəlik açıq dərs başlatdıq.",
            0,
            ["👏"],
        ),
        (
            "t1",
            "Salam! Bizdə 5-ci və 6-cı siniflər birləşib, 9 şagird. Planlaşdırma çox vaxt aparır.",
            0,
            [],
        ),
        (
            "t2",
            "@{t1} birləşmiş siniflər üçün ayrıca otaq açdıq, orada nümunələr paylaşırıq.",
            2,
            ["🙏"],
        ),
        (
            "t3",
            "Bizim məktəbdə gənc müəllimlər üçün mentorluq proqramı var. Təcrübəmi paylaşa bilərəm.",
            None,
            ["💡", "👍"],
        ),
        ("rashad", "Əla! @{t3}, gələn həftə qısa bir təqdimat edə bilərsinizmi?", 4, []),
        ("t3", "Əlbəttə, çərşənbə günü hazır olacaq.", 5, ["🎉"]),
    ],
    ("rural-teacher-leadership", 1): [
        ("t1", "Birləşmiş sinifdə eyni mövzunu iki səviyyədə necə keçirsiniz?", None, ["🤔"]),
        (
            "t4",
            "Bir qrup müstəqil tapşırıqla işləyir, digəri ilə mən işləyirəm, 20 dəqiqədən sonra dəyişirik.",
            0,
            ["💡", "👍"],
        ),
        (
            "aysel",
            "Böyük şagirdlər kiçiklərə kömək edəndə hər ikisi öyrənir. *Peer tutoring* çox işə yarayır.",
            0,
            ["❤️"],
        ),
    ],
    ("rural-teacher-leadership", 2): [
        ("t2", "Looking for a mentor for my first year as deputy head. Anyone willing?", None, []),
        ("t3", "Happy to help. Let's talk after the regional meeting.", 0, ["🙏"]),
    ],
    ("ict-in-the-classroom", 0): [
        (
            "aigerim",
            "Всем привет! Предлагаю делиться инструментами, которые работают без стабильного интернета.",
            None,
            ["👍", "👍"],
        ),
        (
            "t1",
            "У нас один проектор на всю школу, поэтому я заранее скачиваю видео и показываю с ноутбука.",
            0,
            ["💡"],
        ),
        (
            "t2",
            "Kolibri отлично работает офлайн: поставили на старый компьютер, ученики подключаются по Wi-Fi.",
            0,
            ["🎉", "💡", "👍"],
        ),
        ("t3", "@{t2} а сколько учеников одновременно выдерживает?", 2, []),
        ("t2", "Около 25 на слабом ноутбуке. Главное, заранее загрузить каналы.", 3, ["🙏"]),
        (
            "aysel",
            "In my village we use pupils' phones with offline dictionaries. Parents agreed after a meeting.",
            None,
            ["👏"],
        ),
        (
            "aigerim",
            "Отличные идеи. Соберу всё в памятку для нашей библиотеки ресурсов.",
            None,
            ["❤️"],
        ),
    ],
    ("ict-in-the-classroom", 1): [
        ("t1", "Which offline maths apps do you recommend for grades 5–7?", None, ["🤔"]),
        (
            "aigerim",
            "GeoGebra Classic works offline once installed. Also printed QR codes that open "
            "pre-downloaded pages.",
            0,
            ["👍"],
        ),
    ],
    ("ict-in-the-classroom", 2): [
        ("t3", "Как защитить школьный компьютер от вирусов с флешек учеников?", None, []),
        (
            "t1",
            "Отдельная учётная запись без прав администратора и автоматическая проверка при подключении.",
            0,
            ["💡"],
        ),
    ],
    ("project-based-learning", 0): [
        (
            "t1",
            "Our grade 8 is starting a project on local water sources. Would a school in Kazakhstan like "
            "to compare data with us?",
            None,
            ["👍"],
        ),
        (
            "aigerim",
            "Yes! My grade 7 in Turkistan could measure our river too. Let's agree on the method.",
            0,
            ["🎉", "🎉"],
        ),
        (
            "t2",
            "Tip: agree on one shared table format on day one. We lost two weeks converting units.",
            1,
            ["💡", "👍"],
        ),
        (
            "aysel",
            "@aigerim.sadykova we could add an English-language presentation at the end. My pupils "
            "would love a real audience.",
            1,
            ["❤️"],
        ),
        (
            "aigerim",
            "Perfect, @aysel.mammadova. I'll create the project in the workspace and invite you both.",
            3,
            ["👍"],
        ),
    ],
    ("project-based-learning", 1): [
        (
            "t3",
            "Looking for a partner school for a project on traditional crafts, grades 5–6, in Russian or "
            "Azerbaijani.",
            None,
            [],
        ),
        (
            "t4",
            "We are interested! Our school is next to a carpet-weaving workshop.",
            0,
            ["🙏", "🎉"],
        ),
    ],
    ("project-based-learning", 2): [
        ("t2", "How do you grade teamwork fairly in a project?", None, ["🤔"]),
        (
            "t1",
            "Peer assessment with a short rubric (3 criteria), plus my observation notes. "
            "Pupils take it seriously when they write the criteria themselves.",
            0,
            ["💡", "👍", "👍"],
        ),
    ],
    ("shaki-zagatala-circle", 0): [
        (
            "rashad",
            "Həmkarlar, növbəti metodbirləşmə Şəkidə, 7 nömrəli məktəbdə olacaq.",
            None,
            ["👍", "👍"],
        ),
        ("aysel", "Kişdən iki müəllim gələcək. Nəqliyyatı birlikdə təşkil edək?", 0, ["🙏"]),
        ("t1", "Bizim maşında iki yer var, @aysel.mammadova.", 1, ["❤️"]),
    ],
    ("shaki-zagatala-circle", 1): [
        (
            "t2",
            "Metodbirləşmə üçün mövzu təklifləri: formativ qiymətləndirmə, inklüziv dərs planları.",
            None,
            ["👍"],
        ),
    ],
}


def seed(stdout):
    from community.discussions.models import (
        Community,
        Membership,
        Message,
        Notification,
        Reaction,
        ReadState,
        Room,
    )
    from community.discussions.services.messages import render_body
    from community.models import Language, Region, User
    from community.text import render_markup

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


DIRECT = [
    ("rashad", "Aysel xanım, salam! Your pupils' river photos in the Geography room were lovely. "
     "Would Kish school join a project on the rivers of Shaki-Zagatala in spring?"),
    ("aysel", "Salam, Rəşad müəllim! Yes, gladly. My grades 7 and 8 could write the English "
     "captions and interview their grandparents about the river."),
    ("rashad", "Wonderful. I will open the project this week and invite you as a partner."),
    ("aysel", "Thank you! Shall we plan it at the March workshop in Sheki?"),
]


def _seed_direct(aysel, rashad, az, now):
    """An open conversation between Aysel and Rashad, and a request waiting for Aysel."""
    from community.discussions.models import (
        Conversation,
        ConversationMember,
        Message,
        Notification,
        ReadState,
        Room,
    )
    from community.discussions.services.direct import member_key
    from community.text import render_markup

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
    from community.models import User

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
    from wagtail.search.backends import get_search_backend

    from community.discussions.models import Community, Message

    backend = get_search_backend()
    backend.add_bulk(Community, list(Community.objects.all()))
    backend.add_bulk(Message, list(Message.objects.filter(client_id__startswith="demo-")))
