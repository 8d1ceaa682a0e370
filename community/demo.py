"""Demo people and schools. Extended by the foundation work."""

DEMO_PASSWORD = "commons-demo-2026"
DEMO_ACCOUNTS = [
    ("teacher", "aysel.mammadova@example.az"),
    ("ambassador", "rashad.aliyev@example.az"),
    ("editor", "editor@teachercommons.example"),
    ("staff", "admin@teachercommons.example"),
]


def seed(stdout):
    from community.models import User

    for role, email in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=email, defaults={"email": email, "email_confirmed": True})
        user.set_password(DEMO_PASSWORD)
        if role == "staff":
            user.is_staff = user.is_superuser = True
        user.save()
