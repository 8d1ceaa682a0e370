"""Moderation services: idempotent, permission-checked, logged exactly once; bad input changes nothing."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail  # noqa: F401
from django.utils import timezone

from community.discussions.models import Membership, Message, Notification
from community.errors import ActionError
from community.moderation import services
from community.moderation.models import AppendOnlyError, AuditLogEntry, Report
from tests.community.moderation_factories import World, join, person, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return World()


def entries(action):
    return AuditLogEntry.objects.filter(action=action).count()


def test_hide_twice_changes_once_and_logs_once_and_the_author_learns_why(world):
    assert (
        services.message_hide(
            actor=world.moderator, message_id=world.message.pk, reason="Off topic"
        )
        is True
    )
    assert (
        services.message_hide(actor=world.moderator, message_id=world.message.pk, reason="Again")
        is False
    )
    world.message.refresh_from_db()
    assert world.message.hidden_reason == "Off topic"
    assert entries("hide") == 1
    notice = Notification.objects.get(recipient=world.author)
    assert "Off topic" in notice.shown_body


def test_restore_delete_pin_unpin_each_logged_once(world):
    m = world.message.pk
    services.message_hide(actor=world.staff, message_id=m, reason="x")
    assert services.message_restore(actor=world.staff, message_id=m) is True
    assert services.message_restore(actor=world.staff, message_id=m) is False
    assert services.message_pin(actor=world.ambassador, message_id=m) is True
    assert services.message_pin(actor=world.ambassador, message_id=m) is False
    assert services.message_unpin(actor=world.ambassador, message_id=m) is True
    assert services.message_remove(actor=world.moderator, message_id=m, reason="Spam") is True
    assert services.message_remove(actor=world.moderator, message_id=m, reason="Spam") is False
    assert Message.objects.get(pk=m).deleted_at is not None
    for action in ("restore", "pin", "unpin", "delete"):
        assert entries(action) == 1


@pytest.mark.parametrize("role", ["member", "unverified", "other_moderator"])
def test_someone_who_does_not_moderate_is_refused_and_nothing_is_logged(world, role):
    with pytest.raises(ActionError) as error:
        services.message_hide(actor=world.role(role), message_id=world.message.pk, reason="x")
    assert error.value.code == "forbidden"
    world.message.refresh_from_db()
    assert world.message.hidden_at is None
    assert AuditLogEntry.objects.count() == 0


def test_a_target_that_no_longer_exists(world):
    pk = world.message.pk
    Message.objects.filter(pk=pk).delete()
    with pytest.raises(ActionError) as error:
        services.message_hide(actor=world.staff, message_id=pk, reason="x")
    assert error.value.code == "not_found"
    with pytest.raises(ActionError) as error:
        services.member_mute(
            actor=world.staff, community_id=world.community.pk, user_id=99999, minutes=5, reason="x"
        )
    assert error.value.code == "not_found"
    assert AuditLogEntry.objects.count() == 0


@pytest.mark.parametrize("minutes", [None, "", 0, -5, "soon"])
def test_mute_without_a_positive_duration_is_refused(world, minutes):
    with pytest.raises(ActionError) as error:
        services.member_mute(
            actor=world.moderator,
            community_id=world.community.pk,
            user_id=world.author.pk,
            minutes=minutes,
            reason="x",
        )
    assert error.value.code == "invalid"
    assert Membership.objects.get(community=world.community, user=world.author).muted_until is None
    assert AuditLogEntry.objects.count() == 0


@pytest.mark.parametrize(
    "call",
    [
        lambda w: services.message_hide(actor=w.moderator, message_id=w.message.pk, reason="  "),
        lambda w: services.member_warn(
            actor=w.moderator, community_id=w.community.pk, user_id=w.author.pk, reason=""
        ),
        lambda w: services.member_ban(
            actor=w.moderator, community_id=w.community.pk, user_id=w.author.pk, reason=""
        ),
        lambda w: services.room_lock(actor=w.moderator, room_id=w.room.pk, reason=""),
        lambda w: services.room_slow_mode(
            actor=w.moderator, room_id=w.room.pk, seconds=30, reason=""
        ),
    ],
)
def test_a_missing_reason_is_refused_and_nothing_changes(world, call):
    with pytest.raises(ActionError) as error:
        call(world)
    assert error.value.code == "invalid" and error.value.ref == "reason"
    assert AuditLogEntry.objects.count() == 0
    world.room.refresh_from_db()
    assert not world.room.is_locked and world.room.slow_mode_seconds == 0


def test_mute_then_posting_is_refused_with_the_time_left(world):
    from community.discussions.services import message_post

    assert services.member_mute(
        actor=world.moderator,
        community_id=world.community.pk,
        user_id=world.author.pk,
        minutes=30,
        reason="Calm down",
    )
    assert not services.member_mute(
        actor=world.moderator,
        community_id=world.community.pk,
        user_id=world.author.pk,
        minutes=30,
        reason="Calm down",
    )
    assert entries("mute") == 1
    with pytest.raises(ActionError) as error:
        message_post(user=world.author, room=world.room, body="hello?", client_id="c-1")
    assert error.value.code == "muted"
    assert "min" in error.value.detail


def test_ban_removes_from_the_rooms_and_unban_lets_them_join_again(world):
    assert services.member_ban(
        actor=world.ambassador,
        community_id=world.community.pk,
        user_id=world.author.pk,
        reason="Abuse",
    )
    assert not services.member_ban(
        actor=world.ambassador,
        community_id=world.community.pk,
        user_id=world.author.pk,
        reason="Abuse",
    )
    membership = Membership.objects.get(community=world.community, user=world.author)
    assert membership.state == "banned" and membership.ban_reason == "Abuse"
    from community.discussions.permissions import can_read_room

    assert not can_read_room(world.author, world.room)
    assert services.member_unban(
        actor=world.ambassador, community_id=world.community.pk, user_id=world.author.pk
    )
    assert not Membership.objects.filter(community=world.community, user=world.author).exists()
    assert entries("ban") == 1 and entries("unban") == 1


def test_moderators_cannot_sanction_fellow_moderators_or_themselves(world):
    with pytest.raises(ActionError):
        services.member_warn(
            actor=world.moderator,
            community_id=world.community.pk,
            user_id=world.moderator.pk,
            reason="x",
        )
    colleague = person("Colleague")
    join(world.community, colleague, role="moderator")
    with pytest.raises(ActionError):
        services.member_ban(
            actor=world.moderator, community_id=world.community.pk, user_id=colleague.pk, reason="x"
        )
    assert AuditLogEntry.objects.count() == 0


def test_lock_and_slow_mode(world):
    assert services.room_lock(actor=world.moderator, room_id=world.room.pk, reason="Exams week")
    assert not services.room_lock(actor=world.moderator, room_id=world.room.pk, reason="Exams week")
    with pytest.raises(ActionError):
        services.room_slow_mode(
            actor=world.moderator, room_id=world.room.pk, seconds=-1, reason="x"
        )
    assert services.room_slow_mode(
        actor=world.moderator, room_id=world.room.pk, seconds=60, reason="Busy"
    )
    world.room.refresh_from_db()
    assert world.room.is_locked and world.room.slow_mode_seconds == 60
    assert entries("lock") == 1 and entries("slow_mode") == 1


def test_audit_log_is_append_only(world):
    services.message_pin(actor=world.staff, message_id=world.message.pk)
    entry = AuditLogEntry.objects.get()
    entry.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.all().update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.all().delete()
    assert AuditLogEntry.objects.get().reason == ""


def test_report_once_and_the_reporter_learns_the_outcome(world):
    ct = ContentType.objects.get_for_model(Message)
    report = services.report_create(
        reporter=world.member,
        content_type=ct,
        object_id=world.message.pk,
        reason="spam",
        details="Ads",
    )
    assert report.subject_user == world.author and report.community_id == world.community.pk
    with pytest.raises(ActionError) as error:
        services.report_create(
            reporter=world.member, content_type=ct, object_id=world.message.pk, reason="spam"
        )
    assert error.value.code == "conflict"
    assert Report.objects.count() == 1
    with pytest.raises(ActionError):
        services.report_resolve(
            actor=world.other_moderator, report_id=report.pk, status="dismissed", note="no"
        )
    assert services.report_resolve(
        actor=world.moderator, report_id=report.pk, status="dismissed", note="Not spam"
    )
    assert not services.report_resolve(
        actor=world.moderator, report_id=report.pk, status="dismissed", note="again"
    )
    notice = Notification.objects.filter(recipient=world.member, kind="report").get()
    assert "Not spam" in notice.shown_body
    assert entries("dismiss_report") == 1


def test_hiding_a_reported_message_is_logged_and_reports_stay_open_until_closed(world):
    ct = ContentType.objects.get_for_model(Message)
    services.report_create(
        reporter=world.member, content_type=ct, object_id=world.message.pk, reason="harassment"
    )
    services.message_hide(actor=world.moderator, message_id=world.message.pk, reason="Rude")
    assert Report.objects.get().status == "open"


def test_teacher_verification_by_the_regions_ambassador(world):
    from community.models import School

    teacher = person("Newcomer", verified=False, region=world.region)
    outsider = person("Far away", verified=False, region=world.other.region or None)
    from community.moderation.selectors import pending_teachers_for

    assert teacher in list(pending_teachers_for(world.ambassador))
    with pytest.raises(ActionError):
        services.teacher_verify(actor=world.moderator, teacher_id=teacher.pk)
    assert services.teacher_verify(actor=world.ambassador, teacher_id=teacher.pk)
    assert not services.teacher_verify(actor=world.ambassador, teacher_id=teacher.pk)
    teacher.refresh_from_db()
    assert teacher.is_verified and teacher.verified_by == world.ambassador
    assert Notification.objects.filter(recipient=teacher, kind="verification").exists()
    assert School.objects.exists()
    assert outsider not in list(pending_teachers_for(world.ambassador))


def test_refusing_a_teacher_needs_a_reason_and_tells_them(world):
    teacher = person("Newcomer", verified=False, region=world.region)
    with pytest.raises(ActionError):
        services.teacher_refuse(actor=world.ambassador, teacher_id=teacher.pk, reason="")
    assert services.teacher_refuse(
        actor=world.ambassador, teacher_id=teacher.pk, reason="School not found"
    )
    teacher.refresh_from_db()
    assert not teacher.is_verified
    assert Notification.objects.get(recipient=teacher).shown_body == "School not found"


def test_staff_assign_ambassadors_and_moderators(world):
    newcomer = person("Helper")
    with pytest.raises(ActionError):
        services.ambassador_assign_region(
            actor=world.ambassador, user_id=newcomer.pk, region_id=world.region.pk
        )
    assert services.ambassador_assign_region(
        actor=world.staff, user_id=newcomer.pk, region_id=world.region.pk
    )
    assert not services.ambassador_assign_region(
        actor=world.staff, user_id=newcomer.pk, region_id=world.region.pk
    )
    assert services.moderator_assign_community(
        actor=world.staff, user_id=newcomer.pk, community_id=world.other.pk
    )
    assert Membership.objects.get(user=newcomer, community=world.other).role == "moderator"
    assert entries("assign_region") == 1 and entries("assign_community") == 1


def test_join_requests_are_decided_and_logged(world):
    private = world.community
    private.visibility = "private"
    private.save()
    applicant = person("Applicant")
    request = join(private, applicant, state="pending")
    with pytest.raises(ActionError):
        services.join_request_decide(actor=world.member, membership_id=request.pk, approve=True)
    assert services.join_request_decide(
        actor=world.moderator, membership_id=request.pk, approve=True
    )
    assert not services.join_request_decide(
        actor=world.moderator, membership_id=request.pk, approve=True
    )
    assert Membership.objects.get(pk=request.pk).state == "active"
    assert entries("approve_join") == 1


# --- trust -------------------------------------------------------------------------------


@pytest.fixture
def clean_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_links_from_a_new_member_are_held_and_invisible_until_approved(
    world, clean_cache, settings
):
    from community.discussions.services import message_post

    newcomer = person("Newcomer", days_old=1)
    join(world.community, newcomer)
    message, _ = message_post(
        user=newcomer, room=world.room, body="See https://example.com", client_id="n-1"
    )
    assert message.status == "held"
    from community.discussions.permissions import can_see_message

    assert not can_see_message(world.member, message)
    assert can_see_message(world.moderator, message)
    assert services.held_post_approve(actor=world.moderator, message_id=message.pk)
    message.refresh_from_db()
    assert message.status == "published" and can_see_message(world.member, message)
    assert entries("approve_post") == 1


def test_a_blocked_word_holds_the_post_and_refusal_tells_the_author(world, clean_cache):
    from community.discussions.services import message_post
    from community.moderation.models import BlockedWord

    BlockedWord.objects.create(phrase="Casino")
    message, _ = message_post(
        user=world.author, room=world.room, body="Best casino bonus", client_id="b-1"
    )
    assert message.status == "held"
    assert "casino" in message.held_reason
    assert services.held_post_refuse(
        actor=world.moderator, message_id=message.pk, reason="Advertising"
    )
    message.refresh_from_db()
    assert message.status == "rejected"
    assert any(
        "Advertising" in n.shown_body for n in Notification.objects.filter(recipient=world.author)
    )
    ok, _ = message_post(
        user=world.author, room=world.room, body="Casinos aside, a lesson plan", client_id="b-2"
    )
    assert ok.status == "published"


def test_flooding_mutes_automatically_and_files_a_queue_item(world, clean_cache, settings):
    from community.discussions.services import message_post

    settings.MODERATION_FLOOD_POSTS = 3
    settings.DISCUSSIONS_POSTS_PER_MINUTE = 100
    for i in range(3):
        message_post(user=world.author, room=world.room, body=f"post {i}", client_id=f"f-{i}")
    with pytest.raises(ActionError) as error:
        message_post(user=world.author, room=world.room, body="post 4", client_id="f-4")
    assert error.value.code == "muted"
    membership = Membership.objects.get(community=world.community, user=world.author)
    assert membership.muted_until > timezone.now()
    report = Report.objects.get(reason="flooding")
    assert report.reporter is None and report.community_id == world.community.pk
    assert entries("auto_mute") == 1
    assert not Message.objects.filter(client_id="f-4").exists()
    from community.moderation.selectors import open_reports_for

    assert report in list(open_reports_for(world.moderator))
    assert report not in list(open_reports_for(world.other_moderator))


def test_posts_from_moderators_are_not_held(world, clean_cache):
    from community.discussions.services import message_post

    message, _ = message_post(
        user=world.moderator, room=world.room, body="Read https://example.com", client_id="m-1"
    )
    assert message.status == "published"


def test_held_posts_appear_in_the_queue_of_the_communitys_moderators_only(world):
    held = post(world.room, world.author, "held", status="held")
    from community.moderation.selectors import held_messages_for

    assert held in list(held_messages_for(world.moderator))
    assert held in list(held_messages_for(world.ambassador))
    assert held in list(held_messages_for(world.staff))
    assert held not in list(held_messages_for(world.other_moderator))
