"""Reads of the people area: teacher search (directory and partner finding), learning record, data export."""

import logging

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string

from community.models import Profile

logger = logging.getLogger(__name__)


def teachers():
    """Profiles of active teachers with a confirmed e-mail, with school, region, country, subjects and languages loaded."""
    return (
        Profile.objects.filter(user__is_active=True, user__email_confirmed=True)
        .select_related("user", "school__region__country")
        .prefetch_related("subjects", "languages")
    )


def teacher_search(*, filters=None):
    """Teachers matching `filters`, a dict whose keys may be:

    q (name or school, text), country, region, subject, language (ids),
    grade (a grade taught), grades_min / grades_max (a range that must overlap
    the teacher's), rural, inclusive, looking (or looking_for_partners), verified (booleans).
    Missing or empty keys do not filter. Ordered by display name.
    """
    filters = filters or {}
    rows = teachers()
    q = (filters.get("q") or "").strip()
    if q:
        rows = rows.filter(Q(display_name__icontains=q) | Q(school__name__icontains=q))
    if filters.get("country"):
        rows = rows.filter(school__region__country_id=filters["country"])
    if filters.get("region"):
        rows = rows.filter(school__region_id=filters["region"])
    if filters.get("subject"):
        rows = rows.filter(subjects__id=filters["subject"])
    if filters.get("language"):
        rows = rows.filter(languages__id=filters["language"])
    if filters.get("grade") is not None:
        rows = rows.filter(grades_min__lte=filters["grade"], grades_max__gte=filters["grade"])
    if filters.get("grades_min") is not None:
        rows = rows.filter(grades_max__gte=filters["grades_min"])
    if filters.get("grades_max") is not None:
        rows = rows.filter(grades_min__lte=filters["grades_max"])
    if filters.get("rural"):
        rows = rows.filter(school__is_rural=True)
    if filters.get("inclusive"):
        rows = rows.filter(school__is_inclusive=True)
    if filters.get("looking") or filters.get("looking_for_partners"):
        rows = rows.filter(looking_for_partners=True)
    if filters.get("verified"):
        rows = rows.filter(user__verified_at__isnull=False)
    if filters.get("subject") or filters.get("language"):
        rows = rows.distinct()
    return rows.order_by("display_name", "pk")


# --- learning record and personal data -------------------------------------------------------


def _call_hooks(setting, user):
    results = []
    for dotted in getattr(settings, setting, []):
        try:
            section = import_string(dotted)(user)
        except Exception:  # a broken provider must not hide the rest of the record
            logger.exception("%s provider %s failed", setting, dotted)
            continue
        if section:
            results.append(section)
    return results


def learning_record(user):
    """The sections of a teacher's learning record: [{key, title, items: [{title, url, date, detail}]}]."""
    return _call_hooks("LEARNING_RECORD_SECTIONS", user)


def personal_data(user):
    """Everything the platform holds about `user`, as JSON-serialisable data (for "download my data")."""
    profile = getattr(user, "profile", None)
    data = {
        "account": {
            "email": user.email,
            "handle": user.handle,
            "email_confirmed": user.email_confirmed,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "verified_at": user.verified_at.isoformat() if user.verified_at else None,
        },
        "profile": None,
        "ambassador_of": [
            {
                "region": a.region.name,
                "country": a.region.country.name,
                "granted_at": a.granted_at.isoformat(),
            }
            for a in user.ambassadorships.select_related("region__country")
        ],
    }
    if profile is not None:
        school = profile.school
        data["profile"] = {
            "display_name": profile.display_name,
            "school": (
                {
                    "name": school.name,
                    "settlement": school.settlement,
                    "region": school.region.name,
                    "country": school.region.country.name,
                    "rural": school.is_rural,
                    "inclusive_practice": school.is_inclusive,
                }
                if school
                else None
            ),
            "subjects": [s.name for s in profile.subjects.all()],
            "grades": [profile.grades_min, profile.grades_max],
            "languages": [lang.name for lang in profile.languages.all()],
            "bio": profile.bio,
            "avatar": profile.avatar_url or None,
            "interface_language": profile.interface_language,
            "time_zone": profile.time_zone,
            "looking_for_partners": profile.looking_for_partners,
            "email_on_mention": profile.email_on_mention,
            "created_at": profile.created_at.isoformat(),
        }
    data["learning_record"] = learning_record(user)
    for section in _call_hooks("DATA_EXPORT_SECTIONS", user):
        key = section.get("key") or f"section_{len(data)}"
        data[key] = section.get("data")
    return data
