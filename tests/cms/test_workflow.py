"""Editors submit, Moderators approve (page goes live) or reject (back to the editor); scheduled publishing."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowState

from . import factories


@pytest.fixture
def people(tree):
    return {
        "editor": factories.user(groups=["Editors"]),
        "moderator": factories.user(groups=["Moderators"]),
    }


def _draft(tree, editor):
    page = factories.resource(tree["resources"], "Draft guide", live=False, owner=editor)
    page.save_revision(user=editor)
    return page


def test_sections_use_the_editorial_review_workflow(tree):
    for key in ("resources", "events", "news"):
        assert tree[key].get_workflow().name == "Editorial review"
    page = factories.resource(tree["resources"])
    assert page.get_workflow().name == "Editorial review"


def test_editors_can_add_and_edit_in_sections_but_not_publish(tree, people):
    editor = people["editor"]
    permissions = tree["resources"].permissions_for_user(editor)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not tree["home"].permissions_for_user(editor).can_edit()
    assert tree["resources"].permissions_for_user(people["moderator"]).can_publish()


def test_editor_submits_moderator_approves_page_goes_live(client, tree, people):
    editor, moderator = people["editor"], people["moderator"]
    page = _draft(tree, editor)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state
    task = task_state.task.specific
    assert [name for name, *_ in task.get_actions(page, editor)] == []
    assert "approve" in [name for name, *_ in task.get_actions(page, moderator)]
    assert client.get("/en/resources/draft-guide/").status_code == 404

    task.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    workflow_state.refresh_from_db()
    assert page.live
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert client.get("/en/resources/draft-guide/").status_code == 200


def test_rejected_page_goes_back_to_the_editor(tree, people):
    editor, moderator = people["editor"], people["moderator"]
    page = _draft(tree, editor)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject")
    workflow_state.refresh_from_db()
    page.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live
    # The editor can edit again and resubmit.
    assert page.permissions_for_user(editor).can_edit()
    revision = page.save_revision(user=editor)
    workflow_state.resume(editor)
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert revision.pk == page.latest_revision_id


def test_scheduled_publishing(client, tree):
    page = factories.resource(tree["resources"], "Scheduled guide", live=False)
    page.go_live_at = timezone.now() + timedelta(hours=2)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get("/en/resources/scheduled-guide/").status_code == 404
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None  # waiting in the schedule
    # Two hours later (moved back instead of waiting):
    earlier = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = earlier
    revision.content["go_live_at"] = earlier.isoformat()
    revision.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get("/en/resources/scheduled-guide/").status_code == 200
