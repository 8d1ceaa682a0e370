"""Demo people and schools: the four named accounts and about a hundred teachers.

Deterministic (seeded random), idempotent (creates only what is missing) and
fast (bulk inserts, one password hash for all demo accounts).
"""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

DEMO_PASSWORD = "commons-demo-2026"
DEMO_ACCOUNTS = [
    ("teacher", "aysel.mammadova@example.az"),
    ("ambassador", "rashad.aliyev@example.az"),
    ("ambassador_kz", "aigerim.sadykova@example.kz"),
    ("editor", "editor@teachercommons.example"),
    ("staff", "admin@teachercommons.example"),
]
# The regions each demo ambassador looks after (country code, region name).
AMBASSADOR_REGIONS = {
    "rashad.aliyev@example.az": [("AZ", "Shaki-Zagatala"), ("AZ", "Guba-Khachmaz")],
    "aigerim.sadykova@example.kz": [("KZ", "Turkistan"), ("KZ", "Kyzylorda"), ("KZ", "Zhambyl")],
}

# (country, region, school name, settlement, kind, rural, inclusive, people: "az" | "kz" | "uz" | "kg")
SCHOOLS = [
    ("AZ", "Shaki-Zagatala", "Kish village secondary school", "Kish", "general", True, False, "az"),
    ("AZ", "Shaki-Zagatala", "Shaki city school No. 7", "Shaki", "secondary", False, True, "az"),
    (
        "AZ",
        "Shaki-Zagatala",
        "Car village school",
        "Car, Zagatala district",
        "general",
        True,
        False,
        "az",
    ),
    ("AZ", "Shaki-Zagatala", "Gakh humanities lyceum", "Gakh", "lyceum", False, False, "az"),
    ("AZ", "Guba-Khachmaz", "Guba city school No. 3", "Guba", "secondary", False, False, "az"),
    ("AZ", "Guba-Khachmaz", "Gachrez village school", "Gachrez", "general", True, False, "az"),
    (
        "AZ",
        "Guba-Khachmaz",
        "Anyg village school",
        "Anyg, Gusar district",
        "general",
        True,
        True,
        "az",
    ),
    (
        "AZ",
        "Lankaran-Astara",
        "Lankaran lyceum of sciences",
        "Lankaran",
        "lyceum",
        False,
        False,
        "az",
    ),
    (
        "AZ",
        "Lankaran-Astara",
        "Pensar village school",
        "Pensar, Astara district",
        "general",
        True,
        False,
        "az",
    ),
    ("AZ", "Lankaran-Astara", "Lerik mountain school", "Lerik", "general", True, True, "az"),
    ("AZ", "Ganja-Dashkasan", "Ganja school No. 12", "Ganja", "secondary", False, True, "az"),
    (
        "AZ",
        "Ganja-Dashkasan",
        "Khoshbulag village school",
        "Khoshbulag, Dashkasan district",
        "general",
        True,
        False,
        "az",
    ),
    ("AZ", "Shirvan-Salyan", "Salyan school No. 2", "Salyan", "secondary", False, False, "az"),
    (
        "AZ",
        "Mil-Mughan",
        "Azadkend village school",
        "Azadkend, Saatly district",
        "general",
        True,
        False,
        "az",
    ),
    ("AZ", "Baku", "Baku school No. 189", "Baku", "secondary", False, True, "az"),
    (
        "KZ",
        "Turkistan",
        "Turkistan school-lyceum No. 10",
        "Turkistan",
        "lyceum",
        False,
        False,
        "kz",
    ),
    (
        "KZ",
        "Turkistan",
        "Zhibek Zholy village school",
        "Zhibek Zholy, Saryagash district",
        "general",
        True,
        False,
        "uz",
    ),
    ("KZ", "Kyzylorda", "Kyzylorda school No. 4", "Kyzylorda", "secondary", False, True, "kz"),
    ("KZ", "Kyzylorda", "Zhalagash village school", "Zhalagash", "general", True, False, "kz"),
    ("KZ", "Zhambyl", "Taraz school-gymnasium No. 8", "Taraz", "lyceum", False, False, "kz"),
    ("KZ", "Zhambyl", "Merke village school", "Merke", "general", True, False, "kg"),
    ("KZ", "Akmola", "Zhaksy village school", "Zhaksy", "general", True, True, "kz"),
    ("KZ", "Akmola", "Kokshetau school No. 2", "Kokshetau", "secondary", False, False, "kz"),
    ("KZ", "East Kazakhstan", "Zaisan rural school", "Zaisan", "general", True, False, "kz"),
    ("KZ", "Astana", "Astana school No. 65", "Astana", "secondary", False, True, "kz"),
    ("KZ", "Almaty", "Esik village school", "Esik", "general", True, False, "kz"),
]

