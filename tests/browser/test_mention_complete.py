"""@mention completion in the room: typing "@ay" offers the room's Aysel, the keyboard or a tap
chooses her, and the posted message links the mention."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login, screenshot
from tests.browser.test_room_live import AYSEL, RASHAD, _room_for


def test_typing_at_and_letters_offers_the_rooms_people_and_inserts_the_handle(browser, site_url, orm):
    from community.models import User

    room = _room_for(AYSEL, RASHAD)
    handle = User.objects.get(email=AYSEL).handle
    context = browser.new_context(base_url=site_url)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        login(page, RASHAD)
        page.goto(f"/en/rooms/{room.pk}/")
        expect(page.locator("#room-status")).to_have_text("Live", timeout=20_000)
        field = page.locator("#compose textarea")
        listbox = page.get_by_role("listbox", name="People to mention")

        field.click()
        field.press_sequentially("Thanks @ay")
        expect(field).to_have_attribute("aria-expanded", "true")
        option = listbox.get_by_role("option", name=re.compile("Aysel"))
        expect(option).to_have_count(1)
        expect(option).to_contain_text(f"@{handle}")
        expect(listbox).not_to_contain_text("example.az")  # never the address
        assert field.get_attribute("aria-controls") == listbox.get_attribute("id")
        box = option.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        assert axe_violations(page) == []
        screenshot(page, "mention-complete")

        field.press("ArrowDown")
        expect(option).to_have_attribute("aria-selected", "true")
        assert field.get_attribute("aria-activedescendant") == option.get_attribute("id")
        field.press("Enter")
        expect(field).to_have_value(f"Thanks @{handle} ")
        expect(listbox).to_be_hidden()
        expect(field).to_have_attribute("aria-expanded", "false")

        # Escape closes the list and keeps the text
        field.press_sequentially("and @ay")
        expect(option).to_be_visible()
        field.press("Escape")
        expect(listbox).to_be_hidden()
        expect(field).to_have_value(f"Thanks @{handle} and @ay")
        for _ in range(len("and @ay")):
            field.press("Backspace")
        field.press_sequentially("for the slides")
        page.click("#compose button[type=submit]")

        message = page.locator("#room-messages li.dc-message", has_text="for the slides")
        expect(message).to_have_count(1, timeout=20_000)
        link = message.locator("a.mention")
        expect(link).to_have_text(f"@{handle}")
        expect(link).to_have_attribute("href", re.compile(r"/teachers/\d+/$"))

        # the in-place edit box completes too; a click chooses
        message.get_by_role("link", name=re.compile("^Edit")).click()
        editor = message.locator(".composer-edit textarea")
        expect(editor).to_be_focused()
        editor.press("End")
        editor.press_sequentially(" cc @ays")
        option.click()
        expect(editor).to_have_value(f"Thanks @{handle} for the slides cc @{handle} ")
        expect(editor).to_be_focused()
        assert errors == []
    finally:
        context.close()
