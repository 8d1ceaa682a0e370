"""Forms for the moderation pages. Validation of the action itself lives in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.discussions.models import Community
from community.localized import sort_reference_choices
from community.models import Region
from community.moderation.models import AuditLogEntry, Report
from community.moderation.services import ACTIONS, MAX_REASON


class ActionForm(forms.Form):
    """One moderation action, posted by the plain forms on the moderation pages."""

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS], widget=forms.HiddenInput)
    message = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    member = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    community = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    room = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=MAX_REASON)
    minutes = forms.IntegerField(label=_("Minutes"), required=False)
    seconds = forms.IntegerField(label=_("Seconds between posts"), required=False)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=[
            (value, label)
            for value, label in Report.Reason.choices
            if value != Report.Reason.FLOODING
        ],
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details for the moderators"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you choose “Something else”."),
    )


class ResolveReportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Report.Status.ACTIONED, _("Action taken")),
            (Report.Status.DISMISSED, _("Dismiss: no action needed")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the reporter"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=MAX_REASON)


class AuditFilterForm(forms.Form):
    community = forms.TypedChoiceField(
        label=_("Community"), required=False, coerce=int, empty_value=None
    )
    actor = forms.CharField(label=_("Moderator (name or e-mail)"), required=False, max_length=200)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action"))] + list(AuditLogEntry.Action.choices),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, communities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", _("All communities"))] + [
            (c.pk, c.name) for c in communities
        ]


class AssignRegionForm(forms.Form):
    email = forms.EmailField(label=_("Teacher's e-mail address"))
    region = forms.ModelChoiceField(label=_("Region"), queryset=None)
    reason = forms.CharField(label=_("Note"), required=False, max_length=MAX_REASON)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.select_related("country")
        sort_reference_choices(self)


class AssignCommunityForm(forms.Form):
    email = forms.EmailField(label=_("Teacher's e-mail address"))
    community = forms.ModelChoiceField(label=_("Community"), queryset=None)
    reason = forms.CharField(label=_("Note"), required=False, max_length=MAX_REASON)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.order_by("name")
