"""Forms: shape and type checks only; the rules are in services and permissions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.localized import sort_reference_choices
from community.models import Country, Language, Region, Subject

from .models import (
    ENTRY_SCORE_MAX,
    ENTRY_SCORE_MIN,
    LABEL_SCORE_MAX,
    LABEL_SCORE_MIN,
    LabelCriterion,
    Partnership,
    Project,
    Task,
)

DATE = forms.DateInput(attrs={"type": "date"})


class ProjectForm(forms.ModelForm):
    seeking_partners = forms.BooleanField(
        label=_("Publish on the board of ideas now, to find partners"), required=False
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "description",
            "subjects",
            "age_min",
            "age_max",
            "languages",
            "curriculum_topics",
            "start_date",
            "end_date",
            "cover",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "subjects": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "description": _(
                "Blank lines make paragraphs; *emphasis*, **strong**, lists with “- ”."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sort_reference_choices(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        low, high = data.get("age_min"), data.get("age_max")
        if low is not None and high is not None and high < low:
            self.add_error("age_max", _("The oldest age cannot be below the youngest age."))
        cover = data.get("cover")
        if cover and hasattr(cover, "size") and cover.size > 5 * 1024 * 1024:
            self.add_error("cover", _("Images can be at most 5 MB."))
        return data


class FinalReportForm(forms.Form):
    final_report = forms.CharField(
        label=_("Final report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the pupils did and learned, in every partner school."),
    )


class PublishForm(forms.Form):
    outcomes = forms.CharField(
        label=_("Outcomes"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("What the project produced: shown on the public showcase page."),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Teacher's e-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Partnership.Role.PARTNER, _("Partner (can invite others)")),
            (Partnership.Role.MEMBER, _("Member (takes part)")),
        ],
    )
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Why would you like to join?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_date = forms.DateField(label=_("Date"), widget=DATE)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    milestone = forms.ModelChoiceField(label=_("Milestone"), queryset=None, required=False)
    assignee = forms.ModelChoiceField(label=_("Assignee"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Due"), widget=DATE, required=False)

    def __init__(self, *args, project, **kwargs):
        from community.models import User

        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = project.milestones.all()
        self.fields["assignee"].queryset = User.objects.filter(
            project_partnerships__project=project,
            project_partnerships__status=Partnership.Status.ACCEPTED,
        ).select_related("profile")


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class JournalEntryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    happened_on = forms.DateField(label=_("Date of the activity"), widget=DATE)
    school = forms.ModelChoiceField(
        label=_("Which partner school did it"), queryset=None, required=False
    )
    body = forms.CharField(label=_("What we did"), widget=forms.Textarea(attrs={"rows": 6}))
    files = MultipleFileField(
        label=_("Images and documents"),
        required=False,
        help_text=_(
            "Images (JPEG, PNG, GIF, WebP) up to 5 MB; documents (PDF, DOCX, ODT, PPTX...) up to 20 MB."
        ),
    )
    on_showcase = forms.BooleanField(
        label=_("Show this entry on the public showcase"), required=False
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        from community.models import School

        self.fields["school"].queryset = School.objects.filter(pk__in=[s.pk for s in schools])


class FileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    upload = forms.FileField(label=_("File"))


class LabelApplicationForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in LabelCriterion:
            self.fields[criterion.value] = forms.CharField(
                label=criterion.label, widget=forms.Textarea(attrs={"rows": 4})
            )

    def answers(self):
        return {c.value: self.cleaned_data[c.value] for c in LabelCriterion}


class LabelReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("grant", _("Grant the label")), ("refuse", _("Refuse the label"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in LabelCriterion:
            self.fields[f"score_{criterion.value}"] = forms.IntegerField(
                label=_("Score: %(criterion)s") % {"criterion": criterion.label},
                min_value=LABEL_SCORE_MIN,
                max_value=LABEL_SCORE_MAX,
                help_text=_("From %(min)d to %(max)d")
                % {"min": LABEL_SCORE_MIN, "max": LABEL_SCORE_MAX},
            )
            self.fields[f"feedback_{criterion.value}"] = forms.CharField(
                label=_("Feedback: %(criterion)s") % {"criterion": criterion.label},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def criteria_fields(self):
        return [(c, self[f"score_{c.value}"], self[f"feedback_{c.value}"]) for c in LabelCriterion]

    def scores(self):
        return {c.value: self.cleaned_data[f"score_{c.value}"] for c in LabelCriterion}

    def feedback(self):
        return {c.value: self.cleaned_data[f"feedback_{c.value}"] for c in LabelCriterion}


class CompetitionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    deadline = forms.DateTimeField(
        label=_("Deadline for entries"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    categories = forms.CharField(
        label=_("Categories"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. “Ages 6–10”."),
    )
    jury = forms.ModelMultipleChoiceField(
        label=_("Jury"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ambassadors and staff."),
    )

    def __init__(self, *args, **kwargs):
        from django.db.models import Q

        from community.models import User

        super().__init__(*args, **kwargs)
        self.fields["jury"].queryset = (
            User.objects.filter(
                Q(is_staff=True) | Q(is_superuser=True) | Q(ambassadorships__isnull=False)
            )
            .distinct()
            .select_related("profile")
        )

    def category_names(self):
        return [
            line.strip() for line in self.cleaned_data["categories"].splitlines() if line.strip()
        ]


class EntryForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=None)
    category = forms.ModelChoiceField(label=_("Category"), queryset=None)

    def __init__(self, *args, competition, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = competition.categories.all()
        self.fields["project"].queryset = Project.objects.filter(
            partnerships__user=user,
            partnerships__status=Partnership.Status.ACCEPTED,
            partnerships__role__in=[Partnership.Role.FOUNDER, Partnership.Role.PARTNER],
        ).exclude(status__in=[Project.Status.DRAFT, Project.Status.SEEKING])


class ScoreForm(forms.Form):
    score = forms.IntegerField(
        label=_("Score"),
        min_value=ENTRY_SCORE_MIN,
        max_value=ENTRY_SCORE_MAX,
        help_text=_("From %(min)d to %(max)d") % {"min": ENTRY_SCORE_MIN, "max": ENTRY_SCORE_MAX},
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ProjectFilterForm(forms.Form):
    """The partner-finding filters (GET): teachers, the board of ideas and the showcase."""

    q = forms.CharField(label=_("Words"), required=False)
    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=Subject.objects.all(), required=False
    )
    age = forms.IntegerField(label=_("Pupils' age"), min_value=3, max_value=25, required=False)
    language = forms.ModelChoiceField(
        label=_("Working language"), queryset=Language.objects.all(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.select_related("country"), required=False
    )
    rural = forms.BooleanField(label=_("Rural schools"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sort_reference_choices(self)

    def filters(self):
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data.get("q") or "",
            "subject": data["subject"].pk if data.get("subject") else None,
            "age": data.get("age"),
            "language": data["language"].pk if data.get("language") else None,
            "country": data["country"].pk if data.get("country") else None,
            "region": data["region"].pk if data.get("region") else None,
            "rural": bool(data.get("rural")),
            "looking": bool(data.get("looking")),
            "year": data.get("year"),
            "labelled": bool(data.get("labelled")),
            "awarded": bool(data.get("awarded")),
        }


class TeacherFilterForm(ProjectFilterForm):
    looking = forms.BooleanField(label=_("Looking for partners"), required=False)


class ShowcaseFilterForm(ProjectFilterForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    labelled = forms.BooleanField(label=_("With a quality label"), required=False)
    awarded = forms.BooleanField(label=_("Award winners"), required=False)
