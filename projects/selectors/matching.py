"""Partner finding: the filters, the teacher search, and the scoring of partner suggestions."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from community.models import Profile
from community.selectors import teacher_search as community_teacher_search

from .. import permissions
from ..models import Partnership

GRADE_TO_AGE = 6


def grades_to_ages(grades_min, grades_max):
    if grades_min is None and grades_max is None:
        return None, None
    low = grades_min if grades_min is not None else grades_max
    high = grades_max if grades_max is not None else grades_min
    return low + GRADE_TO_AGE, high + GRADE_TO_AGE


def age_to_grade(age):
    return age - GRADE_TO_AGE


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def clean_filters(data):
    """The partner-finding filters from a GET dict; unknown or malformed values are ignored."""
    return {
        "q": (data.get("q") or "").strip()[:100],
        "subject": _as_int(data.get("subject")),
        "age": _as_int(data.get("age")),
        "language": _as_int(data.get("language")),
        "country": _as_int(data.get("country")),
        "region": _as_int(data.get("region")),
        "rural": data.get("rural") in ("1", "on", "true", True),
        "looking": data.get("looking") in ("1", "on", "true", True),
        "year": _as_int(data.get("year")),
    }


# --- teachers (partner search) ------------------------------------------------------------


def teacher_search(filters):
    """Teachers matching the partner-finding filters, through the site's one people search.

    Our filters speak of pupils' ages; community's search speaks of grades.
    """
    filters = dict(filters or {})
    age = filters.pop("age", None)
    if age is not None:
        filters["grade"] = age_to_grade(age)
    rows = community_teacher_search(filters=filters)
    return rows.select_related("user", "school__region__country").prefetch_related(
        "subjects", "languages"
    )


def invitable_projects(user):
    """The projects in which `user` may invite teachers (permissions.can_invite), newest first."""
    rows = (
        Partnership.objects.filter(
            user=user,
            status=Partnership.Status.ACCEPTED,
            role__in=(Partnership.Role.FOUNDER, Partnership.Role.PARTNER),
        )
        .select_related("project")
        .order_by("-project__created_at", "-project_id")
    )
    return [row.project for row in rows if permissions.can_invite(user, row.project)]


# --- the scoring of partner suggestions (pure) ---------------------------------------------


@dataclass(frozen=True)
class ProjectNeeds:
    subjects: dict  # id -> name
    languages: dict  # id -> name
    age_min: int
    age_max: int
    school_ids: frozenset = frozenset()
    region_ids: frozenset = frozenset()
    country_ids: frozenset = frozenset()


@dataclass(frozen=True)
class Candidate:
    user_id: int
    name: str
    school_id: int | None
    region_id: int | None = None
    region_name: str = ""
    country_id: int | None = None
    country_name: str = ""
    subjects: dict = field(default_factory=dict)
    languages: dict = field(default_factory=dict)
    age_min: int | None = None
    age_max: int | None = None
    looking_for_partners: bool = False
    is_rural: bool = False


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    score: float
    reasons: tuple
    profile: object = None


WEIGHTS = {
    "subject": 4.0,
    "extra_subject": 1.0,
    "ages": 3.0,
    "language": 3.0,
    "extra_language": 0.5,
    "country": 2.0,
    "region": 1.5,
    "looking": 1.0,
}


def score_candidate(needs, candidate):
    """How well a teacher fits a project, and why. None when they cannot be a partner.

    A partner must teach at another school than the project's schools and share
    at least one subject, language or age range with it. Another country or
    region counts in their favour; so does saying they are looking for partners.
    """
    if candidate.school_id is None or candidate.school_id in needs.school_ids:
        return None
    score, reasons = 0.0, []
    shared_subjects = sorted(
        (name for pk, name in candidate.subjects.items() if pk in needs.subjects), key=str.lower
    )
    if shared_subjects:
        score += WEIGHTS["subject"] + WEIGHTS["extra_subject"] * (len(shared_subjects) - 1)
        reasons.append(_("teaches %(subjects)s") % {"subjects": ", ".join(shared_subjects)})
    if (
        candidate.age_min is not None
        and candidate.age_min <= needs.age_max
        and candidate.age_max >= needs.age_min
    ):
        score += WEIGHTS["ages"]
        reasons.append(
            _("works with ages %(min)d–%(max)d")
            % {"min": candidate.age_min, "max": candidate.age_max}
        )
    shared_languages = sorted(
        (name for pk, name in candidate.languages.items() if pk in needs.languages), key=str.lower
    )
    if shared_languages:
        score += WEIGHTS["language"] + WEIGHTS["extra_language"] * (len(shared_languages) - 1)
        reasons.append(_("speaks %(languages)s") % {"languages": ", ".join(shared_languages)})
    if not reasons:
        return None
    if candidate.country_id is not None and candidate.country_id not in needs.country_ids:
        score += WEIGHTS["country"]
        reasons.append(_("another country: %(country)s") % {"country": candidate.country_name})
    elif candidate.region_id is not None and candidate.region_id not in needs.region_ids:
        score += WEIGHTS["region"]
        reasons.append(_("another region: %(region)s") % {"region": candidate.region_name})
    if candidate.looking_for_partners:
        score += WEIGHTS["looking"]
        reasons.append(_("looking for partners"))
    return Suggestion(candidate=candidate, score=score, reasons=tuple(reasons))


def rank_candidates(needs, candidates, *, limit=10):
    """Best first; ties by name then id, so the order is stable."""
    scored = [s for s in (score_candidate(needs, c) for c in candidates) if s is not None]
    scored.sort(key=lambda s: (-s.score, s.candidate.name.lower(), s.candidate.user_id))
    return scored[:limit]


def candidate_from_profile(profile):
    school = profile.school
    region = school.region if school else None
    age_min, age_max = grades_to_ages(profile.grades_min, profile.grades_max)
    return Candidate(
        user_id=profile.user_id,
        name=profile.display_name,
        school_id=school.pk if school else None,
        region_id=region.pk if region else None,
        region_name=region.localized_name if region else "",
        country_id=region.country_id if region else None,
        country_name=region.country.localized_name if region else "",
        subjects={s.pk: s.localized_name for s in profile.subjects.all()},
        languages={lang.pk: lang.localized_name for lang in profile.languages.all()},
        age_min=age_min,
        age_max=age_max,
        looking_for_partners=profile.looking_for_partners,
        is_rural=bool(school and school.is_rural),
    )


def project_needs(project):
    schools = list(
        Partnership.objects.filter(
            project=project, status=Partnership.Status.ACCEPTED, school__isnull=False
        )
        .values_list("school_id", "school__region_id", "school__region__country_id")
        .distinct()
    )
    return ProjectNeeds(
        subjects={s.pk: s.localized_name for s in project.subjects.all()},
        languages={lang.pk: lang.localized_name for lang in project.languages.all()},
        age_min=project.age_min,
        age_max=project.age_max,
        school_ids=frozenset(s[0] for s in schools),
        region_ids=frozenset(s[1] for s in schools),
        country_ids=frozenset(s[2] for s in schools),
    )


SUGGESTION_POOL = 400


def partner_suggestions(project, *, limit=10):
    """Ranked teachers for a project, with the reasons each one matches. A bounded number of queries."""
    needs = project_needs(project)
    pool = (
        Profile.objects.filter(
            user__is_active=True,
            user__email_confirmed=True,
            user__verified_at__isnull=False,
            school__isnull=False,
        )
        .exclude(user__project_partnerships__project=project)
        .exclude(school_id__in=needs.school_ids)
        .filter(
            Q(subjects__in=list(needs.subjects))
            | Q(languages__in=list(needs.languages))
            | Q(looking_for_partners=True)
        )
        .distinct()
        .select_related("school__region__country")
        .prefetch_related("subjects", "languages")
        .order_by("-looking_for_partners", "pk")[:SUGGESTION_POOL]
    )
    profiles = {p.user_id: p for p in pool}
    ranked = rank_candidates(
        needs, [candidate_from_profile(p) for p in profiles.values()], limit=limit
    )
    return [
        Suggestion(
            candidate=s.candidate,
            score=s.score,
            reasons=s.reasons,
            profile=profiles[s.candidate.user_id],
        )
        for s in ranked
    ]
