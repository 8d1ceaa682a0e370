"""Trust rules every post passes before it is published (settings.POST_REVIEWERS).

`review_post(*, user, room, body, has_links, has_attachments)` returns a
reason to hold the post for review, or None to publish it, and raises
`ActionError("muted", ...)` when the member floods:

- more than MODERATION_FLOOD_POSTS posts within MODERATION_FLOOD_SECONDS (counted
  in the cache, so every Daphne process shares the count) mutes the member in
  that community for MODERATION_FLOOD_MUTE_MINUTES and files an automatic report
  for the moderation queue;
- a post containing a blocked word (site-wide list) is held;
- a post with links or attachments by a member who is not verified, or whose
  account is younger than MODERATION_NEW_MEMBER_DAYS days, is held.

The community's moderators, its region's ambassadors and staff are trusted.

Edits pass the same reviewers (discussions.services.message_edit): a held edit
of a published message waits in the moderation queue while everyone else keeps
seeing the published version.
"""

import re
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from community.errors import ActionError
from community.moderation.models import BlockedWord
from community.moderation.permissions import can_moderate_room
from community.moderation.services.members import member_auto_mute_for_flooding

BLOCKED_WORDS_CACHE_KEY = "moderation:blocked-words:v1"


def blocked_phrases():
    phrases = cache.get(BLOCKED_WORDS_CACHE_KEY)
    if phrases is None:
        phrases = list(BlockedWord.objects.values_list("phrase", flat=True))
        cache.set(BLOCKED_WORDS_CACHE_KEY, phrases, 300)
    return phrases


def forget_blocked_phrases():
    cache.delete(BLOCKED_WORDS_CACHE_KEY)


def find_blocked_phrase(body):
    """The first blocked word or phrase found in `body` (whole words, any case), or None."""
    text = " ".join(body.split()).casefold()
    for phrase in blocked_phrases():
        if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text):
            return phrase
    return None


def is_new_or_unverified(user):
    if user.verified_at is None and not (user.is_staff or user.is_superuser):
        return True
    age = timezone.now() - user.date_joined
    return age < timedelta(days=settings.MODERATION_NEW_MEMBER_DAYS)


def count_post(user_id):
    """Count one post in the member's flood window; return the number in the window."""
    window = max(1, settings.MODERATION_FLOOD_SECONDS)
    bucket = int(time.time() // window)
    # Two adjacent fixed buckets approximate a sliding window without per-post rows.
    key = f"moderation:flood:{user_id}:{bucket}"
    previous_key = f"moderation:flood:{user_id}:{bucket - 1}"
    if cache.add(key, 1, window * 2 + 5):
        current = 1
    else:
        try:
            current = cache.incr(key)
        except ValueError:
            cache.set(key, 1, window * 2 + 5)
            current = 1
    previous = cache.get(previous_key) or 0
    elapsed = (time.time() % window) / window
    return current + int(previous * (1 - elapsed))


def reset_flood_count(user_id):
    window = max(1, settings.MODERATION_FLOOD_SECONDS)
    bucket = int(time.time() // window)
    cache.delete_many(
        [f"moderation:flood:{user_id}:{bucket}", f"moderation:flood:{user_id}:{bucket - 1}"]
    )


def review_post(*, user, room, body, has_links, has_attachments):
    if can_moderate_room(user, room):
        return None
    if count_post(user.pk) > settings.MODERATION_FLOOD_POSTS:
        try:
            member_auto_mute_for_flooding(user=user, room=room)  # raises ActionError("muted")
        except ActionError as error:
            if error.code == "muted":  # muted: the next window starts from nothing
                reset_flood_count(user.pk)
            raise
    phrase = find_blocked_phrase(body)
    if phrase:
        return _("Contains a blocked word (“%(phrase)s”).") % {"phrase": phrase}
    if (has_links or has_attachments) and is_new_or_unverified(user):
        return _("Links or attachments from a new or unverified member.")
    return None
