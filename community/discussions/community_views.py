"""HTTP pages of communities: the directory, a community's page, its members, joining,
leaving, invitations and requests to join, and creating a community or a room.

Thin, every write through a service, like the room pages (views.py); no JavaScript needed.
"""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.discussions import selectors, services
from community.discussions.forms import CommunityForm, DirectoryFilterForm, InviteForm, RoomForm
from community.discussions.models import Membership
from community.discussions.permissions import (
    access_community,
    can_create_community,
    can_edit_community,
    can_invite,
    can_join,
    can_leave,
    can_moderate_community,
    can_request_to_join,
    can_see_community_content,
    membership_for,
)
from community.discussions.views import _next
from community.errors import ActionError, http_errors
from community.models import User
from community.permissions import can_view_profile


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.community_directory(
        user=request.user,
        topic=filters.get("topic") or None,
        region=filters["region"].pk if filters.get("region") else None,
        language=filters["language"].pk if filters.get("language") else None,
        q=(filters.get("q") or "").strip() or None,
        page=request.GET.get("page") or 1,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/discussions/directory.html",
        {
            "form": form,
            "page_obj": page,
            "query_string": query.urlencode(),
            "can_create": can_create_community(request.user),
            "my_communities": list(selectors.user_communities(request.user)[:20]),
        },
    )


@http_errors
def community_detail(request, slug):
    community = access_community(request.user, slug=slug)
    membership = membership_for(request.user, community)
    context = {
        "community": community,
        "membership": membership,
        "can_see_content": can_see_community_content(request.user, community),
        "can_join": can_join(request.user, community),
        "can_request": can_request_to_join(request.user, community),
        "can_leave": can_leave(request.user, community),
        "can_edit": can_edit_community(request.user, community),
        "can_moderate": can_moderate_community(request.user, community),
        "can_invite": can_invite(request.user, community),
    }
    if context["can_see_content"]:
        context.update(selectors.community_page(community, user=request.user))
    return render(request, "community/discussions/community.html", context)


@login_required
def community_create(request):
    if not can_create_community(request.user):
        raise PermissionDenied(_("Only verified teachers can create communities."))
    form = CommunityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("cover", "remove_cover")}
        try:
            community = services.community_create(
                user=request.user, cover=form.cleaned_data.get("cover"), **data
            )
        except ActionError as error:
            form.add_error(None, error.detail)
        else:
            flash.success(request, _("Your community is ready. Invite colleagues to join."))
            return redirect(community.get_absolute_url())
    return render(
        request, "community/discussions/community_form.html", {"form": form, "community": None}
    )


@login_required
@http_errors
def community_edit(request, slug):
    community = access_community(request.user, slug=slug, need="edit")
    form = CommunityForm(request.POST or None, request.FILES or None, instance=community)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("cover", "remove_cover")}
        community.refresh_from_db()
        try:
            services.community_update(
                user=request.user,
                community=community,
                cover=form.cleaned_data.get("cover"),
                remove_cover=form.cleaned_data.get("remove_cover", False),
                **data,
            )
        except ActionError as error:
            form.add_error(None, error.detail)
        else:
            flash.success(request, _("Changes saved."))
            return redirect(community.get_absolute_url())
    return render(
        request, "community/discussions/community_form.html", {"form": form, "community": community}
    )


@require_POST
@login_required
@http_errors
def community_join(request, slug):
    community = access_community(request.user, slug=slug)
    try:
        membership = services.membership_join(
            user=request.user, community=community, message=request.POST.get("message", "")
        )
    except ActionError as error:
        flash.error(request, error.detail)
    else:
        if membership.state == Membership.State.ACTIVE:
            flash.success(request, _("Welcome to %(name)s!") % {"name": community.name})
        else:
            flash.success(request, _("Your request was sent to the moderators."))
    return redirect(community.get_absolute_url())


@require_POST
@login_required
@http_errors
def community_leave(request, slug):
    community = access_community(request.user, slug=slug)
    try:
        services.membership_leave(user=request.user, community=community)
    except ActionError as error:
        flash.error(request, error.detail)
        return redirect(community.get_absolute_url())
    flash.success(request, _("You left %(name)s.") % {"name": community.name})
    if community.is_public:
        return redirect(community.get_absolute_url())
    return redirect("discussions:directory")


