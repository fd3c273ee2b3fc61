"""One row per round, for spreadsheets."""

import csv
from collections import defaultdict
from typing import IO

from django.db.models import Prefetch
from django.utils import timezone

from advisor.models import Pipeline, Round, User

HEADER = [
    "Company",
    "Role",
    "Pipeline status",
    "Round",
    "Kind",
    "Round status",
    "Date",
    "Duration (minutes)",
    "Location",
    "Interviewers",
    "Job URL",
    "Applied on",
    "Salary",
    "Source",
    "Pipeline notes",
]
# Spreadsheet programs read a file as UTF-8 (accents and all) only when it starts with this.
BYTE_ORDER_MARK = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet: never let it run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_rounds(out: IO[str], user: User) -> None:
    """One row per round, and one for each pipeline without rounds yet (its round cells
    empty), in three queries."""
    pipelines = (
        Pipeline.objects.filter(owner=user)
        .prefetch_related(Prefetch("rounds", queryset=Round.objects.order_by("position", "pk")))
        .order_by("created", "pk")
    )
    names = _names_by_round(user)
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for pipeline in pipelines:
        job = [
            pipeline.url,
            pipeline.applied_on.isoformat() if pipeline.applied_on else "",
            pipeline.salary,
            pipeline.source,
            pipeline.notes,
        ]
        head = [pipeline.company, pipeline.role, pipeline.get_status_display()]
        for round_ in pipeline.rounds.all() or [None]:
            cells = _round_cells(round_, names[round_.pk]) if round_ else [""] * 7
            writer.writerow([neutralise(cell) for cell in [*head, *cells, *job]])


def _names_by_round(user: User) -> defaultdict[int, list[str]]:
    """Each round's people by name, read as (round, name) pairs in one join from the account's
    rounds: prefetching them by round ids made SQLite walk every account's people."""
    names = defaultdict(list)
    links = (
        Round.interviewers.through.objects.filter(round__pipeline__owner=user)
        .order_by("round_id", "interviewer__name", "interviewer_id")
        .values_list("round_id", "interviewer__name")
    )
    for round_id, name in links:
        names[round_id].append(name)
    return names


def _round_cells(round_: Round, names: list[str]) -> list[str]:
    when = timezone.localtime(round_.scheduled_at) if round_.scheduled_at else None
    return [
        round_.name,
        round_.get_kind_display(),
        round_.get_status_display(),
        when.strftime("%Y-%m-%d %H:%M") if when else "",
        str(round_.duration_minutes),
        round_.location,
        "; ".join(names),
    ]
