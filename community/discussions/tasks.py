"""Background work for discussions (django-tasks; immediate backend unless configured)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from community.digests import mailable_profiles


@task()
def send_mention_email(user_id, message_id):
    """E-mail a teacher who was mentioned while away (they can opt out in their profile)."""
    from community.discussions.models import Message
    from community.models import User

    # a pupil's account has no e-mail address: its notifications stay on the site
    user = (
        User.objects.select_related("profile")
        .filter(pk=user_id, is_active=True, is_pupil=False)
        .first()
    )
    message = (
        Message.objects.select_related("room", "author__profile").filter(pk=message_id).first()
    )
    if (
        user is None
        or message is None
        or message.deleted_at
        or message.hidden_at
        or message.status != "published"
    ):
        return
    from community.discussions.permissions import can_read_room

    if not can_read_room(user, message.room):
        return  # read at sending time: the reader may have left the room since
    profile = getattr(user, "profile", None)
    if profile is not None and not profile.email_on_mention:
        return
    if profile is not None and not mailable_profiles().filter(pk=profile.pk).exists():
        return  # unconfirmed or bouncing address: nothing goes to it
    language = getattr(profile, "interface_language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        author = message.author.display_name if message.author else _("Someone")
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        subject = _("%(name)s mentioned you in %(room)s") % {
            "name": author,
            "room": message.room.title,
        }
        body = "\n\n".join(
            [
                _("%(name)s wrote:") % {"name": author},
                message.body[:1000],
                _("Open the conversation: %(url)s") % {"url": base + message.get_absolute_url()},
                _(
                    "You get this e-mail because you were away. You can turn it off in your profile."
                ),
            ]
        )
    send_mail(subject, body, None, [user.email])
