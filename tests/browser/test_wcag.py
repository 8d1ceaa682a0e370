"""WCAG 2.2 AA, checked from outside: axe-core's A and AA rules (2.0, 2.1, 2.2) on every key
page, in English, Azerbaijani and Russian, on a 390 px phone and a 1280 px screen, for a
visitor and for a signed-in demo teacher: no violation of any impact. Then the room and the
project plan with the keyboard alone, and the room's polite live region.

One browser context per (language, width, signed in or not), reused across its pages; every
page is also saved as a screenshot (test-artifacts/screenshots/wcag-<lang>-<width>-<who>-<page>).
"""

import re
from pprint import pformat

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login, screenshot
from tests.browser.test_room_live import AYSEL, RASHAD, _room_for

WCAG22AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
LANGUAGES = ("en", "az", "ru")
WIDTHS = (390, 1280)
# Pages a visitor may open; the signed-in teacher opens these and the MEMBER_PAGES as well.
VISITOR_PAGES = (
    "home",
    "resources",
    "resource",
    "events",
    "event",
    "news",
    "news-item",
    "communities",
    "community",
    "room",
    "projects",
    "project",
    "showcase",
    "statistics",
    "search",
    "login",
    "signup",
)
MEMBER_PAGES = (
    "inbox",
    "conversation",
    "notifications",
    "teachers",
    "teacher",
    "profile-edit",
    "workspace",
    "plan",
    "journal",
    "files",
)
SIGNED_OUT_ONLY = ("login", "signup")


def _live_page(model, lang):
    """The first live page of `model` in `lang`, as a path."""
    from urllib.parse import urlsplit

    page = model.objects.live().filter(locale__language_code=lang).order_by("path").first()
    assert page is not None, f"no live {model.__name__} in {lang}"
    return urlsplit(page.get_url()).path


@pytest.fixture(scope="module")
def key_pages(site_url, django_db_blocker):
    """name -> path, per language, from the demo world."""
    from cms.models import EventPage, NewsPage, ResourcePage
    from community.discussions.models import Community, Message, Room
    from community.models import User
    from projects.models import Project

    with django_db_blocker.unblock():
        aysel = User.objects.get(email=AYSEL)
        rashad = User.objects.get(email=RASHAD)
        community = (
            Community.objects.filter(
                visibility="public",
                memberships__user=aysel,
                memberships__state="active",
                rooms__messages__isnull=False,
            )
            .order_by("pk")
            .first()
        )
        room = (
            Room.objects.filter(community=community, kind="community")
            .filter(pk__in=Message.objects.values("room_id"))
            .order_by("pk")
            .first()
        )
        conversation = (
            Room.objects.filter(kind="direct", conversation__state="open")
            .filter(conversation__members__user=aysel)
            .order_by("pk")
            .first()
        )
        project = Project.objects.get(title="Rivers of our villages")
        pages = {}
        for lang in LANGUAGES:
            p = f"/{lang}"
            pages[lang] = {
                "home": f"{p}/",
                "resources": f"{p}/resources/",
                "resource": _live_page(ResourcePage, lang),
                "events": f"{p}/events/",
                "event": _live_page(EventPage, lang),
                "news": f"{p}/news/",
                "news-item": _live_page(NewsPage, lang),
                "communities": f"{p}/communities/",
                "community": f"{p}/communities/{community.slug}/",
                "room": f"{p}/rooms/{room.pk}/",
                "inbox": f"{p}/messages/",
                "conversation": f"{p}/messages/{conversation.pk}/",
                "notifications": f"{p}/notifications/",
                "teachers": f"{p}/teachers/",
                "teacher": f"{p}/teachers/{rashad.pk}/",
                "profile-edit": f"{p}/accounts/profile/",
                "projects": f"{p}/projects/",
                "project": f"{p}/projects/{project.pk}/",
                "workspace": f"{p}/projects/{project.pk}/workspace/",
                "plan": f"{p}/projects/{project.pk}/plan/",
                "journal": f"{p}/projects/{project.pk}/journal/",
                "files": f"{p}/projects/{project.pk}/files/",
                "showcase": f"{p}/projects/showcase/",
                "statistics": f"{p}/projects/statistics/",
                "search": f"{p}/search/?q=teacher",
                "login": f"{p}/accounts/login/",
                "signup": f"{p}/accounts/signup/",
            }
    return pages


COMBINATIONS = [
    pytest.param(
        lang, width, signed_in, id=f"{lang}-{width}-{'teacher' if signed_in else 'visitor'}"
    )
    for lang in LANGUAGES
    for width in WIDTHS
    for signed_in in (False, True)
]


