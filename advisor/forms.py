"""The site's forms: each validates what a candidate types before a model stores it."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.utils import timezone

from advisor.models import (
    TIME_ZONES,
    Interviewer,
    Pipeline,
    Profile,
    ResearchItem,
    Round,
    Touch,
    User,
)


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ["username", "email"]


class SettingsForm(forms.ModelForm):
    time_zone = forms.TypedChoiceField(
        choices=[(tz, tz.replace("_", " ")) for tz in TIME_ZONES],
        help_text="Interview times are typed and shown in this zone.",
    )

    class Meta:
        model = User
        fields = ["display_name", "stance", "linkedin_premium", "time_zone"]
        widgets = {"stance": forms.RadioSelect}


class StanceForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["stance"]
        widgets = {"stance": forms.RadioSelect}


class ProfileTouchForm(forms.Form):
    """What the dashboard records on a platform: it moves the profile's link state."""

    kind = forms.ChoiceField(
        choices=[
            (Touch.Kind.REQUEST_SENT, "Request sent"),
            (Touch.Kind.FOLLOWED, "Followed"),
            (Touch.Kind.REQUEST_ACCEPTED, "Request accepted"),
        ]
    )


class InterviewerTouchForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (Touch.Kind.COMMENTED, "Commented"),
            (Touch.Kind.THANK_YOU_SENT, "Thank-you sent"),
            (Touch.Kind.THANK_YOU_SKIPPED, "Thank-you skipped"),
        ]
    )
    text = forms.CharField(max_length=500, required=False)


class ResearchTickForm(forms.Form):
    """One research item ticked (`done=<item>`) or unticked (`undone=<item>`): each button of
    the card's research list sends one of the two."""

    done = forms.ChoiceField(choices=ResearchItem.choices, required=False)
    undone = forms.ChoiceField(choices=ResearchItem.choices, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("done")) == bool(data.get("undone")):
            raise forms.ValidationError("Tick or untick one research item.")
        return data


class TopicForm(forms.ModelForm):
    class Meta:
        model = Interviewer
        fields = ["topic"]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password


class PipelineForm(forms.ModelForm):
    class Meta:
        model = Pipeline
        fields = ["company", "role", "url", "location", "status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class PipelineStatusForm(forms.ModelForm):
    class Meta:
        model = Pipeline
        fields = ["status"]


class RoundForm(forms.ModelForm):
    scheduled_at = forms.DateTimeField(
        label="Date and time",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="In your time zone. Optional while the round is only planned.",
    )

    class Meta:
        model = Round
        fields = ["name", "kind", "status", "scheduled_at", "duration_minutes", "location", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class RoundStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Round.Status.choices)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class AttachInterviewerForm(forms.Form):
    """Attach a contact by name: an existing one when the name matches, else a new one."""

    name = forms.CharField(max_length=200, label="Their name")
    title = forms.CharField(max_length=200, required=False, label="Their title (for a new contact)")

    def __init__(self, owner: User, *args, **kwargs):
        self.owner = owner
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Type the person's name.")
        return name

    def interviewer(self) -> Interviewer:
        name = self.cleaned_data["name"]
        known = Interviewer.objects.filter(owner=self.owner, name__iexact=name).first()
        if known:  # "jordan lee" is the Jordan Lee already on file
            return known
        return Interviewer.objects.create(
            owner=self.owner, name=name, title=self.cleaned_data["title"]
        )


class InterviewerForm(forms.ModelForm):
    class Meta:
        model = Interviewer
        fields = ["name", "address_as", "title", "company", "role_relation", "email", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, owner: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.owner = owner

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        taken = Interviewer.objects.filter(owner=self.instance.owner, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("You already have a contact with this name.")
        return name


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["platform", "handle", "url", "visibility", "tone", "state"]
        help_texts = {
            "visibility": "Look at their profile: a private account changes the advice.",
            "tone": "Heated political or very personal posts change the advice too.",
            "state": "What is already there between you on this platform.",
        }

    def __init__(self, *args, interviewer: Interviewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.interviewer = interviewer

    def validate_unique(self) -> None:
        taken = Profile.objects.filter(
            interviewer=self.instance.interviewer, platform=self.cleaned_data.get("platform")
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            self.add_error("platform", "This person already has a profile on this platform.")


class TouchForm(forms.ModelForm):
    at = forms.DateTimeField(
        label="When",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = Touch
        fields = ["kind", "at", "text"]
        labels = {"kind": "What happened", "text": "Details (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("at"):
            self.initial["at"] = timezone.localtime().replace(second=0, microsecond=0)


class ImportForm(forms.Form):
    file = forms.FileField(label="A JSON file exported from Interview Advisor")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                f"This file is larger than {limit} MB; an export from this site is far smaller."
            )
        return upload
