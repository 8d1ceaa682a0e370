"""Creating and editing communities and their rooms."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community.discussions.models import Community, Membership, Room
from community.discussions.permissions import (
    can_create_community,
    can_edit_community,
    can_moderate_community,
    forget_memberships,
)
from community.errors import ActionError
from community.realtime import access_changed
from community.text import clean_name, render_markup

EDITABLE = (
    "name",
    "description",
    "topic",
    "region",
    "language",
    "visibility",
    "featured_resources",
)


def _unique_slug(base, model, *, exclude_pk=None, **scope):
    base = (slugify(base) or "community")[:60].strip("-") or "community"
    slug, n = base, 2
    qs = model.objects.filter(**scope)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def community_create(
    *,
    user,
    name,
    description="",
    topic=Community.Topic.OTHER,
    region=None,
    language=None,
    visibility=Community.Visibility.PUBLIC,
    featured_resources="",
    cover=None,
    slug=None,
    rooms=None,
):
    """A verified teacher creates a community; they become its owner; it starts with a "General" room."""
    if not can_create_community(user):
        raise ActionError("forbidden", _("Only verified teachers can create communities."))
    name = clean_name(name)
    if not name:
        raise ActionError("invalid", _("Give the community a name."))
    with transaction.atomic():
        community = Community.objects.create(
            name=name[:120],
            slug=slug or _unique_slug(name, Community),
            description=description,
            description_html=render_markup(description),
            topic=topic,
            region=region,
            language=language,
            visibility=visibility,
            featured_resources=featured_resources,
            created_by=user,
            created_at=timezone.now(),
            last_activity_at=timezone.now(),
        )
        if cover is not None:
            community.cover_image.save(cover.name, cover, save=True)
        Membership.objects.create(
            community=community,
            user=user,
            role=Membership.Role.OWNER,
            state=Membership.State.ACTIVE,
            joined_at=timezone.now(),
        )
        for position, title in enumerate(rooms or [_("General")]):
            Room.objects.create(
                community=community,
                kind=Room.Kind.COMMUNITY,
                title=title,
                slug=_unique_slug(title, Room, community=community),
                position=position,
            )
    forget_memberships(user)
    return community


def community_update(*, user, community, cover=None, remove_cover=False, **changes):
    if not can_edit_community(user, community):
        raise ActionError("forbidden", _("Only the community's moderators can change it."))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ActionError(
            "invalid",
            _("These fields cannot be changed: %(f)s") % {"f": ", ".join(sorted(unknown))},
        )
    if "name" in changes and not (changes["name"] or "").strip():
        raise ActionError("invalid", _("Give the community a name."))
    with transaction.atomic():
        # Who may read the rooms depends on these: open sockets check again after commit.
        access_before = (community.visibility, community.region_id)
        for field, value in changes.items():
            setattr(community, field, value)
        if "name" in changes:
            community.name = clean_name(community.name)
        if "description" in changes:
            community.description_html = render_markup(community.description)
        if remove_cover and community.cover_image:
            community.cover_image.delete(save=False)
            community.cover_image = ""
        if cover is not None:
            community.cover_image.save(cover.name, cover, save=False)
        community.save()
        if (community.visibility, community.region_id) != access_before:
            access_changed(rooms=community.rooms.values_list("pk", flat=True))
    return community


def room_create(*, user, community, title, topic=""):
    """Moderators add a room to their community."""
    if not can_moderate_community(user, community):
        raise ActionError("forbidden", _("Only the community's moderators can add rooms."))
    title = clean_name(title)
    if not title:
        raise ActionError("invalid", _("Give the room a title."))
    with transaction.atomic():
        position = (
            community.rooms.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
        try:
            return Room.objects.create(
                community=community,
                kind=Room.Kind.COMMUNITY,
                title=title[:120],
                topic=(topic or "")[:300],
                slug=_unique_slug(title, Room, community=community),
                position=position,
            )
        except IntegrityError:
            raise ActionError("conflict", _("A room with this name already exists.")) from None


def room_update(*, user, room, title=None, topic=None):
    if room.community is None or not can_moderate_community(user, room.community):
        raise ActionError("forbidden", _("Only the community's moderators can change rooms."))
    if title is not None:
        if not title.strip():
            raise ActionError("invalid", _("Give the room a title."))
        room.title = clean_name(title)[:120]
    if topic is not None:
        room.topic = topic[:300]
    room.save(update_fields=["title", "topic"])
    return room


def room_set_state(*, room, locked=None, slow_mode_seconds=None):
    """Lock or unlock a room, or set its slow mode. Moderation decides, checks and logs it, and
    tells the room; this writes the row (inside the caller's transaction)."""
    fields = []
    if locked is not None:
        room.is_locked = locked
        fields.append("is_locked")
    if slow_mode_seconds is not None:
        room.slow_mode_seconds = slow_mode_seconds
        fields.append("slow_mode_seconds")
    if fields:
        room.save(update_fields=fields)
    return room
