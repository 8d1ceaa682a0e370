"""HTTP pages for rooms, messages and notifications: thin, every write through a service.

The directory and the community pages are community_views.py.

All pages work without JavaScript; the room page's socket script only adds
live updates on top of the same markup.
"""

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community.discussions import selectors, services
from community.discussions.attachments import prepare_upload
from community.discussions.forms import EditMessageForm, MessageForm
from community.discussions.models import REACTION_EMOJI, Membership, Message, Notification
from community.discussions.permissions import (
    access_attachment,
    access_message,
    access_room,
    can_delete_message,
    can_edit_message,
    membership_for,
    message_actions,
    post_refusal,
    viewer_room_caps,
)
from community.discussions.serializers import reaction_summary
from community.discussions.services.messages import pending_edit_notice
from community.discussions.services.notifications import notification_mark_read
from community.errors import ActionError, http_errors
from community.pwa import data_saver
from community.realtime.protocol import CLOSE_POLICY, CLOSE_SESSION_ENDED
from community.realtime.protocol import limit as protocol_limit


def _next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    # a path on this site: redirect() would take any other string for the name of a view
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return default


# --- rooms and messages -----------------------------------------------------------------


_FROM_QUERY = object()


def room_context(request, room, *, form=None, before=_FROM_QUERY, around=_FROM_QUERY):
    """The context of templates/community/discussions/_room.html (also used by project workspaces).

    Reads ?before=<seq> (older page), ?around=<seq> (the page with that message) and
    ?reply_to=<message id> from the request unless given.
    """
    user = request.user
    if before is _FROM_QUERY:
        before = _int_or_none(request.GET.get("before"))
    if around is _FROM_QUERY:
        around = _int_or_none(request.GET.get("around"))
    limit = settings.DISCUSSIONS_DATA_SAVER_PAGE_SIZE if data_saver(request) else settings.DISCUSSIONS_PAGE_SIZE
    messages_page, has_older = selectors.room_messages(
        room, viewer=user, before_seq=before, around_seq=around, limit=limit
    )
    has_newer = (
        bool(messages_page)
        and (before is not None or around is not None)
        and (selectors.message_newer_exists(room, viewer=user, after_seq=messages_page[-1].seq))
    )
    refusal = post_refusal(user, room) if user.is_authenticated else None
    caps = viewer_room_caps(user, room, refusal=refusal)
    rows = []
    for message in messages_page:
        counts, mine = reaction_summary(message, user)
        rows.append(
            {
                "m": message,
                "reactions": [(emoji, count, emoji in mine) for emoji, count in counts.items()],
                "actions": message_actions(message, room_caps=caps),
            }
        )
    by_id = {message.pk: message for message in messages_page}
    for row in rows:
        parent_id = row["m"].reply_to_id
        row["parent"] = by_id.get(parent_id)
    if form is None:
        form = _draft_form(request, room)
    if form is None:
        form = MessageForm()
        reply_to = _int_or_none(request.GET.get("reply_to"))
        if reply_to is not None:
            form.initial["reply_to"] = reply_to
    replying_to = None
    reply_id = _int_or_none(form["reply_to"].value())
    if reply_id is not None:
        replying_to = (
            Message.objects.select_related("author__profile")
            .filter(
                pk=reply_id, room=room, status=Message.Status.PUBLISHED, deleted_at__isnull=True
            )
            .first()
        )
    return {
        "room": room,
        "replying_to": replying_to,
        "room_path": request.path,
        "message_rows": rows,
        "messages_page": messages_page,
        "has_older": has_older,
        "has_newer": has_newer,
        "oldest_seq": messages_page[0].seq if messages_page else None,
        "last_seq": room.last_seq,
        "form": form,
        # what the viewer may do here, on the page for room.js to apply message_actions' rule
        "room_caps": caps,
        "can_post": caps.can_post,
        "post_refusal": refusal.detail if refusal is not None else "",
        "reaction_emoji": REACTION_EMOJI,
        "max_body": settings.DISCUSSIONS_MAX_BODY,
        # a "newer" page after paging back: the messages after this page's last one
        "newer_before": (messages_page[-1].seq + limit + 1) if messages_page else None,
        "pinned_messages": _pinned_messages(room),
        "message_urls": _message_url_templates(),
        "close_policy": CLOSE_POLICY,
        "close_session_ended": CLOSE_SESSION_ENDED,
        "ping_interval": max(5, protocol_limit("DISCUSSIONS_PRESENCE_TTL") // 3),
        "typing_interval": protocol_limit("DISCUSSIONS_TYPING_INTERVAL"),
        # the message template's texts with their placeholders, filled by room.js
        "i18n_in_reply_to": _("In reply to %(name)s"),
        "i18n_reply_to": _("to %(name)s"),
        "i18n_report_by": _("the message by %(name)s"),
        "i18n_hidden_reason": _("A moderator removed this message for others. Reason: %(reason)s"),
    }


def _pinned_messages(room):
    """The room's pinned strip: published, visible messages, newest pin first."""
    return list(
        Message.objects.filter(
            room=room,
            pinned_at__isnull=False,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
            status=Message.Status.PUBLISHED,
        )
        .select_related("author__profile")
        .order_by("-pinned_at")[:5]
    )


def _message_url_templates():
    """The message URLs with the id 0, for the room's message template (room.js puts the id in)."""
    return {
        "react": reverse("discussions:message_react", args=[0]),
        "edit": reverse("discussions:message_edit", args=[0]),
        "delete": reverse("discussions:message_delete", args=[0]),
        "history": reverse("discussions:message_history", args=[0]),
        "report": reverse("moderation:report_create", args=["discussions", "message", 0]),
        "moderate": reverse("moderation:message", args=[0]),
    }


def _draft_key(room):
    return f"room_draft_{room.pk}"


def _keep_draft(request, room, form):
    """A refused no-JavaScript post: keep its text and errors for the room page (post/redirect/get)."""
    request.session[_draft_key(room)] = {
        "body": form.data.get("body", ""),
        "reply_to": form.data.get("reply_to", ""),
        "client_id": form.data.get("client_id", ""),
        "errors": {
            field: [str(error) for error in errors] for field, errors in form.errors.items()
        },
    }


def _draft_form(request, room):
    if not hasattr(request, "session"):
        return None
    draft = request.session.pop(_draft_key(room), None)
    if not isinstance(draft, dict):
        return None
    form = MessageForm(
        {
            "body": draft.get("body", ""),
            "reply_to": draft.get("reply_to") or "",
            "client_id": draft.get("client_id") or "",
        }
    )
    form.is_valid()
    for field, errors in (draft.get("errors") or {}).items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)
    return form


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


