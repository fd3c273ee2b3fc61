"""Many people writing at once through the real application server lose nothing.

Gunicorn serves the site from a throwaway database: SQLite by default, PostgreSQL when the
suite runs with a postgres DATABASE_URL (a separate `<name>_concurrency` database).
"""

import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

import psycopg
import pytest
from django.conf import settings

from advisor.settings import database_from_url

CLIENTS = 8
WRITES_PER_CLIENT = 15
PASSWORD = "concurrency-password-4821"
SETUP = f"""
import django, json; django.setup()
from advisor.models import Interviewer, User
user = User.objects.create_user("load", password={PASSWORD!r})
print(json.dumps(Interviewer.objects.create(owner=user, name="Dana Lee").pk))
"""
STORED = """
import django, json; django.setup()
from advisor.models import Touch
texts = Touch.objects.filter(text__startswith="load-").values_list("text", flat=True)
print(json.dumps(list(texts)))
"""


@pytest.fixture
def database_url(tmp_path):
    """A fresh database for the server, of the same kind as the suite's."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'concurrency.sqlite3'}"
        return
    db = database_from_url(url)
    name = f"{db['NAME']}_concurrency"
    params = {
        "host": db["HOST"],
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "dbname": db["NAME"],
        "autocommit": True,
        "connect_timeout": 10,
    }
    with psycopg.connect(**params) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(**params) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_python(code: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Visitor:
    """One browser: its own connection and cookies, sending forms with the CSRF token."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # The cookie holds the unmasked secret, which Django accepts as the token.
            headers["X-CSRFToken"] = self.cookies.get("__Host-csrftoken", "")
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return response.status, content

    def sign_in(self) -> None:
        status, page = self.request("GET", "/accounts/login/")
        assert status == 200, page[:500]
        assert re.search(rb'name="csrfmiddlewaretoken"', page)
        status, page = self.request(
            "POST", "/accounts/login/", {"username": "load", "password": PASSWORD}
        )
        assert status == 302, page[:500]


@pytest.fixture
def server(database_url, tmp_path):
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    assert manifest.exists(), "Run `manage.py collectstatic` first (make test does)."
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    interviewer_id = json.loads(run_python(SETUP, env))
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "advisor.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"),
            *("--timeout", "60", "--graceful-timeout", "5"),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                status, _ = Visitor(port).request("GET", "/accounts/login/")
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start in 30 seconds"
            time.sleep(0.2)
        yield port, interviewer_id, env
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def test_every_acknowledged_write_is_stored_under_concurrent_load(server):
    port, interviewer_id, env = server
    acknowledged: list[str] = []
    failures: list[str] = []
    lock = threading.Lock()

    def visit(number: int) -> None:
        try:
            visitor = Visitor(port)
            visitor.sign_in()
            for write in range(WRITES_PER_CLIENT):
                text = f"load-{number}-{write}"
                status, page = visitor.request(
                    "POST",
                    f"/interviewers/{interviewer_id}/touches/new/",
                    {"kind": "other", "at": "2026-11-20T10:00", "text": text},
                )
                with lock:
                    if status == 302:
                        acknowledged.append(text)
                    else:
                        failures.append(f"{text}: {status} {page[:200]!r}")
        except Exception as error:  # a timeout or a refused sign-in fails the test below
            with lock:
                failures.append(f"visitor {number}: {error!r}")

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads), "visitors still waiting after 2 min"
    assert failures == []
    assert len(acknowledged) == CLIENTS * WRITES_PER_CLIENT
    stored = json.loads(run_python(STORED, env))
    assert sorted(stored) == sorted(acknowledged)
