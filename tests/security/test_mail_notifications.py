"""No e-mail and no notification carries a word of something its reader may not see.

The world of the access matrix (tests/security/access_world.py) goes through a busy week with
the real services: posts, mentions and replies in the private community's room and in a public
one that every teacher reads, a direct conversation, the project room (a pupil's post too), a
journal entry and a task, invitations to the private community and to the project, a join
request, a report and its answer, a moderator's hide; then the e-mail digest runs for everyone.
Every notification row, as its reader sees it (the notifications page, and each row rendered in
the reader's language), and every e-mail in the outbox (subject, text, HTML, attachments) is
searched for the secret words of access_world.SECRETS that its reader may not see.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from community import digests
from community.discussions.models import Membership, Message, Notification, Room
from community.discussions.services import (
    conversation_accept,
    membership_invite,
    membership_join,
    membership_leave,
    message_post,
)
from community.moderation import services as moderation
from projects import services as project_services
from tests.community import discussions_factories as df
from tests.security import access_world

pytestmark = pytest.mark.django_db

#: the project room's own word: its teachers and its pupils read it
PROJECT_ROOM = {"Saffronriver": {"project_member", "staff", "pupil"}}
SECRETS = {**access_world.SECRETS, **PROJECT_ROOM}
#: the teacher roles that must hear something this week, or the check checks nothing
MUST_HEAR = {
    "unverified",
    "outsider",
    "member",
    "moderator",
    "ambassador",
    "other_ambassador",
    "editor",
    "staff",
    "dm_peer",
    "project_member",
}


def _handles(users):
    return " ".join(f"@{user.username}" for user in users)


def _a_busy_week(w):
    """Everything the world does, through the services the pages and the socket call."""
    teachers = [w.users[role] for role in sorted(MUST_HEAR)]
    # a public community every teacher reads, with something for each of them
    public = df.community(name="Open staffroom", owner=w.editor)
    for user in teachers:
        if user != w.editor:
            df.member(public, user)
    w.public_room = df.room(public)
    greetings = [
        message_post(
            user=w.editor,
            room=w.public_room,
            body=f"Good morning {_handles(teachers[start : start + 5])}",
            client_id=f"public-{n}",
        )[0]
        for n, start in enumerate(range(0, len(teachers), 5))
    ]
    notice, _ = message_post(
        user=w.outsider,
        room=w.public_room,
        body="Who has a map of the rivers?",
        client_id="pub-q",
        reply_to_id=greetings[0].pk,
    )

    # the private room: a post naming everyone (only its readers are told), a reply to it
    everyone = [w.users[role] for role in access_world.ROLES if w.users[role] is not None]
    for n, start in enumerate(range(0, len(everyone), 5)):
        message_post(
            user=w.member,
            room=w.room,
            body=f"Zephyrplan details {_handles(everyone[start : start + 5])}",
            client_id=f"private-{n}",
        )
    reply, _ = message_post(
        user=w.moderator,
        room=w.room,
        body="Zephyrplan agreed",
        client_id="private-reply",
        reply_to_id=w.message.pk,
    )

    # the direct conversation: accepted, answered, naming an outsider who cannot read it
    conversation_accept(user=w.dm_peer, conversation_id=w.conversation.room_id)
    message_post(
        user=w.dm_peer,
        room=Room.objects.get(pk=w.conversation.room_id),
        body=f"Lanternword again {_handles([w.outsider, w.staff])}",
        client_id="dm-2",
    )

    # the project room: a teacher's post naming outsiders, a pupil's post held for the teacher
    message_post(
        user=w.project_member,
        room=w.project.room,
        body=f"Saffronriver plan {_handles([w.outsider, w.staff, w.member, w.pupil])}",
        client_id="project-1",
    )
    message_post(
        user=w.pupil, room=w.project.room, body="Saffronriver question", client_id="pupil-1"
    )
    project_services.journal_entry_create(
        actor=w.partner,
        project=w.project,
        title="Marigoldjournal visit",
        body="Marigoldjournal: the river walk",
        happened_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    project_services.task_create(
        actor=w.partner,
        project=w.project,
        title="Ivorytask due soon",
        due_date=timezone.localdate() + datetime.timedelta(days=2),
    )
    project_services.partnership_invite(
        actor=w.project_member, project=w.project, invitee=w.outsider, message="Join our project"
    )

    # the private community: an invitation, a join request, a report and its answer, a hide
    membership_invite(actor=w.moderator, community=w.community, user=w.outsider)
    membership_join(user=w.dm_peer, community=w.community, message="May I join?")
    message_type = ContentType.objects.get_for_model(Message)
    private_report = moderation.report_create(
        reporter=w.member, content_type=message_type, object_id=reply.pk, reason="spam"
    )
    moderation.report_resolve(
        actor=w.ambassador, report_id=private_report.pk, status="dismissed", note="Looks fine"
    )
    public_report = moderation.report_create(
        reporter=w.dm_peer, content_type=message_type, object_id=notice.pk, reason="spam"
    )
    moderation.report_resolve(
        actor=w.editor, report_id=public_report.pk, status="dismissed", note="A fair question"
    )
    moderation.message_hide(actor=w.moderator, message_id=reply.pk, reason="Off topic here")


def _run_the_digests():
    now = timezone.now()
    return sum(
        1 for profile, period in digests.due(now) if digests.send_digest(profile, period, now)
    )


def _role_of(w):
    roles = {user.email.lower(): role for role, user in w.users.items() if user is not None}
    roles[w.partner.email.lower()] = "project_member"  # the project's other teacher
    return roles


def _mail_text(message):
    parts = [message.subject, message.body]
    parts += [content for content, _mimetype in getattr(message, "alternatives", [])]
    for attachment in message.attachments:
        name, content = attachment[0], attachment[1]
        parts += [
            name or "",
            content.decode(errors="replace") if isinstance(content, bytes) else str(content),
        ]
    return "\n".join(parts)


def _notification_text(notification):
    with translation.override(notification.recipient.profile.interface_language or "en"):
        return "\n".join(
            [
                notification.shown_title,
                notification.shown_body or "",
                str((notification.params or {}).get("text", "")),
                notification.url,
            ]
        )


def _leaks(role, text):
    folded = text.casefold()
    return [
        word
        for word, readers in SECRETS.items()
        if role not in readers and word.casefold() in folded
    ]


def test_no_email_or_notification_carries_a_secret_its_reader_may_not_see(
    django_capture_on_commit_callbacks,
):
    w = access_world.build()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _a_busy_week(w)
    assert Membership.objects.filter(
        community=w.community, user=w.dm_peer, state="pending"
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        _run_the_digests()

    wrong = []
    role_of = _role_of(w)
    alerted, digested, notified = set(), set(), set()
    for message in mail.outbox:
        text = _mail_text(message)
        for address in [*message.to, *message.cc, *message.bcc]:
            role = role_of.get(address.lower())
            if role is None:
                continue
            is_digest = "List-Unsubscribe" in message.extra_headers
            (digested if is_digest else alerted).add(role)
            for word in _leaks(role, text):
                wrong.append(f"e-mail to {role} ({message.subject!r}) carries {word}")

    for role, user in w.users.items():
        if user is None:
            continue
        rows = list(
            Notification.objects.filter(recipient=user).select_related("recipient__profile")
        )
        if rows:
            notified.add(role)
        for row in rows:
            for word in _leaks(role, _notification_text(row)):
                wrong.append(f"notification to {role} ({row.kind}) carries {word}")
        client = Client()
        client.force_login(user)
        page = client.get(reverse("discussions:notifications"), follow=True)
        for word in _leaks(role, page.content.decode()):
            wrong.append(f"{role}'s notifications page shows {word}")

    assert wrong == [], "\n".join(wrong)
    # the check saw each teacher's inbox and notifications: digests, mentions, replies, answers
    assert MUST_HEAR <= digested, sorted(MUST_HEAR - digested)
    # mention e-mails: from the public room to everyone, from the private rooms to their readers
    assert MUST_HEAR - {"editor"} <= alerted, sorted(MUST_HEAR - {"editor"} - alerted)
    assert MUST_HEAR <= notified, sorted(MUST_HEAR - notified)
    # ...and what they heard of the private things, those who may read them did hear
    heard = {role: [] for role in MUST_HEAR}
    for message in mail.outbox:
        for address in message.to:
            role = role_of.get(address.lower())
            if role in heard:
                heard[role].append(_mail_text(message))
    assert any("Zephyrplan" in text for text in heard["moderator"])
    assert any("Lanternword" in text for text in heard["member"])
    assert any("Marigoldjournal" in text for text in heard["project_member"])
    assert any("Ivorytask" in text for text in heard["project_member"])
    assert any("Quietwillows" in text for text in heard["outsider"])  # the invitation


def test_a_mention_email_sent_after_its_reader_left_the_room_carries_nothing_of_it(
    django_capture_on_commit_callbacks,
):
    """With a queue for background work, a mention's e-mail goes out some time after the post:
    it is read through the room's rules at sending time, as the digest is."""
    w = access_world.build()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks() as queued:
        message_post(
            user=w.moderator,
            room=w.room,
            body=f"Zephyrplan moved {_handles([w.member])}",
            client_id="queued-mention",
        )
    assert queued, "the mention e-mail waits for the commit"
    membership_leave(user=w.member, community=w.community)
    for callback in queued:
        callback()
    assert [m.subject for m in mail.outbox if w.member.email in m.to] == []

    # the same e-mail to someone who still reads the room goes out as before
    df.member(w.community, w.dm_peer)
    with django_capture_on_commit_callbacks(execute=True):
        message_post(
            user=w.moderator,
            room=w.room,
            body=f"Zephyrplan moved {_handles([w.dm_peer])}",
            client_id="queued-mention-2",
        )
    [sent] = [m for m in mail.outbox if w.dm_peer.email in m.to]
    assert "Zephyrplan" in sent.body
