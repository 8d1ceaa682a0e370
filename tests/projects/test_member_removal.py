"""Removing a member from the workspace's list: who sees the button, what posting it does."""

import re

import pytest
from django.test import Client
from django.utils import translation

from projects import services
from projects.models import Partnership

from . import factories as f

pytestmark = pytest.mark.django_db


def members_url(project):
    return f"/en/projects/{project.pk}/members/"


def remove_url(row):
    return f"/en/projects/partnerships/{row.pk}/remove/"


@pytest.fixture
def world():
    project, founder, partner = f.two_school_project(title="River study")
    member = f.teacher("Chinara", school_obj=f.school("School C"))
    member_row = f.join(project, founder, member, role="member")
    outsider = f.teacher("Outsider", school_obj=f.school("School X"))
    return project, founder, partner, member, member_row, outsider


def page(client, user, project):
    client.force_login(user)
    response = client.get(members_url(project))
    assert response.status_code == 200
    return response.content.decode()


def test_founder_and_partner_see_a_labelled_remove_form(client, world):
    project, founder, partner, _member, member_row, _outsider = world
    partner_row = Partnership.objects.get(project=project, user=partner)
    founder_page = page(client, founder, project)
    assert "Remove Chinara from the project" in founder_page
    assert "Remove Bakhyt from the project" in founder_page
    assert "Remove Aysel" not in founder_page  # the founder cannot be removed
    form = re.search(
        rf'<form method="post" action="{remove_url(member_row)}"[^>]*>(.*?)</form>',
        founder_page,
        re.S,
    )
    assert form is not None
    assert 'aria-label="Remove Chinara from the project"' in form.group(0)
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert f'name="next" value="{members_url(project)}"' in form.group(1)
    button = '<button type="submit" class="small danger">Remove Chinara from the project</button>'
    assert button in form.group(1)

    partner_page = page(client, partner, project)
    assert "Remove Chinara from the project" in partner_page
    assert "Remove Aysel" not in partner_page
    assert remove_url(partner_row) not in partner_page  # not themselves either


def test_plain_member_and_outsider_get_no_button(client, world):
    project, _founder, _partner, member, _member_row, outsider = world
    member_page = page(client, member, project)
    assert "/remove/" not in member_page and "Remove Bakhyt" not in member_page
    client.force_login(outsider)
    response = client.get(members_url(project))
    assert response.status_code == 404
    assert "/remove/" not in response.content.decode()


def test_removing_a_member_with_the_pages_own_form(world):
    project, founder, _partner, member, member_row, _outsider = world
    client = Client(enforce_csrf_checks=True)  # the form works as it is, without scripts
    client.force_login(founder)
    body = client.get(members_url(project)).content.decode()
    form = re.search(
        rf'<form method="post" action="{remove_url(member_row)}".*?</form>', body, re.S
    ).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    next_url = re.search(r'name="next" value="([^"]+)"', form).group(1)
    response = client.post(
        remove_url(member_row), {"csrfmiddlewaretoken": token, "next": next_url}, follow=True
    )
    assert response.redirect_chain[-1][0] == members_url(project)
    content = response.content.decode()
    assert "Chinara has been removed from the project." in content
    assert "Remove Chinara" not in content
    assert not Partnership.objects.filter(pk=member_row.pk).exists()

    client.force_login(member)
    for page_name in ("workspace", "members", "journal", "files"):
        assert client.get(f"/en/projects/{project.pk}/{page_name}/").status_code == 404


def test_a_partner_can_remove_a_member(client, world):
    project, _founder, partner, member, member_row, _outsider = world
    client.force_login(partner)
    response = client.post(remove_url(member_row), {"next": members_url(project)}, follow=True)
    assert "Chinara has been removed from the project." in response.content.decode()
    assert not Partnership.objects.filter(project=project, user=member).exists()


def test_removing_the_founder_shows_the_services_error_and_changes_nothing(client, world):
    project, founder, partner, _member, _member_row, _outsider = world
    founder_row = Partnership.objects.get(project=project, user=founder)
    client.force_login(partner)
    response = client.post(remove_url(founder_row), {"next": members_url(project)}, follow=True)
    assert response.redirect_chain[-1][0] == members_url(project)
    assert "The founder cannot be removed from the project." in response.content.decode()
    founder_row.refresh_from_db()
    assert (founder_row.role, founder_row.status) == ("founder", "accepted")


def test_a_plain_member_cannot_remove_others(client, world):
    project, _founder, partner, member, _member_row, _outsider = world
    partner_row = Partnership.objects.get(project=project, user=partner)
    client.force_login(member)
    response = client.post(remove_url(partner_row), {"next": members_url(project)}, follow=True)
    assert (
        "Only the project&#x27;s founder and partners can remove members."
        in response.content.decode()
    )
    assert Partnership.objects.filter(pk=partner_row.pk, status="accepted").exists()


def test_outsiders_get_404_and_nothing_changes(client, world):
    _project, _founder, _partner, _member, member_row, outsider = world
    client.force_login(outsider)
    assert client.post(remove_url(member_row)).status_code == 404
    assert Partnership.objects.filter(pk=member_row.pk).exists()


def test_removal_needs_post(client, world):
    _project, founder, _partner, _member, member_row, _outsider = world
    client.force_login(founder)
    assert client.get(remove_url(member_row)).status_code == 405
    assert Partnership.objects.filter(pk=member_row.pk).exists()


def test_withdrawing_an_invitation(client, world):
    project, founder, _partner, _member, _member_row, outsider = world
    row = services.partnership_invite(actor=founder, project=project, invitee=outsider)
    body = page(client, founder, project)
    assert "Withdraw the invitation to Outsider" in body
    response = client.post(remove_url(row), {"next": members_url(project)}, follow=True)
    assert "The invitation to Outsider has been withdrawn." in response.content.decode()
    assert not Partnership.objects.filter(pk=row.pk).exists()


def test_leaving_goes_to_my_projects(client, world):
    _project, _founder, _partner, member, member_row, _outsider = world
    client.force_login(member)
    response = client.post(remove_url(member_row), follow=True)
    assert response.redirect_chain[-1][0] == "/en/projects/mine/"
    assert "You have left the project." in response.content.decode()


def test_removal_page_in_azerbaijani(client, world):
    project, founder, _partner, _member, _member_row, _outsider = world
    client.force_login(founder)
    with translation.override("az"):  # the request switches the language; put it back after
        body = client.get(f"/az/projects/{project.pk}/members/").content.decode()
    assert "Layihədən çıxar: Chinara" in body
