"""Demo projects (run by `manage.py seed_demo` after the people and communities seeders).

Realistic cross-school projects between schools of several regions, in every
lifecycle state: ideas seeking partners, drafts, active projects with a plan,
a journal and a conversation, completed projects on the showcase, one with a
quality label, an archived one, and the competition "Most creative project of
the year" with a winner. Everything goes through the services, so the data
obeys the same rules as the site. Deterministic, no network; skipped when
projects already exist.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

# key, title, summary, description, subjects, languages, ages, start, end, founder (email or region),
# partners [(region, role)], state
PROJECTS = [
    {
        "key": "rivers",
        "title": "Rivers of our villages",
        "summary": "Pupils in Azerbaijan and Kazakhstan measure the water of their local rivers every month and compare.",
        "description": (
            "Each class adopts a stretch of its local river. Once a month the pupils measure temperature, "
            "clarity and pH, photograph the banks and write a short report.\n\n"
            "- **Autumn**: learning to measure, first reports\n"
            "- **Winter**: comparing data between the two countries\n"
            "- **Spring**: a shared map and a booklet for the villages"
        ),
        "topics": "Biology: ecosystems, water cycle (grade 6). Geography: rivers of Central Asia and the Caucasus (grade 7).",
        "subjects": ["biology", "geography"],
        "languages": ["ru", "en"],
        "ages": (11, 14),
        "dates": ((2025, 9, 15), (2026, 5, 31)),
        "founder": "aysel.mammadova@example.az",
        "partners": [("Turkistan", "partner"), ("Lankaran-Astara", "member")],
        "state": "labelled",
    },
    {
        "key": "grandparents",
        "title": "Stories of our grandparents",
        "summary": "Pupils record the childhood memories of their grandparents and translate them for partner classes.",
        "description": "An oral-history project: interviews, transcripts, translations and a shared audio archive.",
        "topics": "Native language and literature: narrative texts (grades 8–9). History: everyday life in the 20th century.",
        "subjects": ["history", "native-language-literature"],
        "languages": ["ru"],
        "ages": (13, 16),
        "dates": ((2024, 10, 1), (2025, 4, 30)),
        "founder": "Guba-Khachmaz",
        "partners": [("Kyzylorda", "partner")],
        "state": "published",
    },
    {
        "key": "weather",
        "title": "A weather-station network",
        "summary": "Five schools build simple weather stations and share their daily readings in one table.",
        "description": "Pupils build thermometers and rain gauges, then compare the climate of mountains, steppe and coast.",
        "topics": "Physics: measurement and units (grade 7). ICT: spreadsheets and charts (grade 8).",
        "subjects": ["physics", "ict"],
        "languages": ["ru", "en"],
        "ages": (12, 15),
        "dates": ((2026, 1, 10), (2026, 6, 20)),
        "founder": "Lankaran-Astara",
        "partners": [("Zhambyl", "partner"), ("Shaki-Zagatala", "member")],
        "state": "active",
    },
    {
        "key": "letters",
        "title": "Letters between classes",
        "summary": "Primary classes exchange illustrated letters about their school day, food and games.",
        "description": "Each month one letter and one drawing; the classes answer each other's questions.",
        "topics": "Primary education: writing short texts, describing one's surroundings.",
        "subjects": ["primary-education", "english"],
        "languages": ["en"],
        "ages": (8, 10),
        "dates": ((2025, 11, 1), (2026, 5, 15)),
        "founder": "Akmola",
        "partners": [("Guba-Khachmaz", "partner")],
        "state": "active",
    },
    {
        "key": "map",
        "title": "A shared map of our villages",
        "summary": "An illustrated online map of our villages: landmarks, crafts and legends, drawn by the pupils.",
        "description": "We are looking for two or three rural schools from other regions to add their villages.",
        "topics": "Geography: maps and scale (grade 5). Arts: illustration.",
        "subjects": ["geography", "arts"],
        "languages": ["ru", "az"],
        "ages": (10, 12),
        "dates": ((2026, 3, 1), (2026, 10, 30)),
        "founder": "aysel.mammadova@example.az",
        "partners": [],
        "state": "seeking",
    },
    {
        "key": "bazaar",
        "title": "Mathematics at the bazaar",
        "summary": "Percentages, prices and budgets from real market days, compared between towns.",
        "description": "Pupils collect prices at their local bazaar and build word problems for the partner classes.",
        "topics": "Mathematics: percentages and proportions (grades 6–7).",
        "subjects": ["mathematics"],
        "languages": ["ru", "kk"],
        "ages": (11, 13),
        "dates": ((2026, 2, 15), (2026, 6, 1)),
        "founder": "aigerim.sadykova@example.kz",
        "partners": [],
        "state": "seeking",
    },
    {
        "key": "games",
        "title": "Games everyone can play",
        "summary": "Physical-education games adapted so that pupils with and without disabilities play together.",
        "description": "Each school tests two traditional games with adaptations and films a short tutorial.",
        "topics": "Physical education; inclusive education.",
        "subjects": ["physical-education", "special-inclusive-education"],
        "languages": ["ru"],
        "ages": (9, 14),
        "dates": ((2026, 4, 1), (2026, 12, 15)),
        "founder": "Kyzylorda",
        "partners": [],
        "state": "seeking",
    },
    {
        "key": "music",
        "title": "Songs of the mountains",
        "summary": "An archive of traditional songs recorded by pupils in mountain villages.",
        "description": "Still a draft: we are writing the plan before inviting partners.",
        "topics": "Music: folk traditions.",
        "subjects": ["music"],
        "languages": ["az", "ru"],
        "ages": (12, 17),
        "dates": ((2026, 9, 1), (2027, 5, 31)),
        "founder": "Shaki-Zagatala",
        "partners": [],
        "state": "draft",
    },
    {
        "key": "recycling",
        "title": "Recycling challenge 2024",
        "summary": "Which school collects and sorts the most plastic in a term? A friendly race between three schools.",
        "description": "Weekly weighing, a shared league table and posters for the villages.",
        "topics": "Natural science: materials and the environment.",
        "subjects": ["natural-science"],
        "languages": ["ru"],
        "ages": (10, 13),
        "dates": ((2024, 2, 1), (2024, 5, 31)),
        "founder": "Ganja-Dashkasan",
        "partners": [("Turkistan", "partner")],
        "state": "archived",
    },
    {
        "key": "dictionary",
        "title": "A bilingual picture dictionary",
        "summary": "Pupils draw and name 300 everyday things in Azerbaijani, Kazakh, Russian and English.",
        "description": "A printed dictionary for the first grades of all partner schools.",
        "topics": "English: vocabulary (grades 3–5). Native language: vocabulary.",
        "subjects": ["english", "native-language-literature"],
        "languages": ["en", "ru"],
        "ages": (8, 11),
        "dates": ((2025, 2, 1), (2025, 12, 20)),
        "founder": "Shaki-Zagatala",
        "partners": [("Almaty", "partner")],
        "state": "applied",
    },
]

MILESTONES = [
    ("Kick-off video call", 14),
    ("First exchange of results", 60),
    ("Final presentation", 180),
]
TASKS = [
    "Prepare the pupils' consent letters",
    "Share the measurement sheet",
    "Upload photos to the journal",
]
JOURNAL = [
    (
        "Our first measurements",
        "The pupils measured the river near the school. **Water temperature: 9 °C.**",
    ),
    (
        "Video call with our partners",
        "The classes introduced themselves and asked each other questions.",
    ),
    ("Presenting the map", "Parents came to see the map; the pupils explained their findings."),
]
MESSAGES = [
    "Hello everyone! Our class is ready to start on Monday.",
    "Great, we have printed the measurement sheets.",
    "Could we move the video call to Thursday at 11:00 Baku time?",
    "Thursday works for us. The pupils are preparing questions.",
]


def _png():
    from PIL import Image

    image = Image.new("RGB", (160, 100), (40, 110, 160))
    for x in range(160):
        for y in range(60, 100):
            image.putpixel((x, y), (60, 140 + (x % 40), 70))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("river.png", buffer.getvalue(), content_type="image/png")


def _date(parts):
    return datetime.date(*parts)


def seed(stdout):
    from community.errors import ActionError
    from community.models import Language, Profile, Subject, User
    from projects import services
    from projects.models import LabelCriterion, Partnership, Project

    if Project.objects.exists():
        stdout.write("Projects exist already: demo projects skipped.")
        return
    teachers = list(
        Profile.objects.filter(
            user__is_active=True,
            user__email_confirmed=True,
            user__verified_at__isnull=False,
            user__is_staff=False,
            school__isnull=False,
        )
        .select_related("user", "school__region")
        .order_by("user__email")
    )
    if len(teachers) < 6:
        stdout.write("Not enough verified teachers for demo projects: run the people seeder first.")
        return
    by_region = {}
    for profile in teachers:
        by_region.setdefault(profile.school.region.name, []).append(profile.user)
    used = set()

    def pick(where, avoid_schools=()):
        if "@" in where:
            user = User.objects.get(email=where)
        else:
            pool = [
                u
                for u in by_region.get(where, [])
                if u.pk not in used and u.profile.school_id not in avoid_schools
            ]
            pool = pool or [
                u
                for u in teachers_users
                if u.pk not in used and u.profile.school_id not in avoid_schools
            ]
            user = pool[0]
        used.add(user.pk)
        return user

    teachers_users = [p.user for p in teachers]
    for profile in teachers:
        profile.user.profile = profile
    subjects = {s.slug: s for s in Subject.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    created = {}
    with transaction.atomic():
        for spec in PROJECTS:
            founder = pick(spec["founder"])
            project = services.project_create(
                founder=founder,
                title=spec["title"],
                summary=spec["summary"],
                description=spec["description"],
                curriculum_topics=spec["topics"],
                subjects=[subjects[s] for s in spec["subjects"] if s in subjects],
                languages=[languages[c] for c in spec["languages"] if c in languages],
                age_min=spec["ages"][0],
                age_max=spec["ages"][1],
                start_date=_date(spec["dates"][0]),
                end_date=_date(spec["dates"][1]),
                seeking_partners=spec["state"] != "draft",
            )
            members = [founder]
            schools = {founder.profile.school_id}
            for region, role in spec["partners"]:
                partner = pick(region, avoid_schools=schools)
                schools.add(partner.profile.school_id)
                row = services.partnership_invite(
                    actor=founder, project=project, invitee=partner, role=role
                )
                services.partnership_respond_invitation(actor=partner, partnership=row, accept=True)
                members.append(partner)
            project.refresh_from_db()
            created[spec["key"]] = (project, members)
            if spec["state"] in ("draft", "seeking"):
                continue
            _fill_workspace(project, members, spec, stdout)
            if spec["state"] == "active":
                continue
            services.project_complete(
                actor=founder,
                project=project,
                final_report=(
                    "All partner schools finished the plan. The pupils presented their work to parents "
                    "and to the other schools in a final video call.\n\n- What worked: monthly deadlines\n"
                    "- What we would change: start the exchanges earlier"
                ),
            )
            project.refresh_from_db()
            if spec["state"] in ("published", "labelled"):
                services.project_publish(
                    actor=founder,
                    project=project,
                    outcomes="A shared online map, a printed booklet for each village and a final exhibition.",
                )
            if spec["state"] in ("labelled", "applied"):
                answers = {
                    c.value: f"{c.label}: see the journal; the pupils of every partner school took part."
                    for c in LabelCriterion
                }
                application = services.label_apply(actor=founder, project=project, answers=answers)
                if spec["state"] == "labelled":
                    reviewer = _reviewer(project, admin)
                    services.label_review(
                        actor=reviewer,
                        application=application,
                        scores={
                            c.value: 4 if i % 2 == 0 else 3 for i, c in enumerate(LabelCriterion)
                        },
                        feedback={
                            LabelCriterion.COLLABORATION.value: "Real collaboration: the data was compared across countries.",
                            LabelCriterion.RESULTS.value: "A well-documented journal and a booklet used by the villages.",
                        },
                        grant=True,
                    )
            if spec["state"] == "archived":
                services.project_archive(actor=founder, project=project)
        letters, letter_members = created["letters"]
        _pupils(letters, letter_members, stdout)
        # A pending request and a pending invitation, so that the answers can be tried out.
        seeking, _members = created["map"]
        asker = pick("Turkistan")
        services.partnership_request(
            actor=asker, project=seeking, message="My pupils would love to draw our village."
        )
        bazaar, _ = created["bazaar"]
        invitee = User.objects.get(email="aysel.mammadova@example.az")
        try:
            services.partnership_invite(
                actor=bazaar.founder,
                project=bazaar,
                invitee=invitee,
                message="Your pupils' English would help us.",
            )
        except ActionError:
            pass
        if admin is not None:
            _competition(admin, created)
    stdout.write(
        f"Demo projects: {Project.objects.count()} projects, {Partnership.objects.count()} partnerships."
    )


def _reviewer(project, admin):
    from community.models import Ambassadorship

    from . import permissions

    regions = permissions.project_region_ids(project)
    for ship in (
        Ambassadorship.objects.filter(region_id__in=regions).select_related("user").order_by("pk")
    ):
        if not permissions.is_member(ship.user, project):
            return ship.user
    return admin


def _fill_workspace(project, members, spec, stdout):
    from community.errors import ActionError
    from projects import services

    start = project.start_date
    milestones = [
        services.milestone_create(
            actor=members[0],
            project=project,
            title=title,
            due_date=start + datetime.timedelta(days=days),
        )
        for title, days in MILESTONES
    ]
    for index, title in enumerate(TASKS):
        task = services.task_create(
            actor=members[0],
            project=project,
            title=title,
            milestone=milestones[min(index, len(milestones) - 1)],
            assignee=members[index % len(members)],
            due_date=start + datetime.timedelta(days=10 + 20 * index),
        )
        if spec["state"] != "active" or index == 0:
            services.task_set_status(actor=members[0], task=task, status="done")
    for index, (title, body) in enumerate(JOURNAL):
        author = members[index % len(members)]
        services.journal_entry_create(
            actor=author,
            project=project,
            title=title,
            body=body,
            happened_on=start + datetime.timedelta(days=15 + 30 * index),
            school=author.profile.school,
            files=[_png()] if (index == 0 and spec["key"] == "rivers") else [],
            on_showcase=index != 1,
        )
    try:
        from community.discussions.services.messages import message_post
    except ImportError:
        return
    room = project.room
    for index, body in enumerate(MESSAGES):
        author = members[index % len(members)]
        try:
            message_post(user=author, room=room, body=body, client_id=f"demo-{project.pk}-{index}")
        except ActionError as error:  # e.g. a rate limit: the demo goes on without that message
            stdout.write(f"Demo message skipped: {error.detail}")


#: The demo class's code and one pupil's card, printed by `manage.py demo_accounts`.
DEMO_PUPIL_CLASS_CODE = "LETTR3"
DEMO_PUPIL_CARD = "sun123"


def _pupils(project, members, stdout):
    """A class of the founder's pupils in a running project: one post published, one waiting
    for the teacher, so that the Pupils tab and a pupil's sign-in can be tried out."""
    from community.discussions.services.messages import message_post
    from community.errors import ActionError
    from projects import services
    from projects.models import PupilClass

    founder = members[0]
    pupil_class = services.pupil_class_create(actor=founder, project=project, name="3A")
    PupilClass.objects.filter(pk=pupil_class.pk).update(code=DEMO_PUPIL_CLASS_CODE)
    pupils = services.pupils_add(
        actor=founder, pupil_class=pupil_class, text="Aruzhan B 3\nDias K 3\nMadina S 3\nTimur A 3"
    )
    first = pupils[0]
    first.card_word = DEMO_PUPIL_CARD
    first.save(update_fields=["card_word"])
    first.user.set_password(DEMO_PUPIL_CARD)
    first.user.save(update_fields=["password"])
    services.pupils_set_pages(actor=founder, project=project, on=True)  # they write pages too
    project.room.refresh_from_db()
    try:
        published, _ = message_post(
            user=pupils[1].user, room=project.room, client_id="demo-pupil-1",
            body="Hello from class 3A! Our school has a garden with apple trees. What do you grow?",
        )
        services.pupil_post_decide(actor=founder, message_id=published.pk, approve=True)
        message_post(
            user=first.user, room=project.room, client_id="demo-pupil-2",
            body="I drew our classroom. My favourite game at break is asyq (knucklebones).",
        )
    except ActionError as error:
        stdout.write(f"Demo pupil post skipped: {error.detail}")


