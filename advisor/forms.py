"""The site's forms: each validates what a candidate types before a model stores it."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.db import IntegrityError, transaction
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from advisor import invites, linkedin_import, quotas
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


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in the candidate's zone, to the minute. Django refuses the hour a
    clock change repeats or skips; here the repeated hour means its first pass, unless it is
    the time already stored (kept_if_same), and the skipped hour gets words that say why."""

    FORMAT = "%Y-%m-%dT%H:%M"

    def __init__(self, **kwargs):
        widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=self.FORMAT)
        super().__init__(widget=widget, **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "ambiguous_timezone":
                raise
            typed = error.params["datetime"]
        zone = timezone.get_current_timezone()
        first_pass = typed.replace(tzinfo=zone)
        if first_pass.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != typed:
            raise forms.ValidationError(
                "%(time)s does not exist on %(day)s in %(zone)s: the clocks go forward then. "
                "Give a time before or after the change.",
                code="skipped_by_clock_change",
                params={
                    "time": typed.strftime("%H:%M"),
                    "day": f"{typed.day} {typed:%B %Y}",
                    "zone": zone.key.replace("_", " "),
                },
            )
        return first_pass

    @staticmethod
    def kept_if_same(typed: datetime | None, stored: datetime | None) -> datetime | None:
        """The stored moment when the form sends it back as shown (its minute, in the zone):
        a form saved unchanged moves nothing, in the hour a clock change repeats too."""
        if typed is None or stored is None:
            return typed
        shown = timezone.localtime(stored).replace(second=0, microsecond=0, tzinfo=None)
        return stored if shown == timezone.localtime(typed).replace(tzinfo=None) else typed


def saved(form: forms.ModelForm) -> bool:
    """Save a valid form; False, with the form's error, when a unique constraint refuses it.

    The form's checks ran before the write, so a refusal means the same thing was stored in
    between, as a form sent twice does: checking again finds it and says so. The write is undone
    to its savepoint, so the request's transaction can still render the form."""
    try:
        with transaction.atomic():
            form.save()
    except IntegrityError:
        if form.instance.pk is not None:  # an edit: show what is stored, not what was refused
            form.instance.refresh_from_db()
        form.full_clean()
        if form.is_valid():  # nothing the checks can name
            form.add_error(
                None,
                "Nothing was saved: it clashes with something stored at the same moment, "
                "perhaps by sending this form twice. Reload the page to see what is there.",
            )
        return False
    return True


class ZoneSelect(forms.Select):
    """The select of the time zones, its ~490 options written here: Django's Select renders
    each option through a template of its own, 30 ms for this list on every settings and
    sign-up page. The same markup, its attributes and selection as Django gives them."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>', widget["name"], flatatt(widget["attrs"]), options
        )


ZONE_CHOICES = [(tz, tz.replace("_", " ")) for tz in TIME_ZONES]


class SignupForm(UserCreationForm):
    # The page's script picks the browser's zone; without it the account starts on UTC.
    time_zone = forms.TypedChoiceField(
        choices=ZONE_CHOICES,
        widget=ZoneSelect,
        initial="UTC",
        required=False,
        empty_value="UTC",
        help_text="Interview times are typed and shown in this zone.",
    )

    class Meta:
        model = User
        fields = ["username", "display_name", "email", "time_zone", "summary_enabled"]
        labels = {"display_name": "Your name, to sign notes with"}
        help_texts = {
            "summary_enabled": "On days with something due, to the address above once you "
            "confirm it. You can change this in your settings."
        }

    def clean(self):
        data = super().clean()
        if data.get("summary_enabled") and not data.get("email"):
            self.add_error("email", "Give the address the morning summary should go to.")
        return data


class SummaryForm(forms.ModelForm):
    """The morning summary: on or off, from what hour, and the address it goes to."""

    summary_hour = forms.TypedChoiceField(
        label="Send it from",
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        coerce=int,
        help_text="In your time zone: the summary goes out at this hour or soon after.",
    )

    class Meta:
        model = User
        fields = ["summary_enabled", "summary_hour", "email"]
        labels = {"email": "Your email address"}
        help_texts = {"email": "A new address is confirmed before the summary goes there."}

    def clean(self):
        data = super().clean()
        if data.get("summary_enabled") and not data.get("email"):
            self.add_error("email", "Give the address the morning summary should go to.")
        return data

    def save(self, commit: bool = True) -> User:
        if "email" in self.changed_data:
            self.instance.email_bouncing = False  # a new address has not bounced yet
        return super().save(commit)

    @property
    def needs_confirmation(self) -> bool:
        """After saving: the summary was just turned on, or its address changed, and the
        address is not confirmed."""
        user = self.instance
        changed = {"summary_enabled", "email"} & set(self.changed_data)
        return bool(changed) and user.summary_enabled and not user.email_is_confirmed


class SettingsForm(forms.ModelForm):
    time_zone = forms.TypedChoiceField(
        choices=ZONE_CHOICES,
        widget=ZoneSelect,
        help_text="Interview times are typed and shown in this zone.",
    )

    class Meta:
        model = User
        fields = ["display_name", "stance", "linkedin_premium", "time_zone", "other_emails"]
        widgets = {"stance": forms.RadioSelect, "other_emails": forms.Textarea(attrs={"rows": 2})}


class StanceForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["stance"]
        widgets = {"stance": forms.RadioSelect}


class RecordsATouch:
    """A form that adds an entry to a person's history, within the account's quota."""

    def __init__(self, *args, owner: User, **kwargs):
        self.owner = owner
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        quotas.TOUCHES.check(self.owner)
        return data


def _one_of(*kinds: Touch.Kind) -> forms.ChoiceField:
    """The kinds of entry a form records; its buttons send them, so it is never rendered."""
    return forms.ChoiceField(choices=[(kind, kind.label) for kind in kinds])


class ProfileTouchForm(RecordsATouch, forms.Form):
    """What the dashboard records on a platform: it moves the profile's link state."""

    kind = _one_of(Touch.Kind.REQUEST_SENT, Touch.Kind.FOLLOWED, Touch.Kind.REQUEST_ACCEPTED)


class InterviewerTouchForm(RecordsATouch, forms.Form):
    """What the dashboard records about a person: a comment, the thank-you sent or skipped."""

    kind = _one_of(Touch.Kind.COMMENTED, Touch.Kind.THANK_YOU_SENT, Touch.Kind.THANK_YOU_SKIPPED)
    text = forms.CharField(max_length=500, required=False)


class ResearchTickForm(forms.Form):
    """One research item ticked (`done=<item>`) or unticked (`undone=<item>`), as each button
    of a research list sends, or the whole list ticked at once (`every=1`, from the Now list)."""

    done = forms.ChoiceField(choices=ResearchItem.choices, required=False)
    undone = forms.ChoiceField(choices=ResearchItem.choices, required=False)
    every = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if sum(bool(data.get(name)) for name in ("done", "undone", "every")) != 1:
            raise forms.ValidationError("Tick or untick one research item.")
        return data

    def change(self, listed: Iterable[str]) -> tuple[list[str], bool]:
        """The keys to tick or untick, among those `listed`, and whether to tick them."""
        listed = list(listed)
        if self.cleaned_data["every"]:
            return listed, True
        key = self.cleaned_data["done"] or self.cleaned_data["undone"]
        return [key] if key in listed else [], bool(self.cleaned_data["done"])


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


class SuggestingInput(forms.TextInput):
    """A text input with a list of suggestions (a datalist): any other text is fine too."""

    def __init__(self, suggestions: Iterable[str], attrs=None):
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or 'id_' + name}-suggestions"
        html = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>', ((s,) for s in self.suggestions)
        )
        return html + format_html('<datalist id="{}">{}</datalist>', list_id, options)


