"""Direct conversations: the inbox, a new conversation, the conversation page, requests and blocks.

Thin like views.py: the rules are in permissions.py, the writes in services/direct.py, and the
conversation page shows its room through the same `_room.html` and `room_context` as any room.
"""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.discussions import selectors, services
from community.discussions.attachments import prepare_upload
from community.discussions.direct_permissions import (
    can_read_direct_room,
    conversation_of,
    has_blocked,
    message_refusal,
)
from community.discussions.forms import NewConversationForm
from community.discussions.models import Conversation
from community.discussions.permissions import access_room
from community.discussions.services.direct import conversation_for
from community.discussions.views import _next, room_context
from community.errors import ActionError, http_errors
from community.models import User
from community.permissions import can_contribute, can_view_profile


@login_required
def inbox(request):
    rows = selectors.conversations_for(request.user)
    return render(
        request,
        "community/discussions/inbox.html",
        {
            "requests": [row for row in rows if row["incoming_request"]],
            "rows": [row for row in rows if not row["incoming_request"]],
            "can_start": can_contribute(request.user),
        },
    )


def _recipients_from_query(request):
    handles = [h.strip().lstrip("@") for h in request.GET.getlist("to") if h.strip()]
    return ", ".join(f"@{h}" for h in handles[:7])


@login_required
def conversation_new(request):
    """Write to one teacher or a few. An existing conversation with the same people is reused."""
    if request.method == "POST":
        form = NewConversationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                prepared = [prepare_upload(upload) for upload in form.cleaned_data["attachments"]]
                conversation, message = services.conversation_start(
                    user=request.user,
                    recipients=form.cleaned_data["to"],
                    body=form.cleaned_data["body"],
                    client_id=form.cleaned_data["client_id"],
                    attachments=prepared,
                )
            except ActionError as error:
                form.add_error("to" if error.ref == "to" else "body", error.detail)
            else:
                if conversation.state == Conversation.State.REQUEST:
                    flash.info(
                        request,
                        _("Your request is sent. The conversation opens when they accept it."),
                    )
                return HttpResponseRedirect(f"{conversation.get_absolute_url()}#m{message.seq}")
    else:
        form = NewConversationForm(initial={"to": _recipients_from_query(request)})
        existing = None
        handles = [h.strip().lstrip("@") for h in request.GET.getlist("to") if h.strip()]
        if handles:
            people = list(User.objects.filter(username__in=handles, is_active=True))
            if len(people) == len(handles):
                existing = conversation_for(request.user, people)
        if existing is not None and existing.state == Conversation.State.OPEN:
            return redirect(existing.get_absolute_url())
    not_allowed = ""
    if not can_contribute(request.user):
        not_allowed = message_refusal(request.user, []).detail
    return render(
        request,
        "community/discussions/conversation_new.html",
        {"form": form, "not_allowed": not_allowed},
    )


@http_errors
def conversation_detail(request, room_id):
    if not request.user.is_authenticated:
        raise Http404
    room = access_room(request.user, room_id)
    conversation = conversation_of(room)
    if conversation is None or not can_read_direct_room(request.user, room):
        raise Http404
    context = room_context(request, room)
    if context["messages_page"] and "before" not in request.GET and "around" not in request.GET:
        try:
            services.read_mark(
                user=request.user, room_id=room.pk, upto=context["messages_page"][-1].seq
            )
        except ActionError:
            pass
    others = selectors.conversation_people(conversation, request.user)
    context.update(
        {
            "conversation": conversation,
            "others": others,
            "incoming_request": conversation.state == Conversation.State.REQUEST
            and conversation.started_by_id != request.user.pk,
            "blocked": [other for other in others if has_blocked(request.user, other)],
        }
    )
    return render(request, "community/discussions/conversation.html", context)


@require_POST
@login_required
def conversation_answer(request, room_id, answer):
    try:
        if answer == "accept":
            services.conversation_accept(user=request.user, conversation_id=room_id)
            flash.success(request, _("The conversation is open."))
        else:
            services.conversation_decline(user=request.user, conversation_id=room_id)
            flash.info(request, _("Request declined. They will not be able to ask again for a while."))
            return redirect("discussions:inbox")
    except ActionError as error:
        if error.code == "not_found":
            raise Http404 from None
        flash.error(request, error.detail)
    return redirect("discussions:conversation", room_id)


def _teacher(request, user_id):
    teacher = User.objects.select_related("profile").filter(pk=user_id, is_active=True).first()
    if teacher is None or not hasattr(teacher, "profile") or not can_view_profile(request.user, teacher.profile):
        raise Http404
    return teacher


@require_POST
@login_required
def block(request, user_id, action):
    teacher = _teacher(request, user_id)
    try:
        if action == "block":
            services.user_block(user=request.user, target=teacher)
            flash.success(
                request,
                _("You blocked %(name)s: no more messages or notifications from them.")
                % {"name": teacher.display_name},
            )
        else:
            services.user_unblock(user=request.user, target=teacher)
            flash.success(request, _("You unblocked %(name)s.") % {"name": teacher.display_name})
    except ActionError as error:
        flash.error(request, error.detail)
    return HttpResponseRedirect(_next(request, reverse("teacher_profile", args=[teacher.pk])))