@http_errors
def community_members(request, slug):
    community = access_community(request.user, slug=slug)
    if not can_see_community_content(request.user, community):  # a 404, as it always was
        raise Http404
    moderator = can_moderate_community(request.user, community)
    pending = []
    if moderator:
        pending = list(
            Membership.objects.filter(
                community=community, state=Membership.State.PENDING
            ).select_related("user__profile")
        )
    return render(
        request,
        "community/discussions/members.html",
        {
            "community": community,
            "members": selectors.community_members(community),
            "pending": pending,
            "can_moderate": moderator,
            "can_invite": can_invite(request.user, community),
            "invite_form": InviteForm(),
        },
    )


@require_POST
@login_required
@http_errors
def community_invite(request, slug):
    """Invite by e-mail address (the same answer whether or not it has an account) or by username.

    Profiles are public, so a username may be answered by name; an address may
    not: it would tell anyone who can invite whether that address has an account.
    """
    community = access_community(request.user, slug=slug)
    back = redirect("discussions:community_members", slug=community.slug)
    form = InviteForm(request.POST)
    if not form.is_valid():
        flash.error(request, _("Enter a username or an e-mail address."))
        return back
    if not can_invite(request.user, community):
        flash.error(request, _("You cannot invite people to this community."))
        return back
    who = form.cleaned_data["who"].strip().lstrip("@")
    if "@" in who:
        user = User.objects.filter(is_active=True, email__iexact=who).first()
        if user is not None:
            try:
                services.membership_invite(actor=request.user, community=community, user=user)
            except ActionError:
                pass  # already a member, invited or banned: saying so would name the account
        flash.success(request, _("If a teacher with this address exists, they have been invited."))
        return back
    user = (
        User.objects.filter(is_active=True, username__iexact=who).select_related("profile").first()
    )
    profile = getattr(user, "profile", None) if user is not None else None
    if profile is None or not can_view_profile(request.user, profile):
        flash.error(request, _("No teacher with that username."))
        return back
    try:
        services.membership_invite(actor=request.user, community=community, user=user)
    except ActionError as error:
        flash.error(request, error.detail)
    else:
        flash.success(request, _("%(name)s is invited.") % {"name": user.display_name})
    return back


@require_POST
@login_required
def request_decide(request, membership_id):
    approve = request.POST.get("decision") == "approve"
    try:
        membership = services.membership_request_decide(
            actor=request.user, membership_id=membership_id, approve=approve
        )
    except ActionError as error:
        if error.code == "not_found":
            raise Http404 from None
        flash.error(request, error.detail)
        return redirect(_next(request, reverse("discussions:notifications")))
    flash.success(
        request,
        (
            _("%(name)s is now a member.")
            if approve
            else _("The request from %(name)s was declined.")
        )
        % {"name": membership.user.display_name},
    )
    return redirect("discussions:community_members", slug=membership.community.slug)


@login_required
def invitation(request, membership_id):
    membership = get_object_or_404(
        Membership.objects.select_related("community", "invited_by__profile"),
        pk=membership_id,
        user=request.user,
        state=Membership.State.INVITED,
    )
    if request.method == "POST":
        if request.POST.get("decision") == "accept":
            services.membership_invite_accept(user=request.user, membership_id=membership.pk)
            flash.success(request, _("Welcome to %(name)s!") % {"name": membership.community.name})
            return redirect(membership.community.get_absolute_url())
        services.membership_invite_decline(user=request.user, membership_id=membership.pk)
        flash.success(request, _("Invitation declined."))
        return redirect("discussions:notifications")
    return render(request, "community/discussions/invitation.html", {"membership": membership})


@login_required
@http_errors
def room_create(request, slug):
    community = access_community(request.user, slug=slug, need="moderate")
    form = RoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            room = services.room_create(user=request.user, community=community, **form.cleaned_data)
        except ActionError as error:
            form.add_error(None, error.detail)
        else:
            return redirect(room.get_absolute_url())
    return render(
        request, "community/discussions/room_form.html", {"form": form, "community": community}
    )


@http_errors
def community_cover(request, slug, name):
    """A community's cover, for those who may see the community (public ones: anyone, cacheable)."""
    from community.files import serve_image

    community = access_community(request.user, slug=slug)
    return serve_image(community.cover_image, name=name, public=community.visibility == "public")
