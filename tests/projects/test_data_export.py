"""Personal data export: what a teacher wrote or holds in projects, and nobody else's content."""

import datetime
import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects import services
from projects.records import export_section

from . import factories as f

pytestmark = pytest.mark.django_db

EXPORT_QUERIES = 10  # one per kind of row, however many rows there are


def pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4\n% a test document\n", "application/pdf")


def add_work(project, founder, partner, n=1):
    """Journal entries, files and tasks by the partner, and the same by the founder."""
    for i in range(n):
        services.journal_entry_create(
            actor=partner,
            project=project,
            title=f"Our river walk {i}",
            body="We measured the river.",
            happened_on=datetime.date(2026, 3, 1),
            files=[pdf(f"walk-{i}.pdf")],
        )
        services.journal_entry_create(
            actor=founder,
            project=project,
            title=f"Founder notes {i}",
            body="Founder's private notes",
            happened_on=datetime.date(2026, 3, 2),
        )
        services.file_upload(
            actor=partner, project=project, upload=pdf(f"plan-{i}.pdf"), title=f"Lesson plan {i}"
        )
        services.file_upload(
            actor=founder, project=project, upload=pdf(f"budget-{i}.pdf"), title="Founder budget"
        )
        milestone = services.milestone_create(
            actor=founder, project=project, title=f"Spring {i}", due_date=datetime.date(2026, 4, 1)
        )
        services.task_create(
            actor=founder,
            project=project,
            title=f"Measure pH {i}",
            assignee=partner,
            milestone=milestone,
        )
        services.task_create(
            actor=founder, project=project, title="Founder's own task", assignee=founder
        )


@pytest.fixture
def world():
    project, founder, partner = f.two_school_project(
        title="River study", summary="Rivers compared", description="The founder's plan."
    )
    outsider = f.teacher("Outsider", school_obj=f.school("School X"))
    add_work(project, founder, partner)
    services.partnership_invite(
        actor=partner, project=project, invitee=outsider, role="member", message="Join us"
    )
    poems = f.project(outsider, title="Poems", seeking_partners=True)
    services.partnership_request(actor=partner, project=poems, message="I would like to join")
    services.project_complete(actor=founder, project=project, final_report="Done.")
    project.refresh_from_db()
    services.label_apply(actor=partner, project=project, answers=f.label_answers())
    competition = services.competition_create(
        actor=f.staff(), title="Young scientists", deadline=f.future(), categories=["Science"]
    )
    services.competition_enter(
        actor=partner,
        competition=competition,
        project=project,
        category=competition.categories.get(),
    )
    return project, founder, partner, outsider


def test_export_hook_is_registered():
    assert "projects.records.export_section" in settings.DATA_EXPORT_SECTIONS


def test_export_holds_the_users_own_project_data(world):
    project, founder, partner, _outsider = world
    section = export_section(partner)
    assert section["key"] == "projects"
    data = section["data"]
    text = json.dumps(data)  # JSON-serialisable as it is

    rows = {row["project"]["title"]: row for row in data["partnerships"]}
    assert set(rows) == {"River study", "Poems"}
    river = rows["River study"]
    assert (river["role"], river["status"], river["project_status"]) == (
        "partner",
        "accepted",
        "completed",
    )
    assert river["start_date"] == "2026-02-01" and river["end_date"] == "2026-06-01"
    assert river["invited_by"] == "Aysel" and river["school"] == "School B"
    assert "description" not in river  # the founder wrote it, not the partner
    assert rows["Poems"]["status"] == "requested"
    assert rows["Poems"]["message"] == "I would like to join"

    assert data["invitations_sent"] == [
        {
            "project": {"id": project.pk, "title": "River study"},
            "invitee": "Outsider",
            "role": "member",
            "status": "invited",
            "message": "Join us",
            "created_at": data["invitations_sent"][0]["created_at"],
            "responded_at": None,
        }
    ]
    assert [e["title"] for e in data["journal_entries"]] == ["Our river walk 0"]
    assert data["journal_entries"][0]["body"] == "We measured the river."
    assert [(t["title"], t["milestone"]) for t in data["tasks_assigned"]] == [
        ("Measure pH 0", "Spring 0")
    ]
    files = {item["title"]: item for item in data["files_uploaded"]}
    assert set(files) == {"walk-0.pdf", "Lesson plan 0"}
    assert files["walk-0.pdf"]["journal_entry"] == "Our river walk 0"
    assert files["Lesson plan 0"]["file_name"].startswith("plan-0")
    assert "/" not in files["Lesson plan 0"]["file_name"]  # a name, not a storage path
    assert files["Lesson plan 0"]["kind"] == "document"
    [label] = data["label_applications"]
    assert label["status"] == "pending" and label["answers"] == f.label_answers()
    [entry] = data["competition_entries"]
    assert (entry["competition"], entry["category"], entry["project"]["title"]) == (
        "Young scientists",
        "Science",
        "River study",
    )
    # Other members' content stays out.
    for foreign in (
        "Founder's private notes",
        "Founder notes",
        "Founder budget",
        "budget-0",
        "Founder's own task",
        "The founder's plan.",
    ):
        assert foreign not in text, foreign


