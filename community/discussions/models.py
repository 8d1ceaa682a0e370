"""Learning communities, rooms, messages and notifications.

A Room is the one chat mechanism. It is owned either by a Community
(`community` set) or by another app's object (`kind` names the owner type,
`owner_id` its primary key), e.g. a project's workspace room. `community`
never imports the owning app: that app registers who may read and post in
its rooms with `community.discussions.permissions.register_room_access()`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from community.files import UnguessableName

# Reactions are limited to a small, friendly set (no free-form emoji).
REACTION_EMOJI = ["👍", "❤️", "😂", "🎉", "🙏", "💡", "👏", "🤔"]


class Community(index.Indexed, models.Model):
    """A learning community: teachers who keep talking after a workshop."""

    class Topic(models.TextChoices):
        INCLUSIVE = "inclusive", _("Inclusive education")
        RURAL_LEADERSHIP = "rural-leadership", _("Rural teacher leadership")
        ICT = "ict", _("ICT in education")
        PBL = "pbl", _("Project-based learning")
        SUBJECT = "subject", _("Subject teaching")
        SCHOOL_LEADERSHIP = "school-leadership", _("School leadership")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can read and join")
        PRIVATE = "private", _("Private: members only, join by request or invitation")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("web address"), max_length=140, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)
    description_html = models.TextField(editable=False, blank=True)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices, default=Topic.OTHER)
    region = models.ForeignKey(
        "community.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communities",
        verbose_name=_("region"),
    )
    language = models.ForeignKey(
        "community.Language",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communities",
        verbose_name=_("main language"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # Served by views.community_cover to those who may see the community (community.files).
    cover_image = models.ImageField(
        _("cover image"), upload_to=UnguessableName("covers/communities"), blank=True
    )
    # Featured resources: one per line, "Title | https://..." (cms pages, documents, outside links).
    featured_resources = models.TextField(_("featured resources"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("visibility"),
        index.FilterField("topic"),
        index.FilterField("language_id"),
    ]

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["visibility", "topic"])]
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("discussions:community", args=[self.slug])

    @property
    def cover_url(self):
        """The cover's address (through the permission check), "" without a cover."""
        if not self.cover_image:
            return ""
        name = self.cover_image.name.rsplit("/", 1)[-1]
        return reverse("discussions:community_cover", args=[self.slug, name])

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC

    def featured_resource_list(self):
        """[{"title", "url"}] from the featured_resources text ("Title | URL" per line)."""
        items = []
        for line in (self.featured_resources or "").splitlines():
            if not line.strip():
                continue
            title, _sep, url = line.partition("|")
            title, url = title.strip(), url.strip()
            if not url and title.startswith(("http://", "https://", "/")):
                url = title
            if url.startswith(("http://", "https://", "/")):
                items.append({"title": title or url, "url": url})
        return items


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")
        OWNER = "owner", _("Owner")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        PENDING = "pending", _("Asked to join")
        INVITED = "invited", _("Invited")
        BANNED = "banned", _("Banned")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)
    muted_until = models.DateTimeField(_("muted until"), null=True, blank=True)
    ban_reason = models.CharField(_("reason for the ban"), max_length=500, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request_message = models.CharField(_("message to the moderators"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="unique_membership")
        ]
        indexes = [
            models.Index(fields=["community", "state", "role"]),
            models.Index(fields=["user", "state"]),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} · {self.community} ({self.role}, {self.state})"

    @property
    def is_active(self):
        return self.state == self.State.ACTIVE

    @property
    def is_moderator(self):
        return self.state == self.State.ACTIVE and self.role in (
            self.Role.MODERATOR,
            self.Role.OWNER,
        )

    def muted_now(self, now=None):
        return self.muted_until is not None and self.muted_until > (now or timezone.now())


class Room(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY = "community", _("Community room")
        PROJECT = "project", _("Project workspace")
        DIRECT = "direct", _("Direct conversation")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMUNITY)
    community = models.ForeignKey(
        Community,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rooms",
        verbose_name=_("community"),
    )
    slug = models.SlugField(_("short name"), max_length=80, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    owner_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Primary key of the owning object for non-community rooms."
    )
    title = models.CharField(_("title"), max_length=120)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    # Highest sequence number handed out; messages get last_seq + 1 in the posting transaction.
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    is_locked = models.BooleanField(_("locked (read-only)"), default=False)
    slow_mode_seconds = models.PositiveIntegerField(
        _("slow mode: seconds between one member's posts"), default=0
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["kind", "owner_id"]),
            models.Index(fields=["community", "position"]),
        ]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.kind == self.Kind.DIRECT:
            return reverse("discussions:conversation", args=[self.pk])
        return reverse("discussions:room", args=[self.pk])


