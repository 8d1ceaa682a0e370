"""Pupils: the teachers' Pupils tab (classes, cards, approvals, export) and the pupils' sign-in."""

import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from community.auth import client_address, pupil_sign_in_blocked, pupil_sign_in_failed
from community.errors import ActionError, http_errors
from community.permissions import is_pupil

from .. import permissions, selectors, services
from ..models import Pupil, PupilClass
from ..services.pupils import card_parts, normalise_code, pupil_for_card
from ._common import workspace_context


@login_required
@http_errors
def pupils(request, pk):
    """The Pupils tab: a teacher's classes in the project, their pupils, the posts waiting."""
    project = permissions.access_project(request.user, pk, need="workspace")
    if request.method == "POST":
        return _pupils_action(request, project)
    context = workspace_context(request, project, "pupils")
    context.update(selectors.pupils_tab(project, request.user))
    return render(request, "projects/workspace_pupils.html", context)


def _own_pupil(project, pupil_id):
    return get_object_or_404(
        Pupil.objects.select_related("user", "pupil_class__project"),
        pk=pupil_id if str(pupil_id or "").isdigit() else 0,
        pupil_class__project=project,
    )


def _pupils_action(request, project):
    action, post = request.POST.get("action", ""), request.POST
    try:
        if action == "class":
            made = services.pupil_class_create(actor=request.user, project=project, name=post.get("name"))
            messages.success(request, _("Class %(name)s added: now add its pupils.") % {"name": made.name})
        elif action == "add":
            pupil_class = get_object_or_404(
                PupilClass, pk=post.get("class") if str(post.get("class") or "").isdigit() else 0,
                project=project,
            )
            added = services.pupils_add(actor=request.user, pupil_class=pupil_class, text=post.get("pupils"))
            messages.success(request, _("Pupils added: %(n)d. Print their cards.") % {"n": len(added)})
        elif action == "reset":
            pupil = services.pupil_reset_card(actor=request.user, pupil=_own_pupil(project, post.get("pupil")))
            messages.success(request, _("%(name)s has a new card: print it.") % {"name": pupil.name})
        elif action == "remove":
            pupil = _own_pupil(project, post.get("pupil"))
            name = pupil.name
            services.pupil_remove(actor=request.user, pupil=pupil)
            messages.success(request, _("%(name)s was removed, with everything they wrote.") % {"name": name})
        elif action == "premoderation":
            services.pupils_set_premoderation(actor=request.user, project=project, on=post.get("on") == "1")
            messages.success(request, _("Saved."))
        elif action == "pages":
            services.pupils_set_pages(actor=request.user, project=project, on=post.get("on") == "1")
            messages.success(request, _("Saved."))
        elif action in ("approve", "refuse"):
            services.pupil_post_decide(
                actor=request.user,
                message_id=post.get("message"),
                approve=action == "approve",
                reason=post.get("reason", ""),
            )
            messages.success(request, _("Published.") if action == "approve" else _("Not published."))
        else:
            raise ActionError("invalid", _("Choose what to do."))
    except ActionError as error:
        messages.error(request, error.detail)
        # the typed list stays: an error loses nothing
        if action == "add":
            context = workspace_context(request, project, "pupils")
            context.update(selectors.pupils_tab(project, request.user))
            context.update({"typed_pupils": post.get("pupils", ""), "typed_class": post.get("class")})
            return render(request, "projects/workspace_pupils.html", context, status=400)
    return redirect("projects:pupils", project.pk)


@login_required
@http_errors
def pupil_cards(request, pk, class_pk):
    """The class's cards, one per pupil, to print and cut: code, name, picture and password."""
    project = permissions.access_project(request.user, pk, need="workspace")
    pupil_class = get_object_or_404(
        PupilClass.objects.select_related("teacher__profile"), pk=class_pk, project=project
    )
    if not permissions.is_class_teacher(request.user, pupil_class):
        raise Http404
    cards = [
        {"pupil": pupil, "word": word, "picture": picture, "number": number}
        for pupil in pupil_class.pupils.all()
        for word, picture, number in [card_parts(pupil.card_word)]
    ]
    return render(
        request,
        "projects/pupil_cards.html",
        {"project": project, "pupil_class": pupil_class, "cards": cards},
    )


@login_required
@http_errors
def pupils_export(request, pk):
    """The teacher's own pupils and what they wrote in the project, as JSON (before archiving)."""
    project = permissions.access_project(request.user, pk, need="workspace")
    data = selectors.pupils_export(project, request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="project-{project.pk}-pupils-{stamp}.json"'
    return response


def pupil_sign_in(request):
    """A pupil signs in with the class code and the password on their card."""
    if is_pupil(request.user):
        return redirect("projects:pupil_home")
    error, code = "", ""
    status = 200
    if request.method == "POST":
        code = normalise_code(request.POST.get("code"))[:12]
        address = client_address(request)
        if pupil_sign_in_blocked(code, address):
            error = _("Too many wrong tries. Wait a quarter of an hour, or ask your teacher.")
            status = 429
        else:
            pupil = pupil_for_card(code, request.POST.get("password"))
            if pupil is None:
                pupil_sign_in_failed(code, address)
                error = _("The class code or the card password is not right. Look at your card again.")
                status = 400
            else:
                login(request, pupil.user, backend="community.auth.EmailBackend")
                return redirect("projects:pupil_home")
    return render(
        request, "projects/pupil_sign_in.html", {"error": error, "code": code}, status=status
    )


@login_required(login_url="projects:pupil_sign_in")
def pupil_home(request):
    """Where a pupil lands: their project's room, or a word that it is closed."""
    if not is_pupil(request.user):
        raise Http404
    project = permissions.pupil_project(request.user)
    if project is not None:
        return redirect("projects:workspace", project.pk)
    return render(request, "projects/pupil_closed.html", status=200)
