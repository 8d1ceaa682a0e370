"""The large world's projects: 5,000 cross-school projects in every state, with plans, journals and
files (`seed_demo --scale large`).

Each project has what project_create and the lifecycle services would have left: the founder's
accepted partnership, a discussion room of kind `project` owned by the project, partners from
other schools, milestones and tasks, journal entries with an image (every file row points to one
small stored file), completed and archived dates, outcomes and published_at on the showcase,
label applications; and every project in the search index.
"""

import datetime
import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from community.demo_large import MARKER, index_in_bulk, large_teachers, scaled

THEMES = [
    ("Rivers of {place}", "Pupils measure their river and compare it with partner schools."),
    ("Letters between {place} and its partners", "Classes write letters and meet on video calls."),
    ("Our grandparents' games in {place}", "Pupils collect the old games of their villages."),
    ("The climate diary of {place}", "Daily weather records, compared across regions."),
    ("Folk tales of {place}", "Pupils retell local tales in three languages."),
    ("A map of {place}'s trees", "A shared online map of the trees around each school."),
    ("Mathematics in the bazaar of {place}", "Prices, weights and change: real problems from the market."),
    ("Young reporters of {place}", "A school newspaper written by partner classes together."),
]  # fmt: skip
# A cycle of twenty (every state within its first six): "published" is a completed project on the showcase.
STATES = [
    "draft", "seeking", "active", "completed", "published", "archived", "seeking", "active", "active", "completed",
    "published", "active", "seeking", "draft", "active", "archived", "active", "completed", "seeking", "published",
]  # fmt: skip
MILESTONES = [("Plan agreed", 10), ("First exchange", 45), ("Results shared", 120)]
TASKS = ["Agree the plan", "Collect the data", "Exchange the results", "Prepare the exhibition", "Write the report"]
JOURNAL = [
    ("We started", "The pupils met their partners on a video call and chose the questions."),
    ("First results", "Each class collected its data and shared a table with the partners."),
    ("The exhibition", "Parents and the partner schools came to see the pupils' work."),
]
# One small stored file that every seeded file row points to (1x1 PNG).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _shared_file():
    name = "projects/files/large/shared.png"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(PNG))
    return name


