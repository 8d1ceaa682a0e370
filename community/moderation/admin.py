from django.contrib import admin

from community.moderation.models import AuditLogEntry, BlockedWord, Report
from community.moderation.trust import forget_blocked_phrases


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only; entries are written by the services alone."""

    list_display = (
        "created_at",
        "actor_label",
        "action",
        "target_label",
        "community_label",
        "reason",
    )
    list_filter = ("action",)
    search_fields = ("actor_label", "target_label", "community_label", "reason")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "reason", "target_label", "reporter", "status", "handled_by")
    list_filter = ("status", "reason")
    search_fields = ("target_label", "details")
    raw_id_fields = ("reporter", "subject_user", "handled_by")
    readonly_fields = ("content_type", "object_id", "target_label", "target_url", "created_at")


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ("phrase", "note", "created_at")
    search_fields = ("phrase",)
    exclude = ("created_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        forget_blocked_phrases()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_blocked_phrases()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        forget_blocked_phrases()
