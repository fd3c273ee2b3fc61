"""The candidate's data: pipelines and their rounds, interviewers with profiles and touches."""

import secrets
import zoneinfo
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, validate_email
from django.db import models, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from advisor import platforms
from advisor.advice import COMPANY_RESEARCH, RESEARCH_ITEMS
from advisor.advice import first_name as guess_first_name
from advisor.fields import OneLineField
from advisor.matching import fold, fold_email


def new_calendar_secret() -> str:
    return secrets.token_urlsafe(32)


# Region/City names only: the old aliases (US/Eastern, GB) and Etc/GMT+5 (whose sign is the
# opposite of what it seems) only confuse a picker.
_REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
TIME_ZONES = [
    "UTC",
    *sorted(tz for tz in zoneinfo.available_timezones() if tz.split("/")[0] in _REGIONS),
]


def validate_email_lines(value: str) -> None:
    for address in value.split():
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(f"{address!r} is not an email address.") from None


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone; pick one like Europe/London.")


class Stance(models.TextChoices):
    STRATEGIC = "strategic", "Strategic: connect when it helps (The Empowered Candidate)"
    CAUTIOUS = "cautious", "Cautious: wait until hired (Hays)"


class User(AbstractUser):
    display_name = OneLineField(
        "name to sign drafts with",
        max_length=100,
        blank=True,
        help_text="Used at the end of notes and emails. Leave empty to sign with nothing.",
    )
    stance = models.CharField(
        "advice stance", max_length=10, choices=Stance.choices, default=Stance.STRATEGIC
    )
    linkedin_premium = models.BooleanField(
        "my LinkedIn account is Premium",
        default=False,
        help_text="Premium invitation notes may be 300 characters instead of 200.",
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    calendar_secret = models.CharField(max_length=64, unique=True, default=new_calendar_secret)
    other_emails = models.TextField(
        "my other email addresses",
        blank=True,
        max_length=2_000,
        validators=[validate_email_lines],
        help_text="One per line. Calendar invitations leave these out, with the address above.",
    )
    summary_enabled = models.BooleanField(
        "email me a morning summary",
        default=False,
        help_text="On days with something due: thank-yous, interviews, research, and requests "
        "that have become advisable. Your email address is confirmed first.",
    )
    summary_hour = models.PositiveSmallIntegerField(
        "send it from",
        default=7,
        validators=[MaxValueValidator(23)],
        help_text="The hour in your time zone from which the summary may go out.",
    )
    # The address its owner confirmed; the summary goes out only while it is still `email`.
    email_confirmed = models.EmailField(blank=True, editable=False)
    # The mail server refused the address (5xx): the summary was turned off.
    email_bouncing = models.BooleanField(default=False, editable=False)
    # One more after every write of theirs (advisor/overview.py data_changed): what the board's
    # stored overview is checked against.
    data_version = models.PositiveIntegerField(default=0, editable=False)
    # The board's overview figures as last counted, with what they were counted for
    # (overview.py): on the row the session loads anyway, they cost no query to read.
    overview_counts = models.JSONField(null=True, blank=True, editable=False)
    # The board's rows as last worked out, with what for (board.py): JSON kept as text, read
    # only by the board, where the other pages load it with the row without parsing it.
    board_content = models.TextField(blank=True, editable=False)

    # Written only by their own UPDATEs (overview.data_changed, overview.keep_on_row).
    KEPT_FIELDS = ("data_version", "overview_counts", "board_content")

    def save(self, **kwargs) -> None:
        # A save of the row (a settings form, a password change) leaves out what it read of
        # these: written back, a version older than a write made meanwhile would come round
        # again and bring back what was kept for it (views.kept_round_page_data, the board).
        whole_row = kwargs.get("update_fields") is None and not kwargs.get("force_insert")
        if whole_row and not self._state.adding:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.KEPT_FIELDS
            ]
        super().save(**kwargs)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def linkedin_note_limit(self) -> int:
        return 300 if self.linkedin_premium else 200

    def regenerate_calendar_secret(self) -> None:
        self.calendar_secret = new_calendar_secret()
        self.save(update_fields=["calendar_secret"])

    def own_addresses(self) -> set[str]:
        """The candidate's own email addresses, folded: calendar invitations leave them out."""
        addresses = [self.email, *self.other_emails.split()]
        return {fold_email(address) for address in addresses if address.strip()}

    @property
    def email_is_confirmed(self) -> bool:
        return bool(self.email) and self.email_confirmed == self.email

    def confirm_email(self, address: str) -> bool:
        """Confirm `address` if it is still the account's; False for an address since changed."""
        if not address or address != self.email:
            return False
        self.email_confirmed = address
        self.email_bouncing = False
        self.save(update_fields=["email_confirmed", "email_bouncing"])
        return True

    def stop_summary(self) -> None:
        self.summary_enabled = False
        self.save(update_fields=["summary_enabled"])

    def mark_bouncing(self) -> None:
        """The mail server refused the address: the summary stops until it is confirmed again."""
        User.objects.filter(pk=self.pk).update(
            email_bouncing=True, summary_enabled=False, email_confirmed=""
        )
        self.email_bouncing, self.summary_enabled, self.email_confirmed = True, False, ""