def seed(stdout, *, factor=1.0):
    from community.discussions.models import Room
    from community.models import Language, School, Subject
    from community.text import render_markup
    from projects.models import (
        JournalEntry,
        LabelApplication,
        LabelCriterion,
        Milestone,
        Partnership,
        Project,
        ProjectFile,
        Task,
    )

    if Project.objects.filter(founder__username__startswith=MARKER).exists():
        stdout.write("large projects: already there")
        return
    teachers = large_teachers()
    if len(teachers) < 4:
        stdout.write("large projects: not enough large-world teachers; run the people seeder first")
        return
    rng = random.Random(4242)
    now = timezone.now()
    today = timezone.localdate()
    school_of = {user_id: school_id for user_id, _region, school_id in teachers}
    teacher_ids = [t[0] for t in teachers]
    subjects = list(Subject.objects.values_list("pk", flat=True))
    languages = list(Language.objects.filter(code__in=["en", "ru", "az", "kk", "uz", "ky"]).values_list("pk", flat=True))

    places = dict(School.objects.filter(pk__in=set(school_of.values())).values_list("pk", "settlement"))
    html_cache = {}

    def html(text):
        if text not in html_cache:
            html_cache[text] = render_markup(text)
        return html_cache[text]

    n_projects = scaled("projects", factor)
    specs = []
    projects = []
    for i in range(n_projects):
        state = STATES[i % len(STATES)]
        founder = teacher_ids[rng.randrange(len(teacher_ids))]
        title, summary = rng.choice(THEMES)
        title = title.format(place=places.get(school_of[founder]) or "our village")
        created = now - timedelta(days=rng.randint(30, 900))
        start = created.date() + timedelta(days=rng.randint(5, 40))
        length = rng.randint(60, 270)
        if state in ("completed", "published", "archived"):
            start = min(start, today - timedelta(days=length + 10))
        end = start + timedelta(days=length)
        completed_at = archived_at = published_at = None
        final_report = outcomes = ""
        if state in ("completed", "published", "archived"):
            completed_at = timezone.make_aware(datetime.datetime.combine(end, datetime.time(15)))
            final_report = "All partner schools finished the plan.\n\n- What worked: monthly deadlines"
        if state == "published":
            outcomes = "A shared online map, a booklet for each school and a final exhibition."
            published_at = completed_at + timedelta(days=3)
        if state == "archived":
            archived_at = completed_at + timedelta(days=60)
        description = f"{summary} Grades 5 to 9 in every partner school; the pupils lead the work."
        status = "completed" if state == "published" else state
        projects.append(
            Project(
                title=f"{title} ({i + 1})"[:200],
                summary=summary,
                description=description,
                description_html=html(description),
                age_min=10,
                age_max=rng.choice([12, 14, 15]),
                curriculum_topics="Geography: water; Languages: letters and interviews",
                start_date=start,
                end_date=end,
                status=status,
                founder_id=founder,
                final_report=final_report,
                final_report_html=html(final_report) if final_report else "",
                outcomes=outcomes,
                outcomes_html=html(outcomes) if outcomes else "",
                completed_at=completed_at,
                archived_at=archived_at,
                published_at=published_at,
                created_at=created,
            )
        )
        specs.append(state)
    projects = Project.objects.bulk_create(projects, batch_size=1_000)
    rooms = Room.objects.bulk_create(
        [
            Room(kind=Room.Kind.PROJECT, owner_id=p.pk, title=p.title[:120], created_at=p.created_at)
            for p in projects
        ],
        batch_size=2_000,
    )
    for project, room in zip(projects, rooms, strict=True):
        project.room = room
    Project.objects.bulk_update(projects, ["room"], batch_size=2_000)
    SubjectLink = Project.subjects.through
    LanguageLink = Project.languages.through
    SubjectLink.objects.bulk_create(
        [SubjectLink(project_id=p.pk, subject_id=s) for p in projects for s in rng.sample(subjects, k=2)],
        batch_size=5_000,
    )
    LanguageLink.objects.bulk_create(
        [LanguageLink(project_id=p.pk, language_id=lang) for p in projects for lang in rng.sample(languages, k=2)],
        batch_size=5_000,
    )

    # Partnerships: the founder, two or three partners of other schools, now and then a request.
    partnerships = []
    members_of = {}
    for project, state in zip(projects, specs, strict=True):
        members = [project.founder_id]
        partnerships.append(
            Partnership(
                project=project, user_id=project.founder_id, school_id=school_of[project.founder_id],
                role=Partnership.Role.FOUNDER, status=Partnership.Status.ACCEPTED,
                created_at=project.created_at, responded_at=project.created_at,
            )  # fmt: skip
        )
        wanted = 0 if state == "draft" else rng.randint(1, 3)
        schools = {school_of[project.founder_id]}
        for _ in range(wanted * 3):
            if len(members) > wanted:
                break
            partner = teacher_ids[rng.randrange(len(teacher_ids))]
            if partner in members or school_of[partner] in schools:
                continue
            members.append(partner)
            schools.add(school_of[partner])
            accepted = state != "seeking" or rng.random() < 0.5
            partnerships.append(
                Partnership(
                    project=project, user_id=partner, school_id=school_of[partner],
                    role=Partnership.Role.PARTNER,
                    status=Partnership.Status.ACCEPTED if accepted else Partnership.Status.INVITED,
                    invited_by_id=project.founder_id, created_at=project.created_at + timedelta(days=2),
                    responded_at=project.created_at + timedelta(days=4) if accepted else None,
                )  # fmt: skip
            )
        if state == "seeking":
            asker = teacher_ids[rng.randrange(len(teacher_ids))]
            if asker not in members:
                partnerships.append(
                    Partnership(
                        project=project, user_id=asker, school_id=school_of[asker],
                        role=Partnership.Role.PARTNER, status=Partnership.Status.REQUESTED,
                        message="My pupils would love to take part.", created_at=now - timedelta(days=2),
                    )  # fmt: skip
                )
        members_of[project.pk] = members
    Partnership.objects.bulk_create(partnerships, batch_size=5_000)

    # Plans and journals of the projects under way or done; a file on each journal entry.
    milestones, tasks, entries = [], [], []
    worked = [(p, s) for p, s in zip(projects, specs, strict=True) if s not in ("draft", "seeking")]
    for project, _state in worked:
        for title, days in MILESTONES:
            milestones.append(Milestone(project=project, title=title, due_date=project.start_date + timedelta(days=days)))
    milestones = Milestone.objects.bulk_create(milestones, batch_size=5_000)
    by_project = {}
    for milestone in milestones:
        by_project.setdefault(milestone.project_id, []).append(milestone)
    for project, state in worked:
        members = members_of[project.pk]
        for index, title in enumerate(TASKS):
            done = state != "active" or index < 2
            tasks.append(
                Task(
                    project=project, milestone=by_project[project.pk][min(index, 2)], title=title,
                    assignee_id=members[index % len(members)], status="done" if done else "todo",
                    due_date=project.start_date + timedelta(days=10 + 20 * index),
                )  # fmt: skip
            )
        for index, (title, body) in enumerate(JOURNAL if state != "active" else JOURNAL[:2]):
            author = members[index % len(members)]
            entries.append(
                JournalEntry(
                    project=project, author_id=author, school_id=school_of.get(author), title=title,
                    body=body, body_html=html(body), happened_on=project.start_date + timedelta(days=15 + 30 * index),
                    on_showcase=index != 1, created_at=project.created_at + timedelta(days=15 + 30 * index),
                )  # fmt: skip
            )
    Task.objects.bulk_create(tasks, batch_size=5_000)
    entries = JournalEntry.objects.bulk_create(entries, batch_size=5_000)
    stored = _shared_file()
    ProjectFile.objects.bulk_create(
        [
            ProjectFile(
                project_id=entry.project_id, entry=entry, uploaded_by_id=entry.author_id, file=stored,
                title="Our work", kind=ProjectFile.Kind.IMAGE, size=len(PNG), created_at=entry.created_at,
            )  # fmt: skip
            for entry in entries
        ],
        batch_size=5_000,
    )

    # Quality labels: granted for most published projects, pending for some completed ones.
    labels = []
    for project, state in zip(projects, specs, strict=True):
        if state not in ("published", "completed") or rng.random() < 0.4:
            continue
        granted = state == "published"
        labels.append(
            LabelApplication(
                project=project, applicant_id=project.founder_id,
                answers={c.value: f"{c.label}: see the journal." for c in LabelCriterion},
                status=LabelApplication.Status.GRANTED if granted else LabelApplication.Status.PENDING,
                scores={c.value: 3 for c in LabelCriterion} if granted else {},
                reviewed_at=project.published_at if granted else None,
            )  # fmt: skip
        )
    LabelApplication.objects.bulk_create(labels, batch_size=2_000)
    indexed = index_in_bulk(Project, Project.objects.filter(pk__in=[p.pk for p in projects]))
    by_state = {s: specs.count(s) for s in dict.fromkeys(STATES)}
    stdout.write(
        f"large projects: {len(projects)} projects {by_state}, {len(partnerships)} partnerships, "
        f"{len(milestones)} milestones, {len(tasks)} tasks, {len(entries)} journal entries with a file, "
        f"{len(labels)} label applications, {indexed} search entries"
    )
