"""One row per round, for spreadsheets."""

import csv
from typing import IO

from django.db.models import Prefetch
from django.utils import timezone

from advisor.models import Interviewer, Round, User

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
]
# A cell starting with one of these is a formula to a spreadsheet: never let it run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_rounds(out: IO[str], user: User) -> None:
    rounds = (
        Round.objects.filter(pipeline__owner=user)
        .select_related("pipeline")
        .prefetch_related(Prefetch("interviewers", queryset=Interviewer.objects.only("name")))
        .order_by("pipeline__created", "pipeline_id", "position", "pk")
    )
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for round_ in rounds:
        pipeline = round_.pipeline
        when = timezone.localtime(round_.scheduled_at) if round_.scheduled_at else None
        row = [
            pipeline.company,
            pipeline.role,
            pipeline.get_status_display(),
            round_.name,
            round_.get_kind_display(),
            round_.get_status_display(),
            when.strftime("%Y-%m-%d %H:%M") if when else "",
            str(round_.duration_minutes),
            round_.location,
            "; ".join(person.name for person in round_.interviewers.all()),
        ]
        writer.writerow([neutralise(cell) for cell in row])
