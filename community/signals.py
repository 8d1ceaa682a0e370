"""Account changes that end or narrow what open sockets may read (community.realtime.access_changed).

Connected in CommunityConfig.ready(), so that every path (the account pages, Django's admin, a
shell) is covered: a sign-out ends the sockets of that session; a changed password, a
deactivated account or staff rights taken away make every socket of the person check its
session and its rooms again (Django's session
hash no longer matches, so the other sessions end, as they do over HTTP); an ambassador's region
granted or taken away makes their sockets check their rooms again.
"""

from django.contrib.auth.signals import user_logged_out

from community.realtime import access_changed


def _signed_out(sender, request, user, **kwargs):
    if user is None or not getattr(user, "pk", None):
        return
    session = getattr(request, "session", None)
    access_changed(users=[user.pk], signed_out_session=getattr(session, "session_key", None))


ROLE_FIELDS = ("is_active", "is_staff", "is_superuser")


def _account_saved(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None:
        return  # a new account has no socket yet
    if getattr(instance, "_password", None) is not None:  # set_password() before this save
        access_changed(users=[instance.pk])
        return
    if update_fields is not None and not set(update_fields) & set(ROLE_FIELDS):
        return
    before = sender.objects.filter(pk=instance.pk).values(*ROLE_FIELDS).first()
    if before is not None and any(before[f] != getattr(instance, f) for f in ROLE_FIELDS):
        access_changed(users=[instance.pk])  # deactivated, or staff rights taken or given


def _ambassadorship_changed(sender, instance, **kwargs):
    # granted, moved to another region or taken away (by the console or the admin): the
    # region's private rooms change hands
    access_changed(users=[instance.user_id])


def connect():
    from django.db.models.signals import post_delete, post_save, pre_save

    from community.models import Ambassadorship, User

    user_logged_out.connect(_signed_out, dispatch_uid="community.access.signed_out")
    pre_save.connect(_account_saved, sender=User, dispatch_uid="community.access.account_saved")
    for signal in (post_save, post_delete):
        signal.connect(
            _ambassadorship_changed,
            sender=Ambassadorship,
            dispatch_uid=f"community.access.ambassadorship.{signal is post_save}",
        )