class SummarySent(models.Model):
    """A morning summary the mail server accepted: one per user and local day (the unique pair
    is also what stops two runs of send_reminders from both sending it)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="summaries")
    date = models.DateField()  # the local date it was for: shown, never a key (day_start is)
    # The moment that local day began: the day's key. The date alone is not: after a move far
    # west, the new zone's first morning has the date of the summary sent in the old one.
    day_start = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)
    # Keys of the requests and follows advisable when it went out: the next one names only new ones.
    advisable = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day_start"], name="one_summary_per_user_and_local_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.date}"


class PipelineQuerySet(models.QuerySet):
    CLOSED_STATUSES = ("hired", "rejected", "withdrawn")

    def open(self):
        return self.exclude(status__in=self.CLOSED_STATUSES)

    def closed(self):
        return self.filter(status__in=self.CLOSED_STATUSES)

    def delete(self):
        """With their rounds go the meetings they recorded: left behind, their `met` touches
        would read as coffee chats (MEETING_OF_ITS_OWN), about another application's job."""
        with transaction.atomic():
            Touch.objects.filter(round__pipeline__in=self, kind=Touch.Kind.MET).delete()
            return super().delete()

    # One accepted offer, two at most: a third within a week would be noise, not news.
    HIRED_LATELY = 2

    def hired_lately_ids(self, owner: "User", now: datetime, recent: timedelta):
        """The ids of the owner's latest pipelines hired within `recent` (as far as their last
        change tells), as a subquery: the board and the summary suggest connecting with the
        people met there (T4, where both sources agree). After a rejection a note is only
        "fine" (T5): the round page offers it, the lists of what to do do not."""
        hired = self.filter(owner=owner, status=Pipeline.Status.HIRED, updated__gte=now - recent)
        return hired.order_by("-updated", "pk").values("pk")[: self.HIRED_LATELY]

    def thank_you_open_ids(self, owner: "User", latest: int) -> models.QuerySet:
        """The ids of the `latest` of the owner's open pipelines with a meeting that no
        thank-you (sent or skipped) has followed yet, however old, the latest meeting first, as
        a subquery: the board and the morning summary list these thank-yous until they are
        done, as the round page does. The advice decides which are still open."""
        meetings = (
            Round.interviewers.through.objects.filter(
                round__pipeline__owner=owner,
                round__status=Round.Status.DONE,
                round__scheduled_at__isnull=False,
            )
            .exclude(round__pipeline__status__in=self.CLOSED_STATUSES)
            # Thanked since the meeting, or since a coffee chat after it (thanks_counted_from).
            .annotate(thanks_from=thanks_counted_from("round__scheduled_at"))
            .exclude(Exists(thanked_since(OuterRef("interviewer_id"), OuterRef("thanks_from"))))
            # Met again since, in this application or another (one closed since makes this
            # thank-you moot): the later meeting's thank-you is the one awaited.
            .exclude(
                Exists(met_again_since(OuterRef("interviewer_id"), OuterRef("round__scheduled_at")))
            )
            .values("round__pipeline_id")  # one row per pipeline, by its latest such meeting
            .annotate(latest_meeting=Max("round__scheduled_at"))
            .order_by("-latest_meeting", "-round__pipeline_id")
            .values("round__pipeline_id")[:latest]
        )
        return meetings

    def chat_thank_you_open_ids(self, owner: "User", latest: int) -> models.QuerySet:
        """The ids of the `latest` of the owner's open pipelines with a round (of any status)
        whose person's latest coffee chat awaits a thank-you (chats_awaiting_thanks), the
        latest chat first, as a subquery: met before any interview, that person has no
        finished round to bring the thank-you to the lists (thank_you_open_ids)."""
        # The chats first, once for the owner; then the rounds of their people, by a join.
        awaiting = chats_awaiting_thanks(interviewer__owner=owner).values("pk")
        return (
            Round.interviewers.through.objects.filter(
                round__pipeline__owner=owner, interviewer__touches__in=awaiting
            )
            .exclude(round__pipeline__status__in=self.CLOSED_STATUSES)
            .values("round__pipeline_id")
            .annotate(latest_chat=Max("interviewer__touches__at"))
            .order_by("-latest_chat", "-round__pipeline_id")
            .values("round__pipeline_id")[:latest]
        )

    def for_board(
        self,
        owner: "User",
        *,
        first: int,
        size: int,
        now: datetime,
        recent: timedelta,
        actions: int,
    ):
        """The owner's pipelines, offers first, for one page of the board: the open ones on
        the page (`on_page`); those of the `actions` latest meetings, nearest interviews and
        interviews passed but not marked done; those with a thank-you still open
        (thank_you_open_ids, chat_thank_you_open_ids; with_rounds marks their meetings); and
        those hired within `recent` (hired_lately_ids), whose people may be connected with
        now (T4);
        Round.for_actions picks the latter among them again, from the rounds loaded, which
        costs less than a second annotation. The view adds their rounds and the rounds' people
        (with_rounds). Cost follows what the board shows, not how long the search has been."""
        offers_first = (
            models.Case(models.When(status=Pipeline.Status.OFFER, then=0), default=1),
            "-updated",
            "pk",
        )
        ordered = self.filter(owner=owner).open().order_by(*offers_first)
        # A join, not a subquery of `ordered`: the database runs it sooner.
        rounds = Round.objects.filter(pipeline__owner=owner).exclude(
            pipeline__status__in=self.CLOSED_STATUSES
        )
        on_page = Q(pk__in=ordered.values("pk")[first : first + size])
        for_actions = (
            Q(
                pk__in=rounds.filter(Round.recently_met(now, recent))
                .order_by(*Round.RECENTLY_MET_FIRST)
                .values("pipeline_id")[:actions]
            )
            | Q(
                pk__in=rounds.filter(Round.coming_up(now))
                .order_by(*Round.COMING_UP_FIRST)
                .values("pipeline_id")[:actions]
            )
            | Q(
                pk__in=rounds.filter(Round.passed_not_done(now))
                .order_by(*Round.RECENTLY_MET_FIRST)
                .values("pipeline_id")[:actions]
            )
        )
        thank_you_open = Q(pk__in=self.thank_you_open_ids(owner, actions)) | Q(
            pk__in=self.chat_thank_you_open_ids(owner, actions)
        )
        hired = Q(pk__in=self.hired_lately_ids(owner, now, recent))
        return (
            self.filter(owner=owner)
            .order_by(*offers_first)
            .filter(on_page | for_actions | thank_you_open | hired)
        ).annotate(on_page=models.ExpressionWrapper(on_page, models.BooleanField()))


