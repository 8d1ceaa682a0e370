"""Every write of the people area: sign-up, e-mail confirmation, profile, account deletion."""

import io
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from PIL import Image, ImageOps

from community.models import (
    HANDLE_MAX_LENGTH,
    Ambassadorship,
    Profile,
    School,
    User,
    handle_taken,
    unique_handle,
    validate_handle,
)
from community.permissions import can_edit_profile
from community.realtime import access_changed
from community.text import clean_name, render_markup

CONFIRM_SALT = "community.email-confirmation"


class AccountError(Exception):
    """A refused account action; `detail` is a translated sentence for the user."""

    def __init__(self, detail):
        super().__init__(detail)
        self.detail = str(detail)


# --- sign-up and e-mail confirmation ---------------------------------------------------------


def confirmation_token(user):
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT, compress=True)


def email_confirmation_send(*, user, base_url):
    """Send the confirmation link after the current transaction commits."""
    if user.email_confirmed:
        return
    link = base_url.rstrip("/") + reverse("confirm_email", args=[confirmation_token(user)])
    language = translation.get_language()
    context = {"user": user, "link": link, "days": settings.EMAIL_CONFIRMATION_MAX_AGE // 86400}

    def send():
        with translation.override(language):
            subject = _("Confirm your e-mail address for %(site)s") % {
                "site": settings.WAGTAIL_SITE_NAME
            }
            body = render_to_string("community/accounts/confirm_email.txt", context)
        send_mail(subject, body, None, [user.email])

    transaction.on_commit(send)


SIGN_UP_NOTICE_SECONDS = 15 * 60  # at most one "someone tried to sign up" mail per address in this time


def _sign_up_notice_send(*, user, base_url):
    """Tell the owner of a known address that someone tried to sign up with it (after commit)."""
    if not cache.add(f"signup-notice:{user.pk}", 1, timeout=SIGN_UP_NOTICE_SECONDS):
        return
    root = base_url.rstrip("/")
    language = translation.get_language()
    context = {
        "user": user,
        "login_link": root + reverse("login"),
        "reset_link": root + reverse("password_reset"),
    }

    def send():
        with translation.override(language):
            subject = _("Someone tried to sign up for %(site)s with your address") % {
                "site": settings.WAGTAIL_SITE_NAME
            }
            body = render_to_string("community/accounts/signup_known_email.txt", context)
        send_mail(subject, body, None, [user.email])

    transaction.on_commit(send)


@transaction.atomic
def user_sign_up(
    *, email, display_name, password, school=None, new_school=None, language="en", base_url=""
):
    """Create an unconfirmed account with its profile (and a new school when asked) and send the link.

    For an address that already has an account nothing is created: its owner gets a mail
    saying someone tried to sign up with it, and the caller answers exactly as for a new
    account (returns None), so that sign-up does not tell who has an account.
    """
    email = email.strip().lower()
    if new_school and School.objects.filter(
        region=new_school.get("region"), name__iexact=new_school["name"].strip()
    ).exists():  # refused alike for known and new addresses
        raise AccountError(
            _("This school is already listed in that region: choose it from the list.")
        )
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        user = User(username=unique_handle(display_name), email=email, email_confirmed=False)
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # the same address (or the same handle) signed up a moment ago
            existing = User.objects.filter(email__iexact=email).first()
            if existing is None:
                user.username = unique_handle(display_name)
                user.save()
    if existing is not None:
        User().set_password(password)  # the same work as a real sign-up
        if existing.is_active:
            _sign_up_notice_send(user=existing, base_url=base_url)
        return None
    if new_school:
        school = school_create(**new_school)
    Profile.objects.create(
        user=user,
        display_name=clean_name(display_name),
        school=school,
        interface_language=language if language in dict(settings.LANGUAGES) else "en",
    )
    email_confirmation_send(user=user, base_url=base_url)
    return user


def school_create(
    *, name, region, settlement="", kind=School.Kind.GENERAL, is_rural=False, is_inclusive=False
):
    if region is None:
        raise AccountError(_("Choose the region of the new school from the list."))
    if School.objects.filter(region=region, name__iexact=name.strip()).exists():
        raise AccountError(
            _("This school is already listed in that region: choose it from the list.")
        )
    return School.objects.create(
        name=name.strip(),
        region=region,
        settlement=settlement,
        kind=kind,
        is_rural=is_rural,
        is_inclusive=is_inclusive,
    )


@transaction.atomic
def email_confirm(*, token):
    """Confirm the address a link was sent to; returns the user. Raises AccountError for a bad link."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.EMAIL_CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        raise AccountError(
            _("This confirmation link has expired. Ask for a new one below.")
        ) from None
    except signing.BadSignature:
        raise AccountError(
            _("This confirmation link is not valid. Ask for a new one below.")
        ) from None
    user = User.objects.select_for_update().filter(pk=data.get("u"), is_active=True).first()
    if user is None or user.email.lower() != str(data.get("e", "")).lower():
        raise AccountError(_("This confirmation link is not valid. Ask for a new one below."))
    if not user.email_confirmed:
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
    profile_ensure(user=user)
    return user


def profile_ensure(*, user):
    """The user's profile, created with a default display name when missing."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(
            user=user, defaults={"display_name": user.get_full_name() or user.username}
        )
        user.profile = profile
        return profile


# --- profile ---------------------------------------------------------------------------------


