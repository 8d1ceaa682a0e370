import datetime

import pytest

from community.discussions.models import Notification, Room
from community.errors import ActionError
from projects import services
from projects.models import Partnership, Project

from . import factories as f

pytestmark = pytest.mark.django_db


def test_create_makes_founder_partnership_and_room():
    founder = f.teacher("Aysel", school_obj=f.school("School A"))
    project = f.project(founder, subjects=[f.subject("Biology")], languages=[f.language()])
    assert project.status == Project.Status.DRAFT
    row = Partnership.objects.get(project=project)
    assert (row.user, row.role, row.status, row.school.name) == (
        founder,
        "founder",
        "accepted",
        "School A",
    )
    room = Room.objects.get(pk=project.room_id)
    assert (room.kind, room.owner_id) == ("project", project.pk)
    assert "<strong>measure</strong>" in project.description_html


def test_unverified_teacher_cannot_create():
    with pytest.raises(ActionError) as error:
        f.project(f.teacher(verified=False))
    assert error.value.code == "forbidden"
    assert not Project.objects.exists()


def test_end_before_start_is_refused_and_nothing_saved():
    founder = f.teacher(school_obj=f.school())
    with pytest.raises(ActionError, match="end date cannot be before"):
        f.project(founder, start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 4, 1))
    assert not Project.objects.exists() and not Room.objects.filter(kind="project").exists()


def test_age_range_upside_down_is_refused():
    with pytest.raises(ActionError, match="oldest age"):
        f.project(f.teacher(school_obj=f.school()), age_min=14, age_max=10)


def test_full_lifecycle_draft_seeking_active_completed_archived():
    founder = f.teacher("Aysel", school_obj=f.school("School A"))
    same_school = f.teacher("Leyla", school_obj=founder.profile.school)
    other = f.teacher("Bakhyt", school_obj=f.school("School B"))
    project = f.project(founder)
    services.project_open_for_partners(actor=founder, project=project)
    project.refresh_from_db()
    assert project.status == Project.Status.SEEKING

    # A second teacher of the same school does not make the project active.
    f.join(project, founder, same_school, role="member")
    assert project.status == Project.Status.SEEKING

    # A teacher of another school asks to join; the founder accepts: now active.
    row = services.partnership_request(actor=other, project=project, message="Hello")
    services.partnership_respond_request(actor=founder, partnership=row, accept=True)
    project.refresh_from_db()
    assert project.status == Project.Status.ACTIVE
    assert Notification.objects.filter(recipient=other, kind="project.active").exists()

    # Completion needs a final report.
    with pytest.raises(ActionError, match="final report"):
        services.project_complete(actor=founder, project=project, final_report="  ")
    project.refresh_from_db()
    assert project.status == Project.Status.ACTIVE
    services.project_complete(actor=founder, project=project, final_report="Pupils *loved* it.")
    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED
    assert "<em>loved</em>" in project.final_report_html

    services.project_archive(actor=founder, project=project)
    project.refresh_from_db()
    assert project.status == Project.Status.ARCHIVED
    assert Room.objects.get(pk=project.room_id).is_locked
    # Archived projects are read-only.
    with pytest.raises(ActionError):
        services.project_update(actor=founder, project=project, title="New")
    with pytest.raises(ActionError, match="archived"):
        services.milestone_create(
            actor=founder, project=project, title="x", due_date=datetime.date(2026, 3, 1)
        )


def test_members_cannot_complete_only_founders_and_partners():
    project, founder, partner = f.two_school_project()
    member = f.teacher(school_obj=f.school())
    f.join(project, founder, member, role="member")
    with pytest.raises(ActionError) as error:
        services.project_complete(actor=member, project=project, final_report="x")
    assert error.value.code == "forbidden"
    services.project_complete(actor=partner, project=project, final_report="done")


def test_publish_only_after_completion():
    project, founder, _partner = f.two_school_project()
    with pytest.raises(ActionError, match="completed"):
        services.project_publish(actor=founder, project=project)
    services.project_complete(actor=founder, project=project, final_report="done")
    services.project_publish(actor=founder, project=project, outcomes="A booklet")
    project.refresh_from_db()
    assert project.published_at is not None and "booklet" in project.outcomes_html
