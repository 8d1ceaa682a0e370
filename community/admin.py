from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from community.localized import NAME_LANGUAGES
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
        "username",
        "display_name",
        "email_confirmed",
        "verified_at",
        "is_staff",
        "is_active",
    )
    list_filter = ("email_confirmed", "is_staff", "is_active")
    search_fields = ("email", "username", "profile__display_name")
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


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("A translated name is missing")),
            ("complete", _("All names translated")),
        ]

    def queryset(self, request, queryset):
        missing = Q()
        for code in NAME_LANGUAGES:
            missing |= Q(**{f"name_{code}": ""})
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset


TRANSLATED_NAMES = tuple(f"name_{code}" for code in NAME_LANGUAGES)


class ReferenceNameAdmin(admin.ModelAdmin):
    """Reference rows: the English name and its translations, editable in the list too."""

    list_display = ("name", *TRANSLATED_NAMES, "code")
    list_editable = TRANSLATED_NAMES
    list_filter = (MissingTranslationFilter,)
    search_fields = ("name", *TRANSLATED_NAMES, "code")
    fields = ("code", "name", *TRANSLATED_NAMES)
    ordering = ("name",)


@admin.register(Country)
class CountryAdmin(ReferenceNameAdmin):
    pass


@admin.register(Region)
class RegionAdmin(ReferenceNameAdmin):
    list_display = ("name", *TRANSLATED_NAMES, "country")
    list_filter = ("country", MissingTranslationFilter)
    list_select_related = ("country",)
    search_fields = ("name", *TRANSLATED_NAMES)
    fields = ("country", "name", *TRANSLATED_NAMES)
    ordering = ("country__name", "name")


@admin.register(Subject)
class SubjectAdmin(ReferenceNameAdmin):
    list_display = ("name", *TRANSLATED_NAMES, "slug")
    search_fields = ("name", *TRANSLATED_NAMES, "slug")
    fields = ("slug", "name", *TRANSLATED_NAMES)


@admin.register(Language)
class LanguageAdmin(ReferenceNameAdmin):
    pass


@admin.register(Ambassadorship)
class AmbassadorshipAdmin(admin.ModelAdmin):
    list_display = ("user", "region", "granted_at")
    raw_id_fields = ("user",)
