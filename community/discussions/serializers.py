"""The JSON of a message, the same in WebSocket frames and in the backlog.

Needs the message's room, author (with profile), reactions and attachments
loaded (the selectors do it): nothing here touches the database lazily, so the
consumer can call it inside database_sync_to_async without surprises.
"""

from django.urls import reverse

from community.discussions.models import REACTION_EMOJI


def _author(user):
    if user is None:
        return None
    profile = user.__dict__.get("_profile_cache") or getattr(user, "profile", None)
    name = (
        (profile.display_name if profile is not None else "")
        or user.get_full_name()
        or user.username
    )
    return {
        "id": user.pk,
        "name": name,
        # a pupil has no public profile: no link, and the room marks the name as a pupil's
        "url": None if user.is_pupil else reverse("teacher_profile", args=[user.pk]),
        "username": user.handle,  # the public @handle, never the e-mail address
        "pupil": user.is_pupil,
    }


def reaction_summary(message, viewer=None):
    counts, mine = {}, []
    viewer_id = viewer.pk if viewer is not None and viewer.is_authenticated else None
    for reaction in message.reactions.all():
        counts[reaction.emoji] = counts.get(reaction.emoji, 0) + 1
        if reaction.user_id == viewer_id:
            mine.append(reaction.emoji)
    return {emoji: counts[emoji] for emoji in REACTION_EMOJI if emoji in counts}, mine


def serialize_message(message, *, viewer=None):
    deleted = message.deleted_at is not None
    hidden = message.hidden_at is not None
    is_author = viewer is not None and viewer.is_authenticated and message.author_id == viewer.pk
    reactions, mine = reaction_summary(message, viewer)
    data = {
        "id": message.pk,
        "room": message.room_id,
        "seq": message.seq,
        "author": _author(message.author),
        "body_html": "" if (deleted or hidden) else message.body_html,
        "reply_to": message.reply_to_id,
        "created_at": message.created_at.isoformat(),
        "edited_at": message.edited_at.isoformat() if message.edited_at else None,
        "deleted": deleted,
        "hidden": hidden,
        "pinned": message.pinned_at is not None,
        "status": message.status,
        "reactions": reactions,
        "attachments": []
        if (deleted or hidden)
        else [
            {"url": a.get_absolute_url(), "name": a.original_name, "kind": a.kind, "size": a.size}
            for a in message.attachments.all()
        ],
    }
    if message.status == "held" and message.held_reason == "pupil":
        data["held_for"] = "teacher"  # a pupil's post waits for their own teacher
    if is_author:
        data["client_id"] = message.client_id
        data["my_reactions"] = mine
        if hidden:
            data["hidden_reason"] = message.hidden_reason
            data["body_html"] = message.body_html
        elif message.pending_at is not None and not deleted:
            # The author's edit waits for a moderator; everyone else still gets the published body.
            data["body_html"] = message.pending_body_html
            data["edit_pending"] = True
    elif viewer is not None and viewer.is_authenticated:
        data["my_reactions"] = mine
    return data
