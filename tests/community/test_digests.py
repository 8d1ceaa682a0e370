"""E-mail digests: what a teacher who was away finds in their inbox (locmem mail backend)."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone

from community import digests
from community.models import DigestDelivery, Profile
from projects.models import Partnership
from tests.community import discussions_factories as f
from tests.projects import factories as pf

pytestmark = pytest.mark.django_db

BAKU = zoneinfo.ZoneInfo("Asia/Baku")


def run(now):
    """One scheduler tick at `now`: every due digest."""
    return sum(1 for profile, period in digests.due(now) if digests.send_digest(profile, period, now))


def a_world(language="ru"):
    reader = f.user(name="Dana Seitova", interface_language=language, time_zone="Asia/Almaty")
    writer = f.user(name="Aysel Məmmədova")
    public = f.community(name="Kənd müəllimləri", owner=writer)
    f.member(public, reader)
    f.message(f.room(public), writer, "Who has a good worksheet on fractions for grade 5?")
    return reader, writer, public


def sent_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_a_teacher_gets_unread_messages_with_first_lines_in_their_language():
    reader, _writer, _public = a_world("ru")
    mail.outbox.clear()
    assert run(timezone.now()) >= 1
    [message] = sent_to(reader)
    assert "сводка" in message.subject.lower()
    text = message.body
    assert "Kənd müəllimləri · General" in text
    assert "1 непрочитанное сообщение" in text
    assert "Aysel Məmmədova: Who has a good worksheet on fractions for grade 5?" in text
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert "Who has a good worksheet on fractions" in html and "/ru/" in html
    assert '<html lang="ru">' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/email/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_nothing_from_a_private_community_the_teacher_has_left():
    reader, writer, _public = a_world("en")
    private = f.community(name="Secret staff room", visibility="private", owner=writer)
    membership = f.member(private, reader)
    f.message(f.room(private), writer, "Confidential: the inspection list")
    membership.delete()  # left the community
    mail.outbox.clear()
    run(timezone.now())
    [message] = sent_to(reader)
    assert "Who has a good worksheet" in message.body
    assert "Secret staff room" not in message.body
    assert "Confidential" not in message.body
    assert "Confidential" not in message.alternatives[0][0]


def test_a_second_run_in_the_same_period_sends_nothing_new():
    reader, writer, public = a_world("en")
    mail.outbox.clear()
    # Both runs fall in one period whatever the clock says: on a Monday morning in Almaty a
    # new week begins at DIGEST_HOUR, so a run then and one two hours later are two periods.
    profile = reader.profile
    now = timezone.now()
    for _hour in range(48):
        first = digests.period_of(profile.email_digest, profile.time_zone, now)
        later = digests.period_of(profile.email_digest, profile.time_zone, now + datetime.timedelta(hours=2))
        if first is not None and first == later:
            break
        now += datetime.timedelta(hours=1)
    run(now)
    assert len(sent_to(reader)) == 1
    f.message(f.room(public), writer, "One more question")
    run(now + datetime.timedelta(hours=2))
    assert len(sent_to(reader)) == 1
    assert DigestDelivery.objects.filter(user=reader).count() == 1


def test_daily_digests_come_every_day_and_only_with_what_is_new():
    reader, writer, public = a_world("en")
    Profile.objects.filter(user=reader).update(email_digest="daily", time_zone="Asia/Baku")
    mail.outbox.clear()
    # the first 08:00 in Baku after the world's message was written (a fixed date fails on the
    # day the clock reaches it: the message would then be newer than the first digest)
    local = timezone.now().astimezone(BAKU)
    morning = datetime.datetime.combine(local.date(), datetime.time(8, 0), tzinfo=BAKU)
    if morning <= local:
        morning += datetime.timedelta(days=1)
    run(morning)
    assert len(sent_to(reader)) == 1
    # Before 07:00 the next morning it is still the first period.
    run(morning + datetime.timedelta(hours=22, minutes=30))
    assert len(sent_to(reader)) == 1
    # The next day: nothing new in the room, so nothing is sent.
    run(morning + datetime.timedelta(days=1))
    assert len(sent_to(reader)) == 1
    assert DigestDelivery.objects.filter(user=reader).count() == 2


def test_weekly_periods_start_on_monday_morning_in_the_teachers_time_zone():
    sunday_night = datetime.datetime(2026, 12, 6, 23, 0, tzinfo=BAKU)
    monday_early = datetime.datetime(2026, 12, 7, 6, 59, tzinfo=BAKU)
    monday_morning = datetime.datetime(2026, 12, 7, 7, 0, tzinfo=BAKU)
    assert digests.period_of("weekly", "Asia/Baku", sunday_night) == digests.period_of(
        "weekly", "Asia/Baku", monday_early
    )
    assert digests.period_of("weekly", "Asia/Baku", monday_morning) != digests.period_of(
        "weekly", "Asia/Baku", monday_early
    )
    assert digests.period_of("off", "Asia/Baku", monday_morning) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda user: type(user).objects.filter(pk=user.pk).update(email_confirmed=False),
        lambda user: type(user).objects.filter(pk=user.pk).update(is_active=False),
        lambda user: digests.record_bounce(user.email.upper()),
        lambda user: Profile.objects.filter(user=user).update(email_digest="off"),
    ],
    ids=["unconfirmed", "deleted", "bounced", "turned-off"],
)
def test_no_digest_for_accounts_that_must_not_get_one(change):
    reader, _writer, _public = a_world("en")
    change(reader)
    mail.outbox.clear()
    run(timezone.now())
    assert sent_to(reader) == []


def test_unsubscribe_works_from_the_link_without_signing_in(client):
    reader, _writer, _public = a_world("az")
    mail.outbox.clear()
    run(timezone.now())
    [message] = sent_to(reader)
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get(f"/{path}")
    assert page.status_code == 200
    assert Profile.objects.get(user=reader).email_digest == "weekly"  # GET changes nothing
    # The mail client's one-click POST (RFC 8058), no session, no CSRF token.
    answer = client.post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert Profile.objects.get(user=reader).email_digest == "off"


def test_a_tampered_unsubscribe_link_is_refused_clearly(client):
    reader, _writer, _public = a_world("en")
    token = digests.unsubscribe_token(reader)
    page = client.post(f"/en/email/unsubscribe/{token[:-3]}xyz/")
    assert page.status_code == 400
    assert "not valid" in page.content.decode()
    assert Profile.objects.get(user=reader).email_digest == "weekly"


def test_project_activity_and_invitations_to_decide():
    founder = pf.teacher(name="Nigar Əliyeva")
    partner = pf.teacher(name="Aigerim Bekova")
    project = pf.project(founder, title="Rivers of our villages")
    pf.join(project, founder, partner)
    guest = pf.teacher(name="Farrukh Karimov")
    Partnership.objects.create(
        project=project, user=guest, invited_by=founder, status=Partnership.Status.INVITED
    )
    for account in (founder, partner, guest):
        type(account).objects.filter(pk=account.pk).update(email_confirmed=True)
    project.tasks.create(title="Collect water samples", due_date=timezone.localdate() + datetime.timedelta(days=3))
    mail.outbox.clear()
    run(timezone.now())
    [to_guest] = sent_to(guest)
    assert "Nigar Əliyeva invites you to the project “Rivers of our villages”." in to_guest.body
    [to_partner] = sent_to(partner)
    assert "Collect water samples" in to_partner.body


def test_bounce_webhook_needs_its_token_and_stops_mail(client, settings):
    reader, _writer, _public = a_world("en")
    settings.EMAIL_BOUNCE_TOKEN = ""
    assert client.post("/email/bounces/", {"email": reader.email}).status_code == 403
    settings.EMAIL_BOUNCE_TOKEN = "s3cret-token"
    refused = client.post("/email/bounces/", {"email": reader.email}, HTTP_AUTHORIZATION="Bearer nope")
    assert refused.status_code == 401
    bad = client.post(
        "/email/bounces/", "not json", content_type="application/json", HTTP_AUTHORIZATION="Bearer s3cret-token"
    )
    assert bad.status_code == 400
    ok = client.post(
        "/email/bounces/",
        {"email": reader.email},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer s3cret-token",
    )
    assert ok.json() == {"marked": 1}
    mail.outbox.clear()
    run(timezone.now())
    assert sent_to(reader) == []


def test_saving_the_profile_after_a_bounce_starts_mail_again(client):
    reader, _writer, _public = a_world("en")
    digests.record_bounce(reader.email)
    client.force_login(reader)
    page = client.get("/en/accounts/profile/").content.decode()
    assert "came back undelivered" in page
    form = client.get("/en/accounts/profile/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, (list, tuple))}
    data.update(display_name="Dana Seitova", email_digest="daily", time_zone="Asia/Almaty", interface_language="en")
    answer = client.post("/en/accounts/profile/", data)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    profile = Profile.objects.get(user=reader)
    assert profile.email_digest == "daily" and profile.email_bounced_at is None
