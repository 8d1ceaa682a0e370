"""Partner search: results link to the teacher's profile and invite them, by user id, to a project."""

import pytest
from bs4 import BeautifulSoup

from community.discussions.models import Notification
from projects import services
from projects.models import Partnership

from . import factories as f

pytestmark = pytest.mark.django_db

SEARCH = "/en/projects/teachers/"
INVITE = "/en/projects/teachers/invite/"


@pytest.fixture
def world():
    """Aysel founds two projects (one completed), Bakhyt is a plain member of one; Dana is found."""
    founder = f.teacher("Aysel", school_obj=f.school("School A"))
    open_project = f.project(founder, title="Rivers we share", seeking_partners=True)
    done, done_founder, _ = f.two_school_project(title="Finished study")
    f.join(done, done_founder, founder)
    services.project_complete(actor=done_founder, project=done, final_report="We did it.")
    member = f.teacher("Bakhyt", school_obj=f.school("School B"))
    f.join(open_project, founder, member, role="member")
    found = f.teacher("Dana", school_obj=f.school("School C"), looking=True)
    return founder, open_project, done, member, found


def _person(html, name):
    soup = BeautifulSoup(html, "html.parser")
    for item in soup.select("main li"):
        if item.find("strong") and item.find("strong").get_text() == name:
            return item
    raise AssertionError(f"{name} is not among the results")


def test_results_link_to_profiles_and_offer_the_projects_where_the_viewer_may_invite(client, world):
    founder, open_project, done, _member, found = world
    client.force_login(founder)
    html = client.get(SEARCH, {"q": "Dana"}).content.decode()
    item = _person(html, "Dana")
    assert item.find("a")["href"] == f"/en/teachers/{found.pk}/"
    form = item.find("form")
    assert form["action"] == INVITE and form["method"] == "post"
    assert form.find("input", {"name": "user"})["value"] == str(found.pk)
    assert "e-mail" not in form.get_text().lower()
    # The completed project takes no one new, and Aysel is only a partner there: it is not offered.
    offered = {
        field["value"] for field in form.find_all(["input", "option"], attrs={"value": True})
    }
    assert str(open_project.pk) in offered and str(done.pk) not in offered
    assert "Invite to my project" in form.get_text()


def test_inviting_from_the_results_sends_the_invitation_and_comes_back(client, world):
    founder, open_project, _done, _member, found = world
    client.force_login(founder)
    back = f"{SEARCH}?q=Dana"
    response = client.post(
        INVITE, {"user": found.pk, "project": open_project.pk, "next": back}, follow=True
    )
    assert response.redirect_chain[-1][0] == back
    assert "Invitation to “Rivers we share” sent to Dana." in response.content.decode()
    row = Partnership.objects.get(project=open_project, user=found)
    assert row.status == "invited" and row.role == "partner" and row.invited_by == founder
    assert Notification.objects.filter(recipient=found, kind="project.invitation").exists()


def test_a_second_invitation_is_refused_clearly(client, world):
    founder, open_project, _done, _member, found = world
    services.partnership_invite(actor=founder, project=open_project, invitee=found)
    client.force_login(founder)
    response = client.post(
        INVITE, {"user": found.pk, "project": open_project.pk, "next": SEARCH}, follow=True
    )
    assert response.status_code == 200
    assert "Dana has already been invited." in response.content.decode()
    assert Partnership.objects.filter(project=open_project, user=found).count() == 1


def test_a_member_who_may_not_invite_sees_no_form_and_a_forged_post_is_refused(client, world):
    _founder, open_project, _done, member, found = world
    client.force_login(member)
    html = client.get(SEARCH, {"q": "Dana"}).content.decode()
    assert _person(html, "Dana").find("form") is None
    assert "founders and partners of a project can invite" in html
    response = client.post(
        INVITE, {"user": found.pk, "project": open_project.pk, "next": SEARCH}, follow=True
    )
    assert "Only the project&#x27;s founder and partners can invite teachers." in (
        response.content.decode()
    )
    assert not Partnership.objects.filter(project=open_project, user=found).exists()


def test_a_completed_project_refuses_new_invitations(client, world):
    founder, _open, done, _member, found = world
    client.force_login(founder)
    response = client.post(
        INVITE, {"user": found.pk, "project": done.pk, "next": SEARCH}, follow=True
    )
    assert "Only the project&#x27;s founder and partners can invite teachers." in (
        response.content.decode()
    )
    assert not Partnership.objects.filter(project=done, user=found).exists()


@pytest.mark.parametrize(
    "data, error",
    [
        ({"project": "PROJECT"}, "This teacher is no longer on the platform."),
        ({"user": "abc", "project": "PROJECT"}, "This teacher is no longer on the platform."),
        ({"user": "999999", "project": "PROJECT"}, "This teacher is no longer on the platform."),
        ({"user": "FOUND"}, "Choose the project to invite Dana to."),
        ({"user": "FOUND", "project": "x"}, "Choose the project to invite Dana to."),
    ],
)
def test_bad_input_gets_a_clear_error_and_writes_nothing(client, world, data, error):
    founder, open_project, _done, _member, found = world
    client.force_login(founder)
    values = {"PROJECT": str(open_project.pk), "FOUND": str(found.pk)}
    post = {key: values.get(value, value) for key, value in data.items()}
    before = Partnership.objects.count()
    response = client.post(INVITE, {**post, "next": SEARCH}, follow=True)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Partnership.objects.count() == before


def test_inviting_yourself_is_refused(client, world):
    founder, open_project, _done, _member, _found = world
    client.force_login(founder)
    html = client.get(SEARCH, {"q": "Aysel"}).content.decode()
    assert _person(html, "Aysel").find("form") is None
    response = client.post(
        INVITE, {"user": founder.pk, "project": open_project.pk, "next": SEARCH}, follow=True
    )
    assert "You cannot invite yourself." in response.content.decode()


def test_a_project_the_viewer_cannot_see_is_not_found(client, world):
    _founder, open_project, _done, _member, found = world
    stranger_project, stranger, _partner = f.two_school_project(title="Hidden study")
    outsider = f.teacher("Outsider", school_obj=f.school("School X"))
    client.force_login(outsider)
    response = client.post(INVITE, {"user": found.pk, "project": stranger_project.pk})
    assert response.status_code == 404
    assert not Partnership.objects.filter(user=found).exists()
    assert stranger and open_project


def test_visitors_are_sent_to_sign_in_and_get_is_refused(client, world):
    founder, open_project, _done, _member, found = world
    response = client.post(INVITE, {"user": found.pk, "project": open_project.pk})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(founder)
    assert client.get(INVITE).status_code == 405
    assert not Partnership.objects.filter(user=found).exists()


def test_the_search_page_reads_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    founder, _open, _done, _member, _found = world
    for n in range(12):
        f.teacher(f"Extra {n}", school_obj=f.school(f"Extra school {n}"))
    client.force_login(founder)
    with django_assert_max_num_queries(20):
        response = client.get(SEARCH)
    assert response.content.decode().count('action="/en/projects/teachers/invite/"') >= 12
