"""A refused teacher asks for verification again from their profile page (plain forms, no JavaScript)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from community.discussions.models import Notification
from community.moderation import selectors, services
from community.moderation.models import AuditLogEntry
from tests.community.moderation_factories import World, person

pytestmark = pytest.mark.django_db

PROFILE = "/en/accounts/profile/"
ASK = "/en/moderation/verification/ask-again/"
BUTTON = "Ask for verification again"


@pytest.fixture(autouse=True)
def _language_kept():
    """Pages in another language leave it active in this thread: later tests expect their own."""
    language = translation.get_language()
    yield
    if language:
        translation.activate(language)
    else:
        translation.deactivate()


@pytest.fixture
def world():
    return World()


@pytest.fixture
def refused(world):
    """A teacher of the world's region, refused by its ambassador just now."""
    teacher = person("Refused", verified=False, region=world.region)
    assert services.teacher_refuse(
        actor=world.ambassador, teacher_id=teacher.pk, reason="We could not find your school"
    )
    return teacher


def snapshot(teacher):
    """What asking again may change: the teacher, the audit log, notifications, the state."""
    teacher.refresh_from_db()
    return (
        teacher.verified_at,
        AuditLogEntry.objects.count(),
        Notification.objects.count(),
        selectors.verification_state(teacher),
    )


def in_queue(ambassador, teacher):
    return selectors.pending_teachers_for(ambassador).filter(pk=teacher.pk).exists()


def ask(client):
    """Post the form as the page does, and the page it leads back to."""
    response = client.post(ASK)
    assert response.status_code == 302 and response["Location"].endswith(PROFILE)
    return client.get(response["Location"]).content.decode()


def test_after_the_cool_down_the_refused_teacher_asks_again_and_is_back_in_the_queue(
    client, world, refused, settings
):
    settings.MODERATION_VERIFICATION_RETRY_HOURS = 0
    assert not in_queue(world.ambassador, refused)
    client.force_login(refused)
    page = client.get(PROFILE).content.decode()
    assert "We could not find your school" in page and BUTTON in page
    assert f'<form method="post" action="{ASK}">' in page
    assert "csrfmiddlewaretoken" in page.split(f'action="{ASK}"', 1)[1].split("</form>", 1)[0]

    page = ask(client)
    assert "Your request is sent" in page and BUTTON not in page
    assert "You asked for verification again" in page
    entry = AuditLogEntry.objects.get(action="request_verification")
    assert (entry.actor, entry.target_id, entry.region_id) == (refused, refused.pk, world.region.pk)
    notice = Notification.objects.get(recipient=world.ambassador, kind="verification")
    assert refused.display_name in notice.shown_title and "We could not find your school" in notice.shown_body
    assert notice.url == reverse("moderation:verification")
    assert not Notification.objects.filter(recipient=world.staff).exists()

    client.force_login(world.ambassador)
    queue = client.get(reverse("moderation:verification")).content.decode()
    assert refused.display_name in queue and "We could not find your school" in queue
    assert in_queue(world.ambassador, refused)


def test_asking_again_while_waiting_is_refused_and_changes_nothing(
    client, world, refused, settings
):
    settings.MODERATION_VERIFICATION_RETRY_HOURS = 0
    client.force_login(refused)
    ask(client)
    before = snapshot(refused)
    page = ask(client)
    assert "already waiting for an ambassador" in page
    assert snapshot(refused) == before and before[3].status == "pending"
    assert AuditLogEntry.objects.filter(action="request_verification").count() == 1


def test_during_the_cool_down_the_page_says_when_and_asking_is_refused(client, world, refused):
    client.force_login(refused)
    page = client.get(PROFILE).content.decode()
    assert "We could not find your school" in page
    assert "on, you can ask for verification again" in page and BUTTON not in page
    before = snapshot(refused)
    page = ask(client)
    assert "on, you can ask for verification again" in page
    assert snapshot(refused) == before and before[3].status == "refused"
    assert not AuditLogEntry.objects.filter(action="request_verification").exists()
    assert not in_queue(world.ambassador, refused)


def refusal_at(world, teacher, hours_ago):
    """A refusal recorded `hours_ago` hours ago (the audit log takes entries with their time)."""
    AuditLogEntry.objects.create(
        actor=world.ambassador,
        action="refuse_teacher",
        target_type="user",
        target_id=teacher.pk,
        reason=f"Refused {hours_ago} hours ago",
        created_at=timezone.now() - timedelta(hours=hours_ago),
    )


def test_the_default_cool_down_is_a_day_from_the_latest_refusal(client, world):
    recent = person("Recent", verified=False, region=world.region)
    refusal_at(world, recent, 25)
    refusal_at(world, recent, 23)
    client.force_login(recent)
    page = client.get(PROFILE).content.decode()
    assert "Refused 23 hours ago" in page and BUTTON not in page
    assert "on, you can ask for verification again" in ask(client)
    assert not in_queue(world.ambassador, recent)

    older = person("Older", verified=False, region=world.region)
    refusal_at(world, older, 25)
    client.force_login(older)
    page = client.get(PROFILE).content.decode()
    assert "Refused 25 hours ago" in page and BUTTON in page
    assert "Your request is sent" in ask(client)
    assert in_queue(world.ambassador, older)


