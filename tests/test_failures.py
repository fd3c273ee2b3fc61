"""Failures explain themselves: a database that cannot write says so, crashes are logged.

The database tests run the site under gunicorn on a SQLite file of their own, whatever the
suite's database: they lock that file from another connection, or make it read-only.
"""

import json
import os
import sqlite3
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import OperationalError
from django.urls import path
from servers import Visitor, gunicorn, migrate, production_env, run_python
from test_security import production

from advisor.models import Pipeline
from advisor.urls import urlpatterns as site_urlpatterns

PASSWORD = "failures-password-3390"
SETUP = f"""
import django, json; django.setup()
from advisor.models import Interviewer, User
user = User.objects.create_user("robin", password={PASSWORD!r})
interviewer = Interviewer.objects.create(owner=user, name="Sam Reyes")
print(json.dumps([interviewer.pk, user.calendar_secret]))
"""
# The issue asks for the explanation within 5 seconds of a write meeting a stuck database.
ANSWERED_WITHIN = 5


def half_written(request):
    Pipeline.objects.create(owner=request.user, company="Half-written")
    raise OperationalError("database or disk is full")


urlpatterns = [*site_urlpatterns, path("half-written/", half_written)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("failures")
    database = folder / "site.sqlite3"
    env = production_env(f"sqlite:///{database}")
    migrate(env)
    interviewer_id, calendar_secret = json.loads(run_python(SETUP, env))
    access_log = folder / "access.log"
    options = ("--access-logfile", str(access_log))
    with gunicorn(env, folder / "gunicorn.log", options=options) as port:
        yield {
            "port": port,
            "database": database,
            "interviewer": interviewer_id,
            "secret": calendar_secret,
            "access_log": access_log,
        }


def add_touch(visitor: Visitor, interviewer_id: int, text: str):
    started = time.monotonic()
    status, page = visitor.post(
        f"/interviewers/{interviewer_id}/touches/new/",
        {"kind": "other", "at": "2026-11-20T10:00", "text": text},
    )
    return status, page, time.monotonic() - started


def stored_texts(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [text for (text,) in connection.execute("SELECT text FROM advisor_touch")]


@contextmanager
def read_only(database: Path):
    """The file cannot be written, even by root (who ignores permissions: chattr +i)."""
    database.chmod(0o444)
    as_root = os.geteuid() == 0
    if as_root:
        subprocess.run(["chattr", "+i", str(database)], check=True)
    try:
        yield
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(database)], check=True)
        database.chmod(0o644)


def test_a_locked_database_is_explained_within_seconds_and_keeps_nothing(site):
    robin = Visitor(site["port"])
    assert robin.sign_in("robin", PASSWORD) == 302
    lock = sqlite3.connect(site["database"], isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    try:
        assert robin.get(f"/interviewers/{site['interviewer']}/")[0] == 200
        status, page, seconds = add_touch(robin, site["interviewer"], "while-locked")
    finally:
        lock.execute("ROLLBACK")
        lock.close()

    assert status == 503
    assert robin.last_headers["Retry-After"] == "5"
    assert seconds < ANSWERED_WITHIN  # the busy timeout, then the answer at once
    assert b"Busy for a moment" in page
    assert b"Nothing you just sent was saved" in page
    assert add_touch(robin, site["interviewer"], "after-the-lock")[0] == 302
    assert "while-locked" not in stored_texts(site["database"])
    assert "after-the-lock" in stored_texts(site["database"])


def test_a_read_only_database_is_explained_and_keeps_nothing(site):
    robin = Visitor(site["port"])
    assert robin.sign_in("robin", PASSWORD) == 302

    with read_only(site["database"]):
        assert robin.get(f"/interviewers/{site['interviewer']}/")[0] == 200
        status, page, seconds = add_touch(robin, site["interviewer"], "while-read-only")

    assert status == 503
    assert robin.last_headers["Retry-After"] == "5"
    assert seconds < ANSWERED_WITHIN
    assert b"Busy for a moment" in page
    assert "while-read-only" not in stored_texts(site["database"])
    assert add_touch(robin, site["interviewer"], "writable-again")[0] == 302


@pytest.mark.urls(__name__)
def test_a_failure_half_way_through_a_request_leaves_nothing_written(user, client_for):
    client = client_for(user)
    client.raise_request_exception = False

    response = client.post("/half-written/")

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "Busy for a moment" in response.content.decode()
    assert not Pipeline.objects.filter(company="Half-written").exists()


def test_the_calendar_secret_is_not_written_to_the_access_log(site):
    secret = site["secret"]
    status, _ = Visitor(site["port"]).get(f"/calendar/{secret}.ics")
    assert status == 200

    deadline = time.monotonic() + 5
    while ".ics" not in site["access_log"].read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    logged = site["access_log"].read_text()
    assert f"/calendar/{secret[:4]}…" in logged
    assert secret not in logged
    assert secret[4:] not in logged


CRASH = """
import django, sys, types
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import path
from advisor.models import User

def crash(request):
    raise RuntimeError("crash-7731")

urls = types.ModuleType("crash_urls")
urls.urlpatterns = [path("settings/crash/", crash)]
sys.modules["crash_urls"] = urls
settings.ROOT_URLCONF = "crash_urls"
call_command("migrate", verbosity=0)
user = User.objects.create_user("casey", password="casey-password-0042")
print(f"user id {user.pk}", file=sys.stderr)
client = Client(raise_request_exception=False, HTTP_HOST="advisor.example.org")
client.force_login(user)
response = client.post("/settings/crash/", {"note": "body-secret-5512"}, secure=True)
print(response.status_code)
"""


def test_a_crash_in_production_is_logged_with_its_path_and_user_but_not_its_body(tmp_path):
    result = production(CRASH, DATABASE_URL=f"sqlite:///{tmp_path / 'crash.sqlite3'}")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "500"
    user_id = result.stderr.split("user id ", 1)[1].split()[0]
    assert "Internal Server Error: /settings/crash/" in result.stderr
    assert f"[path /settings/crash/, user {user_id}]" in result.stderr
    assert "RuntimeError: crash-7731" in result.stderr
    assert "body-secret-5512" not in result.stderr
