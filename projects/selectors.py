"""Every non-trivial read of projects, with related rows loaded; partner matching; statistics."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from community.localized import collation_key, current_language, localized_value, localized_values
from community.models import Profile

from . import permissions
from .models import (
    Award,
    Competition,
    CompetitionEntry,
    JournalEntry,
    LabelApplication,
    Milestone,
    Partnership,
    Project,
    ProjectFile,
    Task,
)

# Pupils' age from a school grade (grade 1 ≈ age 7 in the region's schools).
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
    from community.selectors import teacher_search as community_teacher_search

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


# --- projects ------------------------------------------------------------------------------


def _schools_prefetch():
    return Prefetch(
        "partnerships",
        queryset=Partnership.objects.filter(status=Partnership.Status.ACCEPTED)
        .select_related("school__region__country", "user__profile")
        .order_by("created_at", "id"),
        to_attr="accepted_partnerships",
    )


def _with_cards(rows):
    return rows.select_related("founder__profile", "label_application").prefetch_related(
        "subjects",
        "languages",
        _schools_prefetch(),
        Prefetch("awards", queryset=Award.objects.select_related("competition", "category")),
    )


def _filter_projects(rows, filters):
    if filters.get("q"):
        rows = rows.filter(Q(title__icontains=filters["q"]) | Q(summary__icontains=filters["q"]))
    if filters.get("subject"):
        rows = rows.filter(subjects__id=filters["subject"])
    if filters.get("language"):
        rows = rows.filter(languages__id=filters["language"])
    if filters.get("age") is not None:
        rows = rows.filter(age_min__lte=filters["age"], age_max__gte=filters["age"])
    place = Partnership.objects.filter(project=OuterRef("pk"), status=Partnership.Status.ACCEPTED)
    if filters.get("country"):
        rows = rows.filter(Exists(place.filter(school__region__country_id=filters["country"])))
    if filters.get("region"):
        rows = rows.filter(Exists(place.filter(school__region_id=filters["region"])))
    if filters.get("rural"):
        rows = rows.filter(Exists(place.filter(school__is_rural=True)))
    if filters.get("looking"):
        rows = rows.filter(status=Project.Status.SEEKING)
    if filters.get("year"):
        rows = rows.filter(start_date__year=filters["year"])
    return rows.distinct()


def project_board(filters):
    """Project ideas seeking partners."""
    rows = Project.objects.filter(status=Project.Status.SEEKING)
    return _with_cards(_filter_projects(rows, filters)).order_by("-created_at", "-id")


def projects_of(user):
    """The user's projects with their partnership (accepted, invited, requested)."""
    return (
        Partnership.objects.filter(user=user)
        .exclude(status=Partnership.Status.DECLINED)
        .select_related("project", "project__founder__profile")
        .order_by("-project__created_at")
    )


def showcase(filters):
    """Published projects only."""
    rows = Project.objects.filter(published_at__isnull=False)
    if filters.get("labelled"):
        rows = rows.filter(label_application__status=LabelApplication.Status.GRANTED)
    if filters.get("awarded"):
        rows = rows.filter(awards__isnull=False)
    rows = _filter_projects(rows, {**filters, "looking": False})
    return _with_cards(rows).order_by("-published_at", "-id")


def showcase_detail(project):
    entries = (
        JournalEntry.objects.filter(project=project, on_showcase=True)
        .select_related("school")
        .prefetch_related(
            Prefetch(
                "attachments", queryset=ProjectFile.objects.filter(kind=ProjectFile.Kind.IMAGE)
            )
        )
    )
    awards = Award.objects.filter(project=project).select_related("competition", "category")
    label = LabelApplication.objects.filter(
        project=project, status=LabelApplication.Status.GRANTED
    ).first()
    members = (
        Partnership.objects.filter(project=project, status=Partnership.Status.ACCEPTED)
        .select_related("school__region__country", "user__profile")
        .order_by("created_at")
    )
    return {"entries": entries, "awards": awards, "label": label, "members": members}


def members_of(project):
    return (
        Partnership.objects.filter(project=project)
        .exclude(status=Partnership.Status.DECLINED)
        .select_related("user__profile", "school__region__country", "invited_by__profile")
        .order_by("status", "created_at")
    )


def partner_schools(project):
    seen, schools = set(), []
    for row in members_of(project):
        if (
            row.status == Partnership.Status.ACCEPTED
            and row.school_id
            and row.school_id not in seen
        ):
            seen.add(row.school_id)
            schools.append(row.school)
    return schools


def _hidden_held_pages(viewer, project):
    """The pages this viewer of the workspace may not see (other pupils' held pages), or None:
    a teacher of the project sees them all."""
    from .permissions import can_view_workspace

    if can_view_workspace(viewer, project):
        return None
    return Q(held=True) & ~Q(author_id=viewer.pk)


def workspace_pages(project, viewer):
    """The Pages tab's list, in order, with who wrote each page."""
    pages = project.pages.select_related("author__pupil__pupil_class").order_by("position", "id")
    hidden = _hidden_held_pages(viewer, project)
    return pages if hidden is None else pages.exclude(hidden)


