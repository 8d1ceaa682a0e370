"""Event registration: places, waiting list, window, idempotence, cancel, calendar, attendance, record."""

from datetime import UTC, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms import services
from cms.models import EventRegistration
from cms.records import record_section
from community.discussions.models import Notification
from community.errors import ActionError

from . import factories


@pytest.fixture
def workshop(tree):
    return factories.event(tree["events"], "Leadership workshop", capacity=2, hours=6)


def _people(n):
    return [factories.user() for _ in range(n)]


def test_registration_past_capacity_goes_to_the_waiting_list(workshop):
    a, b, c = _people(3)
    assert services.registration_create(event=workshop, user=a)[0].status == "confirmed"
    assert services.registration_create(event=workshop, user=b)[0].status == "confirmed"
    third, created = services.registration_create(event=workshop, user=c)
    assert created and third.status == "waiting"


def test_registering_twice_is_idempotent(workshop):
    (a,) = _people(1)
    first, created = services.registration_create(event=workshop, user=a)
    again, created_again = services.registration_create(event=workshop, user=a)
    assert created and not created_again and first.pk == again.pk
    assert EventRegistration.objects.filter(event=workshop, user=a).count() == 1


def test_registration_outside_the_window_is_refused(tree):
    now = timezone.now()
    not_yet = factories.event(tree["events"], registration_opens=now + timedelta(days=1))
    closed = factories.event(tree["events"], registration_closes=now - timedelta(hours=1))
    (a,) = _people(1)
    with pytest.raises(ActionError, match="not opened yet"):
        services.registration_create(event=not_yet, user=a)
    with pytest.raises(ActionError, match="closed"):
        services.registration_create(event=closed, user=a)
    assert not EventRegistration.objects.filter(user=a).exists()


def test_cancel_moves_the_first_waiting_person_up_and_tells_them(workshop):
    a, b, c, d = _people(4)
    for person in (a, b, c, d):
        services.registration_create(event=workshop, user=person)
    promoted = services.registration_cancel(event=workshop, user=a)
    assert promoted.user == c
    statuses = dict(
        EventRegistration.objects.filter(event=workshop).values_list("user_id", "status")
    )
    assert statuses == {a.pk: "cancelled", b.pk: "confirmed", c.pk: "confirmed", d.pk: "waiting"}
    notice = Notification.objects.get(recipient=c)
    assert "Leadership workshop" in notice.shown_title
    assert not Notification.objects.filter(recipient=d).exists()


def test_register_and_cancel_through_the_page(client, workshop, teacher):
    url = reverse("cms:event_register", args=[workshop.pk])
    assert client.post(url).status_code == 302  # to the login page
    assert not EventRegistration.objects.exists()
    client.force_login(teacher)
    response = client.post(url, follow=True)
    assert "You are registered." in response.content.decode()
    response = client.post(url, follow=True)
    assert "You were already registered." in response.content.decode()
    response = client.post(reverse("cms:event_cancel", args=[workshop.pk]), follow=True)
    assert "Your registration is cancelled." in response.content.decode()
    assert EventRegistration.objects.get(user=teacher).status == "cancelled"


def test_full_event_page_offers_the_waiting_list(client, workshop, teacher):
    for person in _people(2):
        services.registration_create(event=workshop, user=person)
    client.force_login(teacher)
    assert "Join the waiting list" in client.get(workshop.url).content.decode()
    response = client.post(reverse("cms:event_register", args=[workshop.pk]), follow=True)
    assert "you are on the waiting list" in response.content.decode()
    assert "You are on the waiting list (number 1)." in client.get(workshop.url).content.decode()


def test_calendar_file(client, workshop):
    response = client.get(reverse("cms:event_ics", args=[workshop.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "SUMMARY:Leadership workshop" in body
    assert f"DTSTART:{workshop.start.astimezone(UTC):%Y%m%dT%H%M%SZ}" in body


def test_attendance_by_organiser_or_staff_only_and_hours_on_the_learning_record(client, tree):
    start = timezone.now() - timedelta(days=30)
    past = factories.event(tree["events"], "PBL conference", start=start, hours=8)
    organiser, teacher, other = _people(3)
    past.organisers.add(organiser)
    past.save()
    registration = EventRegistration.objects.create(event=past, user=teacher)
    url = reverse("cms:event_attendance", args=[past.pk])

    client.force_login(other)
    assert client.get(url).status_code == 404
    with pytest.raises(ActionError):
        services.attendance_set(event=past, actor=other, attended_ids=[registration.pk])

    client.force_login(organiser)
    assert client.get(url).status_code == 200
    response = client.post(url, {"attended": [registration.pk]}, follow=True)
    assert "Attendance saved." in response.content.decode()
    registration.refresh_from_db()
    assert registration.attended and registration.attendance_marked_by == organiser

    section = record_section(teacher)
    assert section["key"] == "events"
    assert [item["title"] for item in section["items"]] == ["PBL conference"]
    assert "8" in section["items"][0]["detail"]
    assert section["items"][0]["date"] == start.date().isoformat()
    assert record_section(other)["items"] == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_registrations_never_exceed_the_places():
    import threading

    from django.db import connection

    tree = factories.site_tree()
    event = factories.event(tree["events"], "Last places", capacity=2)
    people = _people(6)
    barrier = threading.Barrier(len(people))
    errors = []

    def register(person):
        try:
            barrier.wait()
            services.registration_create(event=event, user=person)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(EventRegistration.objects.filter(event=event).values_list("status", flat=True))
    assert sorted(statuses) == ["confirmed"] * 2 + ["waiting"] * 4
