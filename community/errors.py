"""The error every service raises for a refused action, in every app.

`code` is stable and machine-readable (it becomes the WebSocket `error`
frame's code); `detail` is a translated sentence for the user. HTTP views show
`detail` as a form error or message; the consumer sends both.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404


class ActionError(Exception):
    codes = {
        "invalid",  # malformed or missing field
        "too_long",  # body or frame over the limit
        "not_found",  # no such room/message, or one the user may not know of
        "forbidden",  # the user may not do this
        "rate_limited",  # too many posts in a minute
        "slow_mode",  # room's minimum interval between one member's posts
        "muted",  # member muted (detail says for how long)
        "banned",  # member banned from the community
        "locked",  # room is read-only
        "conflict",  # already done in a way that cannot be repeated
    }

    def __init__(self, code, detail, *, ref=None):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = str(detail)
        self.ref = ref


def http_errors(view):
    """A view that calls the access layer (`access_room`, `access_message`, ...): the refusal
    becomes the HTTP answer. `not_found` is a 404 (a private thing answers like a missing one),
    `forbidden` a 403 with the sentence. Other codes are the view's to show, as form errors."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ActionError as error:
            if error.code == "not_found":
                raise Http404(error.detail) from error
            if error.code == "forbidden":
                raise PermissionDenied(error.detail) from error
            raise

    return wrapper
