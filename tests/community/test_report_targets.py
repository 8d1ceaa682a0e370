"""The report form only opens for things the reporter may see, and only for reportable things.

Its page names the target, so an open door here would leak private titles.
"""

import pytest
from django.urls import reverse

from community.discussions.models import Notification
from tests.community import moderation_factories as mf
from tests.projects import factories as pf


def report_url(app_label, model, pk):
    return reverse("moderation:report_create", args=[app_label, model, pk])


@pytest.mark.django_db
def test_someone_elses_notification_cannot_be_opened_through_the_report_form(client):
    owner = mf.person("Owner")
    snoop = mf.person("Snoop")
    note = Notification.objects.create(
        recipient=owner, kind="mention", title="Private note about the inspection"
    )
    client.force_login(snoop)
    response = client.get(report_url("discussions", "notification", note.pk))
    assert response.status_code == 404
    assert "inspection" not in response.content.decode()


@pytest.mark.django_db
def test_a_draft_project_is_reportable_only_by_those_who_may_see_it(client):
    founder = pf.teacher()
    outsider = pf.teacher()
    project = pf.project(founder, title="Secret draft about village wells")
    client.force_login(outsider)
    response = client.get(report_url("projects", "project", project.pk))
    assert response.status_code == 404
    assert "village wells" not in response.content.decode()
    client.force_login(founder)
    assert client.get(report_url("projects", "project", project.pk)).status_code == 200


@pytest.mark.django_db
def test_profiles_messages_and_communities_carry_a_report_link(client):
    reporter = mf.person("Reporter")
    author = mf.person("Author")
    c = mf.community()
    mf.join(c, reporter)
    mf.join(c, author)
    room = c.rooms.first()
    message = mf.post(room, author, "Look at this")
    client.force_login(reporter)
    room_page = client.get(reverse("discussions:room", args=[room.pk])).content.decode()
    assert report_url("discussions", "message", message.pk) in room_page
    community_page = client.get(reverse("discussions:community", args=[c.slug])).content.decode()
    assert report_url("discussions", "community", c.pk) in community_page
    profile_page = client.get(reverse("teacher_profile", args=[author.pk])).content.decode()
    assert report_url("community", "user", author.pk) in profile_page
