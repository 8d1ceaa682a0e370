from tests.browser.conftest import axe_violations, screenshot


def test_home_page_has_skip_link_landmarks_and_no_serious_axe_violations(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert page.locator("header").count() >= 1 and page.locator("main#main").count() == 1
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "home")
    assert axe_violations(page) == []
