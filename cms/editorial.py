"""Editors' workflow: section permissions for the Editors/Moderators groups and the review workflow.

The groups and the "Editorial review" workflow are created by migration
cms/0002; pages do not exist at migration time, so whoever creates the
resource, event and news sections (the demo seeder, or staff once) calls
`assign_sections(pages)` to give Editors add/edit rights there, Moderators
publish rights, and attach the workflow.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

WORKFLOW_NAME = "Editorial review"
EDITOR_ACTIONS = ("add_page", "change_page")
MODERATOR_ACTIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def editorial_workflow():
    return Workflow.objects.get(name=WORKFLOW_NAME)


@transaction.atomic
def assign_sections(pages):
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    workflow = editorial_workflow()
    permissions = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="wagtailcore")
    }
    for page in pages:
        for group, actions in ((editors, EDITOR_ACTIONS), (moderators, MODERATOR_ACTIONS)):
            for action in actions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permissions[action]
                )
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
