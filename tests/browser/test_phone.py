"""Phones first: every key page at 360 px fits the screen, keeps a one-line header and
passes axe-core's WCAG 2.2 AA rules (target size included); 1280 px does not regress;
the menu opens without JavaScript."""

from pprint import pformat

import pytest

from tests.browser.conftest import AXE, login, screenshot
from tests.browser.test_room_live import AYSEL

WCAG22AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
HEADER_MAX = 64  # one line on a phone
HEADER_MAX_WIDE = 80  # two slim rows at 1280 px (93 px before the phone layout)


def _key_pages():
    """The pages a teacher uses most, with the demo world's rows behind them."""
    from community.discussions.models import Message, Room
    from community.models import User
    from projects.models import Project

    aysel = User.objects.get(email=AYSEL)
    room = (
        Room.objects.filter(
            community__memberships__user=aysel, community__memberships__state="active"
        )
        .filter(pk__in=Message.objects.values("room_id"))
        .order_by("pk")
        .first()
    )
    project = Project.objects.get(title="Rivers of our villages")
    return [
        ("home", "/en/"),
        ("resources", "/en/resources/"),
        ("resource", "/en/resources/inclusive-teaching-practice/"),
        ("events", "/en/events/"),
        ("event", "/en/events/teacher-policy-symposium/"),
        ("communities", "/en/communities/"),
        ("community", "/en/communities/project-based-learning/"),
        ("room", f"/en/rooms/{room.pk}/"),
        ("projects", "/en/projects/"),
        ("project", f"/en/projects/{project.pk}/"),
        ("workspace", f"/en/projects/{project.pk}/workspace/"),
        ("plan", f"/en/projects/{project.pk}/plan/"),
        ("statistics", "/en/projects/statistics/"),
        ("profile", f"/en/teachers/{aysel.pk}/"),
        ("teachers", "/en/projects/teachers/"),
        ("directory", "/en/teachers/"),
    ]


def _axe(page):
    """axe-core's WCAG 2.2 A and AA rules on the current page: serious and critical violations."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG22AA,
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _fit(page):
    """Sideways scrolling, the header's height and the elements wider than the screen."""
    return page.evaluate(
        """() => {
          const w = innerWidth, wide = [];
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.right > w + 1 && r.width > 0 && el.checkVisibility()) wide.push(el.tagName.toLowerCase() + '.' + el.className);
          }
          return {scroll: document.documentElement.scrollWidth, inner: w,
                  header: document.querySelector('header.site-header').getBoundingClientRect().height,
                  wide: wide.slice(0, 5)};
        }"""
    )


def _problems(page, path, *, header_max):
    response = page.goto(path)
    page.wait_for_load_state()
    if response.status != 200:
        return [f"answered {response.status}"]
    fit = _fit(page)
    found = []
    if fit["scroll"] > fit["inner"]:
        found.append(f"scrolls sideways: {fit['scroll']} > {fit['inner']} ({fit['wide']})")
    if header_max is not None and fit["header"] > header_max:
        found.append(f"header {fit['header']} px tall")
    violations = _axe(page)
    if violations:
        found.append(f"axe: {violations}")
    return found


@pytest.fixture
def phone(browser, site_url):
    # Not is_mobile: a mobile viewport zooms out to fit a page that is too wide, hiding the fault.
    context = browser.new_context(base_url=site_url, viewport={"width": 360, "height": 740})
    tab = context.new_page()
    yield tab
    context.close()


def _check_all(page, width, header_max, orm_pages):
    login(page, AYSEL)
    report = {}
    for name, path in orm_pages:
        found = _problems(page, path, header_max=header_max)
        if found:
            report[name] = found
    page.context.clear_cookies()
    found = _problems(page, "/en/accounts/signup/", header_max=header_max)
    if found:
        report["signup"] = found
    return report


def test_every_key_page_fits_a_360_px_phone(phone, orm):
    report = _check_all(phone, 360, HEADER_MAX, _key_pages())
    assert not report, pformat(report, width=200)


