"""Competitions: the list, a new one, entering, scoring and announcing the winners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from community.errors import ActionError
from community.permissions import is_staff

from .. import permissions, selectors, services
from ..forms import CompetitionForm, EntryForm, ScoreForm
from ..models import Competition, CompetitionEntry
from ._common import action


def competitions(request):
    return render(
        request,
        "projects/competitions.html",
        {
            "competitions": selectors.competitions(),
            "can_create": permissions.can_manage_competitions(request.user),
        },
    )


@login_required
def competition_create(request):
    if not permissions.can_manage_competitions(request.user):
        raise PermissionDenied
    form = CompetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            competition = services.competition_create(
                actor=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                deadline=form.cleaned_data["deadline"],
                categories=form.category_names(),
                jury=list(form.cleaned_data["jury"]),
            )
        except ActionError as error:
            form.add_error(None, error.detail)
        else:
            return redirect("projects:competition", competition.pk)
    return render(
        request,
        "projects/competition_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def competition_detail(request, pk):
    competition = get_object_or_404(Competition.objects.prefetch_related("categories"), pk=pk)
    user = request.user
    is_jury = user.is_authenticated and permissions.can_judge(user, competition)
    entries = (
        list(selectors.competition_entries(competition)) if (is_jury or is_staff(user)) else []
    )
    if is_jury:
        for entry in entries:
            entry.may_score = not permissions.is_member(user, entry.project)
    awards = list(selectors.competition_awards(competition)) if competition.announced_at else []
    entry_form = None
    if user.is_authenticated and competition.announced_at is None:
        entry_form = EntryForm(competition=competition, user=user)
        if not entry_form.fields["project"].queryset.exists():
            entry_form = None
    return render(
        request,
        "projects/competition_detail.html",
        {
            "competition": competition,
            "entries": entries,
            "awards": awards,
            "is_jury": is_jury,
            "entry_form": entry_form,
            "score_form": ScoreForm(),
            "can_announce": permissions.can_manage_competitions(user)
            and competition.announced_at is None,
        },
    )


@action
def competition_enter(request, pk):
    competition = get_object_or_404(Competition, pk=pk)
    form = EntryForm(request.POST, competition=competition, user=request.user)
    if not form.is_valid():
        raise ActionError("invalid", _("Choose one of your projects and a category."))
    services.competition_enter(actor=request.user, competition=competition, **form.cleaned_data)
    messages.success(request, _("Your project is entered."))
    return redirect("projects:competition", competition.pk)


@action
def entry_score(request, pk):
    entry = get_object_or_404(
        CompetitionEntry.objects.select_related("competition", "project"), pk=pk
    )
    form = ScoreForm(request.POST)
    if not form.is_valid():
        raise ActionError(
            "invalid", _("Scores go from %(min)d to %(max)d.") % {"min": 0, "max": 10}
        )
    services.entry_score(actor=request.user, entry=entry, **form.cleaned_data)
    messages.success(request, _("Score saved."))
    return redirect("projects:competition", entry.competition_id)


@action
def competition_announce(request, pk):
    competition = get_object_or_404(Competition, pk=pk)
    services.competition_announce(actor=request.user, competition=competition)
    messages.success(request, _("The winners are announced."))
    return redirect("projects:competition", competition.pk)