@pytest.mark.parametrize(("lang", "width", "signed_in"), COMBINATIONS)
def test_every_key_page_passes_wcag_22_aa(browser, site_url, key_pages, lang, width, signed_in):
    names = VISITOR_PAGES + MEMBER_PAGES if signed_in else VISITOR_PAGES
    if signed_in:
        names = tuple(n for n in names if n not in SIGNED_OUT_ONLY)
    context = browser.new_context(base_url=site_url, viewport={"width": width, "height": 844})
    try:
        tab = context.new_page()
        if signed_in:
            login(tab, AYSEL)
        who = "teacher" if signed_in else "visitor"
        report = {}
        for name in names:
            path = key_pages[lang][name]
            response = tab.goto(path)
            tab.wait_for_load_state()
            if response.status != 200 or not tab.url.startswith(site_url + path.split("?")[0]):
                report[name] = f"{path} answered {response.status} at {tab.url}"
                continue
            if tab.locator("#room-status").count():
                # the room as its reader sees it: connected, with its live parts drawn
                expect(tab.locator("#room-status")).to_have_attribute(
                    "data-state", "live", timeout=20_000
                )
            screenshot(tab, f"wcag-{lang}-{width}-{who}-{name}")
            found = axe_violations(tab, tags=WCAG22AA, impact=None)
            if found:
                report[name] = found
        assert not report, pformat(report, width=200)
    finally:
        context.close()


# --- the keyboard alone --------------------------------------------------------------------------


