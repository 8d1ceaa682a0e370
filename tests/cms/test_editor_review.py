"""A moderator reviews a submitted page in Wagtail's page editor: every decision there ends where it should.

The editor's form is posted as the browser posts it (tests/cms/editor_forms.py).
"""

import pytest
from wagtail.models import PageLogEntry, WorkflowState

from . import factories
from .editor_forms import editor_form


@pytest.fixture
def submitted(tree):
    editor = factories.user(groups=["Editors"])
    page = factories.resource(tree["resources"], "Reading circles", live=False, owner=editor)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


@pytest.fixture
def moderator(client, tree):
    client.force_login(factories.user(groups=["Moderators"]))
    return client


def _decide(client, page, action, **extra):
    """The editor form as posted for a workflow action: the page's fields plus the two inputs
    the editor's script adds to the form before it submits it."""
    data = editor_form(client, page)
    data.update({"action-workflow-action": "true", "workflow-action-name": action, **extra})
    return data


def test_approve_and_publish_from_the_page_editor_leaves_the_page_live(
    moderator, submitted, client
):
    data = _decide(moderator, submitted, "approve")
    response = moderator.post(f"/admin/pages/{submitted.pk}/edit/", data)
    assert response.status_code == 302
    # Half a second later the editor's autosave posts the same form (the two added inputs count
    # as an unsaved change) while the browser is still leaving the page.
    autosave = moderator.post(
        f"/admin/pages/{submitted.pk}/edit/", data, headers={"accept": "application/json"}
    )
    assert autosave.status_code == 400
    assert autosave.json()["success"] is False

    submitted.refresh_from_db()
    assert submitted.live
    assert not submitted.has_unpublished_changes
    assert submitted.current_workflow_state is None
    assert submitted.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    actions = list(
        PageLogEntry.objects.filter(page=submitted)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions[-1] == "wagtail.publish"
    assert "wagtail.edit" not in actions
    client.logout()
    assert client.get("/en/resources/reading-circles/").status_code == 200


def test_approve_with_comment_from_the_page_editor_leaves_the_page_live(moderator, submitted):
    data = _decide(
        moderator, submitted, "approve", **{"workflow-action-extra-data": '{"comment": "Good"}'}
    )
    moderator.post(f"/admin/pages/{submitted.pk}/edit/", data)
    moderator.post(
        f"/admin/pages/{submitted.pk}/edit/", data, headers={"accept": "application/json"}
    )
    submitted.refresh_from_db()
    assert submitted.live
    assert not submitted.has_unpublished_changes


def test_request_changes_from_the_page_editor_sends_the_page_back_once(moderator, submitted):
    data = _decide(
        moderator,
        submitted,
        "reject",
        **{"workflow-action-extra-data": '{"comment": "Add a source"}'},
    )
    moderator.post(f"/admin/pages/{submitted.pk}/edit/", data)
    moderator.post(
        f"/admin/pages/{submitted.pk}/edit/", data, headers={"accept": "application/json"}
    )
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not PageLogEntry.objects.filter(page=submitted, action="wagtail.edit").exists()


def test_an_ordinary_autosave_still_saves_a_draft(moderator, submitted):
    data = editor_form(moderator, submitted)
    data["summary"] = ["A shorter summary"]
    response = moderator.post(
        f"/admin/pages/{submitted.pk}/edit/", data, headers={"accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.json()["success"] is True
    submitted.refresh_from_db()
    assert submitted.get_latest_revision_as_object().summary == "A shorter summary"
