"""Every account gets a public @handle: usernames that are (or contain) an e-mail address,
and any that would not be a valid handle or that repeat another's in a different case,
become a handle derived from the teacher's name, made unique.

The rules are copied here (not imported) so that the migration keeps doing what it did.
"""

import re

from django.db import migrations
from django.utils.text import slugify

MAX_LENGTH = 40
PATTERN = re.compile(r"^\w[\w.\-]*\w$")


def _base(name):
    stem = slugify(name or "", allow_unicode=True).replace("_", "-")
    stem = stem[: MAX_LENGTH - 4].strip("-.")
    return stem if len(stem) >= 2 else "teacher"


def give_handles(apps, schema_editor):
    User = apps.get_model("community", "User")
    Profile = apps.get_model("community", "Profile")
    names = dict(Profile.objects.values_list("user_id", "display_name"))
    users = list(User.objects.order_by("pk").only("pk", "username", "first_name", "last_name"))
    taken = set()
    keep, redo = [], []
    for user in users:
        handle = user.username or ""
        if "@" not in handle and len(handle) <= MAX_LENGTH and PATTERN.match(handle) and handle.lower() not in taken:
            taken.add(handle.lower())
            keep.append(user)
        else:
            redo.append(user)
    for user in redo:
        name = names.get(user.pk) or f"{user.first_name} {user.last_name}".strip()
        base = _base(name)
        handle, n = base, 2
        while handle in taken:
            handle, n = f"{base}-{n}", n + 1
        taken.add(handle)
        user.username = handle
    User.objects.bulk_update(redo, ["username"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("community", "0004_localized_reference_names")]

    operations = [migrations.RunPython(give_handles, migrations.RunPython.noop)]
