"""Writes for event registration: transactional, permission-checked, idempotent.

Each function locks the event row (select_for_update, a no-op on SQLite whose
writes are serialised anyway) so that two people taking the last place at once
cannot both get it, and a cancellation promotes exactly one waiting person.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.discussions.services.notifications import notification_create
from community.errors import ActionError

from .models import EventPage, EventRegistration
from .permissions import can_mark_attendance, can_register


def _locked_event(event_id):
    return EventPage.objects.select_for_update().get(pk=event_id)


def registration_create(*, event, user, now=None):
    """Register `user`; a place if one is free, else the waiting list. Returns (registration, created).

    Registering again while registered (or waiting) returns the same registration.
    """
    now = now or timezone.now()
    if not can_register(user, event):
        raise ActionError("forbidden", _("Sign in to register for this event."))
    with transaction.atomic():
        event = _locked_event(event.pk)
        existing = EventRegistration.objects.filter(event=event, user=user).first()
        if existing and existing.status != EventRegistration.CANCELLED:
            return existing, False
        if not event.registration_is_open(now):
            if event.registration_opens and now < event.registration_opens:
                raise ActionError("forbidden", _("Registration for this event has not opened yet."))
            raise ActionError("forbidden", _("Registration for this event is closed."))
        confirmed = EventRegistration.objects.filter(
            event=event, status=EventRegistration.CONFIRMED
        ).count()
        full = event.capacity is not None and confirmed >= event.capacity
        status = EventRegistration.WAITING if full else EventRegistration.CONFIRMED
        if existing:
            existing.status = status
            existing.created_at = now
            existing.attended = False
            existing.save(update_fields=["status", "created_at", "attended", "updated_at"])
            return existing, True
        return EventRegistration.objects.create(
            event=event, user=user, status=status, created_at=now
        ), True


def registration_cancel(*, event, user):
    """Cancel `user`'s registration; the first person waiting takes the freed place and is told."""
    with transaction.atomic():
        event = _locked_event(event.pk)
        registration = (
            EventRegistration.objects.select_for_update()
            .filter(event=event, user=user)
            .exclude(status=EventRegistration.CANCELLED)
            .first()
        )
        if registration is None:
            return None
        was_confirmed = registration.status == EventRegistration.CONFIRMED
        registration.status = EventRegistration.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        promoted = None
        if was_confirmed and not event.is_past:
            promoted = _promote_waiting(event)
        return promoted


def _promote_waiting(event):
    confirmed = EventRegistration.objects.filter(
        event=event, status=EventRegistration.CONFIRMED
    ).count()
    if event.capacity is not None and confirmed >= event.capacity:
        return None
    promoted = (
        EventRegistration.objects.select_for_update()
        .filter(event=event, status=EventRegistration.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = EventRegistration.CONFIRMED
    promoted.save(update_fields=["status", "updated_at"])
    notification_create(
        recipient=promoted.user,
        kind="event_place",
        title=gettext_noop("A place is free for you at %(event)s"),
        params={"event": event.title},
        url=event.url or "",
        body=gettext_noop("You were on the waiting list and are now registered."),
    )
    return promoted


def attendance_mark(*, event, actor, registration_ids, attended=True):
    """Mark (or unmark) confirmed registrations of `event` as attended. Staff or the event's organisers only."""
    if not can_mark_attendance(actor, event):
        raise ActionError(
            "forbidden", _("Only staff and the event's organisers can record attendance.")
        )
    with transaction.atomic():
        rows = EventRegistration.objects.select_for_update().filter(
            event=event, pk__in=list(registration_ids), status=EventRegistration.CONFIRMED
        )
        count = rows.update(
            attended=attended, attendance_marked_by=actor, updated_at=timezone.now()
        )
    return count


def attendance_set(*, event, actor, attended_ids):
    """Record the full attendance list at once: those listed attended, the other confirmed ones did not."""
    if not can_mark_attendance(actor, event):
        raise ActionError(
            "forbidden", _("Only staff and the event's organisers can record attendance.")
        )
    attended_ids = {int(i) for i in attended_ids}
    with transaction.atomic():
        base = EventRegistration.objects.select_for_update().filter(
            event=event, status=EventRegistration.CONFIRMED
        )
        now = timezone.now()
        base.filter(pk__in=attended_ids).update(
            attended=True, attendance_marked_by=actor, updated_at=now
        )
        base.exclude(pk__in=attended_ids).update(
            attended=False, attendance_marked_by=actor, updated_at=now
        )
