"""Synthetic accounts for `python -m bench`: large, realistic and the same for the same seed.

Everything is written with bulk_create (the rounds' interviewers too, through their M2M
table), so the heavy account takes seconds, not minutes.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from advisor.advice import RESEARCH_ITEMS
from advisor.models import Interviewer, Pipeline, Profile, ResearchTick, Round, Touch, User

# The heavy account; the light one is a tenth of it.
HEAVY = {"active": 200, "closed": 800, "interviewers": 1500, "touches": 10_000}
ROUNDS_PER_PIPELINE = 5
PROFILES_PER_INTERVIEWER = 3
CLOSED_STATUSES = ("hired", "rejected", "rejected", "rejected", "withdrawn")
ROUND_NAMES = [
    ("Recruiter screen", "screen"),
    ("Hiring manager call", "phone"),
    ("Technical interview", "technical"),
    ("Onsite loop", "onsite"),
    ("Final conversation", "final"),
]
FIRST = [
    "Ada",
    "Bea",
    "Cal",
    "Dana",
    "Eli",
    "Fay",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kai",
    "Lea",
    "Max",
    "Nia",
    "Oto",
    "Pia",
    "Raj",
    "Sol",
    "Tia",
    "Uma",
]
LAST = [
    "Lee",
    "Okafor",
    "Chen",
    "Raman",
    "Blake",
    "Novak",
    "Silva",
    "Moreau",
    "Tanaka",
    "Haddad",
    "Kowal",
    "Berg",
    "Ortiz",
]
COMPANIES = [
    "Northwind",
    "Lumen",
    "Harbor",
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Tyrell",
]
TITLES = ["Engineering Manager", "Staff Engineer", "Recruiter", "Director", "Senior Engineer"]
# Three platforms per interviewer, LinkedIn always among them.
OTHER_PLATFORMS = ["twitter", "github", "bluesky", "mastodon", "instagram"]


@dataclass(frozen=True)
class Account:
    """What the benchmark measures in one account."""

    user: User
    round_id: int  # an upcoming round of an active pipeline with exactly four interviewers
    pipeline_id: int  # that round's pipeline
    interviewer_id: int  # one of that round's interviewers


def counts(scale: float) -> dict[str, int]:
    return {key: max(1, round(value * scale)) for key, value in HEAVY.items()}


def _handle(platform: str, first: str, last: str, n: int) -> str:
    f, la = first.lower(), last.lower()
    return {
        "linkedin": f"{f}-{la}-{n}",
        "twitter": f"{f}_{la}{n}"[:15],
        "github": f"{f}-{la}{n}",
        "bluesky": f"{f}{la}{n}.bsky.social",
        "mastodon": f"@{f}{n}@hachyderm.io",
        "instagram": f"{f}.{la}{n}",
    }[platform]


@transaction.atomic
def build_account(username: str, *, scale: float, seed: int, now: datetime) -> Account:
    """Create a user with `scale` times the heavy account's data (1.0 heavy, 0.1 light)."""
    rng = random.Random(f"{seed}/{scale}")  # the same data for the same seed and scale
    n = counts(scale)
    user = User.objects.create_user(
        username=username,
        password=None,
        display_name=username.title(),
        time_zone="Europe/London",
    )

    # Interviewers, each with three profiles and maybe a few research ticks.
    interviewers = Interviewer.objects.bulk_create(
        Interviewer(
            owner=user,
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
            title=rng.choice(TITLES),
            company=rng.choice(COMPANIES),
            role_relation="Would be on the team I join." if rng.random() < 0.5 else "",
            topic="their talk on observability" if rng.random() < 0.3 else "",
            created=now - timedelta(days=rng.randint(1, 700)),
        )
        for i in range(n["interviewers"])
    )
    profiles = []
    ticks = []
    for person in interviewers:
        first, last, number = person.name.split()
        for platform in ["linkedin", *rng.sample(OTHER_PLATFORMS, PROFILES_PER_INTERVIEWER - 1)]:
            profiles.append(
                Profile(
                    interviewer=person,
                    platform=platform,
                    handle=_handle(platform, first, last, int(number)),
                    visibility=rng.choice(["public"] * 4 + ["private"]),
                    tone=rng.choice(["professional"] * 3 + ["casual", "controversial"]),
                    state=rng.choice(["none"] * 3 + ["requested", "connected", "following"]),
                )
            )
        for item in RESEARCH_ITEMS:
            if rng.random() < 0.2:
                ticks.append(ResearchTick(interviewer=person, item=item.key, at=now))
    Profile.objects.bulk_create(profiles)
    ResearchTick.objects.bulk_create(ticks)

    # Pipelines: the active ones first, then the closed ones.
    statuses = ["active"] * n["active"] + [rng.choice(CLOSED_STATUSES) for _ in range(n["closed"])]
    pipelines = Pipeline.objects.bulk_create(
        Pipeline(
            owner=user,
            company=f"{rng.choice(COMPANIES)} {i}",
            role=rng.choice(["Senior Engineer", "Staff Engineer", "Engineering Manager"]),
            url=f"https://jobs.example.com/{i}",
            location=rng.choice(["Remote", "London", "Berlin", ""]),
            status=status,
            created=now - timedelta(days=rng.randint(5, 700)),
        )
        for i, status in enumerate(statuses)
    )

    # Five rounds each: an active pipeline is part way through, a closed one is over.
    rounds = []
    for pipeline in pipelines:
        start = pipeline.created
        done = rng.randint(0, 3) if pipeline.status == "active" else ROUNDS_PER_PIPELINE
        for position, (name, kind) in enumerate(ROUND_NAMES):
            if position < done:
                status, at = "done", start + timedelta(days=3 * position + 1, hours=10)
                if pipeline.status == "active":
                    at = now - timedelta(days=3 * (done - position), hours=2)
            elif position == done:
                status, at = "scheduled", now + timedelta(days=rng.randint(1, 6), hours=3)
            else:
                status, at = "planned", None
            if pipeline.status in ("rejected", "withdrawn") and position >= 3:
                status = "cancelled"
            rounds.append(
                Round(
                    pipeline=pipeline,
                    name=name,
                    kind=kind,
                    position=position,
                    status=status,
                    scheduled_at=at,
                    duration_minutes=rng.choice([30, 45, 60, 90]),
                    location="https://meet.example.com/abc",
                )
            )
    rounds = Round.objects.bulk_create(rounds)

    # Each pipeline meets a team of six; each round 1-4 of them. The first active pipeline's
    # scheduled round gets exactly four: the one the dashboard and checklist are measured on.
    through = Round.interviewers.through
    links = []
    focus = None
    team_size = min(6, len(interviewers))
    for index in range(len(pipelines)):
        offset = rng.randrange(len(interviewers))
        team = [interviewers[(offset + k) % len(interviewers)] for k in range(team_size)]
        own = rounds[index * ROUNDS_PER_PIPELINE : (index + 1) * ROUNDS_PER_PIPELINE]
        for round_ in own:
            if focus is None and round_.status == "scheduled":
                focus, people = round_, team[: min(4, team_size)]
            else:
                people = rng.sample(team, rng.randint(1, min(4, team_size)))
            links.extend(through(round=round_, interviewer=p) for p in people)
    through.objects.bulk_create(links)

    # Touches: meetings tied to their rounds, and the rest of the history.
    kinds = ["followed", "commented", "request_sent", "request_accepted", "thank_you_sent"]
    touches = []
    for _ in range(n["touches"]):
        person = rng.choice(interviewers)
        kind = rng.choice([*kinds, "met", "other"])
        touches.append(
            Touch(
                interviewer=person,
                kind=kind,
                at=now - timedelta(days=rng.randint(1, 600), minutes=rng.randint(0, 1440)),
                text="Met in an interview" if kind == "met" else "Said hello",
                platform=rng.choice(["linkedin", "twitter", ""]) if kind != "met" else "",
            )
        )
    Touch.objects.bulk_create(touches)

    # A pipeline's updated time is set by auto_now: spread them out for a realistic board order.
    for pipeline in pipelines:
        pipeline.updated = now - timedelta(hours=rng.randint(0, 2000))
    Pipeline.objects.bulk_update(pipelines, ["updated"], batch_size=500)

    focus_people = [link.interviewer for link in links if link.round is focus]
    return Account(
        user=user,
        round_id=focus.pk,
        pipeline_id=focus.pipeline_id,
        interviewer_id=focus_people[0].pk,
    )
