"""The demo world of people: named accounts, about a hundred teachers, deterministic, idempotent."""

import io

import pytest
from django.core.management import call_command

from community import demo
from community.models import Ambassadorship, Profile, School, User
from community.permissions import (
    ambassador_region_ids,
    is_ambassador,
    is_staff,
    is_verified_teacher,
)

pytestmark = pytest.mark.django_db


def test_seed_creates_the_demo_accounts_and_a_believable_world():
    demo.seed(io.StringIO())  # how long it takes belongs in bench/, not in a test

    accounts = dict(demo.DEMO_ACCOUNTS)
    teacher = User.objects.get(email=accounts["teacher"])
    assert teacher.check_password(demo.DEMO_PASSWORD) and is_verified_teacher(teacher)
    assert teacher.profile.school.is_rural
    ambassador = User.objects.get(email=accounts["ambassador"])
    assert is_verified_teacher(ambassador) and is_ambassador(ambassador)
    regions = Ambassadorship.objects.filter(user=ambassador).values_list(
        "region__country__code", flat=True
    )
    assert list(regions) == ["AZ", "AZ"]
    kz = User.objects.get(email=accounts["ambassador_kz"])
    assert set(
        Ambassadorship.objects.filter(user=kz).values_list("region__country__code", flat=True)
    ) == {"KZ"}
    assert len(ambassador_region_ids(kz)) >= 2
    assert is_staff(User.objects.get(email=accounts["staff"]))
    assert User.objects.get(email=accounts["editor"]).email_confirmed

    teachers = Profile.objects.exclude(user__email__in=accounts.values())
    assert 90 <= teachers.count() <= 130
    schools = School.objects.all()
    assert 20 <= schools.count() <= 30
    assert (
        schools.filter(is_rural=True).count() >= 8
        and schools.filter(is_inclusive=True).count() >= 3
    )
    assert set(schools.values_list("region__country__code", flat=True)) == {"AZ", "KZ"}
    assert schools.values("region").distinct().count() >= 8
    verified = teachers.filter(user__verified_at__isnull=False).count()
    assert verified > teachers.count() * 0.7 and verified < teachers.count()
    assert teachers.filter(looking_for_partners=True).count() >= 10
    assert all(p.bio_html.startswith("<p>") for p in teachers[:20])
    assert teachers.filter(subjects__slug="special-inclusive-education").exists()
    names = " ".join(teachers.values_list("display_name", flat=True))
    assert "ə" in names and any(n in names for n in ("Nurlan", "Aruzhan", "Gulnara", "Saule"))
    assert any(n in names for n in ("Nazgul", "Aibek", "Dilnoza", "Jasur", "Otabek", "Bakyt"))
    # Someone vouched for most verified teachers: an ambassador of their region where there is one.
    shaki = teachers.filter(
        user__verified_at__isnull=False, school__region__name="Shaki-Zagatala"
    ).first()
    assert shaki.user.verified_by == ambassador


def test_seed_is_deterministic_and_idempotent():
    demo.seed(io.StringIO())
    first = sorted(
        Profile.objects.values_list("display_name", "school__name", "looking_for_partners")
    )
    users = User.objects.count()
    demo.seed(io.StringIO())
    assert User.objects.count() == users
    assert (
        sorted(Profile.objects.values_list("display_name", "school__name", "looking_for_partners"))
        == first
    )
    assert School.objects.count() == len(demo.SCHOOLS)


def test_demo_accounts_command_prints_every_account():
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    for _role, email in demo.DEMO_ACCOUNTS:
        assert email in out.getvalue()
    assert demo.DEMO_PASSWORD in out.getvalue()


def test_demo_teacher_can_sign_in_through_the_form(client):
    from django.core.cache import cache

    cache.clear()
    demo.seed(io.StringIO())
    response = client.post(
        "/en/accounts/login/",
        {"username": dict(demo.DEMO_ACCOUNTS)["teacher"], "password": demo.DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