def avatar_render(image_bytes):
    """Square-crop, resize to AVATAR_SIZE and re-encode with no metadata (EXIF, GPS, XMP, comments)."""
    size = settings.AVATAR_SIZE
    with Image.open(io.BytesIO(image_bytes)) as image:
        image = ImageOps.exif_transpose(image)
        has_alpha = image.mode in ("RGBA", "LA") or (
            image.mode == "P" and "transparency" in image.info
        )
        image = image.convert("RGBA" if has_alpha else "RGB")
        image = ImageOps.fit(image, (size, size), method=Image.Resampling.LANCZOS)
        image.info = {}  # Pillow writes some of it back (a JPEG's comment, for one)
        out = io.BytesIO()
        if has_alpha:
            image.save(out, format="PNG", optimize=True)
            ext = "png"
        else:
            image.save(out, format="JPEG", quality=85, optimize=True)
            ext = "jpg"
    return ContentFile(out.getvalue(), name=f"{secrets.token_hex(8)}.{ext}")


HANDLE_TAKEN = _lazy("This handle is taken. Choose another one.")


def handle_clean(handle, *, user=None):
    """The handle as stored (lower case, without a leading @), or AccountError with the reason."""
    # "İ".lower() is "i" plus a combining dot, which a handle cannot hold: Azerbaijani İ is i.
    handle = (handle or "").strip().lstrip("@").replace("İ", "i").lower()
    if len(handle) > HANDLE_MAX_LENGTH:
        raise AccountError(validate_handle.message)
    try:
        validate_handle(handle)
    except ValidationError:
        raise AccountError(validate_handle.message) from None
    if handle_taken(handle, exclude_pk=user.pk if user is not None else None):
        raise AccountError(HANDLE_TAKEN)
    return handle


def handle_change(*, actor, user, handle):
    """Give `user` a new public @handle (unique whatever the case)."""
    if not can_edit_profile(actor, profile_ensure(user=user)):
        raise PermissionDenied
    handle = handle_clean(handle, user=user)
    if handle == user.username:
        return user
    user.username = handle
    try:
        with transaction.atomic():
            user.save(update_fields=["username"])
    except IntegrityError:  # taken a moment ago
        raise AccountError(HANDLE_TAKEN) from None
    return user


@transaction.atomic
def profile_update(
    *,
    actor,
    profile,
    data,
    subjects,
    languages,
    school=None,
    new_school=None,
    avatar_bytes=None,
    remove_avatar=False,
    handle=None,
):
    """Save a profile's fields; bio rendered once into bio_html; avatar processed; school picked or created.

    `handle`, when given, becomes the teacher's public @handle (see handle_change).
    """
    if not can_edit_profile(actor, profile):
        raise PermissionDenied
    if handle is not None:
        handle_change(actor=actor, user=profile.user, handle=handle)
    for field in (
        "display_name",
        "grades_min",
        "grades_max",
        "bio",
        "interface_language",
        "time_zone",
        "looking_for_partners",
        "email_on_mention",
        "email_digest",
    ):
        if field in data:
            setattr(profile, field, data[field])
    if "email_digest" in data:
        profile.email_bounced_at = None  # saving the e-mail settings again means "try again"
    profile.display_name = clean_name(profile.display_name)
    profile.bio_html = render_markup(profile.bio)
    if new_school:
        school = school_create(**new_school)
    profile.school = school
    old_avatar = profile.avatar.name if profile.avatar else ""
    if avatar_bytes is not None:
        rendered = avatar_render(avatar_bytes)
        profile.avatar.save(f"{profile.user_id}-{rendered.name}", rendered, save=False)
    elif remove_avatar:
        profile.avatar = ""
    profile.save()
    profile.subjects.set(subjects)
    profile.languages.set(languages)
    if old_avatar and old_avatar != (profile.avatar.name if profile.avatar else ""):
        storage = profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return profile


# --- verification and ambassadors -----------------------------------------------------------
# Moderation decides these (who may, the audit log, the notices); the rows are written here.


def teacher_mark_verified(*, teacher, by):
    """`teacher`'s school is confirmed by `by`: they are a verified teacher from now on."""
    teacher.verified_at = timezone.now()
    teacher.verified_by = by
    teacher.save(update_fields=["verified_at", "verified_by"])
    return teacher


def ambassadorship_add(*, user, region):
    """`user` becomes an ambassador of `region`; False when they already were."""
    _ambassadorship, created = Ambassadorship.objects.get_or_create(user=user, region=region)
    return created


def ambassadorship_remove(*, ambassadorship):
    """Their open sockets check their rooms again (community.signals)."""
    ambassadorship.delete()


# --- account deletion ------------------------------------------------------------------------


@transaction.atomic
def account_delete(*, user, password):
    """Delete the account and everything that belongs only to it, after checking the password."""
    if not user.check_password(password):
        raise AccountError(_("That is not your password."))
    avatar = user.profile.avatar.name if hasattr(user, "profile") and user.profile.avatar else ""
    user_id = user.pk
    try:
        with transaction.atomic():
            user.delete()
    except (ProtectedError, RestrictedError):
        raise AccountError(
            _(
                "Your account still holds things others depend on. Please write to the staff to close it."
            )
        ) from None
    # its open sockets (other tabs, other devices) end at once
    access_changed(users=[user_id])
    if avatar:
        from django.core.files.storage import default_storage

        transaction.on_commit(lambda: default_storage.delete(avatar))
