"""Plain fixtures and small make_* helpers shared by every test."""

import itertools
import threading
from datetime import UTC, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache, caches
from django.test import Client
from django.utils import timezone
from servers import MailServer, free_port, smtp_settings

from advisor.models import Interviewer, Pipeline, Profile, Round, Touch, User

PASSWORD = "a-long-test-password-9481"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SITE = "https://advisor.example.com"  # the site's address in emails
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def fast_passwords_and_fresh_limits(settings):
    """A quick hasher keeps the suite fast; a cleared cache resets the rate limits per test,
    and the kept round pages (a rolled-back test's ids come back in the next)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    caches["round_pages"].clear()


@pytest.fixture
def midday(monkeypatch):
    """The site's clock runs on from midday UTC today (midday or one in London): tests that
    say a meeting three hours ago was today, or three days ago three calendar days back, hold
    whatever the hour they run at. Data made after it takes this clock too."""
    real_now = timezone.now
    started = real_now()
    shift = started.replace(hour=12, minute=0, second=0, microsecond=0) - started
    monkeypatch.setattr(timezone, "now", lambda: real_now() + shift)


@pytest.fixture
def make_user(db):
    def make(username: str | None = None, **fields) -> User:
        username = username or f"candidate{next(_numbers)}"
        fields.setdefault("display_name", username.title())
        return User.objects.create_user(username=username, password=PASSWORD, **fields)

    return make


@pytest.fixture
def user(make_user) -> User:
    return make_user("alex", display_name="Alex Morgan", time_zone="Europe/London")


@pytest.fixture
def stranger(make_user) -> User:
    return make_user("stranger")


@pytest.fixture
def client_for():
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def make_pipeline(db):
    def make(owner: User, **fields) -> Pipeline:
        fields.setdefault("company", "Northwind")
        fields.setdefault("role", "Senior Engineer")
        return Pipeline.objects.create(owner=owner, **fields)

    return make


@pytest.fixture
def make_interviewer(db):
    def make(owner: User, name: str | None = None, **fields) -> Interviewer:
        return Interviewer.objects.create(
            owner=owner, name=name or f"Dana Lee {next(_numbers)}", **fields
        )

    return make


@pytest.fixture
def make_round(db, make_pipeline):
    def make(
        pipeline: Pipeline | None = None,
        *,
        owner: User | None = None,
        interviewers: tuple[Interviewer, ...] = (),
        **fields,
    ) -> Round:
        if pipeline is None:
            pipeline = make_pipeline(owner)
        fields.setdefault("name", "Phone screen")
        fields.setdefault("position", pipeline.next_position())
        if fields.get("status") in ("scheduled", "done"):
            fields.setdefault("scheduled_at", NOW - timedelta(days=1))
        round_ = Round.objects.create(pipeline=pipeline, **fields)
        round_.interviewers.add(*interviewers)
        return round_

    return make


@pytest.fixture
def make_profile(db):
    def make(interviewer: Interviewer, platform: str = "linkedin", **fields) -> Profile:
        if not fields.get("url"):
            fields.setdefault(
                "handle", "dana-lee" if platform != "mastodon" else "@dana@hachyderm.io"
            )
        return Profile.objects.create(interviewer=interviewer, platform=platform, **fields)

    return make


@pytest.fixture
def make_touch(db):
    def make(interviewer: Interviewer, kind: str = "met", **fields) -> Touch:
        fields.setdefault("at", NOW)
        return Touch.objects.create(interviewer=interviewer, kind=kind, **fields)

    return make


@pytest.fixture
def make_upcoming_round(make_round):
    """A round of `pipeline` booked `days` from now, with these people on it."""

    def make(pipeline: Pipeline, *people: Interviewer, days: float, **fields) -> Round:
        fields.update(status="scheduled", scheduled_at=timezone.now() + timedelta(days=days))
        return make_round(pipeline, interviewers=people, **fields)

    return make


@pytest.fixture
def make_round_with_dana(user, make_round, make_interviewer, make_profile):
    """Dana Lee, on LinkedIn, on a round of the candidate's scheduled at `scheduled_at`."""

    def make(scheduled_at: datetime, **fields) -> tuple[Round, Interviewer]:
        dana = make_interviewer(user, "Dana Lee")
        make_profile(dana, "linkedin")
        fields.update(status="scheduled", scheduled_at=scheduled_at, interviewers=(dana,))
        return make_round(owner=user, **fields), dana

    return make


