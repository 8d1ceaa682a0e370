"""Moderation with JavaScript off, as people see it: a held post approved from the queue, a report
filed and closed through the plain forms; the queue and the report form pass axe with JavaScript on.

Each test builds its own private community (unique names), so the demo world and the other
browser tests are left as they were: what a test holds or reports, it also approves or closes.
"""

import re
import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login, screenshot

AMBASSADOR = "rashad.aliyev@example.az"  # moderates the test communities (moderator membership)
TEACHER = "aysel.mammadova@example.az"  # a plain member of them
PASSWORD = "a-long-moderation-passphrase-3"
HELD_NOTICE = "Waiting for review: only you and the moderators see it"


def _tag():
    return uuid.uuid4().hex[:8]


def _member(email, name, *, joined_days_ago):
    """A verified teacher who signs in with PASSWORD; joined `joined_days_ago` days ago."""
    from django.utils import timezone

    from community.models import Profile, School, User

    joined = timezone.now() - timedelta(days=joined_days_ago)
    user = User.objects.create_user(
        username=email,
        email=email,
        password=PASSWORD,
        email_confirmed=True,
        verified_at=joined,
        date_joined=joined,
    )
    school = School.objects.get(name="Kish village secondary school")
    Profile.objects.create(user=user, display_name=name, school=school, interface_language="en")
    return user


def _community(tag, *people):
    """A private community with one room: the ambassador moderates it, the others are members."""
    from django.utils import timezone

    from community.discussions.models import Community, Membership, Room
    from community.models import User

    community = Community.objects.create(
        name=f"Moderation without scripts {tag}",
        slug=f"moderation-nojs-{tag}",
        visibility="private",
    )
    room = Room.objects.create(community=community, title=f"Worksheets exchange {tag}")
    Membership.objects.create(
        community=community,
        user=User.objects.get(email=AMBASSADOR),
        role="moderator",
        state="active",
        joined_at=timezone.now(),
    )
    for user in [User.objects.get(email=TEACHER), *people]:
        Membership.objects.create(
            community=community, user=user, role="member", state="active", joined_at=timezone.now()
        )
    return room


@pytest.fixture
def nojs_tab(browser, site_url):
    """Open a JavaScript-disabled tab of its own (own cookies) signed in as `email`."""
    contexts = []

    def open_tab(email, password=None):
        context = browser.new_context(base_url=site_url, java_script_enabled=False)
        contexts.append(context)
        tab = context.new_page()
        tab.javascript_disabled = True
        login(tab, email, password)
        assert "/accounts/login/" not in tab.url, f"{email} could not sign in"
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def _post(tab, room, text):
    """Post through the room's plain form; return the flash messages shown after the page load."""
    tab.goto(f"/en/rooms/{room.pk}/")
    tab.fill("#compose textarea", text)
    tab.click("#compose button[type=submit]")
    tab.wait_for_load_state()
    return tab.locator(".messages").all_inner_texts()


def _room_message(tab, text):
    return tab.locator("#room-messages li.dc-message", has_text=text)


def _flash(tab):
    return tab.locator(".messages[role=status]")


def _report_form(tab):
    return tab.locator("main#main form", has=tab.get_by_role("button", name="Send the report"))