def test_refused_twice_then_the_cool_down_runs_again(client, world, refused, settings):
    settings.MODERATION_VERIFICATION_RETRY_HOURS = 0
    client.force_login(refused)
    ask(client)
    # The same reason again is a new refusal: the teacher asked again since the first one.
    assert services.teacher_refuse(
        actor=world.ambassador, teacher_id=refused.pk, reason="We could not find your school"
    )
    assert not in_queue(world.ambassador, refused)
    assert not services.teacher_refuse(
        actor=world.ambassador, teacher_id=refused.pk, reason="We could not find your school"
    )
    settings.MODERATION_VERIFICATION_RETRY_HOURS = 24
    before = snapshot(refused)
    assert "on, you can ask for verification again" in ask(client)
    assert snapshot(refused) == before
    settings.MODERATION_VERIFICATION_RETRY_HOURS = 0
    assert "Your request is sent" in ask(client)
    assert AuditLogEntry.objects.filter(action="request_verification").count() == 2
    assert in_queue(world.ambassador, refused)


def test_verified_and_never_refused_teachers_have_no_button_and_cannot_ask(client, world):
    never = person("Newcomer", verified=False, region=world.region)
    for teacher, message in (
        (world.member, "already a verified teacher"),
        (never, "already waiting for an ambassador"),
    ):
        client.force_login(teacher)
        assert BUTTON not in client.get(PROFILE).content.decode()
        before = snapshot(teacher)
        assert message in ask(client)
        assert snapshot(teacher) == before
    assert "not verified yet" in client.get(PROFILE).content.decode()


def test_a_verified_teacher_refused_earlier_has_no_button(client, world, refused):
    assert services.teacher_verify(actor=world.ambassador, teacher_id=refused.pk)
    client.force_login(refused)
    page = client.get(PROFILE).content.decode()
    assert BUTTON not in page and "We could not find your school" not in page
    assert "already a verified teacher" in ask(client)


def test_a_teacher_who_left_their_school_must_choose_one_first(client, world, refused, settings):
    settings.MODERATION_VERIFICATION_RETRY_HOURS = 0
    refused.profile.school = None
    refused.profile.save(update_fields=["school"])
    client.force_login(refused)
    before = snapshot(refused)
    assert "Choose your school in your profile first" in ask(client)
    assert snapshot(refused) == before


def test_without_an_ambassador_in_the_region_staff_are_told(client, world, settings):
    from community.models import Ambassadorship

    settings.MODERATION_VERIFICATION_RETRY_HOURS = 0
    teacher = person("Far", verified=False, region=world.region)
    services.teacher_refuse(actor=world.staff, teacher_id=teacher.pk, reason="Which school?")
    Ambassadorship.objects.filter(region=world.region).delete()
    client.force_login(teacher)
    assert "Your request is sent" in ask(client)
    assert Notification.objects.filter(recipient=world.staff, kind="verification").exists()
    assert teacher in selectors.pending_teachers_for(world.staff)


def test_the_form_needs_its_csrf_token_and_a_post(world, refused, settings):
    settings.MODERATION_VERIFICATION_RETRY_HOURS = 0
    client = Client(enforce_csrf_checks=True)
    client.force_login(refused)
    assert client.post(ASK).status_code == 403
    assert client.get(ASK).status_code == 405
    assert not AuditLogEntry.objects.filter(action="request_verification").exists()
    page = client.get(PROFILE).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert client.post(ASK, {"csrfmiddlewaretoken": token}).status_code == 302
    assert AuditLogEntry.objects.filter(action="request_verification").count() == 1


def test_the_ambassador_is_told_in_their_own_language(client, world, refused, settings):
    settings.MODERATION_VERIFICATION_RETRY_HOURS = 0
    world.ambassador.profile.interface_language = "ru"
    world.ambassador.profile.save(update_fields=["interface_language"])
    client.force_login(refused)
    ask(client)
    notice = Notification.objects.get(recipient=world.ambassador, kind="verification")
    with translation.override("ru"):
        assert notice.shown_title == f"{refused.display_name} снова просит подтверждения"
        assert notice.shown_body == "Ранее отказано: We could not find your school"
    assert notice.url == "/ru/moderation/verification/"


def test_visitors_are_sent_to_sign_in(client):
    response = client.post(ASK)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("language", "button"),
    [("ru", "Запросить подтверждение снова"), ("az", "Yenidən təsdiq istə")],
)
def test_the_button_is_translated(client, world, refused, settings, language, button):
    settings.MODERATION_VERIFICATION_RETRY_HOURS = 0
    refused.profile.interface_language = language
    refused.profile.save(update_fields=["interface_language"])
    client.force_login(refused)
    page = client.get(f"/{language}/accounts/profile/").content.decode()
    assert button in page and "We could not find your school" in page
