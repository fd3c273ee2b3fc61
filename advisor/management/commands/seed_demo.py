"""Create the `demo` account with a few realistic pipelines, for a newcomer's first look."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from advisor.models import Pipeline, Touch, User
from advisor.sample import add_person, add_round, latest_working_hour, working_hours

USERNAME = "demo"


class Command(BaseCommand):
    help = "Create or refresh the demo account (development only: refused unless DEBUG is on)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--address", default="127.0.0.1:8000", help="where the server will answer"
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo account exists only in development (DEBUG=1).")
        password = secrets.token_urlsafe(9)
        with transaction.atomic():
            user = User.objects.filter(username=USERNAME).first()
            if user is None:
                user = User.objects.create_user(
                    USERNAME,
                    password=password,
                    display_name="Sam Rivera",
                    time_zone="Europe/London",
                )
                build_demo_data(user, now=timezone.now())
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
        self.stdout.write(
            self.style.SUCCESS(
                framed(
                    "Interview Advisor is ready. Sign in with the demo account:",
                    "",
                    f"  Address:    http://{options['address']}/",
                    f"  User name:  {USERNAME}",
                    f"  Password:   {password}",
                    "",
                    "The password changes at every start. Stop the server with Ctrl+C.",
                )
            )
        )


def framed(*lines: str) -> str:
    """The lines in a box, set apart from the install and migration output above them."""
    width = max(len(line) for line in lines)
    rule = "+" + "-" * (width + 2) + "+"
    body = [f"| {line.ljust(width)} |" for line in lines]
    return "\n".join(["", rule, *body, rule, ""])


def build_demo_data(user: User, *, now) -> None:
    at = working_hours(user, now)
    priya = add_person(
        user,
        "Priya Raman",
        "Engineering Manager",
        "Lumen Health",
        "Would be my manager; leads the patient-records team.",
        linkedin="priya-raman",
        twitter="priyabuilds",
        facebook={"handle": "priya.raman.77", "tone": "casual"},
    )
    tom = add_person(
        user,
        "Tom Okafor",
        "Staff Engineer",
        "Lumen Health",
        "Senior peer on the team; ran the system design round.",
        linkedin="tomokafor",
        github="tokafor",
        mastodon={"handle": "@tom@hachyderm.io", "tone": "controversial"},
    )
    mei = add_person(
        user,
        "Mei Chen",
        "Head of Talent",
        "Harbor Freight Labs",
        "Recruiter who screens every engineering hire.",
        linkedin="meichen-talent",
        wechat={"handle": "meichen_hf", "visibility": "private", "tone": "casual"},
    )
    jordan = add_person(
        user,
        "Jordan Blake",
        "VP Engineering",
        "Northwind Analytics",
        "Final decision maker for the role.",
        linkedin="jordanblake",
        bluesky="jordanblake.bsky.social",
    )

    lumen = Pipeline.objects.create(
        owner=user,
        company="Lumen Health",
        role="Senior Backend Engineer",
        url="https://careers.example.com/lumen/backend",
        location="London (hybrid)",
        notes="Referred by a former colleague. Salary band shared in the screen.",
    )
    screen = add_round(
        lumen, 0, "Recruiter screen", "phone", at=at(-6, 11), duration_minutes=30, people=[priya]
    )
    design = add_round(
        lumen,
        1,
        "System design",
        "technical",
        at=latest_working_hour(user, now, at_least=timedelta(hours=2)),
        location="https://meet.example.com/lumen-design",
        people=[priya, tom],
    )
    add_round(
        lumen,
        2,
        "Team onsite",
        "onsite",
        at=at(2, 10),
        duration_minutes=180,
        location="Lumen Health, 20 Kings Road, London",
        people=[priya, tom],
    )
    screen.mark_done(at=screen.ends_at)
    design.mark_done(at=design.ends_at)
    Touch.objects.create(
        interviewer=priya,
        kind="commented",
        at=at(-9, 12) + timedelta(minutes=20),
        text="Comment on her post about on-call rotations",
    )

    harbor = Pipeline.objects.create(
        owner=user, company="Harbor Freight Labs", role="Platform Engineer", location="Remote (UK)"
    )
    add_round(
        harbor,
        0,
        "Intro call",
        "screen",
        at=at(1, 15),
        duration_minutes=30,
        location="Phone",
        people=[mei],
    )
    add_round(harbor, 1, "Take-home review", "technical")

    northwind = Pipeline.objects.create(
        owner=user,
        company="Northwind Analytics",
        role="Lead Data Engineer",
        status="offer",
        location="Manchester",
    )
    final = add_round(
        northwind,
        0,
        "Final with the VP",
        "final",
        at=at(-12, 14),
        duration_minutes=45,
        people=[jordan],
    )
    final.mark_done(at=final.ends_at)

    Pipeline.objects.create(
        owner=user,
        company="Acme Robotics",
        role="Backend Engineer",
        status="rejected",
        notes="Rejected after the take-home; feedback was about test coverage.",
    )