def workspace_files(project, viewer):
    """The Files tab: shared files and pages' images, without the images of held pages the
    viewer may not see."""
    files = workspace(project)["files"]
    hidden = _hidden_held_pages(viewer, project)
    return files if hidden is None else files.exclude(page__in=project.pages.filter(hidden))


def workspace(project):
    milestones = Milestone.objects.filter(project=project).prefetch_related(
        Prefetch("tasks", queryset=Task.objects.select_related("assignee__profile"))
    )
    loose_tasks = Task.objects.filter(project=project, milestone__isnull=True).select_related(
        "assignee__profile"
    )
    journal = (
        JournalEntry.objects.filter(project=project)
        .select_related("school", "author__profile")
        .prefetch_related("attachments")
    )
    files = ProjectFile.objects.filter(project=project, entry__isnull=True).select_related(
        "uploaded_by__profile"
    )
    return {
        "milestones": milestones,
        "loose_tasks": loose_tasks,
        "journal": journal,
        "files": files,
    }


def label_queue(user):
    """Pending label applications this user may review."""
    from community.permissions import ambassador_region_ids, is_staff

    rows = LabelApplication.objects.filter(status=LabelApplication.Status.PENDING).select_related(
        "project"
    )
    if not is_staff(user):
        regions = ambassador_region_ids(user)
        rows = rows.filter(
            Exists(
                Partnership.objects.filter(
                    project=OuterRef("project"),
                    status=Partnership.Status.ACCEPTED,
                    school__region_id__in=regions,
                )
            )
        ).exclude(project__partnerships__user=user)
    return rows.order_by("created_at")


def competitions():
    return Competition.objects.prefetch_related("categories").order_by("-deadline")


def competition_entries(competition):
    return (
        CompetitionEntry.objects.filter(competition=competition)
        .select_related("project", "category")
        .annotate(score_count=Count("scores"))
        .order_by("category_id", "id")
    )


def competition_awards(competition):
    return Award.objects.filter(competition=competition).select_related("project", "category")


# --- statistics: a fixed number of aggregate queries, whatever the data size --------------


def headline_totals():
    """Projects, and the schools and regions taking part: the home page's numbers (two queries)."""
    totals = Partnership.objects.filter(status=Partnership.Status.ACCEPTED).aggregate(
        schools=Count("school", distinct=True),
        regions=Count("school__region", distinct=True),
    )
    totals["projects"] = Project.objects.count()
    return totals


def statistics(*, region_id=None):
    """The programme's numbers (the whole country, or one region), counted once per change of the
    rows rather than on every view (community.pagecache.remember); the view checks who may ask."""
    from community import pagecache

    return pagecache.remember(
        f"project-statistics:{region_id}", lambda: _statistics(region_id=region_id)
    )