def test_every_key_page_still_fits_1280_px(page, orm):
    report = _check_all(page, 1280, HEADER_MAX_WIDE, _key_pages())
    assert not report, pformat(report, width=200)


def test_screenshots_at_390_and_1280(browser, site_url, orm):
    pages = dict(_key_pages())
    for width in (390, 1280):
        context = browser.new_context(base_url=site_url, viewport={"width": width, "height": 844})
        tab = context.new_page()
        login(tab, AYSEL)
        for name in ("home", "room", "workspace"):
            tab.goto(pages[name])
            tab.wait_for_load_state()
            screenshot(tab, f"phone-{name}-{width}")
        context.close()


def _nojs_phone(browser, site_url):
    return browser.new_context(
        base_url=site_url, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )


def test_the_menu_opens_without_javascript(browser, site_url):
    context = _nojs_phone(browser, site_url)
    try:
        tab = context.new_page()
        tab.goto("/en/")
        sign_in = tab.get_by_role("link", name="Sign in")
        projects = tab.locator("nav.site-nav").get_by_role("link", name="Projects", exact=True)
        assert not projects.is_visible() and not sign_in.is_visible()
        tab.get_by_text("Menu", exact=True).click()
        assert projects.is_visible() and sign_in.is_visible()
        screenshot(tab, "phone-menu-open-nojs")
        projects.click()
        tab.wait_for_load_state()
        assert tab.locator("h1").inner_text() == "Project ideas looking for partners"
        # Signed in, without JavaScript, the menu still leads to the account's links.
        login(tab, AYSEL)
        tab.goto("/en/")
        tab.get_by_text("Menu", exact=True).click()
        tab.get_by_role("link", name="Settings").click()
        tab.wait_for_load_state()
        assert tab.url.endswith("/en/accounts/profile/")
    finally:
        context.close()


def test_the_open_menu_is_keyboard_operable_and_accessible(phone):
    login(phone, AYSEL)
    phone.goto("/en/")
    menu = phone.locator("summary.menu-button")
    menu.focus()
    phone.keyboard.press("Enter")
    assert phone.locator("details.site-menu").evaluate("el => el.open")
    assert phone.get_by_role("link", name="My record").is_visible()
    assert _axe(phone) == []
    # The bell stays in the one-line header, outside the menu, with its count.
    bell = phone.locator("header .dc-notifications-link")
    assert bell.is_visible() and bell.bounding_box()["y"] < HEADER_MAX
    phone.keyboard.press("Enter")  # closed again from the same button
    assert not phone.locator("details.site-menu").evaluate("el => el.open")


def test_inviting_a_found_teacher_on_a_phone(phone, orm):
    from community.models import User
    from community.permissions import is_teacher
    from projects import selectors
    from projects.models import Partnership

    aysel = User.objects.get(email=AYSEL)
    project = selectors.invitable_projects(aysel)[0]
    taken = Partnership.objects.filter(project=project).values("user_id")
    invitee = next(
        u
        for u in User.objects.exclude(pk__in=taken).select_related("profile").order_by("pk")
        if is_teacher(u) and u.profile.display_name
    )
    name = invitee.profile.display_name
    login(phone, AYSEL)
    phone.goto(f"/en/projects/teachers/?q={name.split()[0]}")
    result = phone.locator("li.proj-person", has=phone.locator("strong", has_text=name)).first
    assert result.get_by_role("link", name=name, exact=True).get_attribute("href") == (
        f"/en/teachers/{invitee.pk}/"
    )
    if result.locator("select").count():
        result.locator("select").select_option(str(project.pk))
    result.get_by_role("button", name="Invite to my project").click()
    phone.wait_for_load_state()
    assert f"sent to {name}." in phone.locator(".messages").inner_text()
    assert Partnership.objects.get(project=project, user=invitee).status == "invited"
    assert _fit(phone)["scroll"] <= 360