# Given names (female, male) and surnames (male form; the female form adds "a").
NAMES = {
    "az": (
        [
            "Günel",
            "Leyla",
            "Nigar",
            "Sevinc",
            "Könül",
            "Aynur",
            "Ülviyyə",
            "Lalə",
            "Nərmin",
            "Səbinə",
            "Türkan",
            "Xədicə",
            "Zəhra",
            "Fidan",
            "Aytən",
            "Samirə",
        ],
        [
            "Elvin",
            "Tural",
            "Orxan",
            "Kamran",
            "Fərid",
            "Elşən",
            "Vüqar",
            "Anar",
            "Ramil",
            "Səmid",
            "Cavid",
            "Murad",
            "Nicat",
            "Emin",
        ],
        [
            "Məmmədov",
            "Həsənov",
            "Hüseynov",
            "Quliyev",
            "İsmayılov",
            "Abbasov",
            "Rzayev",
            "Cəfərov",
            "Nəsirov",
            "Bağırov",
            "Kərimov",
            "Səfərov",
            "Orucov",
            "Əhmədov",
        ],
        ["az", "ru", "en", "tr"],
    ),
    "kz": (
        [
            "Aruzhan",
            "Gulnara",
            "Saule",
            "Madina",
            "Zhanar",
            "Aizhan",
            "Dinara",
            "Asel",
            "Dana",
            "Akmaral",
            "Botagoz",
            "Raushan",
        ],
        [
            "Nurlan",
            "Yerlan",
            "Daulet",
            "Arman",
            "Bauyrzhan",
            "Yerzhan",
            "Serik",
            "Askar",
            "Timur",
            "Marat",
            "Almas",
        ],
        [
            "Akhmetov",
            "Iskakov",
            "Kassymov",
            "Baimukhanov",
            "Zhaksybekov",
            "Utepov",
            "Tulegenov",
            "Omarov",
            "Abenov",
            "Seitov",
            "Nurlanov",
        ],
        ["kk", "ru", "en"],
    ),
    "uz": (
        ["Dilnoza", "Shahnoza", "Gulnoza", "Malika", "Nodira"],
        ["Jasur", "Otabek", "Sherzod", "Bekzod", "Ulugbek"],
        ["Karimov", "Rakhimov", "Yusupov", "Tursunov", "Ergashev"],
        ["uz", "kk", "ru"],
    ),
    "kg": (
        ["Nazgul", "Aigul", "Cholpon", "Gulzat", "Meerim"],
        ["Aibek", "Bakyt", "Nurbek", "Azamat", "Talant"],
        ["Toktogulov", "Asanov", "Jumabaev", "Sydykov", "Mamatov"],
        ["ky", "kk", "ru"],
    ),
}

SUBJECT_SLUGS = [
    "mathematics", "physics", "chemistry", "biology", "geography", "history", "native-language-literature",
    "russian", "english", "ict", "primary-education", "arts", "music", "physical-education",
    "special-inclusive-education", "natural-science",
]  # fmt: skip

BIO_OPENINGS = [
    "I teach {subject} at {school} in {place}.",
    "{subject} teacher at {school}, {place}; {years} years in the classroom.",
    "I have taught {subject} for {years} years, most of them at {school} in {place}.",
]
BIO_MIDDLES = [
    "Our school is small: many of my pupils walk an hour to get to class, so I plan lessons that also work **without internet**.",
    "This year I am trying *project-based learning* with my older pupils and I would like to compare notes with other schools.",
    "I run the school's reading club and a small science corner in the library.",
    "I work with children with special educational needs in a regular class and share what works for us.",
    "I am interested in formative assessment and in how to give feedback that pupils actually use.",
    "We started an eco-club: the pupils measure the water of our river every month.",
    "I mentor two young teachers this year and I learn as much from them as they do from me.",
]
BIO_ENDINGS = [
    "Happy to join a cross-school project:\n- exchange of letters between classes\n- a shared map of our villages\n- a joint science fair",
    "Write to me if you teach the same grades: I like to share lesson plans.",
    "",
]


