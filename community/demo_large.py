"""The large world (`manage.py seed_demo --scale large`): a country's teachers, on top of the small demo.

Each app's `demo_large.seed(stdout, factor=...)` is listed in settings.DEMO_LARGE_SEEDERS and
runs after the small demo. This module holds the shared helpers (counts scaled by `--factor`,
the marker, fast row inserts) and the people: 10,000 teachers with schools in the real regions.

Deterministic (seeded random) and idempotent: the large world's accounts have handles that
begin with MARKER, and each seeder leaves its part alone when its own rows already exist.
Rows are written in bulk, never through the services, so the counters the services keep
(a room's last_seq, a community's last activity, the search index) are set here in bulk too.
"""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

#: Handles of the large world's teachers begin with this; its presence marks the large world.
MARKER = "lw-"

#: The counts at --factor 1.0.
COUNTS = {
    "teachers": 10_000,
    "schools": 1_250,
    "communities": 2_000,
    "rooms": 20_000,
    "messages": 1_000_000,
    "big_room": 100_000,
    "projects": 5_000,
    "resources": 100,  # in three languages
    "news": 67,  # in three languages
    "events": 200,
    "registrations": 20_000,
}


def scaled(name, factor, minimum=1):
    return max(minimum, round(COUNTS[name] * factor))


def large_world_exists():
    from community.models import User

    return User.objects.filter(username__startswith=MARKER).exists()


def large_teachers():
    """The large world's verified teachers with a school: [(user_id, region_id, school_id)]."""
    from community.models import User

    return list(
        User.objects.filter(
            username__startswith=MARKER,
            verified_at__isnull=False,
            profile__school__isnull=False,
        )
        .order_by("pk")
        .values_list("pk", "profile__school__region_id", "profile__school_id")
    )


def insert_rows(model, columns, rows, *, batch=20_000):
    """Insert plain tuples into `model`'s table: COPY on PostgreSQL, executemany elsewhere.

    `columns` are column names (attnames: "room_id"); values must already be what the
    database stores (aware datetimes are fine; on SQLite they are written as Django writes them).
    Returns the number of rows. Far faster than bulk_create for a million rows: no model
    instances, no per-row SQL compilation.
    """
    table = model._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor, for COPY
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        return count
    adapt = connection.ops.adapt_datetimefield_value
    # names from the model's own metadata; every value is a parameter
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})"  # noqa: S608
    chunk = []
    with connection.cursor() as cursor:
        for row in rows:
            chunk.append(
                tuple(adapt(v) if hasattr(v, "tzinfo") and hasattr(v, "hour") else v for v in row)
            )
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def next_id(model):
    """The first free primary key of `model` (ids handed out in Python, sequences reset after)."""
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def reset_sequences(*models):
    """After rows were written with explicit ids: the database's own counters continue after them."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def index_in_bulk(model, queryset, *, batch=2_000):
    """Put rows into Wagtail's search index (bulk inserts skip the save signals), exactly as a
    save would index them. On PostgreSQL a model whose entries come from its own columns (messages)
    is indexed set-based, by INSERT … SELECT in pk ranges (config/search_backend.py); otherwise
    the configured backend's `add_bulk` takes the objects in batches."""
    from wagtail.search.backends import get_search_backend

    from config.search_backend import index_queryset_in_sql

    backend = get_search_backend()
    done = index_queryset_in_sql(backend, model, queryset)
    if done is not None:
        return done
    last = 0
    done = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:batch])
        if not chunk:
            return done
        backend.add_bulk(model, chunk)
        done += len(chunk)
        last = chunk[-1].pk


# Nations of the people seeder's names, per country code; other countries borrow them in turn.
NATION_OF_COUNTRY = {"AZ": "az", "KZ": "kz", "UZ": "uz", "KG": "kg"}
SCHOOL_KINDS = ["general", "general", "general", "secondary", "lyceum"]
SCHOOL_NAMES = [
    "{place} village school",
    "{place} secondary school No. {n}",
    "{place} school-lyceum No. {n}",
    "{place} rural school",
    "{place} school-gymnasium No. {n}",
]
PLACES = [
    "Ashagy", "Yukhary", "Yeni", "Kohna", "Ortakend", "Chaykend", "Dashly", "Bulag", "Gyzylgaya",
    "Aktobe", "Karasu", "Zhanatas", "Akbulak", "Kokterek", "Saryzhaz", "Ulytau", "Tasbulak",
    "Chorvoq", "Yangiobod", "Bogishamol", "Kyzyl-Suu", "Ak-Tal", "Tash-Kumyr", "Ornek",
]  # fmt: skip


