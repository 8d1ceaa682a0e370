"""The error every service raises for a refused action, in every app.

`code` is stable and machine-readable (it becomes the WebSocket `error`
frame's code); `detail` is a translated sentence for the user. HTTP views show
`detail` as a form error or message; the consumer sends both.
"""


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
