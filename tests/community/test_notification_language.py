"""Notifications are stored as a kind and its parameters and shown in the reader's language."""

import pytest
from django.utils import translation

from community.discussions.models import Notification
from community.discussions.services.memberships import membership_invite
from tests.community import people_factories as f

pytestmark = pytest.mark.django_db


def _invite():
    from community.discussions.services.communities import community_create

    owner = f.teacher(email="owner@example.az", name="Aysel Məmmədova")
    guest = f.teacher(email="guest@example.kz", name="Dana Seitova")
    community = community_create(user=owner, name="Kənd müəllimləri", visibility="public")
    with translation.override("az"):
        membership_invite(actor=owner, community=community, user=guest)
    return guest, Notification.objects.get(recipient=guest, kind="invitation")


def test_a_notification_created_in_az_is_shown_in_ru_on_a_russian_page(client):
    guest, notice = _invite()
    client.force_login(guest)
    html = client.get("/ru/notifications/").content.decode()
    assert "Aysel Məmmədova приглашает вас в сообщество «Kənd müəllimləri»" in html
    assert "dəvət edir" not in html
    html = client.get("/az/notifications/").content.decode()
    assert "Aysel Məmmədova" in html and "приглашает" not in html
    with translation.override("en"):
        assert notice.shown_title == "Aysel Məmmədova invites you to join Kənd müəllimləri"


def test_a_persons_own_words_are_never_a_template():
    recipient = f.teacher(email="r@example.az")
    from community.discussions.services.notifications import notification_create

    notice = notification_create(
        recipient=recipient,
        kind="moderation",
        title="A moderator of “%(community)s” warned you",
        params={"community": "Maths"},
        text="100% off: %(community)s",
    )
    notice.refresh_from_db()
    assert notice.shown_body == "100% off: %(community)s"
    with translation.override("ru"):
        assert "Maths" in notice.shown_title and "предупреждение" in notice.shown_title


def test_a_notification_stored_as_finished_text_still_shows():
    recipient = f.teacher(email="old@example.az")
    old = Notification.objects.create(recipient=recipient, kind="x", title="50% done", body="as written")
    assert (old.shown_title, old.shown_body) == ("50% done", "as written")
