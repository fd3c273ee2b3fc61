"""The search at a glance: how far applications got, what is open, what is coming."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, DateTimeField, Exists, Func, OuterRef, Q
from django.utils import timezone

from advisor.models import Pipeline, Round, Touch, User

INTERVIEW_KINDS = ("technical", "onsite", "final", "other")
CLOSED_REASONS = (("hired", "Hired"), ("rejected", "Rejected"), ("withdrawn", "Withdrawn"))


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    count: int
    percent: int  # of all pipelines, for the bar's width


@dataclass(frozen=True)
class Overview:
    stages: tuple[Stage, ...]
    active: int
    closed: tuple[tuple[str, int], ...]
    this_week: int
    next_week: int
    meetings: int
    thank_yous_on_time: int

    @property
    def total(self) -> int:
        return self.stages[0].count

    @property
    def closed_total(self) -> int:
        return sum(count for _label, count in self.closed)


class DayLater(Func):
    """The instant 24 hours after a datetime, computed by the database itself. Django's own
    `F(...) + timedelta` on SQLite calls back into Python for every row it compares, which
    made the thank-you count the slowest part of the board."""

    output_field = DateTimeField()
    template = "(%(expressions)s + INTERVAL '1 day')"

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite keeps datetimes as "YYYY-MM-DD HH:MM:SS.ffffff" text; strftime writes the same
        # shape to the millisecond, precise enough for a 24-hour window.
        sql, params = compiler.compile(self.source_expressions[0])
        return f"strftime(%s, {sql}, '+1 day')", ["%Y-%m-%d %H:%M:%f", *params]


def search_overview(user: User, now: datetime) -> Overview:
    """Two queries whatever the account's size: pipelines with their rounds, and thank-yous
    against meetings."""
    today = timezone.localdate(now)
    week_start = datetime.combine(
        today - timedelta(days=today.weekday()), time.min, tzinfo=timezone.get_current_timezone()
    )
    week_after = week_start + timedelta(days=7)
    coming = Q(status__in=["active", "offer"]) & Q(
        rounds__status__in=[Round.Status.PLANNED, Round.Status.SCHEDULED, Round.Status.DONE]
    )
    done = Q(rounds__status=Round.Status.DONE)
    counts = Pipeline.objects.filter(owner=user).aggregate(
        applied=Count("pk", distinct=True),
        screen=Count("pk", filter=done | Q(status__in=["offer", "hired"]), distinct=True),
        interviews=Count(
            "pk",
            filter=(done & Q(rounds__kind__in=INTERVIEW_KINDS)) | Q(status__in=["offer", "hired"]),
            distinct=True,
        ),
        final=Count(
            "pk",
            filter=(done & Q(rounds__kind="final")) | Q(status__in=["offer", "hired"]),
            distinct=True,
        ),
        offer=Count("pk", filter=Q(status__in=["offer", "hired"]), distinct=True),
        hired=Count("pk", filter=Q(status="hired"), distinct=True),
        active=Count("pk", filter=Q(status__in=["active", "offer"]), distinct=True),
        rejected=Count("pk", filter=Q(status="rejected"), distinct=True),
        withdrawn=Count("pk", filter=Q(status="withdrawn"), distinct=True),
        this_week=Count(
            "rounds",
            filter=coming
            & Q(rounds__scheduled_at__gte=week_start, rounds__scheduled_at__lt=week_after),
            distinct=True,
        ),
        next_week=Count(
            "rounds",
            filter=coming
            & Q(
                rounds__scheduled_at__gte=week_after,
                rounds__scheduled_at__lt=week_after + timedelta(days=7),
            ),
            distinct=True,
        ),
    )
    labels = [
        ("applied", "Applied"),
        ("screen", "Screened"),
        ("interviews", "Interviews"),
        ("final", "Final round"),
        ("offer", "Offer"),
        ("hired", "Hired"),
    ]
    total = counts["applied"] or 1
    stages = tuple(
        Stage(key, label, counts[key], round(100 * counts[key] / total)) for key, label in labels
    )

    thank_you_in_a_day = Touch.objects.filter(
        interviewer=OuterRef("interviewer"),
        kind=Touch.Kind.THANK_YOU_SENT,
        at__gte=OuterRef("at"),
        at__lte=DayLater(OuterRef("at")),
    )
    # Only meetings whose 24 hours are over count: an open window is neither on time nor late.
    meetings = Touch.objects.filter(
        interviewer__owner=user, kind=Touch.Kind.MET, at__lte=now - timedelta(hours=24)
    ).aggregate(total=Count("pk"), on_time=Count("pk", filter=Exists(thank_you_in_a_day)))

    return Overview(
        stages=stages,
        active=counts["active"],
        closed=tuple((label, counts[key]) for key, label in CLOSED_REASONS),
        this_week=counts["this_week"],
        next_week=counts["next_week"],
        meetings=meetings["total"],
        thank_yous_on_time=meetings["on_time"],
    )
