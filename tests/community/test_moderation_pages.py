"""Moderation pages: who sees them, what they show, bounded queries, reporting without JavaScript."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from community.discussions.models import Message
from community.moderation import services
from community.moderation.models import AuditLogEntry, Report
from tests.community.moderation_factories import World, join, person, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return World()


@pytest.mark.parametrize(
    "role", ["unverified", "member", "other_moderator", "moderator", "ambassador", "staff"]
)
def test_console_is_for_moderators_ambassadors_and_staff(client, world, role):
    client.force_login(world.role(role))
    response = client.get(reverse("moderation:console"))
    if role in ("moderator", "ambassador", "staff", "other_moderator"):
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_console_lists_reports_held_posts_verifications_join_requests_and_activity(client, world):
    ct = ContentType.objects.get_for_model(Message)
    services.report_create(
        reporter=world.member, content_type=ct, object_id=world.message.pk, reason="spam"
    )
    post(world.room, world.author, "Buy now https://spam.example", status="held")
    waiting = person("Waiting", verified=False, region=world.region)
    applicant = person("Applicant")
    join(world.community, applicant, state="pending")
    post(world.room, world.member, "Who has a rubric for group work?")
    client.force_login(world.ambassador)
    page = client.get(reverse("moderation:console")).content.decode()
    assert "Spam or advertising" in page
    assert "Buy now" in page
    assert waiting.display_name in page
    assert applicant.display_name in page
    assert world.community.name in page


def test_other_communities_reports_are_not_in_an_ambassadors_queue(client, world):
    outsider_message = post(world.other.rooms.get(), world.other_moderator, "elsewhere")
    ct = ContentType.objects.get_for_model(Message)
    services.report_create(
        reporter=world.member, content_type=ct, object_id=outsider_message.pk, reason="spam"
    )
    client.force_login(world.ambassador)
    assert "elsewhere" not in client.get(reverse("moderation:queue")).content.decode()
    report = Report.objects.get()
    assert client.get(reverse("moderation:report", args=[report.pk])).status_code == 404


def test_report_page_shows_the_context_and_the_authors_history(client, world):
    before = post(world.room, world.member, "The message before")
    target = post(world.room, world.author, "The reported one")
    post(world.room, world.member, "The message after")
    services.member_warn(
        actor=world.moderator,
        community_id=world.community.pk,
        user_id=world.author.pk,
        reason="Tone",
    )
    ct = ContentType.objects.get_for_model(Message)
    report = services.report_create(
        reporter=world.member, content_type=ct, object_id=target.pk, reason="harassment"
    )
    client.force_login(world.moderator)
    page = client.get(reverse("moderation:report", args=[report.pk])).content.decode()
    assert before.body in page and "The message after" in page and "The reported one" in page
    assert "Tone" in page  # the earlier warning
    assert 'name="action" value="hide"' in page


def test_queue_queries_stay_bounded(client, world, django_assert_max_num_queries):
    ct = ContentType.objects.get_for_model(Message)
    for i in range(25):
        m = post(world.room, world.author, f"message {i}")
        reporter = person(f"Reporter {i}")
        services.report_create(reporter=reporter, content_type=ct, object_id=m.pk, reason="spam")
        post(world.room, world.author, f"held {i}", status="held")
    client.force_login(world.moderator)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("moderation:queue")).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("moderation:console")).status_code == 200


def test_audit_log_filters_and_is_scoped(client, world):
    services.message_pin(actor=world.moderator, message_id=world.message.pk)
    services.room_lock(actor=world.moderator, room_id=world.room.pk, reason="Exams")
    other_message = post(world.other.rooms.get(), world.other_moderator, "x")
    services.message_pin(actor=world.other_moderator, message_id=other_message.pk)
    client.force_login(world.moderator)
    page = client.get(reverse("moderation:audit")).content.decode()
    assert "Locked a room" in page and world.other.name not in page
    filtered = client.get(reverse("moderation:audit"), {"action": "lock"}).content.decode()
    assert "Exams" in filtered and "Pinned a message" not in filtered.split("<tbody>")[1]
    client.force_login(world.staff)
    assert world.other.name in client.get(reverse("moderation:audit")).content.decode()
    client.force_login(world.member)
    assert client.get(reverse("moderation:audit")).status_code == 403


def test_audit_log_admin_is_read_only(admin_client, world):
    services.message_pin(actor=world.staff, message_id=world.message.pk)
    entry = AuditLogEntry.objects.get()
    assert admin_client.get(reverse("admin:moderation_auditlogentry_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:moderation_auditlogentry_add")).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:moderation_auditlogentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditLogEntry.objects.count() == 1


def test_reporting_a_message_without_javascript(client, world):
    client.force_login(world.member)
    url = reverse("moderation:report_create", args=["discussions", "message", world.message.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "other", "details": ""})
    assert "Tell the moderators what is wrong." in response.content.decode()
    assert not Report.objects.exists()
    response = client.post(url, {"reason": "spam", "details": "ads"}, follow=True)
    assert Report.objects.count() == 1
    assert "Thank you" in response.content.decode()
    again = client.post(url, {"reason": "spam"})
    assert "already reported" in again.content.decode()
    assert Report.objects.count() == 1


def test_reporting_profiles_and_communities_and_unknown_things(client, world):
    client.force_login(world.member)
    profile_url = reverse(
        "moderation:report_create", args=["community", "profile", world.author.profile.pk]
    )
    client.post(profile_url, {"reason": "impersonation"})
    community_url = reverse(
        "moderation:report_create", args=["discussions", "community", world.community.pk]
    )
    client.post(community_url, {"reason": "inappropriate"})
    assert Report.objects.count() == 2
    assert (
        client.get(reverse("moderation:report_create", args=["nope", "thing", 1])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("moderation:report_create", args=["discussions", "message", 99999])
        ).status_code
        == 404
    )
    client.logout()
    assert client.get(profile_url).status_code == 302


def test_verification_page_and_decision(client, world):
    teacher = person("Newcomer", verified=False, region=world.region)
    client.force_login(world.ambassador)
    assert teacher.display_name in client.get(reverse("moderation:verification")).content.decode()
    client.post(
        reverse("moderation:verification_decide", args=[teacher.pk]), {"decision": "approve"}
    )
    teacher.refresh_from_db()
    assert teacher.is_verified
    client.force_login(world.moderator)
    assert client.get(reverse("moderation:verification")).status_code == 403


def test_staff_page_assigns_ambassadors(client, world):
    helper = person("Helper")
    client.force_login(world.staff)
    client.post(
        reverse("moderation:ambassadors"),
        {
            "kind": "region",
            "region-email": helper.email,
            "region-region": world.region.pk,
            "region-reason": "",
        },
    )
    assert helper.ambassadorships.filter(region=world.region).exists()
    client.force_login(world.ambassador)
    assert client.get(reverse("moderation:ambassadors")).status_code == 403


def test_action_form_errors_are_shown_and_change_nothing(client, world):
    client.force_login(world.moderator)
    console = reverse("moderation:console")
    response = client.post(
        reverse("moderation:act"),
        {
            "action": "mute",
            "member": world.author.pk,
            "community": world.community.pk,
            "minutes": "-3",
            "reason": "x",
            "next": console,
        },
        follow=True,
    )
    assert "at least one minute" in response.content.decode()
    assert not AuditLogEntry.objects.exists()


def test_audit_log_dates_name_the_month_in_the_readers_language_and_zone(client, world):
    """"12/02/2026" reads as 12 February to some and 2 December to others: the month is named."""
    import datetime

    from django.utils import timezone, translation

    from community.discussions.templatetags.discussions import full_date, full_time

    moment = datetime.datetime(2026, 2, 12, 21, 30, tzinfo=datetime.UTC)
    with timezone.override("Asia/Baku"):
        assert full_time(moment) == "13 Feb 2026, 01:30"  # in the reader's zone
        assert full_date(moment) == "13 Feb 2026"
    with translation.override("ru"), timezone.override("UTC"):
        assert full_time(moment) == "12 Фев 2026, 21:30"

    services.room_lock(actor=world.moderator, room_id=world.room.pk, reason="Exams")
    entry = AuditLogEntry.objects.latest("pk")
    client.force_login(world.moderator)
    page = client.get(reverse("moderation:audit")).content.decode()
    assert full_time(entry.created_at) in page
    assert timezone.localtime(entry.created_at).strftime("%m/%d/%Y") not in page
