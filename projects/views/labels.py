"""Quality labels: applying for one and reviewing an application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from community.errors import ActionError, http_errors

from .. import permissions, services
from ..forms import LabelApplicationForm, LabelReviewForm
from ..models import LabelApplication, LabelCriterion


@login_required
@http_errors
def label_apply(request, pk):
    project = permissions.access_project(request.user, pk, need="workspace")
    form = LabelApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.label_apply(actor=request.user, project=project, answers=form.answers())
        except ActionError as error:
            form.add_error(None, error.detail)
        else:
            messages.success(request, _("Your application is sent to the reviewers."))
            return redirect("projects:detail", project.pk)
    return render(
        request,
        "projects/label_apply.html",
        {"project": project, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def label_review(request, pk):
    application = get_object_or_404(LabelApplication.objects.select_related("project"), pk=pk)
    if not permissions.can_review_label(
        request.user, application
    ) and not permissions.can_view_workspace(request.user, application.project):
        raise Http404
    can_review = permissions.can_review_label(request.user, application)
    form = LabelReviewForm(request.POST or None)
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.label_review(
                    actor=request.user,
                    application=application,
                    scores=form.scores(),
                    feedback=form.feedback(),
                    grant=form.cleaned_data["decision"] == "grant",
                )
            except ActionError as error:
                form.add_error(None, error.detail)
            else:
                messages.success(request, _("Your review is saved and the partners are told."))
                return redirect("projects:label_review", application.pk)
    answers = [
        (
            c.label,
            application.answers.get(c.value, ""),
            application.scores.get(c.value),
            application.feedback.get(c.value, ""),
        )
        for c in LabelCriterion
    ]
    return render(
        request,
        "projects/label_review.html",
        {
            "application": application,
            "project": application.project,
            "answers": answers,
            "form": form,
            "can_review": can_review,
        },
        status=400 if form.errors else 200,
    )
