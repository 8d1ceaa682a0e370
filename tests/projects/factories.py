"""Small factories for projects tests (no factory_boy)."""

import datetime
import itertools

from django.utils import timezone

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

_seq = itertools.count(1)


def country(code="AZ", name="Azerbaijan"):
    return Country.objects.get_or_create(code=code, defaults={"name": name})[0]


def region(name="Ganja", country_obj=None):
    return Region.objects.get_or_create(country=country_obj or country(), name=name)[0]


def school(name=None, region_obj=None, rural=False):
    return School.objects.get_or_create(
        name=name or f"School {next(_seq)}",
        region=region_obj or region(),
        defaults={"is_rural": rural},
    )[0]


def subject(name="Biology"):
    return Subject.objects.get_or_create(
        slug=name.lower().replace(" ", "-"), defaults={"name": name}
    )[0]


def language(code="ru", name="Russian"):
    return Language.objects.get_or_create(code=code, defaults={"name": name})[0]


def teacher(
    name=None,
    *,
    school_obj=None,
    verified=True,
    subjects=(),
    languages=(),
    grades=(None, None),
    looking=False,
    staff=False,
    confirmed=True,
):
    n = next(_seq)
    name = name or f"Teacher {n}"
    email = f"t{n}@example.org"
    user = User.objects.create_user(
        username=email,
        email=email,
        password="x-secret-123456",
        email_confirmed=confirmed,
        verified_at=timezone.now() if verified else None,
        is_staff=staff,
    )
    profile, _created = Profile.objects.update_or_create(
        user=user,
        defaults={
            "display_name": name,
            "school": school_obj,
            "grades_min": grades[0],
            "grades_max": grades[1],
            "looking_for_partners": looking,
        },
    )
    profile.subjects.set(subjects)
    profile.languages.set(languages)
    return User.objects.select_related("profile__school").get(pk=user.pk)


def ambassador(region_obj, name=None):
    user = teacher(name or "Ambassador", school_obj=school(region_obj=region_obj))
    Ambassadorship.objects.create(user=user, region=region_obj)
    return User.objects.get(pk=user.pk)


def staff(name="Staff"):
    return teacher(name, staff=True)


def project(founder, **overrides):
    from projects import services

    values = {
        "title": "Water in our villages",
        "summary": "Pupils measure and compare their drinking water.",
        "start_date": datetime.date(2026, 2, 1),
        "end_date": datetime.date(2026, 6, 1),
        "age_min": 10,
        "age_max": 14,
        "description": "We **measure** water.",
    }
    values.update(overrides)
    return services.project_create(founder=founder, **values)


def join(project_obj, inviter, user, role="partner"):
    """Invite and accept in one step."""
    from projects import services

    row = services.partnership_invite(actor=inviter, project=project_obj, invitee=user, role=role)
    services.partnership_respond_invitation(actor=user, partnership=row, accept=True)
    project_obj.refresh_from_db()
    return row


def two_school_project(**overrides):
    """An active project: founder at school A, a partner at school B (another region)."""
    founder = teacher("Aysel", school_obj=school("School A", region("Ganja")))
    partner = teacher(
        "Bakhyt", school_obj=school("School B", region("Turkistan", country("KZ", "Kazakhstan")))
    )
    proj = project(founder, **overrides)
    join(proj, founder, partner)
    return proj, founder, partner


def completed_project(**overrides):
    from projects import services

    proj, founder, partner = two_school_project(**overrides)
    services.project_complete(actor=founder, project=proj, final_report="We did it together.")
    proj.refresh_from_db()
    return proj, founder, partner


def label_answers():
    from projects.models import LabelCriterion

    return {c.value: f"What we did for {c.label}" for c in LabelCriterion}


def future(days=30):
    return timezone.now() + datetime.timedelta(days=days)