def _tab_to(page, predicate, *, limit=250, backwards=False):
    """Press Tab (or Shift+Tab) until the focused element matches `predicate` (a JS function of
    the element); fail after `limit` presses."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(
            f"() => !!document.activeElement && ({predicate})(document.activeElement)"
        ):
            return
    pytest.fail(f"the keyboard never reached {predicate}")


def test_the_room_with_the_keyboard_alone(browser, site_url, orm):
    """Post, reply, react and edit with Tab, Enter, Space and Escape only: no click."""
    room = _room_for(AYSEL, RASHAD)
    url = f"/en/rooms/{room.pk}/"
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        login(page, AYSEL)
        page.goto(url)
        expect(page.locator("#room-status")).to_have_text("Live", timeout=20_000)

        # post: Tab to the composer, type, Tab to Send, Enter
        _tab_to(page, "el => el.matches('#compose textarea')")
        page.keyboard.type("Keyboard only: who brings the projector?")
        _tab_to(page, "el => el.matches('#compose button[type=submit]')")
        page.keyboard.press("Enter")
        first = page.locator("#room-messages li.dc-message", has_text="who brings the projector")
        expect(first).to_have_count(1, timeout=20_000)
        expect(page.locator("#room-messages li.is-pending")).to_have_count(0, timeout=20_000)

        # react: Tab to the message's React menu, Enter opens it, Tab to 👍, Space presses it
        first_id = first.get_attribute("data-message-id")
        inside_first = f'[data-message-id="{first_id}"]'
        _tab_to(
            page,
            f"el => el.matches('details.dc-react-menu > summary') && !!el.closest({inside_first!r})",
            backwards=True,
        )
        page.keyboard.press("Enter")
        _tab_to(page, "el => el.matches('.dc-react-menu button') && el.textContent.includes('👍')")
        page.keyboard.press("Space")
        expect(first.locator(".dc-reactions button")).to_have_text("👍 1", timeout=15_000)
        expect(first.locator(".dc-reactions button")).to_have_attribute("aria-pressed", "true")

        # reply: Tab to the message's Reply, Enter; the composer says whom it answers
        _tab_to(
            page,
            f"el => !!el.closest({inside_first!r}) && el.matches('a[data-part=reply]')",
            backwards=True,
        )
        page.keyboard.press("Enter")
        expect(page.locator("#compose .dc-replying")).to_contain_text("Replying to", timeout=5_000)
        expect(page.locator("#compose textarea")).to_be_focused()
        page.keyboard.type("I will, from the staff room.")
        _tab_to(page, "el => el.matches('#compose button[type=submit]')")
        page.keyboard.press("Enter")
        reply = page.locator("#room-messages li.dc-message", has_text="from the staff room")
        expect(reply).to_have_count(1, timeout=20_000)
        expect(reply.locator("[data-part=replyto-parent]")).to_be_visible()
        expect(page.locator("#room-messages li.is-pending")).to_have_count(0, timeout=20_000)
        from community.discussions.models import Message

        saved = Message.objects.get(room=room, body__contains="from the staff room")
        assert saved.reply_to_id == int(first_id)

        # edit: Tab to the reply's Edit, Enter, select all and retype, Tab to Save, Enter
        reply_id = reply.get_attribute("data-message-id")
        inside_reply = f'[data-message-id="{reply_id}"]'
        reply = page.locator(f"#room-messages li.dc-message{inside_reply}")
        _tab_to(
            page,
            f"el => !!el.closest({inside_reply!r}) && el.matches('a[data-part=edit]')",
            backwards=True,
        )
        page.keyboard.press("Enter")
        editor = reply.locator("form.composer-edit textarea")
        expect(editor).to_be_focused(timeout=5_000)
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("I will, from the library.")
        page.keyboard.press("Tab")
        expect(reply.locator("form.composer-edit button[type=submit]")).to_be_focused()
        page.keyboard.press("Enter")
        edited = page.locator("#room-messages li.dc-message", has_text="from the library")
        expect(edited).to_have_count(1, timeout=15_000)
        expect(edited.locator(".dc-edited")).to_be_visible()
        assert Message.objects.get(pk=reply_id).body == "I will, from the library."

        # Escape leaves an edit without saving it
        _tab_to(
            page,
            f"el => !!el.closest({inside_reply!r}) && el.matches('a[data-part=edit]')",
            backwards=True,
        )
        page.keyboard.press("Enter")
        expect(reply.locator("form.composer-edit textarea")).to_be_focused(timeout=5_000)
        page.keyboard.type(" Not saved.")
        page.keyboard.press("Escape")
        expect(reply.locator("form.composer-edit")).to_have_count(0, timeout=5_000)
        expect(edited).not_to_contain_text("Not saved")
    finally:
        context.close()


def test_the_project_plan_with_the_keyboard_alone(browser, site_url, orm):
    """Add a task and mark it done with Tab, the arrow keys, Space and typing only."""
    from projects.models import Project, Task

    project = Project.objects.get(title="Rivers of our villages")
    add_form = "form[action$='/plan/tasks/']"
    context = browser.new_context(base_url=site_url, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        login(page, AYSEL)
        page.goto(f"/en/projects/{project.pk}/plan/")
        title = "Keyboard task: print the river maps"
        _tab_to(page, f"el => el.matches('input[name=title]') && !!el.closest({add_form!r})")
        page.keyboard.type(title)
        _tab_to(page, f"el => el.matches('button[type=submit]') && !!el.closest({add_form!r})")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        task = Task.objects.get(project=project, title=title)
        expect(page.locator(f"#ts{task.pk}")).to_have_value("todo")
        # its status: Tab to the select, the arrow keys to "Done", Tab to "Set", Space
        select = f"#ts{task.pk}"
        _tab_to(page, f"el => el.matches({select!r})")
        for _ in range(5):
            if page.locator(select).input_value() == "done":
                break
            page.keyboard.press("ArrowDown")
        assert page.locator(select).input_value() == "done"
        page.keyboard.press("Tab")
        expect(page.locator(f"form:has({select}) button[type=submit]")).to_be_focused()
        with page.expect_navigation():
            page.keyboard.press("Space")
        expect(page.locator(select)).to_have_value("done")
        task.refresh_from_db()
        assert task.status == "done"
    finally:
        context.close()


# --- the polite live region ----------------------------------------------------------------------


def test_new_messages_and_connection_changes_are_announced_politely(browser, site_url, orm):
    room = _room_for(AYSEL, RASHAD)
    url = f"/en/rooms/{room.pk}/"
    contexts = [browser.new_context(base_url=site_url) for _ in range(2)]
    try:
        aysel, rashad = (context.new_page() for context in contexts)
        login(aysel, AYSEL)
        login(rashad, RASHAD)
        for page in (aysel, rashad):
            page.goto(url)
            expect(page.locator("#room-status")).to_have_text("Live", timeout=20_000)
        # every region that speaks is polite, never assertive
        polite = rashad.locator("[aria-live=polite]")
        messages_region = rashad.locator("[aria-live=polite]#room-live")
        status_region = rashad.locator("[aria-live=polite]#room-status")
        expect(messages_region).to_have_count(1)
        expect(status_region).to_have_count(1)
        assert rashad.locator("[aria-live=assertive]").count() == 0
        assert polite.count() >= 2

        # a message from another member is announced with its author's name
        aysel.fill("#compose textarea", "Announced to Rashad")
        aysel.click("#compose button[type=submit]")
        expect(messages_region).to_contain_text("Aysel", timeout=20_000)
        # the sender's own message is not announced to her
        expect(aysel.locator("#room-messages li", has_text="Announced to Rashad")).to_have_count(1)
        assert "Aysel" not in aysel.locator("[aria-live=polite]#room-live").inner_text()

        # the connection drops, then returns: the polite status says so both times
        contexts[1].set_offline(True)
        rashad.evaluate("() => window.dispatchEvent(new Event('offline'))")
        expect(status_region).not_to_have_text(re.compile(r"^Live$"), timeout=20_000)
        dropped = status_region.inner_text()
        assert dropped.strip(), "the drop is not announced"
        contexts[1].set_offline(False)
        rashad.evaluate("() => window.dispatchEvent(new Event('online'))")
        expect(status_region).to_have_text("Live", timeout=30_000)
    finally:
        for context in contexts:
            context.close()