class PipelineForm(forms.ModelForm):
    class Meta:
        model = Pipeline
        fields = list(Pipeline.EDITABLE)
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "applied_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "source": SuggestingInput(Pipeline.SOURCES),
        }

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            quotas.PIPELINES.check(self.instance.owner)
        return data

    @staticmethod
    def prefill(query) -> dict:
        """What /pipelines/new/?company=…&role=…&url=… (the bookmarklet) puts in the form:
        single lines cut to their fields' lengths, and an address only if it is http(s)."""
        initial = {}
        for name in ("company", "role", "url"):
            value = " ".join(query.get(name, "").replace("\x00", "").split())
            value = value[: Pipeline._meta.get_field(name).max_length]
            if name == "url" and not value.startswith(("https://", "http://")):
                continue
            if value:
                initial[name] = value
        return initial


class PipelineStatusForm(forms.ModelForm):
    class Meta:
        model = Pipeline
        fields = ["status"]


class RoundForm(forms.ModelForm):
    scheduled_at = LocalDateTimeField(
        label="Date and time",
        required=False,
        help_text="In your time zone. Optional while the round is only planned.",
    )
    # The same bounds and words as Round.clean, and the browser's min and max.
    duration_minutes = forms.IntegerField(
        label="Duration (minutes)",
        initial=60,
        min_value=1,
        max_value=24 * 60,
        error_messages={
            "min_value": "Give a duration between 1 and 1440 minutes.",
            "max_value": "Give a duration between 1 and 1440 minutes.",
        },
    )

    class Meta:
        model = Round
        fields = ["name", "kind", "status", "scheduled_at", "duration_minutes", "location", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_scheduled_at(self):
        typed = self.cleaned_data["scheduled_at"]
        return LocalDateTimeField.kept_if_same(typed, self.instance.scheduled_at)

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            quotas.ROUNDS.check(self.instance.pipeline.owner)
        return data


class RoundStatusForm(forms.Form):
    """A new status for a round. Marking a round done before its time needs `confirm=yes`,
    and `ended=now` records that it ended now; otherwise its date and time stay."""

    status = forms.ChoiceField(choices=Round.Status.choices)
    confirm = forms.CharField(required=False, max_length=10)
    ended = forms.ChoiceField(
        choices=[("planned", "At the planned time"), ("now", "Just now")], required=False
    )

    @property
    def confirmed(self) -> bool:
        return self.cleaned_data.get("confirm") == "yes"


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class AttachInterviewerForm(forms.Form):
    """Attach a contact by name: an existing one when the name matches, else a new one."""

    name = forms.CharField(max_length=200, label="Their name")
    title = forms.CharField(max_length=200, required=False, label="Their title (for a new contact)")

    def __init__(self, owner: User, *args, **kwargs):
        self.owner = owner
        self.known: Interviewer | None = None  # "jose garcia" is the José García on file
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Type the person's name.")
        self.known = Interviewer.objects.filter(owner=self.owner).named(name).order_by("pk").first()
        if self.known is None:
            quotas.PEOPLE.check(self.owner)
        return name

    def interviewer(self) -> Interviewer:
        if self.known:
            return self.known
        name = self.cleaned_data["name"]
        try:
            with transaction.atomic():
                return Interviewer.objects.create(
                    owner=self.owner, name=name, title=self.cleaned_data["title"]
                )
        except IntegrityError:  # added by a second submission of this form in the meantime
            return Interviewer.objects.get(owner=self.owner, name=name)


class MergeForm(forms.Form):
    """Which person to keep (`into`); `q` finds one by name while choosing."""

    into = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    q = forms.CharField(max_length=200, required=False, strip=True)


class InterviewerForm(forms.ModelForm):
    class Meta:
        model = Interviewer
        fields = ["name", "address_as", "title", "company", "role_relation", "email", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, owner: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.owner = owner
        self.existing: Interviewer | None = None  # someone this may be a duplicate of

    def _others(self):
        return Interviewer.objects.filter(owner=self.instance.owner).exclude(pk=self.instance.pk)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        self.existing = self._others().named(name).order_by("pk").first()
        if self.existing:
            raise forms.ValidationError(
                f"You already have a contact with this name: {self.existing.name} "
                "(capitals and accents aside)."
            )
        return name

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            quotas.PEOPLE.check(self.instance.owner)
        email = data.get("email")
        # A shared email is a warning only when adding: the candidate may say "add anyway"
        # with the warning's own button, which sends add_anyway.
        adding = self.instance.pk is None and not self.data.get("add_anyway")
        if email and adding and not self.errors:
            self.existing = self._others().filter(email__iexact=email).order_by("pk").first()
            if self.existing:
                self.add_error("email", f"{self.existing.name} already has this email.")
        return data


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
    at = LocalDateTimeField(label="When")

    class Meta:
        model = Touch
        fields = ["kind", "at", "text"]
        labels = {"kind": "What happened", "text": "Details (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("at"):
            self.initial["at"] = timezone.localtime().replace(second=0, microsecond=0)

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            quotas.TOUCHES.check(self.instance.interviewer.owner)
        return data


class InviteForm(forms.Form):
    """A calendar invitation, uploaded or pasted; on its preview, what the candidate chose."""

    file = forms.FileField(label="The invitation file (.ics)", required=False)
    text = forms.CharField(
        label="Or paste its text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text="Open the .ics attachment in a text editor: it starts with BEGIN:VCALENDAR.",
    )
    uid = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    leave_out = forms.TypedMultipleChoiceField(
        coerce=int, required=False, choices=[(i, i) for i in range(invites.MAX_PEOPLE)]
    )
    first_only = forms.BooleanField(required=False)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None and upload.size > invites.MAX_BYTES:
            self.add_error("file", "This file is larger than 1 MB; an invitation is far smaller.")
        elif upload is not None:
            data["raw"] = upload.read()
        elif data.get("text", "").strip():
            data["raw"] = data["text"]
        elif not self.errors:
            raise forms.ValidationError("Choose an invitation file, or paste its text.")
        return data


class LinkedInForm(forms.Form):
    """LinkedIn's Connections.csv, or on its preview the signed matches to confirm."""

    file = forms.FileField(label="Connections.csv from LinkedIn's data export", required=False)
    plan = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("plan"):
            try:
                data["connections"] = linkedin_import.unseal(self.user, data["plan"])
            except linkedin_import.ConnectionsError as error:
                raise forms.ValidationError(str(error)) from None
        elif data.get("file") is None:
            if not self.errors:
                self.add_error("file", "Choose the Connections.csv file.")
        elif data["file"].size > linkedin_import.MAX_BYTES:
            self.add_error("file", "This file is larger than 10 MB; LinkedIn's is far smaller.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="A file exported from Interview Advisor (.json, or .json.gz for a large account)"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                f"This file is larger than {limit} MB; an export from this site is far smaller."
            )
        return upload
