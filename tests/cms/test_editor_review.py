"""A moderator reviews a submitted page in Wagtail's page editor: every decision there ends where it should.

The editor's form is posted as the browser posts it, fields read from the editor page itself.
"""

from html.parser import HTMLParser

import pytest
from wagtail.models import PageLogEntry, WorkflowState

from . import factories


class _EditForm(HTMLParser):
    """The fields of the page editor's form, as the browser's FormData would carry them."""

    def __init__(self):
        super().__init__()
        self.fields, self._in_form, self._textarea, self._select, self._templates = (
            [],
            False,
            None,
            None,
            0,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "page-edit-form":
            self._in_form = True
        if tag == "template":
            self._templates += 1
        if tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        if not self._in_form or self._templates or "name" not in attrs or "disabled" in attrs:
            return
        if tag == "input":
            if attrs.get("type") in ("submit", "button", "file"):
                return
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = attrs["name"]

    def handle_endtag(self, tag):
        if tag == "template":
            self._templates -= 1
        elif tag == "form" and self._in_form:
            self._in_form = False
        elif tag == "textarea" and self._textarea:
            name, value = self._textarea
            self.fields.append((name, value.removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def editor_form(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    parser = _EditForm()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    data.setdefault("body-count", ["0"])  # the (empty) body stream is drawn by the editor's script
    return data


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
