"""Scheduled publishing and expiry run without a person: the scheduler's task publishes what is due."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.tasks import publish_scheduled_pages

from . import factories


def later(minutes):
    """The clock moved forward by `minutes` (no sleeping)."""
    return mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(minutes=minutes)
    )


@pytest.fixture
def scheduled(tree):
    page = factories.resource(tree["resources"], "Reading circles", live=False)
    page.go_live_at = timezone.now() + timedelta(minutes=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    return page


def test_a_page_scheduled_a_minute_ahead_goes_live_when_the_task_runs(client, scheduled):
    publish_scheduled_pages.enqueue()  # not yet due
    scheduled.refresh_from_db()
    assert not scheduled.live
    assert client.get("/en/resources/reading-circles/").status_code == 404

    with later(2):
        publish_scheduled_pages.enqueue()
    scheduled.refresh_from_db()
    assert scheduled.live
    assert client.get("/en/resources/reading-circles/").status_code == 200


def test_the_scheduler_command_publishes_what_is_due(client, scheduled):
    with later(2):
        call_command("run_scheduler", "--once")
    scheduled.refresh_from_db()
    assert scheduled.live
    assert client.get("/en/resources/reading-circles/").status_code == 200


def test_an_expired_page_is_unpublished_when_the_task_runs(client, tree):
    page = factories.resource(tree["resources"], "Last term's timetable")
    page.expire_at = timezone.now() + timedelta(minutes=1)
    page.save_revision().publish()
    assert client.get("/en/resources/last-terms-timetable/").status_code == 200

    with later(2):
        publish_scheduled_pages.enqueue()
    page.refresh_from_db()
    assert not page.live
    assert page.expired
    assert client.get("/en/resources/last-terms-timetable/").status_code == 404
