"""Accounts and teachers in a real browser: sign-in, profile editing, directory filters (also without JavaScript), axe."""

import re

from tests.browser.conftest import axe_violations, login, screenshot

PASSWORD = "a-long-browser-passphrase-7"


def make_teacher(email, **profile):
    from django.utils import timezone

    from community.models import Profile, School, User

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            username=email,
            email=email,
            password=PASSWORD,
            email_confirmed=True,
            verified_at=timezone.now(),
        )
        school = School.objects.get(name="Kish village secondary school")
        Profile.objects.create(
            user=user,
            display_name=profile.pop("display_name", "Browser Teacher"),
            school=school,
            **profile,
        )
    return user


def test_login_page_sign_in_and_out(page, orm):
    make_teacher("browser.login@example.az", display_name="Samirə Rzayeva", interface_language="en")
    page.goto("/en/accounts/login/")
    assert page.locator("h1").inner_text() == "Sign in"
    screenshot(page, "accounts-login")
    assert axe_violations(page) == []
    login(page, "browser.login@example.az", PASSWORD)
    menu = page.locator("nav[aria-label='Your account']")
    assert "Samirə Rzayeva" in menu.inner_text()
    menu.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert "Sign in" in page.locator("nav[aria-label='Your account']").inner_text()


def test_wrong_password_message_is_announced(page, orm):
    make_teacher("browser.wrong@example.az")
    login(page, "browser.wrong@example.az", "not-the-password")
    alert = page.locator("[role=alert]")
    assert "do not match an account" in alert.inner_text()


def test_sign_up_page_is_accessible_and_shows_schools_of_a_region_without_javascript(
    page, nojs_page
):
    page.goto("/en/accounts/signup/")
    screenshot(page, "accounts-signup")
    assert axe_violations(page) == []

    nojs_page.goto("/en/accounts/signup/")
    nojs_page.select_option("#id_region", label="Shaki-Zagatala")
    nojs_page.click("button[name=show_schools]")
    nojs_page.wait_for_load_state()
    options = nojs_page.locator("#id_school option").all_inner_texts()
    assert "Kish village secondary school" in options
    assert not any("Zhalagash" in o for o in options)


def test_edit_profile_in_the_browser(page, orm):
    make_teacher("browser.profile@example.az", display_name="Before Name", interface_language="en")
    login(page, "browser.profile@example.az", PASSWORD)
    page.goto("/en/accounts/profile/")
    assert axe_violations(page) == []
    page.fill("#id_display_name", "Nərmin Cəfərova")
    page.fill(
        "#id_bio",
        "I teach **chemistry** in a village school.\n\n- lab on a shoestring\n- river water tests",
    )
    page.get_by_label("Chemistry").check()
    page.fill("#id_grades_min", "7")
    page.fill("#id_grades_max", "11")
    page.get_by_label("looking for project partners").check()
    page.click("form.profile-form button[type=submit]:not([name])")
    page.wait_for_load_state()
    assert "Your profile is saved." in page.locator(".messages").inner_text()
    screenshot(page, "accounts-profile-edit")
    page.click("text=See your public profile")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Nərmin Cəfərova")
    assert page.locator(".acc-bio strong").inner_text() == "chemistry"
    assert page.locator(".acc-bio li").count() == 2
    screenshot(page, "accounts-public-profile")
    assert axe_violations(page) == []


def test_directory_filters_in_the_browser(page):
    page.goto("/en/teachers/")
    assert axe_violations(page) == []
    total = int(re.search(r"\d+", page.locator("[role=status].meta").inner_text()).group())
    assert total >= 90
    page.select_option("#id_country", label="Kazakhstan")
    page.get_by_label("Rural schools only").check()
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    filtered = int(re.search(r"\d+", page.locator("[role=status].meta").inner_text()).group())
    assert 0 < filtered < total
    metas = page.locator(".acc-teacher .meta").all_inner_texts()
    assert metas and all("Kazakhstan" in m and "rural school" in m for m in metas)
    screenshot(page, "accounts-directory-filtered")


def test_directory_works_without_javascript_and_pages(nojs_page):
    nojs_page.goto("/en/teachers/")
    nojs_page.select_option("#id_country", label="Azerbaijan")
    nojs_page.click("form.filters button[type=submit]")
    nojs_page.wait_for_load_state()
    assert "country=" in nojs_page.url
    first_page = nojs_page.locator(".acc-teacher h2").all_inner_texts()
    assert len(first_page) == 24
    nojs_page.click("a[rel=next]")
    nojs_page.wait_for_load_state()
    assert "page=2" in nojs_page.url and "country=" in nojs_page.url
    second_page = nojs_page.locator(".acc-teacher h2").all_inner_texts()
    assert second_page and not set(second_page) & set(first_page)
    assert all("Azerbaijan" in m for m in nojs_page.locator(".acc-teacher .meta").all_inner_texts())


def test_language_follows_the_profile_after_sign_in(page, orm):
    make_teacher("browser.ru@example.az", display_name="Ru Teacher", interface_language="ru")
    login(page, "browser.ru@example.az", PASSWORD)
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.url.rstrip("/").endswith("/ru") or "/ru/" in page.url
