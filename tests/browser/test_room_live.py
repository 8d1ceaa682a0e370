"""A room in two real browsers: a post in one appears live in the other; the page works without JavaScript."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login, screenshot


def _room_for(*emails):
    from django.utils import timezone

    from community.discussions.models import Community, Membership, Room
    from community.models import User

    n = Community.objects.count() + 1
    community = Community.objects.create(
        name=f"Live room test {n}", slug=f"live-room-test-{n}", visibility="private"
    )
    room = Room.objects.create(community=community, title="Planning the March workshop")
    for user in User.objects.filter(email__in=emails):
        Membership.objects.create(
            community=community, user=user, state="active", joined_at=timezone.now()
        )
    return room


AYSEL = "aysel.mammadova@example.az"
RASHAD = "rashad.aliyev@example.az"


def test_a_post_in_one_browser_appears_live_in_the_other(browser, site_url, orm):
    room = _room_for(AYSEL, RASHAD)
    url = f"/en/rooms/{room.pk}/"
    contexts = [browser.new_context(base_url=site_url) for _ in range(2)]
    try:
        aysel, rashad = (context.new_page() for context in contexts)
        login(aysel, AYSEL)
        login(rashad, RASHAD)
        rashad.goto(url)
        aysel.goto(url)
        for page in (aysel, rashad):
            expect(page.locator("#room-status")).to_have_text(
                re.compile(r"\S"), timeout=20_000
            )  # "Live"
        # presence: Rashad sees Aysel online (shared through the cache)
        expect(rashad.locator("#presence-list")).to_contain_text("Aysel", timeout=20_000)

        aysel.fill("#compose textarea", "Shall we meet in Sheki on *Friday*?")
        aysel.click("#compose button[type=submit]")
        expect(aysel).to_have_url(re.compile(rf"{url}$"))  # no page load: sent over the socket
        message = rashad.locator("#room-messages li.dc-message", has_text="Shall we meet in Sheki")
        expect(message).to_have_count(1, timeout=20_000)
        expect(message.locator("em")).to_have_text("Friday")
        expect(rashad.locator("#room-live")).to_contain_text("Aysel", timeout=15_000)
        # the sender sees it exactly once, no longer pending
        expect(aysel.locator("#room-messages li", has_text="Shall we meet in Sheki")).to_have_count(
            1, timeout=20_000
        )
        expect(aysel.locator("#room-messages li.is-pending")).to_have_count(0)

        rashad.fill("#compose textarea", "Friday works for me.")
        rashad.click("#compose button[type=submit]")
        expect(
            aysel.locator("#room-messages li.dc-message", has_text="Friday works for me.")
        ).to_have_count(1, timeout=20_000)
        screenshot(rashad, "room-live")
        assert axe_violations(rashad) == []
    finally:
        for context in contexts:
            context.close()


def test_the_room_works_without_javascript(nojs_page, orm):
    room = _room_for(AYSEL)
    url = f"/en/rooms/{room.pk}/"
    login(nojs_page, AYSEL)
    nojs_page.goto(url)
    # an empty message: back at the room, the error shown, nothing saved
    nojs_page.fill("#compose textarea", "   ")
    nojs_page.click("#compose button[type=submit]")
    nojs_page.wait_for_load_state()
    expect(nojs_page).to_have_url(re.compile(rf"{url}#compose$"))
    expect(nojs_page.locator("#compose .form-errors")).to_contain_text("Write a message first.")
    # then a real one: it lands on the message, at the room's address (not a 405 at /post/)
    nojs_page.fill("#compose textarea", "Posted by the plain form")
    nojs_page.click("#compose button[type=submit]")
    nojs_page.wait_for_load_state()
    expect(nojs_page).to_have_url(re.compile(rf"{url}#m1$"))
    expect(
        nojs_page.locator("#room-messages li.dc-message", has_text="Posted by the plain form")
    ).to_have_count(1)
    expect(nojs_page.locator("#compose .form-errors")).to_have_count(0)
    screenshot(nojs_page, "room-nojs")
    # axe needs scripts; the same room page passes axe in the JavaScript test above.