@pytest.fixture
def met_dana(user, make_pipeline, make_round, make_interviewer, make_profile):
    """Dana interviewed the candidate three days ago and a next round is booked; she has
    LinkedIn, Twitter/X and Facebook."""
    dana = make_interviewer(
        user,
        "Dana Lee",
        title="Engineering Manager",
        company="Northwind",
        role_relation="Would be the hiring manager for this role.",
    )
    make_profile(dana, "linkedin", handle="dana-lee")
    make_profile(dana, "twitter", handle="danalee")
    make_profile(dana, "facebook", handle="dana.lee.77")
    pipeline = make_pipeline(user, company="Northwind", role="Platform Engineer")
    screen = make_round(
        pipeline,
        name="Phone screen",
        status="done",
        scheduled_at=timezone.now() - timedelta(days=3),
        interviewers=(dana,),
    )
    make_round(
        pipeline,
        name="System design",
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=4),
        location="https://meet.example.com/abc-defg-hij",
    )
    return dana, screen


@pytest.fixture
def make_one_of_each(make_pipeline, make_interviewer, make_round, make_profile, make_touch):
    """One object of every type the URLs name, all owned by `owner`."""

    def make(owner: User) -> dict:
        interviewer = make_interviewer(owner)
        pipeline = make_pipeline(owner)
        return {
            "pipeline": pipeline,
            "interviewer": interviewer,
            "round": make_round(pipeline, interviewers=(interviewer,)),
            "profile": make_profile(interviewer, platform="github"),
            "touch": make_touch(interviewer),
        }

    return make


@pytest.fixture
def other_accounts(make_user, make_pipeline, make_interviewer, make_round, make_touch):
    """`count` more accounts, each with people on rounds: what the export must not read."""

    def make(count: int) -> None:
        for _ in range(count):
            owner = make_user()
            people = [make_interviewer(owner) for _ in range(3)]
            make_touch(people[0], "followed")
            for _ in range(2):
                make_round(make_pipeline(owner), interviewers=tuple(people))

    return make


@pytest.fixture
def account_with_data(user, make_pipeline, make_round, make_interviewer, make_touch):
    """An account with data of its own (names unlike the file's), so "nothing written" counts."""
    person = make_interviewer(user, "Existing Person")
    make_touch(person, "met")
    make_round(make_pipeline(user), interviewers=(person,))
    return user


@pytest.fixture
def mail_server(settings):
    """A real SMTP server on a free port of 127.0.0.1, and Django's SMTP backend sending to it."""
    handler = MailServer()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = smtp_settings(controller.port)
    settings.SITE_URL = SITE
    yield handler
    controller.stop()


@pytest.fixture(autouse=True)
def work_after_responses_runs_inline(monkeypatch):
    """What a view leaves for after its answer (the reset email) runs in the test's own thread,
    inside its transaction; tests/test_security.py checks the real thread."""
    monkeypatch.setattr("advisor.security.in_background", lambda work: work())


@pytest.fixture(scope="session")
def one_request_at_a_time(live_server):
    """Let the live server answer one request at a time.

    With SQLite in memory, every server thread shares the test's one connection. Two requests
    at once (a folded section still loading when the test moves to the next page) would read
    each other's rows. In production each thread has its own connection.
    """
    answer = live_server.thread.httpd.get_app()
    lock = threading.Lock()

    def answer_in_turn(environ, start_response):
        with lock:
            return answer(environ, start_response)

    live_server.thread.httpd.set_app(answer_in_turn)