@http_errors
def room_detail(request, room_id):
    room = access_room(request.user, room_id)
    if room.kind == "direct":  # read by its members only: the conversation page shows it
        query = request.META.get("QUERY_STRING", "")
        return redirect(room.get_absolute_url() + (f"?{query}" if query else ""))
    before = _int_or_none(request.GET.get("before"))
    around = _int_or_none(request.GET.get("around"))
    context = room_context(request, room)
    if (
        request.user.is_authenticated
        and before is None
        and around is None
        and context["messages_page"]
    ):
        try:
            services.read_mark(
                user=request.user, room_id=room.pk, upto=context["messages_page"][-1].seq
            )
        except ActionError:
            pass
    context["community"] = room.community
    if room.community is not None:
        context["membership"] = membership_for(request.user, room.community)
        context["rooms"] = selectors.rooms_with_unread(room.community, user=request.user)
    return render(request, "community/discussions/room.html", context)


@require_GET
@http_errors
def room_people(request, room_id):
    """Who may be @mentioned in the room, for the composer's completion: [{handle, name}].
    Readers of the room only (404 otherwise, like the room); visitors get 404 too."""
    if not request.user.is_authenticated:
        raise Http404
    room = access_room(request.user, room_id)
    prefix = request.GET.get("q", "")[:64]
    response = JsonResponse(selectors.mention_candidates(room, prefix), safe=False)
    response["Cache-Control"] = "private, max-age=30"
    return response