def _latin(text):
    table = str.maketrans(
        {
            "ə": "a",
            "Ə": "A",
            "ı": "i",
            "İ": "I",
            "ö": "o",
            "Ö": "O",
            "ü": "u",
            "Ü": "U",
            "ş": "sh",
            "Ş": "Sh",
            "ç": "ch",
            "Ç": "Ch",
            "ğ": "g",
            "Ğ": "G",
            "x": "kh",
        }
    )
    return text.translate(table)


def _female(surname):
    return surname + "a"


def seed(stdout):
    from community.models import (
        Ambassadorship,
        Country,
        Language,
        Profile,
        Region,
        School,
        Subject,
        User,
        handle_base,
    )
    from community.text import render_markup

    rng = random.Random(2026)
    now = timezone.now()
    password = make_password(DEMO_PASSWORD)
    countries = {c.code: c for c in Country.objects.all()}
    regions = {(r.country.code, r.name): r for r in Region.objects.select_related("country")}
    subjects = {s.slug: s for s in Subject.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    if not countries or not subjects:
        stdout.write("Reference data is missing: run `manage.py migrate` first.")
        return

    # Schools
    existing = {(s.region_id, s.name): s for s in School.objects.all()}
    new_schools = []
    for code, region_name, name, place, kind, rural, inclusive, _people in SCHOOLS:
        region = regions[(code, region_name)]
        if (region.pk, name) not in existing:
            new_schools.append(
                School(
                    name=name,
                    region=region,
                    settlement=place,
                    kind=kind,
                    is_rural=rural,
                    is_inclusive=inclusive,
                )
            )
    School.objects.bulk_create(new_schools)
    schools = {(s.region_id, s.name): s for s in School.objects.select_related("region")}
    school_rows = [
        (schools[(regions[(c, r)].pk, n)], p, people) for c, r, n, p, _k, _ru, _i, people in SCHOOLS
    ]

    # People: the named demo accounts first, then the teachers.
    people = []  # dicts: email, name, school, subjects, grades, languages, verified, confirmed, staff, looking
    kish = school_rows[0][0]
    people += [
        {
            "email": "aysel.mammadova@example.az",
            "name": "Aysel Məmmədova",
            "school": kish,
            "subjects": ["english"],
            "grades": (5, 11),
            "langs": ["az", "en", "ru"],
            "verified": True,
            "looking": True,
        },
        {
            "email": "rashad.aliyev@example.az",
            "name": "Rəşad Əliyev",
            "school": school_rows[1][0],
            "subjects": ["history", "geography"],
            "grades": (7, 11),
            "langs": ["az", "ru", "en"],
            "verified": True,
            "looking": False,
        },
        {
            "email": "aigerim.sadykova@example.kz",
            "name": "Aigerim Sadykova",
            "school": school_rows[15][0],
            "subjects": ["mathematics"],
            "grades": (5, 11),
            "langs": ["kk", "ru", "en"],
            "verified": True,
            "looking": True,
        },
        {
            "email": "editor@teachercommons.example",
            "name": "Leyla Karimli",
            "school": None,
            "subjects": [],
            "grades": (None, None),
            "langs": ["az", "ru", "en"],
            "verified": True,
            "looking": False,
            "bio": "Editor of the training library and the events calendar.",
        },
        {
            "email": "admin@teachercommons.example",
            "name": "Teacher Commons staff",
            "school": None,
            "subjects": [],
            "grades": (None, None),
            "langs": ["en", "ru", "az"],
            "verified": True,
            "looking": False,
            "staff": True,
            "bio": "",
        },
    ]
    used = {p["email"] for p in people}
    # About four teachers per school (a hundred or so), deterministic.
    for index, (school, place, nation) in enumerate(school_rows):
        count = 4 if index % 3 else 5
        females, males, surnames, langs = NAMES[nation]
        for _ in range(count):
            female = rng.random() < 0.7  # most teachers in the region's schools are women
            given = rng.choice(females if female else males)
            surname = rng.choice(surnames)
            full = f"{given} {_female(surname) if female else surname}"
            email = f"{_latin(given).lower()}.{_latin(_female(surname) if female else surname).lower()}@example.{'az' if nation == 'az' else 'kz'}"
            if email in used:
                continue
            used.add(email)
            if rng.random() < 0.3:
                picked = ["primary-education"]
                grades = (1, 4)
            else:
                picked = rng.sample(
                    [s for s in SUBJECT_SLUGS if s != "primary-education"], k=rng.choice([1, 1, 2])
                )
                low = rng.choice([5, 5, 6, 7])
                grades = (low, rng.choice([9, 11, 11]))
            if school.is_inclusive and rng.random() < 0.5:
                picked.append("special-inclusive-education")
            spoken = langs[:2] + [lang for lang in langs[2:] if rng.random() < 0.4]
            people.append(
                {
                    "email": email,
                    "name": full,
                    "school": school,
                    "place": place,
                    "subjects": picked,
                    "grades": grades,
                    "langs": spoken,
                    "verified": rng.random() < 0.88,
                    "confirmed": rng.random() < 0.97,
                    "looking": rng.random() < 0.35,
                }
            )

    existing_emails = set(
        User.objects.filter(email__in=[p["email"] for p in people]).values_list("email", flat=True)
    )
    todo = [p for p in people if p["email"] not in existing_emails]
    users = []
    handles = {h.lower() for h in User.objects.values_list("username", flat=True)}
    for p in todo:
        joined = now - timedelta(days=rng.randint(20, 700))
        base = handle_base(p["name"])
        handle, n = base, 2
        while handle in handles:
            handle, n = f"{base}-{n}", n + 1
        handles.add(handle)
        users.append(
            User(
                username=handle,
                email=p["email"],
                password=password,
                email_confirmed=p.get("confirmed", True),
                verified_at=(joined + timedelta(days=rng.randint(1, 14)))
                if p["verified"]
                else None,
                is_staff=bool(p.get("staff")),
                is_superuser=bool(p.get("staff")),
                date_joined=joined,
            )
        )
    User.objects.bulk_create(users)
    by_email = {u.email: u for u in User.objects.filter(email__in=[p["email"] for p in todo])}

    profiles = []
    for p in todo:
        school = p["school"]
        subject_names = [subjects[s].name.lower() for s in p["subjects"] if s in subjects]
        bio = p.get("bio")
        if bio is None:
            bio = " ".join(
                [
                    rng.choice(BIO_OPENINGS).format(
                        subject=subject_names[0] if subject_names else "primary classes",
                        school=school.name if school else "",
                        place=p.get("place") or (school.settlement if school else ""),
                        years=rng.randint(3, 30),
                    ),
                    rng.choice(BIO_MIDDLES),
                ]
            )
            ending = rng.choice(BIO_ENDINGS)
            if ending:
                bio += "\n\n" + ending
        user = by_email[p["email"]]
        country = school.region.country.code if school else "AZ"
        profiles.append(
            Profile(
                user=user,
                display_name=p["name"],
                school=school,
                grades_min=p["grades"][0],
                grades_max=p["grades"][1],
                bio=bio,
                bio_html=render_markup(bio),
                interface_language="ru"
                if country == "KZ" and rng.random() < 0.5
                else ("az" if country == "AZ" else "en"),
                time_zone="Asia/Baku" if country == "AZ" else "Asia/Almaty",
                looking_for_partners=p["looking"],
                created_at=user.date_joined,
            )
        )
    Profile.objects.bulk_create(profiles)
    profile_ids = dict(
        Profile.objects.filter(user__in=by_email.values()).values_list("user__email", "pk")
    )
    SubjectLink = Profile.subjects.through
    LanguageLink = Profile.languages.through
    SubjectLink.objects.bulk_create(
        [
            SubjectLink(profile_id=profile_ids[p["email"]], subject_id=subjects[s].pk)
            for p in todo
            for s in dict.fromkeys(p["subjects"])
            if s in subjects
        ]
    )
    LanguageLink.objects.bulk_create(
        [
            LanguageLink(profile_id=profile_ids[p["email"]], language_id=languages[c].pk)
            for p in todo
            for c in dict.fromkeys(p["langs"])
            if c in languages
        ]
    )

    # Ambassadors, and who verified whom.
    for email, places in AMBASSADOR_REGIONS.items():
        user = User.objects.get(email=email)
        for code, region_name in places:
            Ambassadorship.objects.get_or_create(user=user, region=regions[(code, region_name)])
    staff_reviewer = User.objects.filter(is_superuser=True).first()
    ambassador_for_region = dict(Ambassadorship.objects.values_list("region_id", "user_id"))
    region_of = {p["email"]: p["school"].region_id for p in todo if p["school"]}
    for user in by_email.values():
        if user.verified_at and not user.is_staff:
            school_region = region_of.get(user.email)
            reviewer = ambassador_for_region.get(school_region) or (
                staff_reviewer.pk if staff_reviewer else None
            )
            if reviewer and reviewer != user.pk:
                User.objects.filter(pk=user.pk).update(verified_by_id=reviewer)
    stdout.write(f"People: {len(todo)} accounts, {len(new_schools)} schools created.")
