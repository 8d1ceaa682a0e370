"""Small factories for people, schools and places (tests of the people area and others)."""

import io
import itertools

from django.utils import timezone
from PIL import Image

from community.models import Country, Language, Profile, Region, School, Subject, User

PASSWORD = "a-long-test-passphrase-42"
_seq = itertools.count(1)


def region(name="Shaki-Zagatala", country="AZ"):
    return Region.objects.get(country__code=country, name=name)


def school(*, name=None, region_obj=None, rural=False, inclusive=False):
    return School.objects.create(
        name=name or f"Test school No. {next(_seq)}",
        region=region_obj or region(),
        is_rural=rural,
        is_inclusive=inclusive,
    )


def teacher(
    *,
    email=None,
    name=None,
    school_obj=None,
    verified=True,
    confirmed=True,
    subjects=(),
    languages=(),
    password=PASSWORD,
    **profile_fields,
):
    n = next(_seq)
    email = email or f"teacher{n}@example.org"
    user = User.objects.create_user(
        username=email, email=email, password=password, email_confirmed=confirmed
    )
    if verified:
        user.verified_at = timezone.now()
        user.save(update_fields=["verified_at"])
    profile = Profile.objects.create(
        user=user, display_name=name or f"Teacher {n}", school=school_obj, **profile_fields
    )
    if subjects:
        profile.subjects.set(Subject.objects.filter(slug__in=subjects))
    if languages:
        profile.languages.set(Language.objects.filter(code__in=languages))
    return user


def country(code):
    return Country.objects.get(code=code)


def image_bytes(fmt="PNG", size=(400, 300), color=(200, 30, 30), **save_args):
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save_args.pop("alpha", False) else "RGB"
    Image.new(mode, size, color).save(buffer, format=fmt, **save_args)
    return buffer.getvalue()