@require_POST
@http_errors
def room_post(request, room_id):
    """The composer without JavaScript. Success lands on the message; a refusal goes back to the
    room with the error and the text kept (never a page at this POST-only address)."""
    if not request.user.is_authenticated:
        return redirect(
            f"{reverse(settings.LOGIN_URL)}?next={reverse('discussions:room', args=[room_id])}"
        )
    room = access_room(request.user, room_id)
    back = _next(request, room.get_absolute_url()).split("#")[0]
    if back.split("?")[0] == request.path:  # never back to this POST-only address
        back = room.get_absolute_url()
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            prepared = [prepare_upload(upload) for upload in form.cleaned_data["attachments"]]
            message, created = services.message_post(
                user=request.user,
                room=room,
                body=form.cleaned_data["body"],
                client_id=form.cleaned_data["client_id"],
                reply_to_id=form.cleaned_data.get("reply_to"),
                attachments=prepared,
            )
        except ActionError as error:
            form.add_error("body" if error.code in ("invalid", "too_long") else None, error.detail)
        else:
            if message.status == Message.Status.HELD and message.held_reason == "pupil":
                flash.info(
                    request,
                    _("Your post waits for your teacher's approval before the other pupils see it."),
                )
            elif message.status == Message.Status.HELD:
                flash.info(
                    request,
                    _("Your message is waiting for a moderator's review before others see it."),
                )
            return HttpResponseRedirect(f"{back.split('?')[0]}#m{message.seq}")
    _keep_draft(request, room, form)
    return HttpResponseRedirect(f"{back}#compose")


@http_errors
def message_history(request, message_id):
    """A message's earlier versions, for everyone who may read its room and see the message."""
    message = access_message(request.user, message_id)
    if message.deleted_at is not None:
        raise Http404
    hidden = message.hidden_at is not None and not (
        request.user.is_authenticated and message.author_id == request.user.pk
    )
    revisions = [] if hidden else list(message.revisions.order_by("-edited_at"))
    return render(
        request,
        "community/discussions/message_history.html",
        {"message": message, "revisions": revisions, "hidden": hidden},
    )


@login_required
@http_errors
def message_edit(request, message_id):
    message = access_message(request.user, message_id)
    if not can_edit_message(request.user, message):  # nothing to edit here: as if no such page
        raise Http404
    # The author edits on from their edit held for review, if any (others still see `body`).
    current = message.pending_body if message.pending_at is not None else message.body
    form = EditMessageForm(request.POST or None, initial={"body": current})
    if request.method == "POST" and form.is_valid():
        try:
            edited = services.message_edit(
                user=request.user, message_id=message.pk, body=form.cleaned_data["body"]
            )
        except ActionError as error:
            form.add_error("body", error.detail)
        else:
            if edited.pending_at is not None:
                flash.info(request, pending_edit_notice())
            return redirect(_next(request, f"{message.room.get_absolute_url()}#m{message.seq}"))
    return render(
        request, "community/discussions/message_edit.html", {"form": form, "message": message}
    )


@require_POST
@login_required
@http_errors
def message_delete(request, message_id):
    message = access_message(request.user, message_id)
    if not can_delete_message(request.user, message):  # as for the edit page
        raise Http404
    try:
        services.message_delete(user=request.user, message_id=message.pk)
    except ActionError as error:
        flash.error(request, error.detail)
    else:
        flash.success(request, _("Message removed."))
    return redirect(_next(request, f"{message.room.get_absolute_url()}#m{message.seq}"))


@require_POST
@login_required
@http_errors
def message_react(request, message_id):
    message = access_message(request.user, message_id)
    try:
        services.reaction_toggle(
            user=request.user, message_id=message.pk, emoji=request.POST.get("emoji", "")
        )
    except ActionError as error:
        flash.error(request, error.detail)
    return redirect(_next(request, f"{message.room.get_absolute_url()}#m{message.seq}"))


# --- notifications ----------------------------------------------------------------------


@login_required
def notifications(request):
    from django.core.paginator import Paginator

    page = Paginator(selectors.notifications_for(request.user), 30).get_page(
        request.GET.get("page")
    )
    invitations = list(
        Membership.objects.filter(user=request.user, state=Membership.State.INVITED).select_related(
            "community"
        )
    )
    return render(
        request,
        "community/discussions/notifications.html",
        {"page_obj": page, "invitations": invitations},
    )


@require_POST
@login_required
def notification_read(request, notification_id):
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    notification_mark_read(user=request.user, notification_id=notification.pk)
    if request.POST.get("open") and notification.url.startswith("/"):
        return redirect(notification.url)
    return redirect(_next(request, reverse("discussions:notifications")))


@require_POST
@login_required
def notifications_read_all(request):
    notification_mark_read(user=request.user)
    flash.success(request, _("All notifications are marked read."))
    return redirect("discussions:notifications")


@http_errors
def attachment_file(request, attachment_id):
    """A message's attachment, for those who may read the message (never from MEDIA_URL)."""
    from community.files import stored_file_response

    attachment = access_attachment(request.user, attachment_id)
    return stored_file_response(
        attachment.file, filename=attachment.original_name, inline=attachment.kind == "image"
    )
