"""Real servers for the tests that need them: the site under gunicorn, redis-server, and what
an SMTP server does with the mail it is sent.

Each listens on a free port of 127.0.0.1 and is stopped when its `with` block ends.
"""

import email
import email.policy
import http.client
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
from django.conf import settings

from advisor.settings import database_from_url

# One key for every server of a test, as in production: a session signed by one is valid on all.
SECRET_KEY = secrets.token_urlsafe(60)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production server (DEBUG off) on `database_url`."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        **extra,
    }


@contextmanager
def fresh_databases(folder: Path) -> Iterator[Callable[[str], str]]:
    """Yields a maker of fresh, empty databases of the same kind as the suite's: SQLite files in
    `folder`, or PostgreSQL databases beside DATABASE_URL's, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield lambda name: f"sqlite:///{folder / name}.sqlite3"
        return
    db = database_from_url(url)
    params = {
        "host": db["HOST"],
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "dbname": db["NAME"],
        "autocommit": True,
        "connect_timeout": 10,
    }
    made = []

    def make(name: str) -> str:
        name = f"{db['NAME']}_{name}"
        with psycopg.connect(**params) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return url.rsplit("/", 1)[0] + "/" + name

    try:
        yield make
    finally:
        with psycopg.connect(**params) as connection:
            for name in made:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def python_process(code: str, env: dict, timeout: int) -> subprocess.CompletedProcess:
    """Run Python code in a fresh interpreter in the project's directory, with only `env`."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_python(code: str, env: dict) -> str:
    """Run Python code with the site set up from `env`; return the last line it printed."""
    result = python_process(code, env, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def migrate(env: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def gunicorn(
    env: dict, log: Path, workers: int = 2, threads: int = 4, options: tuple[str, ...] = ()
) -> Iterator[int]:
    """The site under gunicorn with `env`; yields its port once the sign-in page answers."""
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    assert manifest.exists(), "Run `manage.py collectstatic` first (make test does)."
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "advisor.wsgi"),
                *("--bind", f"127.0.0.1:{port}"),
                *("--workers", str(workers), "--threads", str(threads)),
                *("--timeout", "60", "--graceful-timeout", "5"),
                *options,
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                assert process.poll() is None, log.read_text()
                try:
                    if Visitor(port).get("/accounts/login/")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "the server did not start in 30 seconds"
                time.sleep(0.2)
            yield port
        finally:
            stop(process)


@contextmanager
def redis_server(directory: Path) -> Iterator[str]:
    """Debian's redis-server, keeping nothing on disk; yields its redis:// URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is missing: run .ci/install-redis (apt-get install redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    process = subprocess.Popen(
        [
            *(binary, "--bind", "127.0.0.1", "--port", str(port)),
            *("--save", "", "--appendonly", "no", "--dir", str(directory)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            assert process.poll() is None, "redis-server stopped at once"
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "redis-server did not answer in 10 seconds"
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(process)


class Visitor:
    """One browser: its own cookies, sending forms with the CSRF token, from one address.

    `address` reaches the site as the proxy's X-Forwarded-For (BEHIND_PROXY=1);
    `on(port)` sends the next requests, with the same cookies, to another server.
    """

    def __init__(self, port: int, address: str | None = None):
        self.port = port
        self.headers = {"X-Forwarded-For": address} if address else {}
        self.cookies: dict[str, str] = {}
        self.connections: dict[int, http.client.HTTPConnection] = {}
        self.last_headers = http.client.HTTPMessage()

    def on(self, port: int) -> "Visitor":
        self.port = port
        return self

    def request(
        self,
        method: str,
        path: str,
        form: dict | None = None,
        *,
        body: bytes | None = None,
        content_type: str = "",
    ):
        headers = {
            **self.headers,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if form is not None:
            body = urlencode(form).encode()
            content_type = "application/x-www-form-urlencoded"
        if body is not None:
            headers["Content-Type"] = content_type
            # The cookie holds the unmasked secret, which Django accepts as the token.
            headers["X-CSRFToken"] = self.cookies.get("__Host-csrftoken", "")
        if self.port not in self.connections:
            self.connections[self.port] = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=30
            )
        connection = self.connections[self.port]
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        self.last_headers = response.headers
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return response.status, content

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, form: dict):
        if "__Host-csrftoken" not in self.cookies:
            self.get("/accounts/login/")
        return self.request("POST", path, form)

    def upload(self, path: str, field: str, filename: str, content: bytes):
        """POST one file as multipart/form-data, as a form's file input sends it."""
        if "__Host-csrftoken" not in self.cookies:
            self.get("/accounts/login/")
        boundary = secrets.token_hex(16)
        body = b"".join(
            [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '.encode(),
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode(),
                content,
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )
        content_type = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, body=body, content_type=content_type)

    def sign_in(self, username: str, password: str) -> int:
        status, _ = self.post("/accounts/login/", {"username": username, "password": password})
        return status


class MailServer:
    """An SMTP server's handler: keeps what it accepts and refuses the addresses in `refuse`
    at RCPT with the reply given there."""

    def __init__(self):
        self.received: list[email.message.EmailMessage] = []
        self.refuse: dict[str, str] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.received if m["To"] == address]


def smtp_settings(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
