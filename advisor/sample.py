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

    def person(name, title, relation, **profiles):
        interviewer = Interviewer.objects.create(
            owner=user,
            name=name + MARK,
            title=title,
            company=company,
            role_relation=relation,
        )
        for platform, handle in profiles.items():
            Profile.objects.create(interviewer=interviewer, platform=platform, handle=handle)
        return interviewer

    recruiter = person(
        "Ana Souza",
        "Talent Partner",
        "Recruiter who runs the process and answers questions about it.",
        linkedin="ana-souza-talent",
    )
    lead = person(
        "Kwame Mensah",
        "Engineering Lead",
        "Would be your manager.",
        linkedin="kwame-mensah",
        github="kmensah",
    )
    peer = person(
        "Lena Vogel",
        "Senior Engineer",
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
    screen = Round.objects.create(
        pipeline=pipeline,
        name="Recruiter screen",
        kind="phone",
        position=0,
        status="scheduled",
        scheduled_at=latest_working_hour(user, now, at_least=timedelta(hours=3)),
        duration_minutes=30,
    )
    pairing = Round.objects.create(
        pipeline=pipeline,
        name="Pairing exercise",
        kind="technical",
        position=1,
        status="scheduled",
        scheduled_at=at(2, 10),
        duration_minutes=90,
        location="https://meet.example.com/brightwater-pairing",
    )
    Round.objects.create(pipeline=pipeline, name="Meet the team", kind="onsite", position=2)
    screen.interviewers.add(recruiter)
    pairing.interviewers.add(lead, peer)
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
