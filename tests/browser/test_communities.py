"""Communities in a real browser: the directory and a community page (axe), private ones invisible."""

from tests.browser.conftest import axe_violations, login, screenshot

AYSEL = "aysel.mammadova@example.az"


def test_directory_and_community_pages_are_accessible(page):
    login(page, AYSEL)
    page.goto("/en/communities/")
    assert page.locator("h1").inner_text() == "Learning communities"
    assert page.get_by_role("link", name="Inclusive education practice").first.is_visible()
    screenshot(page, "communities-directory")
    assert axe_violations(page) == []
    page.goto("/en/communities/project-based-learning/")
    assert page.locator("h1").inner_text() == "Project-based learning"
    screenshot(page, "communities-community")
    assert axe_violations(page) == []
    page.goto("/az/communities/")
    assert page.locator("h1").inner_text() == "Təlim icmaları"


def test_visitor_cannot_see_the_private_community(page):
    response = page.goto("/en/communities/shaki-zagatala-circle/")
    assert response.status == 404
    page.goto("/en/communities/")
    assert "Shaki-Zagatala teachers' circle" not in page.content()