def _statistics(*, region_id=None):
    projects = Project.objects.all()
    taking_part = Partnership.objects.filter(status=Partnership.Status.ACCEPTED)
    if region_id is not None:
        projects = projects.filter(
            Exists(taking_part.filter(project=OuterRef("pk"), school__region_id=region_id))
        )
        taking_part = taking_part.filter(school__region_id=region_id)
    by_status_rows = dict(projects.order_by().values_list("status").annotate(n=Count("id")))
    by_status = [
        (value, label, by_status_rows.get(value, 0)) for value, label in Project.Status.choices
    ]
    by_year = list(
        projects.order_by()
        .annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    totals = taking_part.aggregate(
        teachers=Count("user", distinct=True),
        schools=Count("school", distinct=True),
        regions=Count("school__region", distinct=True),
        countries=Count("school__region__country", distinct=True),
    )
    totals["projects"] = sum(n for _v, _l, n in by_status)
    totals["labels"] = LabelApplication.objects.filter(
        status=LabelApplication.Status.GRANTED, project__in=projects
    ).count()
    by_region = list(
        Partnership.objects.filter(status=Partnership.Status.ACCEPTED, school__isnull=False)
        .filter(**({"school__region_id": region_id} if region_id is not None else {}))
        .order_by()
        .values(
            "school__region_id",
            *localized_values("school__region__name"),
            *localized_values("school__region__country__name"),
        )
        .annotate(
            projects=Count("project", distinct=True),
            teachers=Count("user", distinct=True),
            schools=Count("school", distinct=True),
            completed=Count(
                "project", distinct=True, filter=Q(project__status=Project.Status.COMPLETED)
            ),
        )
        .order_by("school__region__country__name", "school__region__name")
    )
    # The English names stay (the CSV download uses them); the page shows the labels, in the
    # interface language and in its alphabetical order.
    language = current_language()
    for row in by_region:
        row["region_label"] = localized_value(row, "school__region__name", language)
        row["country_label"] = localized_value(row, "school__region__country__name", language)
    by_region.sort(
        key=lambda row: (
            collation_key(row["country_label"], language),
            collation_key(row["region_label"], language),
        )
    )
    by_school = []
    if region_id is not None:
        by_school = list(
            taking_part.order_by()
            .values("school_id", "school__name", "school__is_rural")
            .annotate(
                projects=Count("project", distinct=True), teachers=Count("user", distinct=True)
            )
            .order_by("school__name")
        )
    return {
        "by_status": by_status,
        "by_year": by_year,
        "totals": totals,
        "by_region": by_region,
        "by_school": by_school,
    }


# --- learning record -------------------------------------------------------------------------


def record_of(user):
    partnerships = list(
        Partnership.objects.filter(user=user, status=Partnership.Status.ACCEPTED)
        .exclude(project__status=Project.Status.DRAFT)
        .select_related("project")
        .order_by("project__start_date")
    )
    project_ids = [p.project_id for p in partnerships]
    labels = list(
        LabelApplication.objects.filter(
            project_id__in=project_ids, status=LabelApplication.Status.GRANTED
        )
        .select_related("project")
        .order_by("reviewed_at")
    )
    awards = list(
        Award.objects.filter(project_id__in=project_ids, competition__announced_at__isnull=False)
        .select_related("project", "competition", "category")
        .order_by("created_at")
    )
    return {"partnerships": partnerships, "labels": labels, "awards": awards}


def published_pages(project):
    """The pages visitors see: published ones, only while the project itself is public."""
    from .models import ProjectPage

    if project.published_at is None:
        return ProjectPage.objects.none()
    return project.pages.filter(published_at__isnull=False).order_by("position", "id")


def published_page(project, page_pk):
    """One page visitors may see, or None."""
    return published_pages(project).filter(pk=page_pk).first()


def all_published_pages():
    """Every page visitors may see: published pages of published projects (sitemap, search)."""
    from .models import ProjectPage

    return ProjectPage.objects.filter(
        published_at__isnull=False, project__published_at__isnull=False
    ).select_related("project")


# --- pupils ----------------------------------------------------------------------------------


def pupils_tab(project, teacher):
    """The Pupils tab for `teacher`: their classes with pupils and cards, the other teachers'
    classes (names and counts only), and their pupils' posts waiting for approval."""
    from community.discussions.models import Message

    from .models import PupilClass

    classes = list(
        PupilClass.objects.filter(project=project)
        .select_related("teacher__profile")
        .prefetch_related("pupils")
        .annotate(pupil_count=Count("pupils"))
    )
    own = [c for c in classes if c.teacher_id == teacher.pk]
    waiting = []
    if project.room_id and own:
        waiting = list(
            Message.objects.filter(
                room_id=project.room_id,
                status=Message.Status.HELD,
                deleted_at__isnull=True,
                author__pupil__pupil_class__in=own,
            )
            .select_related("author__pupil")
            .prefetch_related("attachments")
            .order_by("seq")
        )
    waiting_pages = []
    if own:
        waiting_pages = list(
            project.pages.filter(held=True, author__pupil__pupil_class__in=own)
            .select_related("author")
            .order_by("position", "id")
        )
    return {
        "own_classes": own,
        "other_classes": [c for c in classes if c.teacher_id != teacher.pk],
        "waiting_posts": waiting,
        "waiting_pages": waiting_pages,
        "can_manage_pupils": permissions.can_manage_pupils(teacher, project),
    }


def pupils_export(project, teacher):
    """The teacher's own classes, pupils and what each wrote in the project's room and pages."""
    from community.discussions.models import Message

    from .models import PupilClass

    classes = list(
        PupilClass.objects.filter(project=project, teacher=teacher).prefetch_related("pupils")
    )
    posts = {}
    if project.room_id and classes:
        for message in (
            Message.objects.filter(
                room_id=project.room_id,
                author__pupil__pupil_class__in=classes,
                deleted_at__isnull=True,
            )
            .prefetch_related("attachments")
            .order_by("seq")
        ):
            posts.setdefault(message.author_id, []).append(
                {
                    "seq": message.seq,
                    "written_at": message.created_at.isoformat(),
                    "status": message.status,
                    "text": message.body,
                    "files": [a.original_name for a in message.attachments.all()],
                }
            )
    pages = {}
    if classes:
        for page in project.pages.filter(author__pupil__pupil_class__in=classes).order_by(
            "position", "id"
        ):
            pages.setdefault(page.author_id, []).append(
                {
                    "title": page.title,
                    "text": page.body,
                    "written_at": page.created_at.isoformat(),
                    "approved": not page.held,
                }
            )
    data = {"project": project.title, "classes": []}
    for pupil_class in classes:
        pupils = list(pupil_class.pupils.all())
        data["classes"].append(
            {
                "class": pupil_class.name,
                "pupils": [
                    {
                        "name": p.name,
                        "grade": p.grade,
                        "posts": posts.get(p.user_id, []),
                        "pages": pages.get(p.user_id, []),
                    }
                    for p in pupils
                ],
            }
        )
    return data
