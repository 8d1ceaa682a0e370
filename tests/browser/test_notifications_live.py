"""Live notifications outside rooms: a mention posted in one browser updates the other's header badge."""

import re
import time

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login, screenshot
from tests.browser.test_room_live import AYSEL, RASHAD, _room_for


def _watch_sockets(page):
    """Every WebSocket the page opens, with the frames it receives (collected from its creation)."""
    sockets = []

    def opened(ws):
        entry = {"url": ws.url, "frames": []}
        ws.on("framereceived", lambda payload: entry["frames"].append(payload))
        sockets.append(entry)

    page.on("websocket", opened)
    return sockets


def _wait_for_frame(page, sockets, kind, timeout=20):
    """A socket answers frames only after it joined the user's group: safe to notify after one."""
    deadline = time.monotonic() + timeout
    needle = f'"type":"{kind}"'
    while time.monotonic() < deadline:
        if any(needle in str(frame) for entry in sockets for frame in entry["frames"]):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"no {kind} frame on {[entry['url'] for entry in sockets]}")


def _latest_title(email, language):
    from django.utils import translation

    from community.discussions.models import Notification

    notice = Notification.objects.filter(recipient__email=email).order_by("-pk").first()
    # The live announcement speaks the language of the page it is announced on.
    with translation.override(language):
        return notice.shown_title


def _mention(page, room, text):
    """Post through the room page (its socket when live, else the plain form)."""
    page.goto(f"/en/rooms/{room.pk}/")
    expect(page.locator("#room-status")).to_have_text(re.compile(r"\S"), timeout=20_000)
    page.fill("#compose textarea", text)
    page.click("#compose button[type=submit]")
    expect(page.locator("#room-messages li.dc-message", has_text=text[-20:])).to_have_count(
        1, timeout=20_000
    )


def test_a_mention_updates_the_badge_live_on_a_page_without_a_room(browser, site_url, orm):
    from community.models import User

    room = _room_for(AYSEL, RASHAD)
    username = User.objects.get(email=AYSEL).username
    contexts = [browser.new_context(base_url=site_url) for _ in range(2)]
    try:
        aysel, rashad = (context.new_page() for context in contexts)
        login(aysel, AYSEL)
        login(rashad, RASHAD)
        sockets = _watch_sockets(aysel)
        aysel.goto("/en/communities/")
        expect(aysel.locator("html")).to_have_attribute("data-socket", "notifications")
        _wait_for_frame(aysel, sockets, "pong")
        assert len(sockets) == 1 and sockets[0]["url"].endswith("/ws/?lang=en")
        badge = aysel.locator("#notification-count")
        before = int(badge.get_attribute("data-count"))
        aysel.evaluate("() => { window.notReloaded = true; }")

        _mention(rashad, room, f"@{username} could you bring the workshop plan on Friday?")

        expect(badge).to_have_attribute("data-count", str(before + 1), timeout=20_000)
        expect(badge).to_have_text(str(before + 1))
        expect(badge).not_to_have_class(re.compile(r"\bdc-zero\b"))
        live = aysel.locator("#notification-live")
        expect(live).to_have_text(_latest_title(AYSEL, "en"), timeout=10_000)
        assert "Rashad" in live.text_content() or "Rəşad" in live.text_content()
        assert aysel.evaluate("() => window.notReloaded === true")  # no page load
        assert len(sockets) == 1
        screenshot(aysel, "notification-live")
        assert axe_violations(aysel) == []
    finally:
        for context in contexts:
            context.close()


def test_on_a_room_page_the_room_socket_is_the_only_one_and_still_updates_the_badge(
    browser, site_url, orm
):
    from community.models import User

    here, there = _room_for(AYSEL, RASHAD), _room_for(AYSEL, RASHAD)
    username = User.objects.get(email=AYSEL).username
    contexts = [browser.new_context(base_url=site_url) for _ in range(2)]
    try:
        aysel, rashad = (context.new_page() for context in contexts)
        login(aysel, AYSEL)
        login(rashad, RASHAD)
        sockets = _watch_sockets(aysel)
        aysel.goto(f"/en/rooms/{here.pk}/")
        expect(aysel.locator("#room-status")).to_have_text(re.compile(r"\S"), timeout=20_000)
        expect(aysel.locator("html")).to_have_attribute("data-socket", "room")
        _wait_for_frame(aysel, sockets, "backlog")
        badge = aysel.locator("#notification-count")
        before = int(badge.get_attribute("data-count"))

        _mention(rashad, there, f"@{username} the other room needs you too")

        expect(badge).to_have_attribute("data-count", str(before + 1), timeout=20_000)
        expect(aysel.locator("#notification-live")).to_have_text(
            _latest_title(AYSEL, "en"), timeout=10_000
        )
        aysel.wait_for_timeout(1500)  # a second socket would have opened by now
        assert len(sockets) == 1
    finally:
        for context in contexts:
            context.close()


def test_a_page_with_a_live_socket_comes_back_from_the_back_forward_cache(browser, site_url, orm):
    """Going back is instant on a poor connection: the socket closes on pagehide and reopens."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    # Playwright turns the back/forward cache off by default; this browser keeps it.
    cached = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    try:
        page = cached.new_context(base_url=site_url).new_page()
        sockets = _watch_sockets(page)
        login(page, AYSEL)
        page.goto("/en/communities/")
        _wait_for_frame(page, sockets, "pong")
        page.evaluate(
            "() => { window.__restored = false;"
            " window.addEventListener('pageshow', (e) => { window.__restored = e.persisted; }); }"
        )
        page.goto("/en/projects/")
        page.go_back(wait_until="commit")  # a restored page fires no load event
        page.wait_for_function("() => window.__restored === true", timeout=10_000)
        # ...and it listens again: a second socket opened and was answered
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if sum('"type":"pong"' in str(e["frames"]) for e in sockets) >= 2:
                break
            page.wait_for_timeout(100)
        assert sum('"type":"pong"' in str(e["frames"]) for e in sockets) >= 2
    finally:
        cached.close()
