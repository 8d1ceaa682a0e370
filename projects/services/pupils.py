"""Pupils in a project's workspace: classes, their cards, sign-in, approval of posts, erasure.

A member teacher makes a class in a running project and adds pupils by first name, initial
and grade. Each pupil gets an account (`User.is_pupil`, no e-mail, no profile) whose password
is the word and number printed on the class's cards; the pupil signs in with the class code
and that card on a shared classroom device. What a pupil may see and do is in
projects/permissions.py (and README, "Pupils: what they can and cannot do").

Removing a pupil or closing the project ends the pupil's access at once, open sockets
included (`access_changed`). Archiving the project erases its pupils: their accounts, their
names and the text and files of their posts (a teacher exports them first if they want them).
"""

import re
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.discussions.models import Attachment, Message
from community.models import User
from community.realtime import access_changed

from .. import permissions
from ..models import ProjectFile, ProjectPage, Pupil, PupilClass
from ._common import refuse

#: Card passwords: a word a young pupil reads, its picture, and three digits ("cat 417").
CARD_WORDS = (
    ("sun", "☀️"), ("star", "⭐"), ("moon", "🌙"), ("tree", "🌳"), ("fish", "🐟"),
    ("cat", "🐱"), ("dog", "🐶"), ("bird", "🐦"), ("apple", "🍎"), ("pear", "🍐"),
    ("book", "📘"), ("ball", "⚽"), ("boat", "⛵"), ("car", "🚗"), ("bus", "🚌"),
    ("house", "🏠"), ("key", "🔑"), ("bell", "🔔"), ("drum", "🥁"),
    ("leaf", "🍃"), ("rose", "🌹"), ("frog", "🐸"), ("owl", "🦉"), ("bee", "🐝"),
    ("horse", "🐴"), ("lion", "🦁"), ("bear", "🐻"), ("cake", "🎂"), ("clock", "⏰"),
    ("cloud", "☁️"), ("snow", "❄️"), ("train", "🚆"), ("plane", "✈️"), ("hat", "🎩"),
    ("shoe", "👟"), ("cup", "☕"), ("lamp", "💡"), ("flag", "🚩"),
)
PICTURES = dict(CARD_WORDS)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a classroom
CODE_LENGTH = 6
LINE = re.compile(r"^\s*(?P<first>[^\W\d_][\w'ʼʻ’ -]{0,39}?)[\s,;]+(?P<initial>[^\W\d_])\.?[\s,;]+(?P<grade>\d{1,2})\s*$")


def _new_code():
    for _attempt in range(20):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not PupilClass.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free class code")  # 32**6 codes: not reached in practice


def _new_card_word(taken):
    while True:
        word = f"{secrets.choice(CARD_WORDS)[0]}{secrets.randbelow(900) + 100}"
        if word not in taken:
            return word


def card_parts(card_word):
    """("cat", "🐱", "417") for the card printed with `card_word` "cat417"."""
    word = card_word.rstrip("0123456789")
    return word, PICTURES.get(word, ""), card_word[len(word):]


def normalise_card(password):
    """What a pupil typed ("Cat 417", "cat-417 ") as it is stored ("cat417")."""
    return re.sub(r"[\s\-_.]+", "", str(password or "")).lower()


def normalise_code(code):
    return re.sub(r"[\s\-]+", "", str(code or "")).upper()


# --- classes and pupils (the teacher's side) ---------------------------------------------------


def pupil_class_create(*, actor, project, name):
    if not permissions.can_manage_pupils(actor, project):
        refuse("forbidden", _("Only the project's teachers can add a class while it runs."))
    name = (name or "").strip()
    if not name or len(name) > 40:
        refuse("invalid", _("Give the class a name of at most 40 characters, e.g. “5B”."))
    with transaction.atomic():
        return PupilClass.objects.create(
            project=project, teacher=actor, name=name, code=_new_code()
        )


def _own_class(actor, pupil_class):
    if not (
        permissions.can_manage_pupils(actor, pupil_class.project)
        and permissions.is_class_teacher(actor, pupil_class)
    ):
        refuse("forbidden", _("Only the class's own teacher can change it."))


def parse_pupil_lines(text):
    """Lines "Aziz K 5" (first name, initial, grade) → [(first, initial, grade)], or an error
    naming the first line that is not one."""
    rows = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.match(line)
        grade = int(match["grade"]) if match else 0
        if match is None or not 1 <= grade <= 12:
            refuse(
                "invalid",
                _(
                    "Line %(number)d is not “first name, initial, grade” (a grade from 1 to 12), "
                    "e.g. “Aziz K 5”. Nothing was added."
                )
                % {"number": number},
            )
        rows.append((match["first"].strip()[:40], match["initial"].upper(), grade))
    if not rows:
        refuse("invalid", _("Write one pupil per line: first name, initial, grade."))
    return rows


def pupils_add(*, actor, pupil_class, text):
    """Add the pupils of `text` (one per line) to the class: all of them, or none."""
    _own_class(actor, pupil_class)
    rows = parse_pupil_lines(text)
    existing = pupil_class.pupils.count()
    if existing + len(rows) > settings.PUPILS_PER_CLASS:
        refuse(
            "invalid",
            _("A class has at most %(n)d pupils. Nothing was added.")
            % {"n": settings.PUPILS_PER_CLASS},
        )
    added = []
    with transaction.atomic():
        taken = set(pupil_class.pupils.values_list("card_word", flat=True))
        for first, initial, grade in rows:
            word = _new_card_word(taken)
            taken.add(word)
            handle = f"pupil-{secrets.token_hex(5)}"
            user = User(
                username=handle,
                email=f"{handle}@pupils.invalid",  # never written to: a pupil has no e-mail
                first_name=first,
                last_name=f"{initial}.",
                is_pupil=True,
            )
            user.set_password(word)
            user.save()
            added.append(
                Pupil.objects.create(
                    user=user,
                    pupil_class=pupil_class,
                    first_name=first,
                    initial=initial,
                    grade=grade,
                    card_word=word,
                )
            )
    return added