def test_founder_exports_what_they_wrote_about_the_project(world):
    _project, founder, _partner, _outsider = world
    data = export_section(founder)["data"]
    [row] = data["partnerships"]
    assert row["role"] == "founder" and row["description"] == "The founder's plan."
    assert [e["title"] for e in data["journal_entries"]] == ["Founder notes 0"]
    assert [t["title"] for t in data["tasks_assigned"]] == ["Founder's own task"]
    assert data["label_applications"] == [] and data["competition_entries"] == []
    assert "We measured the river." not in json.dumps(data)


def test_juror_and_reviewer_export_their_scores(world):
    project, founder, partner, _outsider = world
    reviewer = f.ambassador(founder.profile.school.region, "Rashad")
    application = project.label_application
    services.label_review(
        actor=reviewer,
        application=application,
        scores=dict.fromkeys(f.label_answers(), 3),
        feedback={"results": "Well documented."},
        grant=True,
    )
    data = export_section(reviewer)["data"]
    [review] = data["label_reviews"]
    assert review["status"] == "granted" and review["feedback"]["results"] == "Well documented."
    # The applicant sees the decision on their application too.
    [label] = export_section(partner)["data"]["label_applications"]
    assert label["status"] == "granted" and label["scores"]["results"] == 3


def test_teacher_without_projects_exports_empty_lists():
    data = export_section(f.teacher("Nobody"))["data"]
    assert all(value == [] for value in data.values())


def test_export_query_count_does_not_grow_with_rows(world, django_assert_max_num_queries):
    project, founder, partner, _outsider = world
    with CaptureQueriesContext(connection) as few:
        export_section(partner)
    # More of everything: another project with several entries, files and tasks.
    other, other_founder, _ = f.two_school_project(title="Second study")
    f.join(other, other_founder, partner, role="partner")
    add_work(other, other_founder, partner, n=4)
    with django_assert_max_num_queries(EXPORT_QUERIES):
        data = export_section(partner)["data"]
    assert len(data["journal_entries"]) == 5 and len(data["files_uploaded"]) == 10
    with CaptureQueriesContext(connection) as many:
        export_section(partner)
    assert len(many) == len(few)


def test_download_my_data_holds_the_projects_section(client, world):
    _project, _founder, partner, _outsider = world
    client.force_login(partner)
    response = client.get("/en/accounts/my-data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    projects = data["projects"]
    assert {row["project"]["title"] for row in projects["partnerships"]} == {"River study", "Poems"}
    assert projects["journal_entries"][0]["title"] == "Our river walk 0"
    assert projects["tasks_assigned"][0]["title"] == "Measure pH 0"
    assert projects["invitations_sent"][0]["invitee"] == "Outsider"
    assert projects["label_applications"][0]["status"] == "pending"
    assert projects["competition_entries"][0]["competition"] == "Young scientists"
    assert "Founder's private notes" not in response.content.decode()
