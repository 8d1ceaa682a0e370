"""The community invite form does not tell whether an e-mail address has an account."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from community.discussions.models import Membership, Notification

from . import discussions_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db


def invite(client, community, who):
    response = client.post(
        reverse("discussions:community_invite", args=[community.slug]), {"who": who}, follow=True
    )
    assert response.status_code == 200
    return [str(m) for m in get_messages(response.wsgi_request)], response.content.decode()


def test_known_and_unknown_addresses_get_the_same_answer_and_only_the_real_account_is_invited(
    client,
):
    owner = f.user()
    private = f.community(name="Quiet circle", visibility="private", owner=owner)
    guest = f.user(username="guest", name="Gulnara Guest")
    client.force_login(owner)

    known, known_page = invite(client, private, "GUEST@example.org")
    unknown, unknown_page = invite(client, private, "nobody@example.org")

    assert known == unknown == ["If a teacher with this address exists, they have been invited."]
    assert "Gulnara Guest" not in known_page
    assert Membership.objects.get(community=private, user=guest).state == "invited"
    assert Notification.objects.filter(recipient=guest, kind="invitation").count() == 1
    assert Membership.objects.filter(community=private).count() == 2  # the owner and the guest

    # Asking again (already invited) still gives the same answer, and sends nothing more.
    again, _page = invite(client, private, "guest@example.org")
    assert again == known
    assert Notification.objects.filter(recipient=guest, kind="invitation").count() == 1


def test_inviting_by_username_still_names_the_teacher(client):
    owner = f.user()
    private = f.community(visibility="private", owner=owner)
    guest = f.user(username="guest", name="Gulnara Guest")
    client.force_login(owner)

    answer, _page = invite(client, private, "@guest")
    assert answer == ["Gulnara Guest is invited."]
    assert Membership.objects.get(community=private, user=guest).state == "invited"

    missing, _page = invite(client, private, "@nobody")
    assert missing == ["No teacher with that username."]


def test_someone_who_may_not_invite_learns_nothing_and_invites_nobody(client):
    owner = f.user()
    private = f.community(visibility="private", owner=owner)
    guest = f.user(username="guest")
    outsider = f.user()
    f.member(private, outsider)
    client.force_login(outsider)
    answer, _page = invite(client, private, "guest@example.org")
    assert not Membership.objects.filter(community=private, user=guest).exists()
    assert answer == ["You cannot invite people to this community."]
