"""Teachers: profile editing, public profile, directory, learning record."""

import csv
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import selectors, services
from community.discussions.direct_permissions import has_blocked
from community.forms import ProfileForm, TeacherFilterForm, quiet
from community.models import User
from community.permissions import (
    can_edit_profile,
    can_view_learning_record,
    get_teacher_profile_for,
)
from community.views.accounts import apply_language, in_language


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = services.profile_ensure(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile)
        if "show_schools" in request.POST:
            return _profile_page(request, quiet(form), profile)
        if form.is_valid():
            data = form.cleaned_data
            upload = data.get("avatar_upload")
            try:
                services.profile_update(
                    actor=request.user,
                    profile=profile,
                    data=data,
                    subjects=data["subjects"],
                    languages=data["languages"],
                    school=data["school"],
                    new_school=data["new_school"],
                    avatar_bytes=getattr(upload, "image_bytes", None),
                    remove_avatar=data.get("remove_avatar", False),
                    handle=data.get("handle"),
                )
            except services.AccountError as error:
                form.add_error(None, error.detail)
            else:
                language = profile.interface_language
                with translation.override(language):
                    messages.success(request, _("Your profile is saved."))
                response = redirect(in_language(reverse("profile_edit"), language))
                return apply_language(response, language)
        # The instance was touched by validation; show the stored photo, not a half-applied state.
        profile.refresh_from_db()
    else:
        form = ProfileForm(instance=profile)
    return _profile_page(request, form, profile)


def _profile_page(request, form, profile):
    from community.moderation.selectors import verification_state

    context = {
        "form": form,
        "profile": profile,
        "verification": verification_state(request.user),  # a refusal's reason, asking again
    }
    return render(request, "community/profile_edit.html", context)


def teacher_profile(request, user_id):
    profile = get_teacher_profile_for(request.user, user_id)
    return render(
        request,
        "community/teacher_profile.html",
        {
            "profile": profile,
            "teacher": profile.user,
            "can_edit": can_edit_profile(request.user, profile),
            "can_see_record": can_view_learning_record(request.user, profile.user),
            "has_blocked": has_blocked(request.user, profile.user),
        },
    )


def teacher_photo(request, user_id, name):
    """A teacher's photo, while their profile may be seen (a closed account's is a 404)."""
    from community.files import serve_image

    profile = get_teacher_profile_for(request.user, user_id)
    return serve_image(profile.avatar, name=name, public=True)


def teacher_directory(request):
    form = TeacherFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    paginator = Paginator(
        selectors.teacher_search(filters=filters), settings.TEACHER_DIRECTORY_PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/teacher_directory.html",
        {"form": form, "page": page, "query": query.urlencode(), "filtered": bool(filters)},
    )


def _record_for(request, user_id):
    teacher = get_object_or_404(User.objects.select_related("profile"), pk=user_id, is_active=True)
    if not can_view_learning_record(request.user, teacher):
        raise Http404
    return teacher, selectors.learning_record(teacher)


@login_required
def learning_record(request, user_id):
    teacher, sections = _record_for(request, user_id)
    return render(
        request, "community/teacher_record.html", {"teacher": teacher, "sections": sections}
    )


@login_required
def learning_record_json(request, user_id):
    teacher, sections = _record_for(request, user_id)
    body = json.dumps(
        {"teacher": teacher.display_name, "sections": sections},
        ensure_ascii=False,
        indent=2,
        default=str,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="learning-record-{teacher.pk}.json"'
    return response


def _csv_cell(value):
    """Neutralise spreadsheet formulas in user-written text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def learning_record_csv(request, user_id):
    teacher, sections = _record_for(request, user_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="learning-record-{teacher.pk}.csv"'
    response.write("\ufeff")  # spreadsheet programs then read UTF-8 correctly
    writer = csv.writer(response)
    writer.writerow([_("Section"), _("Title"), _("Date"), _("Detail"), _("Link")])
    for section in sections:
        for item in section.get("items", []):
            url = item.get("url") or ""
            if url.startswith("/"):
                url = request.build_absolute_uri(url)
            writer.writerow(
                [
                    _csv_cell(section.get("title")),
                    _csv_cell(item.get("title")),
                    _csv_cell(item.get("date")),
                    _csv_cell(item.get("detail")),
                    url,
                ]
            )
    return response
