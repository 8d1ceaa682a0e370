from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from community.models import (
    Ambassadorship,
    Country,
    Language,
    Profile,
    Region,
    School,
    Subject,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "email",
        "display_name",
        "email_confirmed",
        "verified_at",
        "is_staff",
        "is_active",
    )
    list_filter = ("email_confirmed", "is_staff", "is_active")
    search_fields = ("email", "profile__display_name")
    ordering = ("email",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Teacher Commons"), {"fields": ("email_confirmed", "verified_at", "verified_by")}),
    )


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("display_name", "school", "looking_for_partners")
    search_fields = ("display_name", "user__email", "school__name")
    raw_id_fields = ("user", "school")
    filter_horizontal = ("subjects", "languages")


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "kind", "is_rural", "is_inclusive")
    list_filter = ("region__country", "kind", "is_rural", "is_inclusive")
    search_fields = ("name", "settlement")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "country")
    list_filter = ("country",)


admin.site.register(Country)
admin.site.register(Subject)
admin.site.register(Language)


@admin.register(Ambassadorship)
class AmbassadorshipAdmin(admin.ModelAdmin):
    list_display = ("user", "region", "granted_at")
    raw_id_fields = ("user",)
