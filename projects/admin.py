from django.contrib import admin

from .models import (
    Award,
    Competition,
    CompetitionCategory,
    CompetitionEntry,
    JournalEntry,
    LabelApplication,
    Milestone,
    Partnership,
    Project,
    Task,
)


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    raw_id_fields = ["user", "school", "invited_by"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "founder", "start_date", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["founder"]
    inlines = [PartnershipInline]


@admin.register(LabelApplication)
class LabelApplicationAdmin(admin.ModelAdmin):
    list_display = ["project", "status", "reviewer", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["project", "applicant", "reviewer"]


class CategoryInline(admin.TabularInline):
    model = CompetitionCategory
    extra = 1


@admin.register(Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ["title", "deadline", "announced_at"]
    filter_horizontal = ["jury"]
    inlines = [CategoryInline]


admin.site.register([Milestone, Task, JournalEntry, CompetitionEntry, Award])