def pupil_reset_card(*, actor, pupil):
    """A new card password: the old card stops working and the pupil's open sessions end."""
    _own_class(actor, pupil.pupil_class)
    with transaction.atomic():
        taken = set(pupil.pupil_class.pupils.values_list("card_word", flat=True))
        pupil.card_word = _new_card_word(taken)
        pupil.save(update_fields=["card_word"])
        pupil.user.set_password(pupil.card_word)
        pupil.user.save(update_fields=["password"])
        access_changed(users=[pupil.user_id])
    return pupil


def pupil_remove(*, actor, pupil):
    """The pupil leaves the project: the account and its name are erased at once, the text and
    files of its posts too (the rows stay as "deleted" so the room's numbering holds), and its
    open sockets close."""
    _own_class(actor, pupil.pupil_class)
    with transaction.atomic():
        _erase([pupil])


def pupils_set_premoderation(*, actor, project, on):
    if not permissions.can_manage_project(actor, project):
        refuse("forbidden", _("Only the project's founder and partners can change this."))
    project.pupils_premoderated = bool(on)
    project.save(update_fields=["pupils_premoderated"])


def pupils_set_pages(*, actor, project, on):
    """Let the project's pupils write pages of their own (or stop them: their pages stay)."""
    if not permissions.can_manage_project(actor, project):
        refuse("forbidden", _("Only the project's founder and partners can change this."))
    project.pupils_write_pages = bool(on)
    project.save(update_fields=["pupils_write_pages"])


def _erase(pupils):
    erase_pupil_accounts([p.user_id for p in pupils])


def erase_pupil_accounts(user_ids):
    """Pupils' accounts go, with their names and the text and files of their posts. Also called
    when a `Pupil` row goes by any other road (its class, teacher or project deleted):
    projects/signals.py, so that no pupil's account outlives its class."""
    user_ids = list(user_ids)
    if not user_ids:
        return
    now = timezone.now()
    # the pages they wrote go with their images (a teacher's page they could not change stays)
    for image in ProjectFile.objects.filter(page__author_id__in=user_ids):
        image.file.delete(save=False)
    ProjectPage.objects.filter(author_id__in=user_ids).delete()
    for attachment in Attachment.objects.filter(message__author_id__in=user_ids):
        attachment.file.delete(save=False)
        attachment.delete()
    Message.objects.filter(author_id__in=user_ids).update(
        body="",
        body_html="",
        pending_body="",
        pending_body_html="",
        deleted_at=now,
        author=None,
    )
    # deleting the account ends its sessions; open sockets re-read theirs and close
    access_changed(users=user_ids)
    User.objects.filter(pk__in=user_ids, is_pupil=True).delete()


def pupils_erase_for_project(project):
    """Archiving: every pupil of the project, its classes and what the pupils wrote are erased."""
    _erase(Pupil.objects.filter(pupil_class__project=project))
    PupilClass.objects.filter(project=project).delete()


def pupils_erase_for_teacher(project, teacher_id):
    """A teacher left or was removed from the project: their classes there go, pupils included."""
    _erase(Pupil.objects.filter(pupil_class__project=project, pupil_class__teacher_id=teacher_id))
    PupilClass.objects.filter(project=project, teacher_id=teacher_id).delete()


def pupils_access_changed(project):
    """The project closed or opened again: its pupils' open sockets check their rooms again."""
    access_changed(
        users=Pupil.objects.filter(pupil_class__project=project).values_list("user_id", flat=True)
    )


# --- pupils' posts -----------------------------------------------------------------------------


def pupil_post_decide(*, actor, message_id, approve, reason=""):
    """The pupil's own teacher publishes a held post to the project (or refuses it)."""
    from community.discussions.services.messages import held_message_publish, held_message_refuse

    try:
        message_id = int(message_id)
    except (TypeError, ValueError):
        refuse("not_found", _("This post no longer exists."))
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("room", "author__pupil__pupil_class")
            .filter(pk=message_id, room__kind="project", author__is_pupil=True)
            .first()
        )
        if message is None or message.deleted_at is not None:
            refuse("not_found", _("This post no longer exists."))
        if not permissions.can_decide_pupil_post(actor, message.author.pupil):
            refuse("forbidden", _("Only the pupil's own teacher can decide on this post."))
        if message.status != Message.Status.HELD:
            return False
        if approve:
            held_message_publish(message)
        else:
            held_message_refuse(
                message, (reason or "").strip()[:300] or _("Your teacher did not publish it.")
            )
    return True


# --- sign-in -----------------------------------------------------------------------------------


def pupil_for_card(code, password):
    """The active pupil of a running project whose class code and card these are, or None."""
    code, word = normalise_code(code), normalise_card(password)
    if not code or not word:
        return None
    pupil = (
        Pupil.objects.select_related("user", "pupil_class__project")
        .filter(pupil_class__code=code, card_word=word, user__is_active=True)
        .first()
    )
    if pupil is None or pupil.pupil_class.project.status not in permissions.PUPIL_OPEN_STATUSES:
        return None
    if not pupil.user.check_password(word):
        return None
    return pupil

