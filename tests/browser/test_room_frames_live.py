"""The live room keeps the protocol's promises in the page: two real browsers, a real Daphne.

A live message is the same DOM as after a reload (controls and time included); moderation,
locks, edits, deletions and reactions arrive without a reload; the connection status tells
the truth when the network goes away.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login, screenshot
from tests.browser.test_room_live import AYSEL, RASHAD, _room_for

# What a teacher notices of one message: its text (time included) and its controls, with where
# each one leads.
SNAPSHOT = """(el) => ({
  text: el.innerText.replace(/\\s+/g, " ").trim(),
  time: el.querySelector("time").textContent,
  controls: [...el.querySelectorAll("a, button, summary")]
    .filter((n) => getComputedStyle(n).display !== "none" && !n.closest("[hidden]"))
    .map((n) => [n.tagName, n.textContent.replace(/\\s+/g, " ").trim(),
      n.getAttribute("href") || (n.form ? n.form.getAttribute("action") : "") || "",
      n.getAttribute("aria-pressed") || ""]),
})"""


def _two(browser, site_url):
    contexts = [browser.new_context(base_url=site_url) for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    for page in pages:  # a script error fails the test with its message
        page.on("pageerror", lambda error: print("page error:", error))
    login(pages[0], AYSEL)
    login(pages[1], RASHAD)
    return contexts, pages


def _live(page):
    expect(page.locator("#room-status")).to_have_text("Live", timeout=20_000)


def _message(page, text):
    return page.locator("#room-messages li.dc-message", has_text=text)


def _moderator(user_email, room):
    from community.discussions.models import Membership

    Membership.objects.filter(community_id=room.community_id, user__email=user_email).update(
        role="moderator"
    )


MODERATE = """async (frame) => await new Promise((resolve) => {
  const ws = new WebSocket(`ws://${location.host}/ws/`);
  ws.onopen = () => ws.send(JSON.stringify({ type: "moderate", ...frame }));
  ws.onmessage = (event) => {
    const answer = JSON.parse(event.data);
    if (answer.type === "moderated" || answer.type === "error") { ws.close(); resolve(answer); }
  };
})"""


def test_a_live_message_and_reply_are_the_same_as_after_a_reload(browser, site_url, orm):
    room = _room_for(AYSEL, RASHAD)
    url = f"/en/rooms/{room.pk}/"
    contexts, (aysel, rashad) = _two(browser, site_url)
    try:
        for page in (aysel, rashad):
            page.goto(url)
            _live(page)
        aysel.fill("#compose textarea", "Who has the *workshop* slides?")
        aysel.click("#compose button[type=submit]")
        first = _message(rashad, "workshop slides")
        expect(first).to_have_count(1, timeout=20_000)
        # Rashad replies from the live message's own Reply control
        first.get_by_role("link", name=re.compile("^Reply")).click()
        expect(rashad.locator("#compose .dc-replying")).to_contain_text("Replying to")
        rashad.fill("#compose textarea", "I do, sending them tonight.")
        rashad.click("#compose button[type=submit]")
        reply = _message(aysel, "sending them tonight")
        expect(reply).to_have_count(1, timeout=20_000)
        expect(reply.locator(".dc-replyto")).to_contain_text("In reply to")
        expect(aysel).to_have_url(re.compile(rf"{url}$"))
        own = _message(aysel, "workshop slides")
        live = {"own": own.evaluate(SNAPSHOT), "reply": reply.evaluate(SNAPSHOT)}
        live_first_for_rashad = first.evaluate(SNAPSHOT)
        # Edit and Delete on one's own message, Report on the other's: never both
        own_controls = [control[1] for control in live["own"]["controls"]]
        reply_controls = [control[1] for control in live["reply"]["controls"]]
        assert "Edit" in own_controls and not any(c.startswith("Report") for c in own_controls)
        assert any(c.startswith("Report") for c in reply_controls) and "Edit" not in reply_controls

        aysel.reload()
        rashad.reload()
        _live(aysel)
        reloaded = {
            "own": _message(aysel, "workshop slides").evaluate(SNAPSHOT),
            "reply": _message(aysel, "sending them tonight").evaluate(SNAPSHOT),
        }
        assert reloaded == live
        assert _message(rashad, "workshop slides").evaluate(SNAPSHOT) == live_first_for_rashad
        # the server writes the same time text as the browser (in the teacher's zone)
        html = aysel.request.get(url).text()
        server_times = re.findall(
            r'class="dc-time"[^>]*><time datetime="[^"]+">([^<]+)</time>', html
        )
        assert live["own"]["time"] in server_times and live["reply"]["time"] in server_times
        # and in the other interface languages, month names included
        for language in ("ru", "az"):
            aysel.goto(f"/{language}/rooms/{room.pk}/")
            shown = aysel.locator("#room-messages time").all_text_contents()
            html = aysel.request.get(f"/{language}/rooms/{room.pk}/").text()
            assert shown == re.findall(
                r'class="dc-time"[^>]*><time datetime="[^"]+">([^<]+)</time>', html
            )
        # the zone the page formats in is the teacher's own, passed by the server
        from community.models import Profile

        zone = Profile.objects.get(user__email=AYSEL).time_zone
        assert aysel.locator("#room").get_attribute("data-time-zone") == zone
    finally:
        for context in contexts:
            context.close()


def test_moderation_and_a_lock_reach_the_other_browser_without_a_reload(browser, site_url, orm):
    room = _room_for(AYSEL, RASHAD)
    _moderator(RASHAD, room)
    url = f"/en/rooms/{room.pk}/"
    contexts, (aysel, rashad) = _two(browser, site_url)
    try:
        for page in (aysel, rashad):
            page.goto(url)
            _live(page)
        aysel.evaluate("window.stillHere = true")
        rashad.fill("#compose textarea", "Pin me: the timetable is on the board.")
        rashad.click("#compose button[type=submit]")
        aysel.fill("#compose textarea", "Something regrettable")
        aysel.click("#compose button[type=submit]")
        regrettable = _message(rashad, "Something regrettable")
        expect(regrettable).to_have_count(1, timeout=20_000)
        pinned_id = int(_message(aysel, "Pin me").get_attribute("data-message-id"))
        hidden_id = int(regrettable.get_attribute("data-message-id"))

        answer = rashad.evaluate(MODERATE, {"action": "pin", "message": pinned_id})
        assert answer["type"] == "moderated", answer
        expect(aysel.locator("#room-pinned")).to_be_visible(timeout=15_000)
        expect(aysel.locator("#room-pinned-list")).to_contain_text("the timetable is on the board")

        answer = rashad.evaluate(
            MODERATE, {"action": "hide", "message": hidden_id, "reason": "Off topic"}
        )
        assert answer["type"] == "moderated", answer
        # the author sees why; the others see it removed, without a reload
        expect(_message(aysel, "A moderator removed this message for others")).to_contain_text(
            "Off topic", timeout=15_000
        )
        expect(regrettable).to_have_count(0)
        expect(rashad.locator(f'#room-messages [data-message-id="{hidden_id}"]')).to_contain_text(
            "Removed by a moderator"
        )

        answer = rashad.evaluate(
            MODERATE, {"action": "lock", "room": room.pk, "reason": "Exams week"}
        )
        assert answer["type"] == "moderated", answer
        expect(aysel.locator("#compose")).to_be_hidden(timeout=15_000)
        expect(aysel.locator("#composer-notice")).to_have_text("This room is read-only.")
        expect(aysel.locator("#room-locked-tag")).to_be_visible()
        # a moderator may still write in a locked room
        expect(rashad.locator("#compose")).to_be_visible()
        assert aysel.evaluate("window.stillHere") is True
        screenshot(aysel, "room-locked-live")
        assert axe_violations(aysel) == []

        answer = rashad.evaluate(MODERATE, {"action": "unlock", "room": room.pk})
        expect(aysel.locator("#compose")).to_be_visible(timeout=15_000)
        expect(aysel.locator("#composer-notice")).to_be_hidden()
        # slow mode: the composer says the rule, then how long to wait after a post
        answer = rashad.evaluate(
            MODERATE, {"action": "slow_mode", "room": room.pk, "seconds": 30, "reason": "Busy"}
        )
        assert answer["type"] == "moderated", answer
        notice = aysel.locator("#composer-notice")
        expect(notice).to_have_text("Slow mode: one message every 30 seconds.", timeout=15_000)
        aysel.fill("#compose textarea", "One thought, then patience")
        aysel.click("#compose button[type=submit]")
        expect(notice).to_have_text(
            re.compile(r"^Slow mode: you can post again in \d+ seconds\.$"), timeout=15_000
        )
        # a mute: the composer is replaced by when it ends
        from community.models import User

        author = User.objects.get(email=AYSEL).pk
        answer = rashad.evaluate(
            MODERATE,
            {
                "action": "mute",
                "member": int(author),
                "room": room.pk,
                "minutes": 10,
                "reason": "Calm",
            },
        )
        assert answer["type"] == "moderated", answer
        expect(aysel.locator("#compose")).to_be_hidden(timeout=15_000)
        expect(notice).to_have_text(
            re.compile(r"^You are muted in this community until \d+ \w+, \d\d:\d\d\.$")
        )
        # a ban: the composer says so and the room is taken away from the socket, said in the status
        answer = rashad.evaluate(
            MODERATE, {"action": "ban", "member": author, "room": room.pk, "reason": "Abuse"}
        )
        assert answer["type"] == "moderated", answer
        expect(notice).to_have_text("You have been banned from this community.", timeout=15_000)
        expect(aysel.locator("#room-status")).to_have_text(
            re.compile(r"^You no longer have access to this room\."), timeout=15_000
        )
    finally:
        for context in contexts:
            context.close()


def test_offline_is_said_with_the_waiting_count_and_the_message_arrives_once(
    browser, site_url, orm
):
    room = _room_for(AYSEL, RASHAD)
    url = f"/en/rooms/{room.pk}/"
    contexts, (aysel, rashad) = _two(browser, site_url)
    try:
        for page in (aysel, rashad):
            page.goto(url)
            _live(page)
        contexts[1].set_offline(True)
        status = rashad.locator("#room-status")
        expect(status).to_have_text(re.compile("^Offline"), timeout=5_000)
        assert status.get_attribute("aria-live") == "polite"
        rashad.fill("#compose textarea", "Written on the bus without signal")
        rashad.click("#compose button[type=submit]")
        expect(status).to_contain_text("1 message(s) waiting to be sent", timeout=5_000)
        expect(rashad.locator("#room-messages li.is-pending")).to_have_count(1)
        contexts[1].set_offline(False)
        expect(status).to_have_text("Live", timeout=20_000)
        for page in (aysel, rashad):
            expect(_message(page, "Written on the bus")).to_have_count(1, timeout=20_000)
        expect(rashad.locator("#room-messages li.is-pending")).to_have_count(0)
        from community.discussions.models import Message

        assert Message.objects.filter(room=room, body__contains="on the bus").count() == 1
    finally:
        for context in contexts:
            context.close()


def test_react_edit_and_delete_go_over_the_socket(browser, site_url, orm):
    room = _room_for(AYSEL, RASHAD)
    _moderator(RASHAD, room)
    url = f"/en/rooms/{room.pk}/"
    contexts, (aysel, rashad) = _two(browser, site_url)
    try:
        for page in (aysel, rashad):
            page.goto(url)
            _live(page)
        navigations = []
        aysel.on("framenavigated", lambda frame: navigations.append(frame.url))
        aysel.fill("#compose textarea", "Lesson study on Thursday")
        aysel.click("#compose button[type=submit]")
        mine = _message(aysel, "Lesson study on Thursday")
        expect(mine).to_have_count(1, timeout=20_000)
        # react: the menu's button, then the count appears for both, pressed for Aysel
        mine.locator("summary", has_text="React").click()
        mine.locator(".dc-react-menu button", has_text="👍").click()
        expect(mine.locator(".dc-reactions button")).to_have_text("👍 1", timeout=15_000)
        expect(mine.locator(".dc-reactions button")).to_have_attribute("aria-pressed", "true")
        theirs = _message(rashad, "Lesson study")
        expect(theirs.locator(".dc-reactions")).to_contain_text("👍 1", timeout=15_000)
        expect(theirs.locator(".dc-reactions button")).to_have_attribute("aria-pressed", "false")
        # a moderator (Rashad) removes someone else's message from its moderation page, with a
        # reason for the audit log: the live copy offers that, not a bare Delete
        message_id = mine.get_attribute("data-message-id")
        expect(theirs.get_by_role("link", name=re.compile("^Moderate"))).to_have_attribute(
            "href", f"/en/moderation/messages/{message_id}/"
        )
        expect(theirs.get_by_role("button", name="Delete")).to_have_count(0)
        # edit in place, with the keyboard
        mine.get_by_role("link", name="Edit").click()
        editor = mine.locator("form.composer-edit textarea")
        expect(editor).to_have_value("Lesson study on Thursday")
        editor.fill("Lesson study on Friday")
        editor.press("Tab")
        aysel.keyboard.press("Enter")  # Save
        expect(_message(rashad, "Lesson study on Friday")).to_have_count(1, timeout=15_000)
        edited = _message(rashad, "Lesson study on Friday").locator(".dc-edited")
        expect(edited).to_be_visible()
        # the reaction survived the edit
        expect(_message(aysel, "on Friday").locator(".dc-reactions button")).to_have_attribute(
            "aria-pressed", "true"
        )
        # earlier versions, for every reader of the room, from "(edited)"
        history = contexts[1].new_page()
        history.goto(rashad.locator("#room-messages .dc-edited").get_attribute("href"))
        expect(history.locator("main")).to_contain_text("Lesson study on Thursday")
        history.close()
        # delete
        _message(aysel, "on Friday").get_by_role("button", name="Delete").click()
        expect(_message(rashad, "on Friday")).to_have_count(0, timeout=15_000)
        expect(rashad.locator("#room-messages")).to_contain_text("Message removed")
        expect(_message(aysel, "on Friday")).to_have_count(0)
        assert all(re.search(rf"{url}$", u) for u in navigations), navigations
    finally:
        for context in contexts:
            context.close()


def test_reading_a_room_in_another_tab_moves_its_unread_badge(browser, site_url, orm):
    from community.discussions.models import Room
    from community.models import User
    from tests.community.discussions_factories import message

    room = _room_for(AYSEL, RASHAD)
    other = Room.objects.create(community=room.community, title="Resources", position=2)
    rashad_user = User.objects.get(email=RASHAD)
    for n in range(3):
        message(other, rashad_user, f"Worksheet {n}")
    context = browser.new_context(base_url=site_url)
    try:
        first = context.new_page()
        login(first, AYSEL)
        first.goto(f"/en/rooms/{room.pk}/")
        _live(first)
        badge = first.locator(f'[data-room-unread="{other.pk}"]')
        expect(badge).to_contain_text("3")
        second = context.new_page()
        second.goto(f"/en/rooms/{other.pk}/")  # reading it there
        expect(badge).to_have_count(0, timeout=15_000)
    finally:
        context.close()


def test_the_status_says_reconnecting_with_the_next_try_and_unanswered_pings_count(
    browser, site_url, orm
):
    room = _room_for(AYSEL)
    context = browser.new_context(base_url=site_url)
    routes, answer_pings = [], [True]

    def through(ws):
        """The page's socket, passed on to the real server; pongs dropped on demand."""
        server = ws.connect_to_server()
        server.on_message(
            lambda message: (
                None if (not answer_pings[0] and '"pong"' in str(message)) else ws.send(message)
            )
        )
        routes.append(ws)

    try:
        page = context.new_page()
        login(page, AYSEL)
        page.route_web_socket(re.compile(r"/ws/(\?.*)?$"), through)
        page.goto(f"/en/rooms/{room.pk}/")
        _live(page)
        status = page.locator("#room-status")
        routes[-1].close(code=4000, reason="gone")
        expect(status).to_have_text(
            re.compile(r"^Connection lost\. Trying again at \d\d:\d\d:\d\d\.$"), timeout=5_000
        )
        expect(status).to_have_text("Live", timeout=20_000)
        # a socket that stays open but no longer answers is not "Live" for long
        answer_pings[0] = False
        page.evaluate("window.dispatchEvent(new Event('online'))")  # a fresh socket, pinged at once
        expect(status).not_to_have_text("Live", timeout=30_000)
        answer_pings[0] = True
        expect(status).to_have_text("Live", timeout=40_000)
    finally:
        context.close()


def test_an_approved_held_post_appears_live_in_its_place(browser, site_url, orm):
    from community.models import User
    from tests.community.discussions_factories import message

    room = _room_for(AYSEL, RASHAD)
    aysel_user = User.objects.get(email=AYSEL)
    message(room, aysel_user, "Before the held one")
    held = message(room, aysel_user, "Held for review", status="held")
    message(room, aysel_user, "After the held one")
    contexts = [browser.new_context(base_url=site_url) for _ in range(2)]
    try:
        rashad, staff = (context.new_page() for context in contexts)
        login(rashad, RASHAD)
        login(staff, "admin@teachercommons.example")
        rashad.goto(f"/en/rooms/{room.pk}/")
        _live(rashad)
        bodies = rashad.locator("#room-messages li.dc-message .message-body")
        expect(bodies).to_have_count(2)
        staff.goto("/en/")
        answer = staff.evaluate(MODERATE, {"action": "approve", "message": held.pk})
        assert answer["type"] == "moderated", answer
        expect(bodies).to_have_count(3, timeout=15_000)
        assert bodies.all_text_contents() == [
            "Before the held one",
            "Held for review",
            "After the held one",
        ]
    finally:
        for context in contexts:
            context.close()
