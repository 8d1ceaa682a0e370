"""Wagtail's admin with JavaScript on, under the site's content security policy.

An editor adds an attached document through the chooser, opens an event's live
preview and sets its start and a go-live date through the date pickers, and
the browser reports no `securitypolicyviolation`; a moderator approves and
publishes from the page editor and a visitor then reads the page.
"""

import pytest

from tests.browser.conftest import login, screenshot

EDITOR = "editor@teachercommons.example"
MODERATOR = "moderator@teachercommons.example"

# Installed before any page script runs: every violation the browser reports is kept.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`
    + ` in ${event.sourceFile}:${event.lineNumber}`);
});
"""


def violations(page):
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH_CSP)
    return page


@pytest.fixture
def sections(orm):
    from cms.models import EventIndexPage, ResourceIndexPage

    return {
        "resources": ResourceIndexPage.objects.get(locale__language_code="en"),
        "events": EventIndexPage.objects.get(locale__language_code="en"),
    }


def _user(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


def test_editor_adds_an_attached_document_through_the_chooser(watched, sections, orm):
    from cms.models import ResourcePage

    page = watched
    resource = ResourcePage(
        title="Reading circles: a starter kit",
        slug="reading-circles-starter-kit",
        summary="How to start a reading circle.",
        owner=_user(EDITOR),
    )
    sections["resources"].add_child(instance=resource)
    resource.save_revision(user=_user(EDITOR)).publish()

    login(page, EDITOR)
    page.goto(f"/admin/pages/{resource.pk}/edit/")
    page.locator("#id_documents-ADD").click()
    chooser = page.locator("#id_documents-0-document-chooser")
    chooser.locator("[data-chooser-action-choose]").click()
    choice = page.locator(".modal [data-chooser-modal-choice]").first
    title = choice.inner_text().strip()
    choice.click()
    page.locator(".modal").wait_for(state="hidden")
    assert chooser.locator("[data-chooser-title]").inner_text().strip() == title
    page.locator("footer button.action-save").first.click()  # "Save draft"
    page.wait_for_load_state()
    screenshot(page, "admin-resource-document-attached")
    assert violations(page) == []

    resource.refresh_from_db()
    draft = resource.get_latest_revision_as_object()
    assert [item.document.title for item in draft.documents.all()] == [title]


def test_editor_previews_an_event_and_sets_its_start_with_the_date_picker(watched, orm):
    from cms.models import EventPage

    page = watched
    event = EventPage.objects.get(slug="teacher-policy-symposium", locale__language_code="en")
    login(page, EDITOR)
    page.goto(f"/admin/pages/{event.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    assert preview.locator("h1").first.inner_text() == event.title

    start = page.locator("#id_start")
    picker = page.locator(".xdsoft_datetimepicker:visible")
    start.click()  # the picker closes on each choice: a time, then a day
    picker.locator(".xdsoft_time[data-hour='9']").first.click()
    start.click()
    picker.locator(".xdsoft_date:not(.xdsoft_other_month)[data-date='20']").click()
    assert start.input_value().endswith("-20 09:00")
    screenshot(page, "admin-event-date-picker")

    # The go-live picker of the publishing schedule (status side panel).
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']:visible").first.click()
    go_live = page.locator("#id_go_live_at")
    go_live.click()
    picker.locator(".xdsoft_date:not(.xdsoft_other_month)[data-date='20']").click()
    assert "-20 " in go_live.input_value()
    screenshot(page, "admin-go-live-picker")

    assert violations(page) == []


def test_moderator_approves_and_publishes_from_the_page_editor(
    watched, browser, site_url, sections, orm
):
    from wagtail.models import PageLogEntry

    from cms.models import ResourcePage

    page = watched
    editor = _user(EDITOR)
    draft = ResourcePage(
        title="Storytelling across two villages",
        slug="storytelling-two-villages",
        summary="A project-based unit for two partner schools.",
        live=False,
        owner=editor,
    )
    sections["resources"].add_child(instance=draft)
    draft.save_revision(user=editor)
    draft.get_workflow().start(draft, editor)

    login(page, MODERATOR)
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator(
        "[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).click()
    page.wait_for_url(f"**/admin/pages/{sections['resources'].pk}/")
    assert page.locator(".messages .success").count() == 1
    assert violations(page) == []
    screenshot(page, "admin-approved-from-editor")

    visitor = browser.new_context(base_url=site_url).new_page()
    response = visitor.goto("/en/resources/storytelling-two-villages/")
    assert response.status == 200
    assert visitor.locator("h1").inner_text() == "Storytelling across two villages"
    visitor.context.close()

    draft.refresh_from_db()
    assert draft.live and not draft.has_unpublished_changes
    assert not PageLogEntry.objects.filter(page=draft, action="wagtail.edit").exists()
