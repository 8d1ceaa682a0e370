"""CMS in a real browser: home, resource filter, event registration, search; axe-clean, and without JavaScript."""

from tests.browser.conftest import axe_violations, login, screenshot


def test_home_shows_sections_and_is_accessible(page):
    page.goto("/en/")
    assert page.locator("h1").inner_text() == "Teacher Commons"
    assert page.get_by_role("heading", name="Featured resources").count() == 1
    assert page.get_by_role("heading", name="Upcoming events").count() == 1
    assert page.get_by_text("Teacher leadership workshop for rural schools").count() >= 1
    screenshot(page, "cms-home")
    assert axe_violations(page) == []


def test_resource_library_filter_by_topic(page):
    page.goto("/en/resources/")
    page.select_option("#f-topic", "inclusive-education")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    assert "topic=inclusive-education" in page.url
    cards = page.locator(".cms-card h3")
    assert cards.all_inner_texts() == ["Inclusive teaching practice: a practical guide"]
    assert page.get_by_text("Mentoring notes for signed-in teachers").count() == 0
    screenshot(page, "cms-resources-filtered")
    assert axe_violations(page) == []


def test_resource_page_is_accessible(page):
    page.goto("/en/resources/inclusive-teaching-practice/")
    img = page.locator(".cms-figure img")
    assert img.get_attribute("loading") == "lazy"
    assert ".webp" in img.get_attribute("src") and img.get_attribute("srcset")
    assert img.get_attribute("alt")
    screenshot(page, "cms-resource")
    assert axe_violations(page) == []


def test_event_registration_signed_in(page):
    login(page, "aysel.mammadova@example.az")
    page.goto("/en/events/teacher-policy-symposium/")
    screenshot(page, "cms-event-before")
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()
    assert page.get_by_text("You are registered.").count() >= 1
    assert page.get_by_role("button", name="Cancel my registration").count() == 1
    screenshot(page, "cms-event-registered")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cancel my registration").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your registration is cancelled.").count() == 1


def test_event_page_past_conference_has_agenda_slides_and_recording(page):
    page.goto("/en/events/project-based-learning-conference/")
    assert page.get_by_role("heading", name="Agenda").count() == 1
    assert page.get_by_role("link", name="Watch the recording").count() == 1
    assert page.locator("a[href^='/documents/']").count() >= 1
    screenshot(page, "cms-event-past")
    assert axe_violations(page) == []


def test_search_with_filters(page):
    page.goto("/en/search/?q=teacher")
    assert page.locator(".cms-results li").count() >= 2
    page.select_option("#s-type", "event")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state()
    kinds = set(page.locator(".cms-results .tag").all_inner_texts())
    assert kinds == {"Event"}
    screenshot(page, "cms-search")
    assert axe_violations(page) == []


def test_pages_work_without_javascript(nojs_page):
    nojs_page.goto("/en/resources/?format=guide")
    assert nojs_page.locator(".cms-card").count() >= 1
    nojs_page.goto("/az/")
    assert nojs_page.locator("html").get_attribute("lang") == "az"
    login(nojs_page, "aysel.mammadova@example.az")
    nojs_page.goto("/en/events/teacher-leadership-workshop/")
    assert nojs_page.get_by_text("You are registered.").count() >= 1
    nojs_page.goto("/en/search/?q=inclusive&type=resource")
    assert nojs_page.locator(".cms-results li").count() >= 1
