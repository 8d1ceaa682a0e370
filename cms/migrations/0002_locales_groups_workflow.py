"""Locales for every configured language, the Editors/Moderators groups and the "Editorial review" workflow.

Wagtail's own first migration gives Editors add/edit rights over the whole
tree; here Editors lose those, and get them back only on the resource, event
and news sections when those exist (cms.editorial.assign_sections, called by
the demo seeder or by staff). Moderators keep approve/publish everywhere.
"""

from django.conf import settings
from django.db import migrations

WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Moderators approve"


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)

    def perm(app_label, model, codename, name):
        ct, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(content_type=ct, codename=codename, defaults={"name": name})
        return permission

    access_admin = perm("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for group in (editors, moderators):
        group.permissions.add(access_admin)

    # Editors edit only the sections they are given (see module docstring).
    GroupPagePermission.objects.filter(group=editors, page__depth=1).delete()

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for model, app_label in (("document", "wagtaildocs"), ("image", "wagtailimages")):
            for action in ("add", "choose"):
                permission = perm(app_label, model, f"{action}_{model}", f"Can {action} {model}")
                for group in (editors, moderators):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )

    task_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_ct, active=True)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_pages_snippets_registrations"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0001_initial"),
        ("wagtailimages", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