def seed(stdout, *, factor=1.0):
    """10,000 teachers (scaled) with profiles, subjects and languages, in schools of every region."""
    from community.demo import BIO_ENDINGS, BIO_MIDDLES, BIO_OPENINGS, NAMES, SUBJECT_SLUGS, _female
    from community.models import Language, Profile, Region, School, Subject, User, handle_base
    from community.text import render_markup

    if large_world_exists():
        stdout.write("large people: already there")
        return
    rng = random.Random(13)
    now = timezone.now()
    password = make_password("commons-demo-2026")
    regions = list(Region.objects.select_related("country").order_by("pk"))
    subjects = {s.slug: s.pk for s in Subject.objects.all()}
    languages = {lang.code: lang.pk for lang in Language.objects.all()}
    if not regions or not subjects:
        stdout.write("Reference data is missing: run `manage.py migrate` first.")
        return
    nations = sorted(NAMES)

    def nation_of(region):
        return NATION_OF_COUNTRY.get(region.country.code) or nations[region.pk % len(nations)]

    # Schools, spread over every region (more in the first countries: the demo's own).
    n_schools = scaled("schools", factor)
    taken = set(School.objects.values_list("region_id", "name"))
    schools = []
    for i in range(n_schools):
        region = regions[i % len(regions)]
        place = rng.choice(PLACES)
        name = rng.choice(SCHOOL_NAMES).format(place=place, n=i + 1)
        if (region.pk, name) in taken:
            name = f"{name} ({i + 1})"
        taken.add((region.pk, name))
        rural = "village" in name or "rural" in name or rng.random() < 0.3
        schools.append(
            School(
                name=name,
                region=region,
                settlement=place,
                kind=rng.choice(SCHOOL_KINDS),
                is_rural=rural,
                is_inclusive=rng.random() < 0.25,
            )
        )
    schools = School.objects.bulk_create(schools, batch_size=2_000)
    region_by_id = {r.pk: r for r in regions}

    # Teachers: accounts, then profiles, then their subjects and languages.
    n_teachers = scaled("teachers", factor)
    people = []
    users = []
    for i in range(n_teachers):
        school = schools[i % len(schools)]
        region = region_by_id[school.region_id]
        females, males, surnames, langs = NAMES[nation_of(region)]
        female = rng.random() < 0.7
        surname = rng.choice(surnames)
        full = (
            f"{rng.choice(females if female else males)} {_female(surname) if female else surname}"
        )
        handle = f"{MARKER}{i:05d}-{handle_base(full)}"[:40].rstrip("-.")
        joined = now - timedelta(days=rng.randint(20, 900))
        verified = rng.random() < 0.9
        users.append(
            User(
                username=handle,
                email=f"{MARKER}{i:05d}@large.example",
                password=password,
                email_confirmed=True,
                verified_at=joined + timedelta(days=rng.randint(1, 14)) if verified else None,
                date_joined=joined,
            )
        )
        if rng.random() < 0.3:
            picked = ["primary-education"]
            grades = (1, 4)
        else:
            picked = rng.sample(
                [s for s in SUBJECT_SLUGS if s != "primary-education"], k=rng.choice([1, 1, 2])
            )
            grades = (rng.choice([5, 5, 6, 7]), rng.choice([9, 11, 11]))
        people.append(
            (
                full,
                school,
                region,
                picked,
                grades,
                langs[:2] + [c for c in langs[2:] if rng.random() < 0.4],
            )
        )
    users = User.objects.bulk_create(users, batch_size=2_000)
    profiles = []
    for user, (full, school, region, picked, grades, _spoken) in zip(users, people, strict=True):
        bio = " ".join(
            [
                rng.choice(BIO_OPENINGS).format(
                    subject=picked[0].replace("-", " "),
                    school=school.name,
                    place=school.settlement,
                    years=rng.randint(3, 30),
                ),
                rng.choice(BIO_MIDDLES),
            ]
        )
        ending = rng.choice(BIO_ENDINGS)
        if ending:
            bio += "\n\n" + ending
        country = region.country.code
        profiles.append(
            Profile(
                user=user,
                display_name=full,
                school=school,
                grades_min=grades[0],
                grades_max=grades[1],
                bio=bio,
                bio_html=render_markup(bio),
                interface_language={"AZ": "az", "KZ": "kk", "UZ": "uz", "KG": "ky"}.get(
                    country, "en"
                )
                if rng.random() < 0.6
                else "ru",
                time_zone="Asia/Baku" if country == "AZ" else "Asia/Almaty",
                looking_for_partners=rng.random() < 0.35,
                created_at=user.date_joined,
            )
        )
    profiles = Profile.objects.bulk_create(profiles, batch_size=2_000)
    SubjectLink = Profile.subjects.through
    LanguageLink = Profile.languages.through
    SubjectLink.objects.bulk_create(
        [
            SubjectLink(profile_id=profile.pk, subject_id=subjects[s])
            for profile, person in zip(profiles, people, strict=True)
            for s in dict.fromkeys(person[3])
            if s in subjects
        ],
        batch_size=5_000,
    )
    LanguageLink.objects.bulk_create(
        [
            LanguageLink(profile_id=profile.pk, language_id=languages[c])
            for profile, person in zip(profiles, people, strict=True)
            for c in dict.fromkeys(person[5])
            if c in languages
        ],
        batch_size=5_000,
    )
    stdout.write(
        f"large people: {len(users)} teachers, {len(schools)} schools in {len(regions)} regions"
    )
