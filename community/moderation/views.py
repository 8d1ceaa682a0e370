"""Moderation pages: thin views over selectors and services; plain forms, no JavaScript needed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.discussions.models import Community, Membership, Message
from community.discussions.permissions import access_message, access_room
from community.errors import ActionError, http_errors
from community.models import Ambassadorship, User
from community.moderation import selectors, services
from community.moderation.forms import (
    ActionForm,
    AssignCommunityForm,
    AssignRegionForm,
    AuditFilterForm,
    DecisionForm,
    ReportForm,
    ResolveReportForm,
)
from community.moderation.permissions import (
    can_assign_ambassadors,
    can_moderate_community,
    can_read_audit_log,
    can_report,
    can_use_console,
    get_report_for,
)
from community.permissions import can_verify_teacher, is_ambassador, is_staff

PAGE = 30


def _console_required(request):
    if not can_use_console(request.user):
        raise PermissionDenied


def _next_url(request, fallback):
    target = request.POST.get("next") or request.GET.get("next") or ""
    # a path on this site: redirect() would take any other string for the name of a view
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _done(request, changed):
    if changed:
        messages.success(request, _("Done. The action is recorded in the audit log."))
    else:
        messages.info(request, _("Nothing changed: it was already so."))


@login_required
def console(request):
    _console_required(request)
    user = request.user
    communities = list(selectors.moderated_communities(user)[:50])
    activity = selectors.community_activity(communities)
    context = {
        "reports": list(selectors.open_reports_for(user)[:10]),
        "report_count": selectors.open_reports_for(user).count(),
        "held": list(selectors.held_messages_for(user)[:10]),
        "held_count": selectors.held_messages_for(user).count(),
        "pending_teachers": list(selectors.pending_teachers_for(user)[:10]),
        "join_requests": list(selectors.join_requests_for(user)[:10]),
        "communities": [(c, activity.get(c.pk, {})) for c in communities],
        "can_assign": can_assign_ambassadors(user),
    }
    return render(request, "community/moderation/console.html", context)


@login_required
def queue(request):
    _console_required(request)
    reports = Paginator(selectors.open_reports_for(request.user), PAGE).get_page(
        request.GET.get("reports")
    )
    held = Paginator(selectors.held_messages_for(request.user), PAGE).get_page(
        request.GET.get("held")
    )
    return render(request, "community/moderation/queue.html", {"reports": reports, "held": held})


def _report_target_message(report):
    if report.content_type.app_label == "discussions" and report.content_type.model == "message":
        return (
            Message.objects.select_related("room__community", "author__profile")
            .filter(pk=report.object_id)
            .first()
        )
    return None


@login_required
def report_detail(request, report_id):
    report = get_report_for(request.user, report_id)
    message = _report_target_message(report)
    before, after = selectors.message_context(message) if message else ([], [])
    earlier_reports, sanctions = selectors.history_of(report.subject_user_id)
    community = services.community_or_none(report.community_id)
    context = {
        "report": report,
        "message": message,
        "before": before,
        "after": after,
        "earlier_reports": [r for r in earlier_reports if r.pk != report.pk],
        "sanctions": sanctions,
        "community": community,
        "resolve_form": ResolveReportForm(),
    }
    return render(request, "community/moderation/report_detail.html", context)


@login_required
@require_POST
def report_resolve(request, report_id):
    report = get_report_for(request.user, report_id)
    form = ResolveReportForm(request.POST)
    if form.is_valid():
        try:
            changed = services.report_resolve(
                actor=request.user,
                report_id=report.pk,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ActionError as error:
            messages.error(request, error.detail)
            return redirect("moderation:report", report.pk)
        _done(request, changed)
        return redirect("moderation:queue")
    messages.error(request, _("Choose what became of the report."))
    return redirect("moderation:report", report.pk)


@login_required
@http_errors
def message_detail(request, message_id):
    message = access_message(request.user, message_id, need="moderate")
    before, after = selectors.message_context(message)
    earlier_reports, sanctions = selectors.history_of(message.author_id)
    context = {
        "message": message,
        "before": before,
        "after": after,
        "earlier_reports": earlier_reports,
        "sanctions": sanctions,
        "community": message.room.community,
    }
    return render(request, "community/moderation/message_detail.html", context)


@login_required
def member_detail(request, community_id, user_id):
    community = get_object_or_404(Community, pk=community_id)
    if not can_moderate_community(request.user, community):
        raise Http404
    membership = get_object_or_404(
        Membership.objects.select_related("user__profile"), community=community, user_id=user_id
    )
    earlier_reports, sanctions = selectors.history_of(membership.user_id)
    context = {
        "community": community,
        "membership": membership,
        "member": membership.user,
        "earlier_reports": earlier_reports,
        "sanctions": sanctions,
    }
    return render(request, "community/moderation/member_detail.html", context)


@login_required
@http_errors
def room_detail(request, room_id):
    room = access_room(request.user, room_id, need="moderate")
    return render(
        request,
        "community/moderation/room_detail.html",
        {"room": room, "community": room.community},
    )


@login_required
@require_POST
def act(request):
    """Every moderation action from the plain forms: the same entry point as the `moderate` frame."""
    form = ActionForm(request.POST)
    fallback = reverse("moderation:console")
    if not form.is_valid():
        messages.error(request, _("This action could not be understood. Nothing was changed."))
        return redirect(_next_url(request, fallback))
    data = form.cleaned_data
    try:
        changed = services.moderate(
            actor=request.user,
            action=data["action"],
            reason=data["reason"],
            message=data["message"],
            member=data["member"],
            community=data["community"],
            room=data["room"],
            minutes=data["minutes"],
            seconds=data["seconds"],
        )
    except ActionError as error:
        if error.code == "forbidden":
            raise PermissionDenied(error.detail) from None
        if error.code == "not_found" and not can_use_console(request.user):
            raise Http404 from None
        messages.error(request, error.detail)
        return redirect(_next_url(request, fallback))
    _done(request, changed)
    return redirect(_next_url(request, fallback))


@login_required
@require_POST
def join_request_decide(request, membership_id):
    form = DecisionForm(request.POST)
    fallback = reverse("moderation:console")
    if not form.is_valid():
        messages.error(request, _("This action could not be understood. Nothing was changed."))
        return redirect(fallback)
    try:
        changed = services.join_request_decide(
            actor=request.user,
            membership_id=membership_id,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )
    except ActionError as error:
        if error.code == "forbidden" and not can_use_console(request.user):
            raise PermissionDenied from None
        messages.error(request, error.detail)
        return redirect(_next_url(request, fallback))
    _done(request, changed)
    return redirect(_next_url(request, fallback))


@login_required
def verification(request):
    if not (is_staff(request.user) or is_ambassador(request.user)):
        raise PermissionDenied
    pending = Paginator(selectors.pending_teachers_for(request.user), PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "community/moderation/verification.html", {"pending": pending})


@login_required
@require_POST
def verification_decide(request, user_id):
    teacher = get_object_or_404(User.objects.select_related("profile__school"), pk=user_id)
    if not can_verify_teacher(request.user, teacher):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This action could not be understood. Nothing was changed."))
        return redirect("moderation:verification")
    try:
        if form.cleaned_data["decision"] == "approve":
            changed = services.teacher_verify(actor=request.user, teacher_id=teacher.pk)
        else:
            changed = services.teacher_refuse(
                actor=request.user, teacher_id=teacher.pk, reason=form.cleaned_data["reason"]
            )
    except ActionError as error:
        messages.error(request, error.detail)
        return redirect("moderation:verification")
    _done(request, changed)
    return redirect("moderation:verification")


@login_required
@require_POST
def verification_request(request):
    """A refused teacher asks again, from their profile page (a plain form, no JavaScript)."""
    try:
        services.teacher_request_verification(teacher=request.user)
    except ActionError as error:
        messages.error(request, error.detail)
    else:
        messages.success(
            request,
            _("Your request is sent: an ambassador of your region will look at your school again."),
        )
    return redirect("profile_edit")


@login_required
def audit_log(request):
    if not can_read_audit_log(request.user):
        raise PermissionDenied
    communities = list(
        selectors.moderated_communities(request.user).select_related(None).only("id", "name")[:500]
    )
    form = AuditFilterForm(request.GET or None, communities=communities)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries_for(
        request.user,
        community=filters.get("community"),
        actor=filters.get("actor"),
        action=filters.get("action"),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/moderation/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def ambassadors(request):
    if not can_assign_ambassadors(request.user):
        raise PermissionDenied
    region_form = AssignRegionForm(prefix="region")
    community_form = AssignCommunityForm(prefix="community")
    if request.method == "POST":
        kind = request.POST.get("kind")
        try:
            if kind == "region":
                region_form = AssignRegionForm(request.POST, prefix="region")
                if region_form.is_valid():
                    user = User.objects.filter(
                        email__iexact=region_form.cleaned_data["email"]
                    ).first()
                    if user is None:
                        region_form.add_error(
                            "email", _("Nobody has an account with this e-mail address.")
                        )
                    else:
                        _done(
                            request,
                            services.ambassador_assign_region(
                                actor=request.user,
                                user_id=user.pk,
                                region_id=region_form.cleaned_data["region"].pk,
                                reason=region_form.cleaned_data["reason"],
                            ),
                        )
                        return redirect("moderation:ambassadors")
            elif kind == "community":
                community_form = AssignCommunityForm(request.POST, prefix="community")
                if community_form.is_valid():
                    user = User.objects.filter(
                        email__iexact=community_form.cleaned_data["email"]
                    ).first()
                    if user is None:
                        community_form.add_error(
                            "email", _("Nobody has an account with this e-mail address.")
                        )
                    else:
                        _done(
                            request,
                            services.moderator_assign_community(
                                actor=request.user,
                                user_id=user.pk,
                                community_id=community_form.cleaned_data["community"].pk,
                                reason=community_form.cleaned_data["reason"],
                            ),
                        )
                        return redirect("moderation:ambassadors")
            elif kind == "unassign_region":
                _done(
                    request,
                    services.ambassador_unassign_region(
                        actor=request.user,
                        user_id=request.POST.get("user"),
                        region_id=request.POST.get("region"),
                    ),
                )
                return redirect("moderation:ambassadors")
            elif kind == "unassign_community":
                _done(
                    request,
                    services.moderator_unassign_community(
                        actor=request.user,
                        user_id=request.POST.get("user"),
                        community_id=request.POST.get("community"),
                    ),
                )
                return redirect("moderation:ambassadors")
        except (ActionError, ValueError) as error:
            messages.error(request, getattr(error, "detail", _("Nothing was changed.")))
    context = {
        "region_form": region_form,
        "community_form": community_form,
        "ambassadorships": Ambassadorship.objects.select_related(
            "user__profile", "region__country"
        ).order_by("region__country__name", "region__name")[:500],
        "moderators": Membership.objects.filter(
            role=Membership.Role.MODERATOR, state=Membership.State.ACTIVE
        )
        .select_related("user__profile", "community")
        .order_by("community__name")[:500],
    }
    return render(request, "community/moderation/ambassadors.html", context)


def report(request, app_label, model, object_id):
    """Report anything by content type and id (messages, profiles, communities, projects)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    if not can_report(request.user):
        raise PermissionDenied
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    if content_type is None:
        raise Http404
    try:
        target = services.reportable_object(content_type, object_id, request.user)
    except ActionError:
        raise Http404 from None
    label = services.describe_target(target)[0]
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                reporter=request.user,
                content_type=content_type,
                object_id=target.pk,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except ActionError as error:
            form.add_error("details" if error.ref == "details" else None, error.detail)
        else:
            messages.success(
                request,
                _("Thank you. The moderators will look at your report and tell you the outcome."),
            )
            return redirect("moderation:my_reports")
    return render(request, "community/moderation/report_form.html", {"form": form, "label": label})


@login_required
def my_reports(request):
    page = Paginator(selectors.my_reports(request.user), PAGE).get_page(request.GET.get("page"))
    return render(request, "community/moderation/my_reports.html", {"page": page})
