"""The morning summaries for `python -m bench`: 1,000 users with a summary due, sent over SMTP.

Each user has two open applications: a round that ended three hours ago with two people (two
thank-yous due), the next round tomorrow with them (an interview and research), and someone met
two days ago and thanked (a LinkedIn request now advisable). The mail server is a small SMTP
sink on 127.0.0.1 that accepts everything, so the figure is the site's work plus a real SMTP
conversation per message, over one connection.
"""

import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.test.utils import override_settings

from advisor import summary
from advisor.models import Interviewer, Pipeline, Profile, Round, Touch, User

USERS = 1000
TARGET_SECONDS = 60
ZONES = ("Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC")


class _Sink(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: every command is accepted, every message counted."""

    def handle(self) -> None:
        self.wfile.write(b"220 bench sink\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 end with a dot\r\n")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                with self.server.lock:
                    self.server.received += 1
                self.wfile.write(b"250 accepted\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@contextmanager
def smtp_sink() -> Iterator[socketserver.ThreadingTCPServer]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Sink)
    server.daemon_threads = True
    server.received, server.lock = 0, threading.Lock()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def build_users(count: int, now: datetime) -> None:
    """`count` users whose summary is due at `now`, written with bulk_create."""
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(
                username=f"summary{n}",
                password="!",  # unusable: no one signs in as them
                email=f"summary{n}@example.com",
                email_confirmed=f"summary{n}@example.com",
                summary_enabled=True,
                summary_hour=0,
                time_zone=ZONES[n % len(ZONES)],
                display_name=f"Candidate {n}",
            )
            for n in range(count)
        )
        pipelines = Pipeline.objects.bulk_create(
            Pipeline(owner=user, company=company, role="Staff Engineer")
            for user in users
            for company in ("Northwind", "Globex")
        )
        people = Interviewer.objects.bulk_create(
            Interviewer(owner=user, name=name, email=f"{name.split()[0].lower()}@example.com")
            for user in users
            for name in ("Dana Lee", "Sam Park", "Priya Shah")
        )
        Profile.objects.bulk_create(
            Profile(interviewer=person, platform="linkedin", handle=f"person-{person.pk}")
            for person in people
        )
        rounds = []
        for n in range(count):
            northwind, globex = pipelines[2 * n], pipelines[2 * n + 1]
            rounds += [
                Round(
                    pipeline=northwind,
                    name="Technical interview",
                    status="done",
                    position=0,
                    scheduled_at=now - timedelta(hours=4),
                ),
                Round(
                    pipeline=northwind,
                    name="Onsite loop",
                    status="scheduled",
                    position=1,
                    scheduled_at=now + timedelta(hours=26),
                    location="https://meet.example.com/abc-defg-hij",
                ),
                Round(
                    pipeline=globex,
                    name="Recruiter screen",
                    status="done",
                    position=0,
                    scheduled_at=now - timedelta(days=2),
                ),
            ]
        rounds = Round.objects.bulk_create(rounds)
        links, touches = [], []
        through = Round.interviewers.through
        for n in range(count):
            dana, sam, priya = people[3 * n : 3 * n + 3]
            done, onsite, screen = rounds[3 * n : 3 * n + 3]
            links += [
                through(round=done, interviewer=dana),
                through(round=done, interviewer=sam),
                through(round=onsite, interviewer=dana),
                through(round=onsite, interviewer=sam),
                through(round=screen, interviewer=priya),
            ]
            touches.append(
                Touch(interviewer=priya, kind="thank_you_sent", at=now - timedelta(days=1))
            )
        through.objects.bulk_create(links)
        Touch.objects.bulk_create(touches)


@dataclass
class Figures:
    users: int
    seconds: float
    queries: int
    received: int


def measure(users: int, now: datetime) -> Figures:
    build_users(users, now)
    calls = 0

    def count(execute, sql, params, many, context):
        nonlocal calls
        calls += 1
        return execute(sql, params, many, context)

    with smtp_sink() as sink:
        mailers = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": sink.server_address[1], "timeout": 10},
            }
        }
        with override_settings(MAILERS=mailers), connection.execute_wrapper(count):
            started = time.perf_counter()
            run = summary.send_due(now)
            seconds = time.perf_counter() - started
        received = sink.received
    if run.failed or len(run.sent) != users:
        raise RuntimeError(f"{len(run.sent)} of {users} summaries sent: {run.failed[:3]}")
    return Figures(users, seconds, calls, received)
