import pytest

from community.discussions.models import Notification
from community.errors import ActionError
from projects import services
from projects.models import Partnership, Project

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    founder = f.teacher("Aysel", school_obj=f.school("School A"))
    project = f.project(founder, seeking_partners=True)
    return project, founder


def test_invitation_accepted_notifies_both_ways(setup):
    project, founder = setup
    invitee = f.teacher("Bakhyt", school_obj=f.school("School B"))
    row = services.partnership_invite(
        actor=founder, project=project, invitee=invitee, message="Join us"
    )
    note = Notification.objects.get(recipient=invitee, kind="project.invitation")
    assert project.title in note.shown_title and note.url.endswith(f"/projects/{project.pk}/")
    services.partnership_respond_invitation(actor=invitee, partnership=row, accept=True)
    row.refresh_from_db()
    assert row.status == "accepted" and row.school.name == "School B"
    assert Notification.objects.filter(recipient=founder, kind="project.invitation_answer").exists()


def test_invitation_declined(setup):
    project, founder = setup
    invitee = f.teacher(school_obj=f.school())
    row = services.partnership_invite(actor=founder, project=project, invitee=invitee)
    services.partnership_respond_invitation(actor=invitee, partnership=row, accept=False)
    row.refresh_from_db()
    assert row.status == "declined"
    assert "declined" in Notification.objects.get(recipient=founder).shown_title
    # Declined people can be invited again.
    services.partnership_invite(actor=founder, project=project, invitee=invitee)


def test_invite_existing_member_is_refused(setup):
    project, founder = setup
    member = f.teacher("Bakhyt", school_obj=f.school())
    f.join(project, founder, member)
    with pytest.raises(ActionError, match="already takes part"):
        services.partnership_invite(actor=founder, project=project, invitee=member)


def test_invite_oneself_is_refused(setup):
    project, founder = setup
    with pytest.raises(ActionError, match="yourself"):
        services.partnership_invite(actor=founder, project=project, invitee=founder)


def test_invite_by_member_or_outsider_is_refused(setup):
    project, founder = setup
    member = f.teacher(school_obj=f.school())
    f.join(project, founder, member, role="member")
    outsider = f.teacher(school_obj=f.school())
    target = f.teacher(school_obj=f.school())
    for actor in (member, outsider):
        with pytest.raises(ActionError) as error:
            services.partnership_invite(actor=actor, project=project, invitee=target)
        assert error.value.code == "forbidden"
    assert not Partnership.objects.filter(user=target).exists()
    assert not Notification.objects.filter(recipient=target).exists()


def test_partner_can_invite(setup):
    project, founder = setup
    partner = f.teacher(school_obj=f.school())
    f.join(project, founder, partner, role="partner")
    target = f.teacher(school_obj=f.school())
    row = services.partnership_invite(actor=partner, project=project, invitee=target, role="member")
    assert row.invited_by == partner


def test_invite_twice_is_refused(setup):
    project, founder = setup
    target = f.teacher(school_obj=f.school())
    services.partnership_invite(actor=founder, project=project, invitee=target)
    with pytest.raises(ActionError, match="already been invited"):
        services.partnership_invite(actor=founder, project=project, invitee=target)


def test_request_declined_notifies_requester(setup):
    project, founder = setup
    asker = f.teacher(school_obj=f.school())
    row = services.partnership_request(actor=asker, project=project)
    assert Notification.objects.filter(recipient=founder, kind="project.request").exists()
    services.partnership_respond_request(actor=founder, partnership=row, accept=False)
    assert "declined" in Notification.objects.get(recipient=asker).shown_title


def test_member_cannot_answer_requests(setup):
    project, founder = setup
    member = f.teacher(school_obj=f.school())
    f.join(project, founder, member, role="member")
    row = services.partnership_request(actor=f.teacher(school_obj=f.school()), project=project)
    with pytest.raises(ActionError):
        services.partnership_respond_request(actor=member, partnership=row, accept=True)
    row.refresh_from_db()
    assert row.status == "requested"


def test_request_to_archived_project_is_refused(setup):
    project, founder = setup
    services.project_archive(actor=founder, project=project)
    project.refresh_from_db()
    with pytest.raises(ActionError, match="archived"):
        services.partnership_request(actor=f.teacher(school_obj=f.school()), project=project)
    assert Partnership.objects.filter(project=project).count() == 1


def test_request_twice_or_to_draft_is_refused(setup):
    project, founder = setup
    asker = f.teacher(school_obj=f.school())
    services.partnership_request(actor=asker, project=project)
    with pytest.raises(ActionError, match="already asked"):
        services.partnership_request(actor=asker, project=project)
    draft = f.project(founder, title="Draft idea")
    with pytest.raises(ActionError, match="not open"):
        services.partnership_request(actor=asker, project=draft)


def test_unverified_teacher_cannot_request(setup):
    project, _founder = setup
    with pytest.raises(ActionError):
        services.partnership_request(actor=f.teacher(verified=False), project=project)


def test_someone_else_cannot_answer_an_invitation(setup):
    project, founder = setup
    invitee = f.teacher(school_obj=f.school())
    row = services.partnership_invite(actor=founder, project=project, invitee=invitee)
    with pytest.raises(ActionError):
        services.partnership_respond_invitation(actor=founder, partnership=row, accept=True)
    assert Project.objects.get(pk=project.pk).status == "seeking"
