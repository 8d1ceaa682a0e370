"""Admin registration only: communities, memberships, rooms, messages, notifications."""

from django.contrib import admin

from community.discussions.models import (
    Attachment,
    Community,
    Membership,
    Message,
    MessageRevision,
    Notification,
    Reaction,
    Room,
)
from community.realtime import access_changed


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user", "invited_by"]
    fields = ["user", "role", "state", "muted_until", "ban_reason", "joined_at"]


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    fields = ["title", "slug", "position", "is_locked", "slow_mode_seconds"]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "topic", "visibility", "region", "language", "last_activity_at"]
    list_filter = ["visibility", "topic", "language"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["created_by"]
    inlines = [RoomInline, MembershipInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            # visibility, region or memberships may have changed: open sockets check again
            access_changed(rooms=form.instance.rooms.values_list("pk", flat=True))


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "community", "owner_id", "last_seq", "is_locked"]
    list_filter = ["kind", "is_locked"]
    search_fields = ["title"]
    raw_id_fields = ["community"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["file", "kind", "original_name", "size", "content_type"]


class RevisionInline(admin.TabularInline):
    model = MessageRevision
    extra = 0
    readonly_fields = ["body", "edited_at"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["room", "seq", "author", "status", "created_at", "deleted_at", "hidden_at"]
    list_filter = ["status"]
    search_fields = ["body"]
    raw_id_fields = ["room", "author", "reply_to", "hidden_by", "pinned_by"]
    readonly_fields = ["seq", "client_id", "body_html"]
    inlines = [AttachmentInline, RevisionInline]


@admin.register(Reaction)
class ReactionAdmin(admin.ModelAdmin):
    list_display = ["message", "user", "emoji", "created_at"]
    raw_id_fields = ["message", "user"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "title", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient", "actor"]
