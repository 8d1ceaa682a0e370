"""The world the access matrix is checked in: one private community with a room, a message and
an attachment; a direct conversation; a running project with its workspace (plan, journal,
files, an unpublished page, a pupil class); and one account for every role.

Every private thing carries a word of its own (SECRETS), so that a page that should not show
it is caught however it leaks: a title, a snippet, a name, a count."""

import datetime

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from community.discussions.models import Attachment
from community.discussions.services.direct import conversation_start
from community.models import Ambassadorship, Region
from projects import services as project_services
from tests.community import discussions_factories as df
from tests.projects import factories as pf

#: Every role the matrix checks; `None` is the visitor.
ROLES = (
    "visitor",
    "unverified",
    "outsider",
    "member",
    "moderator",
    "ambassador",
    "other_ambassador",
    "editor",
    "staff",
    "dm_peer",
    "project_member",
    "pupil",
)

#: The matrices' short names for the roles, in their tables.
ABBREVIATIONS = {
    "vis": "visitor",
    "unv": "unverified",
    "out": "outsider",
    "mem": "member",
    "mod": "moderator",
    "amb": "ambassador",
    "oam": "other_ambassador",
    "edi": "editor",
    "stf": "staff",
    "dmp": "dm_peer",
    "prj": "project_member",
    "pup": "pupil",
}
ALL = " ".join(ABBREVIATIONS)

#: secret word → the roles that may see it anywhere on the site.
SECRETS = {
    # the private community's name: its people, and the verified teachers of its region, who
    # may ask to join it (its landing page; never its rooms, members or messages)
    "Quietwillows": {"member", "moderator", "ambassador", "staff", "outsider", "dm_peer"},
    "Zephyrplan": {"member", "moderator", "ambassador", "staff"},  # its message
    "Lanternword": {"member", "dm_peer"},  # the direct message
    "Marigoldjournal": {"project_member", "staff"},  # the workspace's journal
    "Ivorytask": {"project_member", "staff"},  # the workspace's plan
    "Copperpage": {"project_member", "staff", "pupil"},  # an unpublished project page
    "Azizpupil": {"project_member", "staff", "pupil"},  # the pupil's name
}


class World:
    pass


def build():
    w = World()
    region = df.a_region()
    other_region = Region.objects.exclude(pk=region.pk).filter(country=region.country).first()
    if other_region is None:
        other_region = Region.objects.create(country=region.country, name="Lankaran-Astara")
    w.moderator = df.user(name="Moderator Mina", region=region)
    w.community = df.community(
        name="Quietwillows circle", visibility="private", owner=w.moderator, region=region
    )
    w.room = df.room(w.community)
    w.member = df.user(name="Member Murad", region=region)
    df.member(w.community, w.member)
    w.message = df.message(w.room, w.member, body="Zephyrplan for Friday")
    w.attachment = Attachment.objects.create(
        message=w.message,
        file=SimpleUploadedFile("zephyrplan.pdf", b"%PDF-1.4 plan", "application/pdf"),
        kind="document",
        original_name="zephyrplan.pdf",
        size=13,
        content_type="application/pdf",
    )
    w.ambassador = df.user(name="Ambassador Aida", region=region)
    Ambassadorship.objects.create(user=w.ambassador, region=region)
    w.other_ambassador = df.user(name="Ambassador Orkhan", region=other_region)
    Ambassadorship.objects.create(user=w.other_ambassador, region=other_region)
    w.outsider = df.user(name="Outsider Olga", region=region)
    w.unverified = df.user(name="Unverified Ulvi", verified=False)
    w.editor = df.user(name="Editor Elnara")
    w.editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    w.staff = df.user(name="Staff Samir", staff=True)
    w.dm_peer = df.user(name="Peer Parvin", region=region)
    w.conversation, _message = conversation_start(
        user=w.member, recipients=[w.dm_peer], body="Lanternword between us", client_id="dm-1"
    )

    w.project, w.project_member, w.partner = pf.two_school_project(title="Open rivers project")
    founder = w.project_member
    w.milestone = project_services.milestone_create(
        actor=founder, project=w.project, title="Ivorytask milestone", due_date=pf.future(10)
    )
    w.task = project_services.task_create(actor=founder, project=w.project, title="Ivorytask one")
    w.entry = project_services.journal_entry_create(
        actor=founder,
        project=w.project,
        title="Marigoldjournal day",
        body="Marigoldjournal notes",
        happened_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    w.file = project_services.file_upload(
        actor=founder,
        project=w.project,
        upload=SimpleUploadedFile("rivers.pdf", b"%PDF-1.4 rivers", "application/pdf"),
        title="Rivers notes",
    )
    w.page = project_services.page_create(
        actor=founder, project=w.project, title="Copperpage draft", body="Copperpage text"
    )
    w.pupil_class = project_services.pupil_class_create(actor=founder, project=w.project, name="5B")
    (w.pupil_row,) = project_services.pupils_add(
        actor=founder, pupil_class=w.pupil_class, text="Azizpupil K 5"
    )
    w.pupil = w.pupil_row.user
    w.users = {role: (None if role == "visitor" else getattr(w, role)) for role in ROLES}
    return w
