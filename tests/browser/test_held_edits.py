"""A new member's edit to a link, in real browsers: held for review while the room keeps "hello"."""

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_moderation_nojs import (  # noqa: F401 (nojs_tab is a fixture)
    AMBASSADOR,
    PASSWORD,
    TEACHER,
    _community,
    _member,
    _room_message,
    _tag,
    nojs_tab,
)

PENDING_NOTICE = "Your edit is waiting for review: others see the earlier version"


def _live(page, room):
    page.goto(f"/en/rooms/{room.pk}/")
    expect(page.locator("#room-status")).to_have_text("Live", timeout=20_000)


def test_a_held_edit_waits_for_the_moderator_while_the_room_keeps_the_old_text(
    browser,
    site_url,
    nojs_tab,  # noqa: F811 (the fixture imported above)
    orm,
):
    from community.discussions.models import Message
    from community.discussions.services import message_post

    tag = _tag()
    newcomer = _member(f"editor.{tag}@example.az", "Leyla Həsənova", joined_days_ago=1)
    room = _community(tag, newcomer)
    hello = f"hello {tag}"
    spam = f"Essays {tag} cheap at https://essays.example.org/buy"
    message, _ = message_post(user=newcomer, room=room, body=hello, client_id=f"edit-{tag}")

    contexts = [browser.new_context(base_url=site_url) for _ in range(2)]
    try:
        author, reader = (context.new_page() for context in contexts)
        login(author, newcomer.email, PASSWORD)
        login(reader, TEACHER)
        _live(author, room)
        _live(reader, room)

        mine = _room_message(author, hello)
        mine.locator('[data-part="edit"]').click()
        editor = mine.locator("form.composer-edit")
        editor.locator("textarea").fill(spam)
        editor.locator("button[type=submit]").click()

        # The author sees their edit and that it waits; the message is still "hello" for the room.
        edited = author.locator(f'#room-messages li[data-message-id="{message.pk}"]')
        expect(edited.locator('[data-part="edit-pending"]')).to_have_text(
            PENDING_NOTICE, timeout=20_000
        )
        expect(edited.locator(".message-body")).to_contain_text("essays.example.org")
        stored = Message.objects.get(pk=message.pk)
        assert stored.body == hello and stored.pending_at is not None
        theirs = reader.locator(f'#room-messages li[data-message-id="{message.pk}"]')
        expect(theirs.locator(".message-body")).to_have_text(hello)
        reader.reload()
        expect(reader.locator("#room-status")).to_have_text("Live", timeout=20_000)
        expect(theirs.locator(".message-body")).to_have_text(hello)
        expect(reader.locator("#room-messages")).not_to_contain_text("essays.example.org")

        # The moderator approves it from the queue; the open room shows the new text without a reload.
        moderator = nojs_tab(AMBASSADOR)
        moderator.goto("/en/moderation/queue/")
        card = moderator.locator("section[aria-labelledby=q-held] li.card", has_text=spam)
        expect(card).to_contain_text(hello)
        card.get_by_role("button", name="Approve", exact=True).click()
        moderator.wait_for_load_state()
        expect(card).to_have_count(0)

        expect(theirs.locator(".message-body")).to_contain_text(
            "essays.example.org", timeout=20_000
        )
        expect(edited.locator('[data-part="edit-pending"]')).to_have_count(0, timeout=20_000)
    finally:
        for context in contexts:
            context.close()