class Message(index.Indexed, models.Model):
    """One message in a room. `seq` is contiguous per room, assigned in the posting transaction."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Held for review")
        REJECTED = "rejected", _("Rejected")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    client_id = models.CharField(max_length=64, null=True, blank=True)
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    held_reason = models.CharField(max_length=300, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(max_length=500, blank=True)
    pinned_at = models.DateTimeField(null=True, blank=True)
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # An edit of a published message held for review (the post reviewers): everyone else keeps
    # seeing `body` until a moderator approves it (then it becomes `body`) or refuses it.
    pending_body = models.TextField(blank=True)
    pending_body_html = models.TextField(blank=True)
    pending_reason = models.CharField(max_length=300, blank=True)
    pending_at = models.DateTimeField(null=True, blank=True)

    search_fields = [
        index.SearchField("body"),
        index.FilterField("room_id"),
        index.FilterField("status"),
        index.FilterField("deleted_at"),
        index.FilterField("hidden_at"),
        # site search lists matches newest first, without ranking each one
        index.FilterField("created_at"),
    ]

    class Meta:
        ordering = ["room", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="unique_message_seq_per_room"),
            models.UniqueConstraint(
                fields=["author", "client_id"], name="unique_message_client_id_per_author"
            ),
        ]
        indexes = [
            models.Index(fields=["room", "status", "seq"]),
            models.Index(fields=["author", "created_at"]),
            # the room page's pinned messages, without reading the whole room
            models.Index(
                fields=["room", "-pinned_at"],
                name="message_pinned_per_room",
                condition=models.Q(pinned_at__isnull=False),
            ),
        ]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"#{self.seq} in {self.room_id}"

    def get_absolute_url(self):
        # a direct conversation's room address sends its members on to the conversation page
        return reverse("discussions:room", args=[self.room_id]) + f"?around={self.seq}#m{self.seq}"

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class MessageRevision(models.Model):
    """The body of a message before an edit."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["message", "edited_at"]

    def __str__(self):
        return f"revision of {self.message_id}"


class Reaction(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=16, choices=[(e, e) for e in REACTION_EMOJI])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "user", "emoji"], name="unique_reaction")
        ]

    def __str__(self):
        return self.emoji


class ReadState(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="read_states")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_states"
    )
    last_read_seq = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="unique_read_state")]

    def __str__(self):
        return f"{self.user_id} read {self.room_id} to {self.last_read_seq}"


class Conversation(models.Model):
    """A direct conversation between two to eight teachers: a Room of kind `direct` with members.

    A first message to people who have never talked with the sender is a request: it waits
    until a recipient accepts (the conversation opens) or declines (the sender is told and may
    not ask the same people again for DIRECT_MESSAGES_DECLINE_DAYS days).
    """

    class State(models.TextChoices):
        REQUEST = "request", _("Request")
        OPEN = "open", _("Open")
        DECLINED = "declined", _("Declined")

    room = models.OneToOneField(Room, on_delete=models.CASCADE, related_name="conversation")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.REQUEST)
    # the sorted member ids, "3,17,42": one conversation per set of people
    member_key = models.CharField(max_length=200, unique=True)
    # the room's last seq when the request was made: its writer may add one message to it
    requested_at_seq = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("direct conversation")
        verbose_name_plural = _("direct conversations")

    def __str__(self):
        return self.room.title

    def get_absolute_url(self):
        return reverse("discussions:conversation", args=[self.room_id])


class ConversationMember(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="unique_conversation_member")
        ]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id}"


class Block(models.Model):
    """`blocker` takes no more direct messages or notifications from `blocked`."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block")]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("discussions:attachment", args=[self.pk])


def _shown_param(value):
    """A parameter as shown: a reference row ({"ref": "community.region", "pk": 3}) by its name
    in the active language, anything else as stored."""
    if isinstance(value, dict) and "ref" in value:
        from django.apps import apps

        try:
            row = apps.get_model(value["ref"]).objects.filter(pk=value.get("pk")).first()
        except (LookupError, ValueError):
            row = None
        return str(row) if row is not None else value.get("name", "")
    return value


def render_template(template, params):
    """`template` (an English msgid) translated into the active language and filled with
    `params`; the English template, or the text as stored, where that cannot be done."""
    if not template:
        return ""
    if not params:
        return gettext(template)
    values = {key: _shown_param(value) for key, value in params.items()}
    for text in (gettext(template), template):
        try:
            return text % values
        except (KeyError, ValueError, TypeError):
            continue
    return template


class Notification(models.Model):
    """Something a user should see: a mention, a reply, a join request, an invitation..."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=40)
    # `title` and `body` are English message templates (the catalogues' msgids), filled with
    # `params` when shown, in the reader's language of that moment: see `shown_title`.
    # Rows written before notifications were stored this way hold finished text and no params.
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.shown_title

    @property
    def shown_title(self):
        """The title in the active language, filled with its parameters."""
        return render_template(self.title, self.params)

    @property
    def shown_body(self):
        """The body in the active language; a person's own words (params["text"]) as written."""
        if self.body:
            return render_template(self.body, self.params)
        return (self.params or {}).get("text", "")
