"""The ambassador's moderation pages in a real browser, with and without JavaScript."""

from tests.browser.conftest import axe_violations, login, screenshot

AMBASSADOR = "rashad.aliyev@example.az"
STAFF = "admin@teachercommons.example"


def test_console_queue_and_audit_log_are_accessible(page):
    login(page, AMBASSADOR)
    page.goto("/en/moderation/")
    assert page.locator("h1").inner_text() == "Moderation console"
    assert page.locator("#reports-h").is_visible() and page.locator("#activity-h").is_visible()
    screenshot(page, "moderation-console")
    assert axe_violations(page) == []
    page.goto("/en/moderation/queue/")
    screenshot(page, "moderation-queue")
    assert axe_violations(page) == []
    page.goto("/en/moderation/audit/")
    assert page.locator("table").count() == 1
    screenshot(page, "moderation-audit")
    assert axe_violations(page) == []
    page.goto("/en/moderation/verification/")
    screenshot(page, "moderation-verification")
    assert axe_violations(page) == []
