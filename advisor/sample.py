"""Sample data a newcomer can add to their own account to try the site, and remove in one click.

Everything it creates carries MARK at the end of its name (the pipeline's company, each
person's name), so removing it deletes exactly what it added and nothing the candidate typed.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from advisor.models import Interviewer, Pipeline, Profile, Round, User

MARK = " (sample)"


def working_hours(user: User, now: datetime):
    """`at(days, hour)`: that hour on the day `days` from today in the user's zone, moved off
    a weekend (to the Monday after; a past day to the Friday before): interviews in work hours."""
    zone = user.tz
    today = timezone.localtime(now, zone).date()

    def at(days: int, hour: int) -> datetime:
        day = today + timedelta(days=days)
        step = timedelta(days=1 if days > 0 else -1)
        while days and day.weekday() >= 5:
            day += step
        return datetime.combine(day, time(hour), tzinfo=zone)

    return at


def latest_working_hour(user: User, now: datetime, *, at_least: timedelta) -> datetime:
    """The latest whole hour between 9:00 and 16:00 on a weekday in the user's zone that is at
    least `at_least` before now: a meeting that happened lately, in the working day."""
    moment = timezone.localtime(now - at_least, user.tz).replace(minute=0, second=0, microsecond=0)
    while not (9 <= moment.hour <= 16 and moment.weekday() < 5):
        moment -= timedelta(hours=1)
    return moment


def add_person(owner: User, name: str, title: str, company: str, relation: str, **profiles):
    """A person with a profile per platform: `linkedin="handle"`, or a dict of the profile's
    fields for more than the handle (`facebook={"handle": "x", "tone": "casual"}`)."""
    interviewer = Interviewer.objects.create(
        owner=owner, name=name, title=title, company=company, role_relation=relation
    )
    for platform, fields in profiles.items():
        fields = {"handle": fields} if isinstance(fields, str) else fields
        Profile.objects.create(interviewer=interviewer, platform=platform, **fields)
    return interviewer


def add_round(
    pipeline: Pipeline, position: int, name: str, kind: str, *, at=None, people=(), **fields
) -> Round:
    """A round of the pipeline, scheduled `at` if given, else planned, with its people."""
    fields["status"] = Round.Status.SCHEDULED if at else Round.Status.PLANNED
    round_ = Round.objects.create(
        pipeline=pipeline, name=name, kind=kind, position=position, scheduled_at=at, **fields
    )
    round_.interviewers.add(*people)
    return round_


def is_sample(pipeline: Pipeline) -> bool:
    return pipeline.company.endswith(MARK)


def samples(user: User) -> tuple:
    """The sample's pipelines and people in this account."""
    return (
        Pipeline.objects.filter(owner=user, company__endswith=MARK),
        Interviewer.objects.filter(owner=user, name__endswith=MARK),
    )


def has_sample(user: User) -> bool:
    return samples(user)[0].exists()


@transaction.atomic
def add_sample(user: User, now: datetime) -> Pipeline:
    """One pipeline with a round done, one today or tomorrow and one ahead, and three people."""
    at = working_hours(user, now)
    company = "Brightwater Labs" + MARK
    recruiter = add_person(
        user,
        "Ana Souza" + MARK,
        "Talent Partner",
        company,
        "Recruiter who runs the process and answers questions about it.",
        linkedin="ana-souza-talent",
    )
    lead = add_person(
        user,
        "Kwame Mensah" + MARK,
        "Engineering Lead",
        company,
        "Would be your manager.",
        linkedin="kwame-mensah",
        github="kmensah",
    )
    peer = add_person(
        user,
        "Lena Vogel" + MARK,
        "Senior Engineer",
        company,
        "A future teammate; runs the pairing exercise.",
        linkedin="lena-vogel",
        mastodon="@lena@fosstodon.org",
    )
    pipeline = Pipeline.objects.create(
        owner=user,
        company=company,
        role="Software Engineer",
        location="Remote",
        notes="Sample data to try the site: remove it from the board in one click.",
    )
    just_held = latest_working_hour(user, now, at_least=timedelta(hours=3))
    screen = add_round(
        pipeline,
        0,
        "Recruiter screen",
        "phone",
        at=just_held,
        duration_minutes=30,
        people=[recruiter],
    )
    add_round(
        pipeline,
        1,
        "Pairing exercise",
        "technical",
        at=at(2, 10),
        duration_minutes=90,
        location="https://meet.example.com/brightwater-pairing",
        people=[lead, peer],
    )
    add_round(pipeline, 2, "Meet the team", "onsite")
    screen.mark_done(at=screen.ends_at)
    return pipeline


@transaction.atomic
def remove_sample(user: User) -> int:
    """Delete the sample's pipelines and people (their rounds, profiles and touches with them);
    the number of pipelines removed."""
    pipelines, people = samples(user)
    removed = pipelines.count()
    people.delete()
    pipelines.delete()
    return removed
