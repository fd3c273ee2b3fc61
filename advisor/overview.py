"""The search at a glance: how far applications got, what is open, what is coming."""

import contextlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import DatabaseError
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    Func,
    Max,
    OuterRef,
    Q,
    Subquery,
)
from django.utils import timezone

from advisor.models import Round, Touch, User

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


# The figures change with the candidate's writes and with time. A write of theirs moves their
# data version on (data_changed). Time moves the week's bounds and ends meetings' 24 hours: the
# figures are counted again every five minutes, so what time alone changes shows up to five
# minutes late.
FRESH_FOR = 300  # seconds
# One more whenever count_overview's figures change: the figures an earlier version kept are
# then counted again, not read without the new ones.
FIGURES_FORMAT = 1


def data_changed(user_id: int) -> None:
    """Something of the user's was written: the board counts their overview again."""
    User.objects.filter(pk=user_id).update(data_version=F("data_version") + 1)


def search_overview(user: User, now: datetime) -> Overview:
    """The figures counted for the user's data version, time zone and five minutes, else
    counted now, in one query, and kept on their row, which every request reads anyway."""
    overview, counted = kept_overview(user, now)
    if counted:
        keep_on_row(user, "overview_counts")
    return overview


def freshness(user: User, now: datetime) -> str:
    """What kept figures were worked out for: the user's data version, time zone and five
    minutes. Kept figures with another are old."""
    minutes = int(now.timestamp() // FRESH_FOR)
    return f"{user.data_version} {timezone.get_current_timezone_name()} {minutes}"


def kept_overview(user: User, now: datetime) -> tuple[Overview, bool]:
    """The figures kept on the user's row, else counted now and set on it (not saved: see
    keep_on_row), with whether they were counted."""
    key = f"{FIGURES_FORMAT} {freshness(user, now)}"
    stored = user.overview_counts or {}
    if stored.get("key") == key:
        return _overview(stored["counts"]), False
    counts = count_overview(user, now)
    user.overview_counts = {"key": key, "counts": counts}
    return _overview(counts), True


def keep_on_row(user: User, *fields: str) -> None:
    """Save what was worked out for the user into these fields of their row, in one query."""
    # A read-only or busy database still shows the board, working it out on every visit. Kept
    # only for the version worked out: after a write since then, it is old already.
    with contextlib.suppress(DatabaseError):
        User.objects.filter(pk=user.pk, data_version=user.data_version).update(
            **{name: getattr(user, name) for name in fields}
        )


def count_overview(user: User, now: datetime) -> dict[str, int]:
    """The overview's figures, in one query whatever the account's size: the user's row
    joined to their pipelines and rounds, with the thank-yous against meetings alongside."""
    today = timezone.localdate(now)
    week_start = datetime.combine(
        today - timedelta(days=today.weekday()), time.min, tzinfo=timezone.get_current_timezone()
    )
    week_after = week_start + timedelta(days=7)
    reached_offer = Q(pipelines__status__in=["offer", "hired"])
    done = Q(pipelines__rounds__status=Round.Status.DONE)
    coming = Q(pipelines__status__in=["active", "offer"]) & Q(
        pipelines__rounds__status__in=[
            Round.Status.PLANNED,
            Round.Status.SCHEDULED,
            Round.Status.DONE,
        ]
    )

    def pipelines(condition: Q | None = None) -> Count:
        return Count("pipelines", filter=condition, distinct=True)

    def rounds_from(start: datetime, end: datetime) -> Count:
        when = Q(
            pipelines__rounds__scheduled_at__gte=start, pipelines__rounds__scheduled_at__lt=end
        )
        return Count("pipelines__rounds", filter=coming & when, distinct=True)

    thank_you_in_a_day = Touch.objects.filter(
        interviewer=OuterRef("interviewer"),
        kind=Touch.Kind.THANK_YOU_SENT,
        at__gte=OuterRef("at"),
        at__lte=DayLater(OuterRef("at")),
    )
    # Only meetings whose 24 hours are over count: an open window is neither on time nor late.
    meetings = Touch.objects.filter(
        interviewer__owner=user, kind=Touch.Kind.MET, at__lte=now - timedelta(hours=24)
    )
    return User.objects.filter(pk=user.pk).aggregate(
        applied=pipelines(),
        screen=pipelines(done | reached_offer),
        interviews=pipelines(
            (done & Q(pipelines__rounds__kind__in=INTERVIEW_KINDS)) | reached_offer
        ),
        final=pipelines((done & Q(pipelines__rounds__kind="final")) | reached_offer),
        offer=pipelines(reached_offer),
        hired=pipelines(Q(pipelines__status="hired")),
        active=pipelines(Q(pipelines__status__in=["active", "offer"])),
        rejected=pipelines(Q(pipelines__status="rejected")),
        withdrawn=pipelines(Q(pipelines__status="withdrawn")),
        this_week=rounds_from(week_start, week_after),
        next_week=rounds_from(week_after, week_after + timedelta(days=7)),
        # The same for every row: Max only carries the count into this aggregate.
        meetings=Max(_row_count(meetings)),
        thank_yous_on_time=Max(_row_count(meetings.filter(Exists(thank_you_in_a_day)))),
    )


def _row_count(queryset) -> Subquery:
    """How many rows the queryset has, as a subquery (COUNT by a function: no GROUP BY)."""
    return Subquery(queryset.order_by().annotate(rows=Func("pk", function="COUNT")).values("rows"))


_STAGES = [
    ("applied", "Applied"),
    ("screen", "Screened"),
    ("interviews", "Interviews"),
    ("final", "Final round"),
    ("offer", "Offer"),
    ("hired", "Hired"),
]


def _overview(counts: dict[str, int]) -> Overview:
    total = counts["applied"] or 1
    return Overview(
        stages=tuple(
            Stage(key, label, counts[key], round(100 * counts[key] / total))
            for key, label in _STAGES
        ),
        active=counts["active"],
        closed=tuple((label, counts[key]) for key, label in CLOSED_REASONS),
        this_week=counts["this_week"],
        next_week=counts["next_week"],
        meetings=counts["meetings"],
        thank_yous_on_time=counts["thank_yous_on_time"],
    )