def test_a_held_post_is_approved_from_the_queue_without_javascript(nojs_tab, orm):
    from community.discussions.models import Message

    tag = _tag()
    newcomer = _member(f"newcomer.{tag}@example.az", "Nərmin Quliyeva", joined_days_ago=1)
    room = _community(tag, newcomer)
    greeting = f"Hello everyone, I teach chemistry in Kish ({tag})."
    held_text = f"Worksheets {tag} for every grade: https://worksheets.example.org/chemistry"

    # The newcomer (account one day old) posts twice: plain text is published, a link is held.
    author = nojs_tab(newcomer.email, PASSWORD)
    author.goto(f"/en/rooms/{room.pk}/")
    expect(author.locator("#compose textarea")).to_have_accessible_description(
        re.compile("Light formatting")
    )
    _post(author, room, greeting)
    expect(_room_message(author, greeting)).to_have_count(1)
    flashes = _post(author, room, held_text)
    assert any("waiting for a moderator's review" in text for text in flashes), flashes
    mine = _room_message(author, held_text)
    expect(mine).to_have_count(1)
    expect(mine.locator(".dc-held-tag")).to_have_text(HELD_NOTICE)
    held = Message.objects.get(room=room, body=held_text)
    assert held.status == "held"  # held by the trust rules, not by the test

    # A plain member sees the greeting, not the held post.
    member = nojs_tab(TEACHER)
    member.goto(f"/en/rooms/{room.pk}/")
    expect(_room_message(member, greeting)).to_have_count(1)
    expect(_room_message(member, held_text)).to_have_count(0)
    expect(member.locator("#room-messages")).not_to_contain_text(tag + " for every grade")

    # The moderator finds it in the queue, with where it was posted, by whom and why it was held.
    moderator = nojs_tab(AMBASSADOR)
    moderator.goto("/en/moderation/queue/")
    card = moderator.locator("section[aria-labelledby=q-held] li.card", has_text=held_text)
    expect(card).to_have_count(1)
    expect(card.locator(".meta").first).to_contain_text(f"Worksheets exchange {tag}")
    expect(card.locator(".meta").first).to_contain_text("Nərmin Quliyeva")
    expect(card).to_contain_text(
        "Held because: Links or attachments from a new or unverified member."
    )
    expect(card.locator(".message-body a")).to_have_attribute(
        "href", "https://worksheets.example.org/chemistry"
    )
    screenshot(moderator, "moderation-nojs-queue-held")

    # In context: the greeting comes just before it; the held post is the current one.
    card.get_by_role("link", name="See in context and decide").click()
    moderator.wait_for_load_state()
    expect(moderator.locator("h1")).to_have_text("Moderate a message")
    expect(moderator.locator("p.message.warning")).to_contain_text("Held because:")
    context = moderator.locator("section[aria-labelledby=ctx-h] li.mod-message")
    expect(context).to_have_count(2)
    expect(context.nth(0)).to_contain_text(greeting)
    expect(context.nth(1)).to_have_attribute("aria-current", "true")
    expect(context.nth(1)).to_contain_text(held_text)
    expect(context.nth(1).locator(".tag")).to_have_text("held for review")

    # Approve it from the queue's plain form.
    moderator.goto("/en/moderation/queue/")
    card.get_by_role("button", name="Approve", exact=True).click()
    moderator.wait_for_load_state()
    assert moderator.url.endswith("/en/moderation/queue/")
    expect(_flash(moderator)).to_contain_text("Done. The action is recorded in the audit log.")
    expect(card).to_have_count(0)
    expect(moderator.locator("section[aria-labelledby=q-held]")).not_to_contain_text(held_text)

    # The member now sees it in the room, published like any other post.
    member.reload()
    published = _room_message(member, held_text)
    expect(published).to_have_count(1)
    expect(published.locator(".dc-held-tag")).to_have_count(0)
    expect(published.locator(".message-body a")).to_have_text(
        "https://worksheets.example.org/chemistry"
    )

    # The author is told, and no longer sees the "waiting for review" mark.
    author.goto("/en/notifications/")
    expect(author.locator("#notification-list")).to_contain_text(
        f"Your post in “Worksheets exchange {tag}” was approved"
    )
    author.goto(f"/en/rooms/{room.pk}/")
    expect(_room_message(author, held_text).locator(".dc-held-tag")).to_have_count(0)