def _competition(admin, created):
    from community.models import Ambassadorship, User
    from projects import services
    from projects.models import Competition

    jury = [admin] + [
        User.objects.get(pk=pk)
        for pk in Ambassadorship.objects.order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()[:2]
    ]
    competition = services.competition_create(
        actor=admin,
        title="Most creative project of the year",
        description="For the project whose pupils found the most original ways to learn together.",
        deadline=timezone.now() + datetime.timedelta(days=30),
        categories=["Ages 6–10", "Ages 11–14", "Ages 15–18"],
        jury=jury,
    )
    categories = {c.name: c for c in competition.categories.all()}
    entries = []
    for key, category in (
        ("rivers", "Ages 11–14"),
        ("grandparents", "Ages 15–18"),
        ("weather", "Ages 11–14"),
    ):
        project, members = created[key]
        entries.append(
            services.competition_enter(
                actor=members[0],
                competition=competition,
                project=project,
                category=categories[category],
            )
        )
    from . import permissions

    for juror in jury:
        for entry, score in zip(entries, (9, 7, 6), strict=True):
            if not permissions.is_member(juror, entry.project):
                services.entry_score(actor=juror, entry=entry, score=score, comment="")
    services.competition_announce(actor=admin, competition=competition)
    Competition.objects.filter(pk=competition.pk).update(
        deadline=timezone.now() - datetime.timedelta(days=3)
    )
