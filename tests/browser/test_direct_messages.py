"""Direct messages in two real browsers: a request from a profile, its acceptance, a live conversation."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login, screenshot

AYSEL = "aysel.mammadova@example.az"
RASHAD = "rashad.aliyev@example.az"


def _fresh_pair():
    """The two teachers, with no conversation between them yet (the demo world is shared)."""
    from community.discussions.models import Block, Conversation, Room
    from community.models import User

    aysel, rashad = User.objects.get(email=AYSEL), User.objects.get(email=RASHAD)
    rooms = Conversation.objects.filter(members__user=aysel).filter(members__user=rashad)
    Room.objects.filter(conversation__in=rooms).delete()
    Block.objects.filter(blocker__in=[aysel, rashad]).delete()
    return aysel, rashad


def test_a_request_from_a_profile_is_accepted_and_the_conversation_is_live(browser, site_url, orm):
    _aysel, rashad_user = _fresh_pair()
    contexts = [browser.new_context(base_url=site_url) for _ in range(2)]
    try:
        aysel, rashad = (context.new_page() for context in contexts)
        login(aysel, AYSEL)
        login(rashad, RASHAD)
        aysel.goto(f"/en/teachers/{rashad_user.pk}/")
        aysel.get_by_role("link", name=re.compile(r"^Message\b.*" + re.escape(rashad_user.profile.display_name))).click()
        expect(aysel.locator("input[name=to]")).to_have_value(f"@{rashad_user.username}")
        aysel.fill("textarea[name=body]", "Salam! Would your pupils join a project on rivers?")
        aysel.get_by_role("button", name="Send").click()
        expect(aysel.locator("body")).to_contain_text("waiting for an answer")
        conversation_url = aysel.url.split("#")[0]

        rashad.goto("/en/messages/")
        expect(rashad.get_by_role("heading", name="Requests")).to_be_visible()
        rashad.get_by_role("link", name=re.compile("Aysel")).click()
        expect(rashad.locator("main")).to_contain_text("project on rivers")
        rashad.get_by_role("button", name="Accept").click()
        expect(rashad.locator("body")).to_contain_text("The conversation is open")
        screenshot(rashad, "direct-conversation")
        assert axe_violations(rashad) == []

        aysel.goto(conversation_url)
        for page in (aysel, rashad):
            expect(page.locator("#room-status")).to_have_text(re.compile(r"\S"), timeout=20_000)
        rashad.fill("#compose textarea", "Yes! Grades 5 and 6 would love to.")
        rashad.click("#compose button[type=submit]")
        expect(
            aysel.locator("#room-messages li.dc-message", has_text="Grades 5 and 6")
        ).to_have_count(1, timeout=20_000)
        aysel.fill("#compose textarea", "Wonderful, I will write a plan.")
        aysel.click("#compose button[type=submit]")
        expect(
            rashad.locator("#room-messages li.dc-message", has_text="I will write a plan")
        ).to_have_count(1, timeout=20_000)
        expect(aysel.locator("#room-messages li", has_text="I will write a plan")).to_have_count(1)
    finally:
        for context in contexts:
            context.close()