def test_a_report_is_filed_and_dismissed_without_javascript(nojs_tab, orm):
    tag = _tag()
    poster = _member(f"poster.{tag}@example.az", "Tural Əhmədov", joined_days_ago=90)
    room = _community(tag, poster)
    advert = f"Paid exam course {tag}: only 50 manat a month, write to me!"
    author = nojs_tab(poster.email, PASSWORD)
    assert not any("review" in text for text in _post(author, room, advert))

    # The teacher reports the post from the room, through the plain form.
    reporter = nojs_tab(TEACHER)
    reporter.goto(f"/en/rooms/{room.pk}/")
    _room_message(reporter, advert).get_by_role("link", name="Report").click()
    reporter.wait_for_load_state()
    expect(reporter.locator("h1")).to_contain_text("Report “#")
    expect(reporter.locator("h1")).to_contain_text(tag)
    screenshot(reporter, "moderation-nojs-report-form")
    details = reporter.get_by_label("Details for the moderators")
    expect(details).to_have_accessible_description("Required when you choose “Something else”.")
    # "Something else" needs details: the form says so and keeps the choice.
    reporter.get_by_label("Something else").check()
    reporter.get_by_role("button", name="Send the report").click()
    reporter.wait_for_load_state()
    expect(_report_form(reporter)).to_contain_text("Tell the moderators what is wrong.")
    expect(reporter.get_by_label("Something else")).to_be_checked()
    expect(details).to_have_attribute("aria-invalid", "true")
    expect(details).to_have_accessible_description(re.compile("Tell the moderators what is wrong."))
    reporter.get_by_label("Spam or advertising").check()
    reporter.get_by_label("Details for the moderators").fill(
        f"Advertises a paid course to colleagues ({tag})."
    )
    reporter.get_by_role("button", name="Send the report").click()
    reporter.wait_for_load_state()
    assert reporter.url.endswith("/en/report/mine/")
    expect(_flash(reporter)).to_contain_text(
        "Thank you. The moderators will look at your report and tell you the outcome."
    )
    row = reporter.locator("table tbody tr", has_text=tag)
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("Spam or advertising")
    expect(row.locator("td").nth(3)).to_have_text("Open")

    # The moderator sees it in the queue with its reason and reporter.
    moderator = nojs_tab(AMBASSADOR)
    moderator.goto("/en/moderation/queue/")
    report_row = moderator.locator("section[aria-labelledby=q-reports] tbody tr", has_text=tag)
    expect(report_row).to_have_count(1)
    expect(report_row.locator("td").nth(1)).to_have_text("Spam or advertising")
    expect(report_row.locator("td").nth(2)).to_have_text("Aysel Məmmədova")
    screenshot(moderator, "moderation-nojs-queue-report")
    report_row.get_by_role("link").click()
    moderator.wait_for_load_state()
    facts = moderator.locator("dl.mod-facts")
    expect(facts).to_contain_text("Spam or advertising")
    expect(facts).to_contain_text(f"Advertises a paid course to colleagues ({tag}).")
    expect(facts).to_contain_text("Tural Əhmədov")
    expect(
        moderator.locator("section[aria-labelledby=ctx-h] li[aria-current=true]")
    ).to_contain_text(advert)
    report_page = moderator.url

    # Dismissing needs a note to the reporter: without one, nothing changes and the page says why.
    moderator.get_by_label("Dismiss: no action needed").check()
    moderator.get_by_role("button", name="Close the report").click()
    moderator.wait_for_load_state()
    assert moderator.url == report_page
    expect(moderator.locator(".messages")).to_contain_text("Say why the report is dismissed.")
    note = f"A colleague's own course, shared once; no rule broken ({tag})."
    moderator.get_by_label("Dismiss: no action needed").check()
    moderator.get_by_label("Note to the reporter").fill(note)
    moderator.get_by_role("button", name="Close the report").click()
    moderator.wait_for_load_state()
    assert moderator.url.endswith("/en/moderation/queue/")
    expect(_flash(moderator)).to_contain_text("Done. The action is recorded in the audit log.")
    expect(report_row).to_have_count(0)

    # What became of it, as the reporter sees it: the outcome in "My reports" and a notification.
    reporter.goto("/en/report/mine/")
    expect(row.locator("td").nth(3)).to_have_text(f"Dismissed: {note}")
    reporter.goto("/en/notifications/")
    notice = reporter.locator("#notification-list li", has_text=tag).first
    expect(notice).to_contain_text("Moderators looked at your report about “#")
    expect(notice).to_contain_text("and took no action")
    expect(notice).to_contain_text(note)
    # The post itself stays published for everyone.
    reporter.goto(f"/en/rooms/{room.pk}/")
    expect(_room_message(reporter, advert)).to_have_count(1)


def _held_message(room, author, body):
    """A held post written straight into the database (only to give the queue something to list)."""
    from tests.community.discussions_factories import message

    return message(
        room,
        author,
        body,
        status="held",
        held_reason="Links or attachments from a new or unverified member.",
    )


def test_the_queue_and_the_report_form_are_accessible(page, browser, site_url, orm):
    from django.contrib.contenttypes.models import ContentType

    from community.discussions.models import Message
    from community.models import User
    from community.moderation import services
    from community.moderation.models import Report

    tag = _tag()
    poster = _member(f"queue.{tag}@example.az", "Elvin Səfərov", joined_days_ago=2)
    room = _community(tag, poster)
    published = _held_message(room, poster, f"Lesson plans {tag}")
    Message.objects.filter(pk=published.pk).update(status="published", held_reason="")
    held = _held_message(room, poster, f"Free posters {tag}: https://posters.example.org/")
    report = services.report_create(
        reporter=User.objects.get(email=TEACHER),
        content_type=ContentType.objects.get_for_model(Message),
        object_id=published.pk,
        reason="misinformation",
        details=f"The dates are wrong ({tag}).",
    )
    try:
        login(page, AMBASSADOR)
        page.goto("/en/moderation/queue/")
        expect(page.locator("section[aria-labelledby=q-held] li.card", has_text=tag)).to_have_count(
            1
        )
        expect(
            page.locator("section[aria-labelledby=q-reports] tbody tr", has_text=tag)
        ).to_have_count(1)
        screenshot(page, "moderation-queue-with-items")
        assert axe_violations(page) == []

        context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
        try:
            teacher = context.new_page()
            login(teacher, TEACHER)
            teacher.goto(f"/en/report/discussions/message/{published.pk}/")
            expect(teacher.locator("h1")).to_contain_text(f"Lesson plans {tag}")
            screenshot(teacher, "moderation-report-form")
            assert axe_violations(teacher) == []
            # The same form showing an error (JavaScript on, the browser's validation is off).
            teacher.get_by_label("Something else").check()
            teacher.get_by_role("button", name="Send the report").click()
            teacher.wait_for_load_state()
            expect(_report_form(teacher)).to_contain_text("Tell the moderators what is wrong.")
            screenshot(teacher, "moderation-report-form-error")
            assert axe_violations(teacher) == []
        finally:
            context.close()
    finally:
        # Leave the demo queue as it was for the other tests.
        Message.objects.filter(pk=held.pk).update(status="rejected")
        Report.objects.filter(pk=report.pk).update(status="dismissed", resolution_note="test")