class Pipeline(models.Model):
    # What the source field suggests; any other text is fine too.
    SOURCES = ("job board", "referral", "recruiter", "company site")
    # What the candidate writes about an application: its form and its import read these.
    EDITABLE = (
        "company",
        "role",
        "url",
        "location",
        "status",
        "applied_on",
        "salary",
        "source",
        "notes",
    )

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        OFFER = "offer", "Offer"
        HIRED = "hired", "Hired"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="pipelines")
    company = OneLineField(max_length=200)
    role = OneLineField(max_length=200)
    url = models.URLField("job posting URL", max_length=500, blank=True)
    location = OneLineField(max_length=200, blank=True)
    applied_on = models.DateField("applied on", null=True, blank=True)
    salary = OneLineField(
        max_length=100, blank=True, help_text="A figure or a range, as the posting gives it."
    )
    source = OneLineField(
        "where you found it",
        max_length=100,
        blank=True,
        help_text="A job board, a referral, a recruiter, the company's site…",
    )
    notes = models.TextField(blank=True, max_length=20_000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # Research about the organisation (culture, projects and clients) is done once per
    # application, whoever the candidate meets: the keys of advice.COMPANY_RESEARCH done.
    researched = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    objects = PipelineQuerySet.as_manager()

    class Meta:
        ordering = ["-updated"]
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return f"{self.role} at {self.company}"

    def get_absolute_url(self) -> str:
        return reverse("pipeline", args=[self.pk])

    def delete(self, *args, **kwargs):
        """With its rounds go the meetings they recorded (PipelineQuerySet.delete)."""
        with transaction.atomic():
            Touch.objects.filter(round__pipeline=self, kind=Touch.Kind.MET).delete()
            return super().delete(*args, **kwargs)

    def mark_updated(self) -> None:
        """Move the pipeline up the board: something in it changed."""
        Pipeline.mark_updated_by_id(self.pk)

    @classmethod
    def mark_updated_by_id(cls, pipeline_id: int) -> None:
        cls.objects.filter(pk=pipeline_id).update(updated=timezone.now())

    @property
    def is_closed(self) -> bool:
        return self.status in PipelineQuerySet.CLOSED_STATUSES

    def set_researched(self, keys: Iterable[str], done: bool) -> None:
        """Tick or untick research items about the organisation; safe to repeat and to race."""
        with transaction.atomic():
            found = Pipeline.objects.select_for_update().filter(pk=self.pk)
            current = set(found.values_list("researched", flat=True).get())
            current = current | set(keys) if done else current - set(keys)
            self.researched = [item.key for item in COMPANY_RESEARCH if item.key in current]
            found.update(researched=self.researched)

    def next_position(self) -> int:
        last = self.rounds.aggregate(models.Max("position"))["position__max"]
        return 0 if last is None else last + 1

    def move_round(self, round_: "Round", step: int) -> None:
        """Swap a round with its neighbour before (step -1) or after (step +1)."""
        with transaction.atomic():
            rounds = list(self.rounds.select_for_update().order_by("position", "pk"))
            index = next(i for i, r in enumerate(rounds) if r.pk == round_.pk)
            other = index + step
            if not 0 <= other < len(rounds):
                return
            rounds[index], rounds[other] = rounds[other], rounds[index]
            for position, r in enumerate(rounds):
                if r.position != position:
                    r.position = position
                    r.save(update_fields=["position"])
            self.mark_updated()


def fold_name(name: str) -> str:
    """The name folded (advisor.matching), cut to fit its column even if folding lengthened it."""
    return fold(name)[:200]


class InterviewerQuerySet(models.QuerySet):
    """Bulk writes keep `name_key` in step with the name, as save() does."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for person in objs:
            person.name_key = fold_name(person.name)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "name" in fields:
            fields = [*fields, "name_key"]
            for person in objs:
                person.name_key = fold_name(person.name)
        return super().bulk_update(objs, fields, *args, **kwargs)

    def named(self, name: str):
        """People whose name is `name`, whatever its letter case and accents."""
        return self.filter(name_key=fold_name(name))

    def name_contains(self, text: str):
        """People whose name contains `text`, whatever its letter case and accents."""
        return self.filter(name_key__contains=fold(text))

    def search(self, query: str):
        """The people list's search: a name, a title or company, or a company they
        interviewed the candidate for (who interviewed me at Acme?)."""
        return self.filter(
            Q(name_key__contains=fold(query))
            | Q(company__icontains=query)
            | Q(title__icontains=query)
            | Q(rounds__pipeline__company__icontains=query)
        ).distinct()

    def list_rows(self) -> list[dict]:
        """Plain values for the people list, with their touch count and platforms' names:
        model objects with their profiles cost more to build than the list takes to render."""
        rows = list(
            self.annotate(touch_count=Count("touches"))
            .order_by("name", "pk")
            .values("pk", "name", "title", "company", "touch_count")
        )
        platforms = {row["pk"]: [] for row in rows}
        profiles = Profile.objects.filter(interviewer__in=platforms)  # platform order (Meta)
        for person_id, platform in profiles.values_list("interviewer_id", "platform"):
            platforms[person_id].append(Profile.Platform(platform).label)
        for row in rows:
            row["platforms"] = platforms[row["pk"]]
        return rows


class Interviewer(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="interviewers")
    name = OneLineField(max_length=200)
    # The name folded (advisor.matching): what searches and matching compare, on any database.
    name_key = models.CharField(max_length=200, editable=False, default="")
    title = OneLineField(max_length=200, blank=True)
    company = OneLineField(max_length=200, blank=True)
    role_relation = OneLineField(
        "how their role relates to the job",
        max_length=500,
        blank=True,
        help_text="For example: would be my manager; runs the platform team I would join.",
    )
    address_as = OneLineField(
        "how to address them",
        max_length=200,
        blank=True,
        help_text="How your drafts greet them, e.g. Li Wei or Professor Tanaka. "
        "Leave empty to use their first name.",
    )
    email = models.EmailField(blank=True)
    notes = models.TextField(blank=True, max_length=20_000)
    topic = OneLineField(
        "a topic to mention",
        max_length=200,
        blank=True,
        help_text="Something from your conversation, or a post or article of theirs.",
    )
    created = models.DateTimeField(default=timezone.now)

    objects = InterviewerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="interviewer_name_per_owner")
        ]
        indexes = [models.Index(fields=["owner", "name_key"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = fold_name(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("interviewer", args=[self.pk])

    def likely_duplicates(self) -> models.QuerySet:
        """Other people of the same owner who may be this person: the same name (ignoring
        case and accents), the same email, the same first and last name with a middle name
        more or less, or the same name with a surname more or less (José García Ruiz)."""
        same = Q(name_key=self.name_key)
        if self.email:
            same |= Q(email__iexact=self.email.strip())
        words = self.name_key.split()
        if len(words) >= 2:
            same |= Q(name_key__startswith=f"{words[0]} ", name_key__endswith=f" {words[-1]}")
            same |= Q(name_key__startswith=f"{self.name_key} ")
            same |= Q(name_key__in=[" ".join(words[:n]) for n in range(2, len(words))])
        return Interviewer.objects.filter(same, owner_id=self.owner_id).exclude(pk=self.pk)

    def merge_preview(self, other: "Interviewer") -> dict:
        """What merge_into(other) would do, for its confirmation page."""
        their_rounds = set(other.rounds.values_list("pk", flat=True))
        their_states = dict(other.profiles.values_list("platform", "state"))
        rounds = list(self.rounds.select_related("pipeline").order_by("scheduled_at", "pk"))
        profiles = []
        for profile in self.profiles.all():
            theirs = their_states.get(profile.platform)
            state = profile.state
            if theirs is not None:
                state = max(theirs, profile.state, key=Profile.STATE_ORDER.index)
            profiles.append(
                {
                    "profile": profile,
                    "joins_theirs": theirs is not None,
                    "state": Profile.State(state).label,
                }
            )
        details = [
            self._meta.get_field(field).verbose_name
            for field in MERGED_DETAILS
            if getattr(self, field) and not getattr(other, field)
        ]
        if self.notes and self.notes not in other.notes:
            details.append("notes")
        return {
            "rounds": [r for r in rounds if r.pk not in their_rounds],
            "shared_rounds": [r for r in rounds if r.pk in their_rounds],
            "profiles": profiles,
            "touches": self.touches.count(),
            "research": self.research_ticks.exclude(
                item__in=other.research_ticks.values("item")
            ).count(),
            "details": details,
        }

    def merge_into(self, other: "Interviewer") -> None:
        """Make `other` this person too, then delete this one: its rounds, profiles, touches
        and research ticks move to `other`, and its details fill what `other` leaves empty.
        A profile on a platform `other` already has merges into it, the more advanced link
        state winning; a meeting both have recorded for the same round is kept once."""
        if other.pk == self.pk or other.owner_id != self.owner_id:
            raise ValueError("A person can only be merged into another person of the same owner.")
        with transaction.atomic():
            links = Round.interviewers.through.objects
            their_rounds = links.filter(interviewer=other).values("round_id")
            links.filter(interviewer=self).exclude(round_id__in=their_rounds).update(
                interviewer=other
            )
            theirs = {profile.platform: profile for profile in other.profiles.all()}
            for profile in self.profiles.all():
                kept = theirs.get(profile.platform)
                if kept is None:
                    profile.interviewer = other
                    profile.save(update_fields=["interviewer"])
                    continue
                kept.state = max(kept.state, profile.state, key=Profile.STATE_ORDER.index)
                kept.handle = kept.handle or profile.handle
                kept.url = kept.url or profile.url
                kept.save(update_fields=["state", "handle", "url"])
            met_rounds = other.touches.filter(kind=Touch.Kind.MET, round__isnull=False)
            self.touches.filter(
                kind=Touch.Kind.MET, round_id__in=met_rounds.values("round_id")
            ).delete()
            self.touches.update(interviewer=other)
            their_items = other.research_ticks.values("item")
            self.research_ticks.exclude(item__in=their_items).update(interviewer=other)
            for field in MERGED_DETAILS:
                if not getattr(other, field) and getattr(self, field):
                    setattr(other, field, getattr(self, field))
            if self.notes and self.notes not in other.notes:
                other.notes = f"{other.notes}\n\n{self.notes}".strip()[:20_000]
            other.created = min(other.created, self.created)
            other.save()
            self.delete()

    def undo_thank_you(self) -> int:
        """Take back "thank-you sent" or "skipped" for the meeting it was for, so it is due
        again: the latest that was not a round of an application since closed (a round of an
        open one or a coffee chat; advising.meeting_facts)."""
        chats = self.touches.filter(MEETING_OF_ITS_OWN, kind=Touch.Kind.MET)
        chat = chats.aggregate(latest=Max("at"))["latest"]
        open_round = (
            Round.objects.filter(interviewers=self, status=Round.Status.DONE)
            .exclude(scheduled_at=None)
            .exclude(pipeline__status__in=PipelineQuerySet.CLOSED_STATUSES)
            .order_by("-scheduled_at", "-pk")
            .first()
        )
        # From the start of that meeting: a thank-you recorded from then on was for it.
        latest = chat
        if open_round is not None and (chat is None or chat <= open_round.scheduled_at):
            latest = open_round.scheduled_at
        if latest is None:
            return 0
        kinds = [Touch.Kind.THANK_YOU_SENT, Touch.Kind.THANK_YOU_SKIPPED]
        deleted, _ = self.touches.filter(kind__in=kinds, at__gte=latest).delete()
        return deleted

    @property
    def first_name(self) -> str:
        """How the drafts greet them: "how to address them" when set, else the first name
        guessed from their name (honorifics, suffixes and initials left out)."""
        return " ".join(self.address_as.split()) or guess_first_name(self.name)


# What a merge copies to the kept person when theirs is empty (notes are added together).
MERGED_DETAILS = ("title", "company", "role_relation", "address_as", "email", "topic")


class RoundQuerySet(models.QuerySet):
    def for_calendar(self, user: "User", now: datetime):
        """The candidate's planned and scheduled rounds from a day ago on, for their calendar
        feed, with what each event names (the pipeline and the people)."""
        return (
            self.filter(
                pipeline__owner=user,
                status__in=[Round.Status.PLANNED, Round.Status.SCHEDULED],
                scheduled_at__gte=now - timedelta(days=1),
            )
            .select_related("pipeline")
            .prefetch_related("interviewers")
            .order_by("scheduled_at")
        )


class Round(models.Model):
    class Kind(models.TextChoices):
        SCREEN = "screen", "Screen"
        PHONE = "phone", "Phone"
        TECHNICAL = "technical", "Technical"
        ONSITE = "onsite", "Onsite"
        FINAL = "final", "Final"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        SCHEDULED = "scheduled", "Scheduled"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    pipeline = models.ForeignKey(Pipeline, on_delete=models.CASCADE, related_name="rounds")
    name = OneLineField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OTHER)
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    scheduled_at = models.DateTimeField("date and time", null=True, blank=True)
    duration_minutes = models.PositiveIntegerField("duration (minutes)", default=60)
    # The length planned, while marking the round done under way cut it (mark_done): set back
    # to planned or cancelled, it gets it again.
    planned_minutes = models.PositiveIntegerField(null=True, blank=True, editable=False)
    location = OneLineField("location or video link", max_length=500, blank=True)
    notes = models.TextField(blank=True, max_length=20_000)
    interviewers = models.ManyToManyField(Interviewer, related_name="rounds", blank=True)
    # The calendar invitation it came from (advisor/invites.py): importing it again updates it.
    invite_uid = models.CharField(max_length=255, blank=True, db_index=True, editable=False)

    # "Upcoming" on the board: from a little after the start to two weeks ahead.
    STARTED_LATELY = timedelta(hours=2)
    COMING_UP = timedelta(days=14)
    # The board's next actions look at the pipelines of the first few of these (for_board).
    RECENTLY_MET_FIRST = ("-scheduled_at", "pk")
    COMING_UP_FIRST = ("scheduled_at", "pk")

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["pipeline", "position"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("interview", args=[self.pk])

    def delete(self, *args, **kwargs):
        """With the round go the meetings it recorded (see Pipeline.delete)."""
        with transaction.atomic():
            self.forget_meetings()
            return super().delete(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.status in (self.Status.SCHEDULED, self.Status.DONE) and not self.scheduled_at:
            errors["scheduled_at"] = "A scheduled or finished round needs its date and time."
        if self.duration_minutes is not None and not 1 <= self.duration_minutes <= 24 * 60:
            errors["duration_minutes"] = "Give a duration between 1 and 1440 minutes."
        elif self.scheduled_at is not None and self.scheduled_at.year >= 9999:
            # Its end would be past the last date Python knows.
            errors["scheduled_at"] = "Give a date before the year 9999."
        if errors:
            raise ValidationError(errors)

    @property
    def ends_at(self) -> datetime | None:
        if self.scheduled_at is None:
            return None
        return self.scheduled_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_upcoming(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.SCHEDULED)

    def is_coming_up(self, now: datetime) -> bool:
        return (
            self.is_upcoming
            and self.scheduled_at is not None
            and now - self.STARTED_LATELY <= self.scheduled_at <= now + self.COMING_UP
        )

    @staticmethod
    def recently_met(now: datetime, recent: timedelta) -> Q:
        return Q(status=Round.Status.DONE, scheduled_at__gte=now - recent)

    @staticmethod
    def passed_not_done(now: datetime) -> Q:
        """Rounds not marked done that started before the Upcoming list's window: the board
        asks whether they took place (is_awaiting_outcome)."""
        return Q(
            status__in=[Round.Status.PLANNED, Round.Status.SCHEDULED],
            scheduled_at__lt=now - Round.STARTED_LATELY,
        )

    def is_awaiting_outcome(self, now: datetime) -> bool:
        """Its time has passed but it is not marked done: did it take place?"""
        return self.is_upcoming and self.ends_at is not None and self.ends_at <= now

    @staticmethod
    def coming_up(now: datetime) -> Q:
        return Q(
            status__in=[Round.Status.PLANNED, Round.Status.SCHEDULED],
            scheduled_at__gte=now - Round.STARTED_LATELY,
            scheduled_at__lte=now + Round.COMING_UP,
        )

    @staticmethod
    def for_actions(rounds: Iterable["Round"], now: datetime, recent: timedelta, actions: int):
        """The ids of the pipelines of the `actions` latest meetings within `recent` and of the
        `actions` nearest interviews among these rounds: what for_board's filter picked, when
        they are the rounds it loaded."""
        rounds = list(rounds)
        met = [r for r in rounds if r.status == Round.Status.DONE and r.scheduled_at is not None]
        met = [r for r in met if r.scheduled_at >= now - recent]
        met.sort(key=lambda r: r.pk)
        met.sort(key=lambda r: r.scheduled_at, reverse=True)  # stable: ties stay by id
        coming = [r for r in rounds if r.is_coming_up(now)]
        coming.sort(key=lambda r: (r.scheduled_at, r.pk))
        return {r.pipeline_id for r in met[:actions] + coming[:actions]}

    def is_ahead(self, now: datetime) -> bool:
        """Not started yet: marking it done needs the candidate's word (views.round_status)."""
        return self.scheduled_at is not None and self.scheduled_at > now

    def mark_done(
        self, *, at: datetime, ended_at: datetime | None = None, as_typed: bool = False
    ) -> list["Touch"]:
        """Finish the round and record that the candidate met each of its interviewers; the
        "met" touches made are returned, so that the change can be undone (restore).

        The round keeps its date and time unless the candidate gives the time it really ended
        (`ended_at`); a round without a date gets one that ends `at`; one under way ended
        sooner than planned, by `at`: its length is cut to end then (the meeting's end, which
        the thank-you's 24 hours and T3's day count from), unless its form just gave them
        (`as_typed`)."""
        with transaction.atomic():
            if ended_at is not None:
                self.scheduled_at = ended_at - timedelta(minutes=self.duration_minutes)
            elif self.scheduled_at is None:
                self.scheduled_at = at - timedelta(minutes=self.duration_minutes)
            elif not as_typed and self.scheduled_at <= at < self.ends_at:
                minutes = (at - self.scheduled_at) // timedelta(minutes=1)
                if self.planned_minutes is None:  # the first cut keeps the length planned
                    self.planned_minutes = self.duration_minutes
                self.duration_minutes = max(1, minutes)
            self.status = self.Status.DONE
            self.save(
                update_fields=["status", "scheduled_at", "duration_minutes", "planned_minutes"]
            )
            met = self._record_meetings(self.interviewers.all(), at=at)
            Pipeline.mark_updated_by_id(self.pipeline_id)
        return met

    def _record_meetings(self, people, *, at: datetime) -> list["Touch"]:
        already_met = set(
            Touch.objects.filter(round=self, kind=Touch.Kind.MET).values_list(
                "interviewer_id", flat=True
            )
        )
        met_at = min(self.ends_at, at)
        return Touch.objects.bulk_create(
            Touch(interviewer=i, round=self, kind=Touch.Kind.MET, at=met_at, text=self.name)
            for i in people
            if i.pk not in already_met
        )

    def sync_meetings(self, *, now: datetime) -> int:
        """After a finished round's date or length is edited, its "met" touches move with it:
        the history, the advice's timing and the thank-you's due time all read them."""
        if self.status != self.Status.DONE or self.ends_at is None:
            return 0
        meetings = Touch.objects.filter(round=self, kind=Touch.Kind.MET)
        return meetings.update(at=min(self.ends_at, now))

    def restore(
        self,
        *,
        status: str,
        scheduled_at: datetime | None,
        touches: Iterable[int],
        duration_minutes: int | None = None,
    ) -> None:
        """Take a status change back: the status, time and length it had, without the meetings
        the change recorded (`touches`, as mark_done returned them)."""
        with transaction.atomic():
            Touch.objects.filter(round=self, kind=Touch.Kind.MET, pk__in=list(touches)).delete()
            self.status, self.scheduled_at = status, scheduled_at
            if duration_minutes is not None:
                self.duration_minutes = duration_minutes
            self.planned_minutes = None
            self.save(
                update_fields=["status", "scheduled_at", "duration_minutes", "planned_minutes"]
            )
            if status == self.Status.DONE:  # back to done: the meetings leaving it took away
                self._record_meetings(self.interviewers.all(), at=timezone.now())
            Pipeline.mark_updated_by_id(self.pipeline_id)

    def forget_meetings(self) -> None:
        """A round no longer done did not happen: the meetings marking it done recorded go."""
        Touch.objects.filter(round=self, kind=Touch.Kind.MET).delete()

    def undo_done(self) -> None:
        """No longer done: its meetings go, and the length it was planned with comes back if
        marking it done cut it (mark_done). Saved by the caller."""
        self.forget_meetings()
        if self.planned_minutes is not None:  # it did not end early after all
            self.duration_minutes, self.planned_minutes = self.planned_minutes, None

    def detach(self, interviewer: "Interviewer") -> None:
        """Take someone off the round: if it is done, the meeting it recorded with them goes."""
        with transaction.atomic():
            self.interviewers.remove(interviewer)
            Touch.objects.filter(round=self, interviewer=interviewer, kind=Touch.Kind.MET).delete()

    def attach(self, interviewer: "Interviewer", *, at: datetime) -> None:
        """Add someone to the round; if it is already done, the candidate has met them."""
        with transaction.atomic():
            self.interviewers.add(interviewer)
            if self.status == self.Status.DONE:
                self._record_meetings([interviewer], at=at)

    def set_status(
        self, status: str, *, at: datetime, ended_at: datetime | None = None
    ) -> list["Touch"]:
        """Change the status; marking it done returns the meetings recorded (see mark_done)."""
        if status == self.Status.DONE:
            return self.mark_done(at=at, ended_at=ended_at)
        with transaction.atomic():
            if self.status == self.Status.DONE:
                self.undo_done()
            self.status = status
            self.save(update_fields=["status", "duration_minutes", "planned_minutes"])
            Pipeline.mark_updated_by_id(self.pipeline_id)
        return []


class Profile(models.Model):
    class Platform(models.TextChoices):
        LINKEDIN = "linkedin", "LinkedIn"
        TWITTER = "twitter", "Twitter/X"
        FACEBOOK = "facebook", "Facebook"
        WECHAT = "wechat", "WeChat"
        INSTAGRAM = "instagram", "Instagram"
        BLUESKY = "bluesky", "Bluesky"
        MASTODON = "mastodon", "Mastodon"
        THREADS = "threads", "Threads"
        GITHUB = "github", "GitHub"

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public"
        PRIVATE = "private", "Private"

    class Tone(models.TextChoices):
        PROFESSIONAL = "professional", "Professional"
        CASUAL = "casual", "Casual"
        CONTROVERSIAL = "controversial", "Controversial (very political, personal or heated)"

    class State(models.TextChoices):
        NONE = "none", "Not linked"
        REQUESTED = "requested", "Request sent"
        CONNECTED = "connected", "Connected"
        FOLLOWING = "following", "Following"
        DECLINED = "declined", "Declined or ignored"

    # From no link to the fullest: when two records of one person meet, the later one wins.
    STATE_ORDER = (State.NONE, State.REQUESTED, State.DECLINED, State.FOLLOWING, State.CONNECTED)

    interviewer = models.ForeignKey(Interviewer, on_delete=models.CASCADE, related_name="profiles")
    platform = models.CharField(max_length=10, choices=Platform.choices)
    handle = OneLineField(max_length=200, blank=True)
    url = models.URLField("profile URL", max_length=500, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    tone = models.CharField(
        "tone of their posts", max_length=15, choices=Tone.choices, default=Tone.PROFESSIONAL
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.NONE)

    class Meta:
        ordering = ["platform", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interviewer", "platform"], name="one_profile_per_platform"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}: {self.handle or self.url}"

    def clean(self) -> None:
        errors = {}
        self.handle = platforms.normalise_handle(self.platform, self.handle or "")
        self.url = (self.url or "").strip()
        if not self.handle and not self.url:
            errors["handle"] = "Give a handle or a profile URL (or both)."
        if self.platform in platforms.SPECS:
            if self.handle and (problem := platforms.handle_error(self.platform, self.handle)):
                errors["handle"] = problem
            if self.url and (problem := platforms.url_error(self.platform, self.url)):
                errors["url"] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def link(self) -> str:
        """An https link to the profile, or "" when there is none to make."""
        link = platforms.profile_link(self.platform, self.handle, self.url)
        return link if link.startswith("https://") else ""

    def record(self, kind: str, *, at: datetime, text: str = "") -> "Touch":
        """Record what the candidate did on this platform and move the link state along."""
        new_state = {
            Touch.Kind.REQUEST_SENT: self.State.REQUESTED,
            Touch.Kind.REQUEST_ACCEPTED: self.State.CONNECTED,
            Touch.Kind.FOLLOWED: self.State.FOLLOWING,
        }.get(kind)
        with transaction.atomic():
            touch = Touch.objects.create(
                interviewer_id=self.interviewer_id,
                kind=kind,
                at=at,
                text=text or self.get_platform_display(),
                platform=self.platform,
            )
            if new_state:
                self.state = new_state
                self.save(update_fields=["state"])
        return touch


class Touch(models.Model):
    class Kind(models.TextChoices):
        MET = "met", "Met in an interview"
        FOLLOWED = "followed", "Followed"
        COMMENTED = "commented", "Commented on a post"
        REQUEST_SENT = "request_sent", "Sent a request"
        REQUEST_ACCEPTED = "request_accepted", "Request accepted"
        THANK_YOU_SENT = "thank_you_sent", "Sent a thank-you"
        THANK_YOU_SKIPPED = "thank_you_skipped", "Chose not to send a thank-you"
        OTHER = "other", "Other"

    interviewer = models.ForeignKey(Interviewer, on_delete=models.CASCADE, related_name="touches")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField("when", default=timezone.now)
    text = OneLineField(max_length=500, blank=True)
    platform = models.CharField(
        max_length=10,
        choices=Profile.Platform.choices,
        blank=True,
        help_text="The platform this happened on, when there is one.",
    )
    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="touches"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        # Kind before time: pages ask for one person's touches of some kinds, in time order,
        # and the overview for a thank-you within a day of each meeting.
        indexes = [models.Index(fields=["interviewer", "kind", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"


# The research checklist's items come from the advice engine, one list for forms and files.
ResearchItem = models.TextChoices(
    "ResearchItem", [(item.key.upper(), (item.key, item.label)) for item in RESEARCH_ITEMS]
)


class ResearchTick(models.Model):
    """One research checklist item the candidate has done for an interviewer."""

    interviewer = models.ForeignKey(
        Interviewer, on_delete=models.CASCADE, related_name="research_ticks"
    )
    item = models.CharField(max_length=40, choices=ResearchItem.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interviewer", "item"], name="one_tick_per_item")
        ]

    def __str__(self) -> str:
        return self.item

    @classmethod
    def set(cls, interviewer: Interviewer, item: str, done: bool) -> None:
        """Tick or untick an item; safe to repeat and to race."""
        if done:
            cls.objects.get_or_create(interviewer=interviewer, item=item)
        else:
            cls.objects.filter(interviewer=interviewer, item=item).delete()


class Person(NamedTuple):
    """An interviewer as a round lists them: id and name."""

    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


# A `met` touch of a finished round is that round's own record (Round.mark_done): the round
# is the meeting, with its day and its application. Any other `met` touch is a meeting of its
# own (a coffee chat).
MEETING_OF_ITS_OWN = Q(round__isnull=True) | ~Q(round__status=Round.Status.DONE)


def thanked_since(interviewer, since) -> models.QuerySet:
    """The thank-yous sent or skipped for this person (an id or OuterRef) since `since`."""
    return Touch.objects.filter(
        interviewer=interviewer,
        kind__in=(Touch.Kind.THANK_YOU_SENT, Touch.Kind.THANK_YOU_SKIPPED),
        at__gte=since,
    )


def chats_after(since: str) -> models.QuerySet:
    """The coffee chats (`met` touches of no finished round) with the outer row's person
    (its `interviewer_id`) after its field `since`."""
    return Touch.objects.filter(
        MEETING_OF_ITS_OWN,
        interviewer=OuterRef("interviewer_id"),
        kind=Touch.Kind.MET,
        at__gt=OuterRef(since),
    )


def thanks_counted_from(met_at: str) -> Coalesce:
    """For a row of a round's people: the moment a thank-you for that meeting (the round's
    start, the field `met_at`) counts from, a later coffee chat with the person being then the
    latest meeting, which the thank-you is for."""
    chat = chats_after(met_at).order_by("-at").values("at")[:1]
    return Coalesce(Subquery(chat), F(met_at))


def met_again_since(interviewer, since) -> models.QuerySet:
    """This person's (an id or OuterRef) finished rounds after `since`, in open applications,
    that no coffee chat followed: a thank-you is for the latest meeting, so a meeting followed
    by another awaits none. After a coffee chat, the chat is the latest meeting, and one of the
    rounds before it brings its thank-you to the lists."""
    return (
        Round.interviewers.through.objects.filter(
            interviewer=interviewer, round__status=Round.Status.DONE, round__scheduled_at__gt=since
        )
        # A later meeting in an application since closed asks for no thank-you (moot): the
        # one for the meeting before it still stands.
        .exclude(round__pipeline__status__in=PipelineQuerySet.CLOSED_STATUSES)
        .exclude(Exists(chats_after("round__scheduled_at")))
    )


def chats_awaiting_thanks(**person) -> models.QuerySet:
    """The coffee chats (`met` touches of no finished round) of the people `person` selects
    (e.g. interviewer=OuterRef(...)) that are their latest meeting and that no thank-you, sent
    or skipped, has followed: the thank-you awaited for a meeting of its own. A finished round
    with them since, in an open application, is the later meeting (met_again_since)."""
    return (
        Touch.objects.filter(MEETING_OF_ITS_OWN, kind=Touch.Kind.MET, **person)
        .exclude(Exists(chats_after("at")))
        .exclude(Exists(thanked_since(OuterRef("interviewer_id"), OuterRef("at"))))
        .exclude(Exists(met_again_since(OuterRef("interviewer_id"), OuterRef("at"))))
    )


def with_rounds(pipelines: Iterable[Pipeline]) -> list[Pipeline]:
    """The pipelines, each with `round_list`: its rounds in order as a plain list, each round
    with its pipeline and its `people` (with_people), in two queries. The board reads each
    pipeline's rounds several times: a list costs less than prefetch_related's manager, which
    Django builds anew on each read. Each round says whether a person on it still awaits a
    thank-you for it (`thank_you_awaited`, for a done round): none sent or skipped since it
    (or since a coffee chat after it), and no later round with them in an open application
    (met_again_since); and when the latest coffee chat with one of its people awaits one
    (`chat_awaited_at`, chats_awaiting_thanks), for a round of any status: the lists link that
    thank-you to a round of theirs, before any interview too."""
    pipelines = list(pipelines)
    by_id = {pipeline.pk: pipeline for pipeline in pipelines}
    for pipeline in pipelines:
        pipeline.round_list = []
    awaited = (
        Round.interviewers.through.objects.filter(round=OuterRef("pk"))
        .annotate(thanks_from=thanks_counted_from("round__scheduled_at"))
        .exclude(Exists(thanked_since(OuterRef("interviewer_id"), OuterRef("thanks_from"))))
        .exclude(
            Exists(met_again_since(OuterRef("interviewer_id"), OuterRef("round__scheduled_at")))
        )
    )
    rounds = (
        Round.objects.filter(pipeline_id__in=list(by_id))
        .annotate(
            thank_you_awaited=Exists(awaited),
            chat_awaited_at=Subquery(
                chats_awaiting_thanks(interviewer__rounds=OuterRef("pk"))
                .order_by("-at")
                .values("at")[:1]
            ),
        )
        .order_by("position", "pk")
    )
    pipeline_field = Round._meta.get_field("pipeline")
    for round_ in with_people(rounds):
        pipeline = by_id[round_.pipeline_id]
        pipeline_field.set_cached_value(round_, pipeline)
        pipeline.round_list.append(round_)
    return pipelines


def with_people(rounds: Iterable["Round"]) -> list["Round"]:
    """The rounds, each with `people`: its interviewers (Person) as a plain list, in one query.
    The advice reads them once per person and round; a list costs far less to read than a
    related manager, which Django builds anew on every access, and pairs of id and name less
    to load than model instances."""
    rounds = list(rounds)
    by_round: dict[int, list[Person]] = {}
    for round_ in rounds:
        round_.people = by_round.setdefault(round_.pk, [])
    links = (
        Round.interviewers.through.objects.filter(round__in=list(by_round))
        .order_by("interviewer__name", "interviewer_id")
        .values_list("round_id", "interviewer_id", "interviewer__name")
    )
    for round_id, person_id, name in links:
        by_round[round_id].append(Person(person_id, name))
    return rounds


def interviewers_with_details(touch_kinds: tuple[str, ...] = (), *, research: bool = True):
    """Interviewers with their profiles, touches and research ticks, in a fixed number of
    queries (cards.read_their_rounds adds their meetings). `touch_kinds` limits the touches
    loaded, for pages that need only some; `research=False` leaves the ticks out, for pages
    that count them instead."""
    touches = Touch.objects.order_by("-at", "-pk")
    if touch_kinds:
        touches = touches.filter(kind__in=touch_kinds)
    lookups = [
        Prefetch("profiles", queryset=Profile.objects.order_by("platform", "pk")),
        Prefetch("touches", queryset=touches),
    ]
    if research:
        lookups.append("research_ticks")
    return Interviewer.objects.prefetch_related(*lookups)


def latest_met_rounds() -> models.QuerySet:
    """The finished rounds with the outer query's person (OuterRef "pk"), the latest first."""
    return Round.objects.filter(
        interviewers=OuterRef("pk"), status=Round.Status.DONE, scheduled_at__isnull=False
    ).order_by("-scheduled_at", "-pk")
