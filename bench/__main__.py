"""`python -m bench`: how fast the main pages are with a heavy account, and under load.

It never touches the configured database. It makes a throwaway one (an SQLite file in a
temporary directory, or `<name>_bench` next to the PostgreSQL database of DATABASE_URL), runs
itself again in a child process pointed at it, and removes it afterwards. Run it from the
repository's top directory (the package is not installed with the site). See BENCHMARKS.md for
what is measured and the targets; a full run writes its report there (bench/figures.py).
"""

import gzip
import json
import os
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")
django.setup()

# The data builder and the URL conf load the site's models: after django.setup().
from advisor import dataformat  # noqa: E402
from advisor.models import User  # noqa: E402
from advisor.overview import data_changed  # noqa: E402
from bench import figures  # noqa: E402
from bench import summary as summaries  # noqa: E402
from bench.data import Account, build_account  # noqa: E402
from bench.figures import Transcript, machine  # noqa: E402
from bench.urls import bench_settings, pages  # noqa: E402

# Targets (see BENCHMARKS.md): each page's median against the floor, for both accounts.
FLOOR_RATIO = {
    "board": 15,
    "pipeline": 10,
    "dashboard": 10,
    "checklist": 10,
    "interviewers": 10,
    "interviewer": 10,
}
HEAVY_LIGHT = {
    "dashboard": 1.3,
    "checklist": 1.3,
    "pipeline": 1.3,
    "interviewer": 1.3,
    # They show counts that grow with the account.
    "board": 1.5,
    "interviewers": 1.5,
}
MAX_QUERIES = 10
# The board and the round page keep what they work out until the candidate's next write
# (board.py, views.kept_round_page_data): each page's figure above is a visit that follows
# none; these follow a write each time. Reported, not targets.
AFTER_A_WRITE = {"board": "board after a write", "dashboard": "dashboard after a write"}
EXPORT_SECONDS = 1.0  # the heavy account's export, downloaded whole
IMPORT_SECONDS = 1.0  # a file of about 2 MiB, into an empty account
IMPORT_SCALE = 0.39  # of the heavy account: its export is about 2 MiB
OTHER_ACCOUNTS = 10  # beside the measured ones, the heavy one's size: what no page may read
FIRST_VISIT_BYTES = 60 * 1024
LOAD_P99_OVER_P50 = 5


@dataclass
class Row:
    page: str
    account: str
    queries: int
    median_ms: float
    runs: int
    size: int
    html: bytes


def measure(clients: dict[str, Client], urls: dict[str, str], *, quick: bool, before=None) -> dict:
    """Time one page for several accounts, their requests interleaved so that a busy machine
    slows them alike. `before(account)`, when given, runs untimed before each request.
    Returns {account: (median ms, runs, queries, body)}."""
    before = before or (lambda label: None)
    for label, client in clients.items():
        for _ in range(1 if quick else 3):
            before(label)
            response = client.get(urls[label])
            body(response)
            if response.status_code != 200:
                raise CommandError(f"GET {urls[label]} answered {response.status_code}")
    bodies, counts = {}, {}
    for label, client in clients.items():
        connection.queries_log.clear()  # a full log (9,000 entries) would hide new queries
        before(label)
        with CaptureQueriesContext(connection) as queries:
            bodies[label] = body(client.get(urls[label]))
        counts[label] = len(queries)  # now: each later request clears the log
    times: dict[str, list[float]] = {label: [] for label in clients}
    started = time.perf_counter()
    while True:
        for label, client in clients.items():
            before(label)
            t0 = time.perf_counter()
            response = client.get(urls[label])
            body(response)  # a streamed download is written as it is read
            times[label].append(time.perf_counter() - t0)
            if response.status_code != 200:
                raise CommandError(f"GET {urls[label]} answered {response.status_code}")
        elapsed = time.perf_counter() - started
        n = len(times[label])
        if quick and n >= 3:
            break
        if (n >= 30 and elapsed >= 2) or (n >= 5 and elapsed >= 4) or n >= 500:
            break
    return {
        label: (statistics.median(times[label]) * 1000, n, counts[label], bodies[label])
        for label in clients
    }


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Command(BaseCommand):
    help = "Benchmark the main pages on a throwaway database with a heavy account (make bench)."
    requires_system_checks = []
    labels: dict[str, str] = {}  # "heavy" -> "heavy, 1,000 pipelines", once built

    def add_arguments(self, parser):
        parser.add_argument("--quick", action="store_true", help="small data, few runs")
        parser.add_argument("--no-load", action="store_true", help="skip the gunicorn load run")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--load-seconds", type=float, default=10.0)
        parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
        parser.add_argument("--child", action="store_true", help="internal")

    # The parent: a throwaway database, the child run against it, then clean up.

    def handle(self, *args, **options):
        if options["child"]:
            return self.child(options)
        url = os.environ.get("DATABASE_URL", "")
        workdir = tempfile.mkdtemp(prefix="advisor-bench-")
        drop = None
        try:
            if urlsplit(url).scheme in ("postgres", "postgresql"):
                bench_url, drop = self.postgres_database(url)
            else:
                bench_url = f"sqlite:///{workdir}/bench.sqlite3"
            argv = [sys.executable, "-m", "bench", "--child"]
            argv += ["--seed", str(options["seed"]), "--load-seconds", str(options["load_seconds"])]
            argv += [f"--{flag}" for flag in ("quick", "strict") if options[flag]]
            argv += ["--no-load"] if options["no_load"] else []
            env = {**os.environ, "DATABASE_URL": bench_url, "BENCH_WORKDIR": workdir}
            returncode = subprocess.call(argv, env=env, cwd=settings.BASE_DIR)
        finally:
            if drop is not None:
                drop()
            shutil.rmtree(workdir, ignore_errors=True)
        if returncode:
            raise CommandError(f"the benchmark exited with {returncode}", returncode=returncode)

    def postgres_database(self, url: str):
        import psycopg
        from psycopg import sql

        parts = urlsplit(url)
        name = unquote(parts.path.lstrip("/"))
        bench = f"{name}_bench"
        params = {
            "dbname": name,
            "user": unquote(parts.username or "") or None,
            "password": unquote(parts.password or "") or None,
            "host": parts.hostname or None,
            "port": parts.port or None,
        }
        params = {k: v for k, v in params.items() if v is not None}

        def run(statement):
            with psycopg.connect(**params, autocommit=True) as conn:
                conn.execute(sql.SQL(statement).format(sql.Identifier(bench)))

        run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        run("CREATE DATABASE {}")
        return parts._replace(path="/" + quote(bench)).geturl(), lambda: run(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)"
        )

    # The child: build, measure in process, then the load run.

    def child(self, options):
        quick = options["quick"]
        self.stdout = Transcript(self.stdout)  # the report, kept for BENCHMARKS.md
        database = self.database()
        self.stdout.write(f"Machine: {machine()}, {database}\n")
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        now = timezone.now()
        seed = options["seed"]
        heavy_scale = 0.05 if quick else 1.0
        heavy = build_account("heavy", scale=heavy_scale, seed=seed, now=now)
        light = build_account("light", scale=0.005 if quick else 0.1, seed=seed, now=now)
        for n in range(OTHER_ACCOUNTS):
            build_account(f"other{n}", scale=heavy_scale, seed=seed + 1 + n, now=now)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.labels = {
            label: f"{label}, {account.user.pipelines.count():,} pipelines"
            for label, account in {"heavy": heavy, "light": light}.items()
        }
        self.stdout.write(
            f"Built the data in {time.perf_counter() - started:.1f} s: {self.labels['heavy']},"
            f" {self.labels['light']}, and {OTHER_ACCOUNTS} other accounts the heavy one's size"
            " beside them.\n"
        )

        with bench_settings():
            rows = self.measure_pages({"heavy": heavy, "light": light}, quick=quick)
            first_visit = self.first_visit(rows)
        verdicts = self.report(rows, first_visit)
        if not options["no_load"]:
            seconds = 2.0 if quick else options["load_seconds"]
            verdicts += self.load_run(heavy, seconds=seconds)
        # After the pages: the accounts it adds are not the measured ones' neighbours.
        verdicts += self.import_file(seed=seed, now=now, quick=quick)
        # Last: its thousand users join the database only once the pages are measured.
        verdicts += self.summaries(quick=quick)
        missed = [text for ok, text in verdicts if not ok]
        self.stdout.write(f"\n{len(verdicts) - len(missed)} of {len(verdicts)} targets met.\n")
        if quick:
            self.stdout.write("BENCHMARKS.md keeps its figures: --quick measures too little.\n")
        else:
            heading = f"{database} ({timezone.now():%Y-%m-%d})"
            written = figures.write_section(
                settings.BASE_DIR / "BENCHMARKS.md", connection.vendor, heading, self.stdout.lines
            )
            self.stdout.write(f"Wrote the figures into {written}.\n")
        if missed and options["strict"]:
            raise CommandError(f"{len(missed)} target(s) missed", returncode=1)

    def database(self) -> str:
        if connection.vendor != "postgresql":
            return f"SQLite {sqlite3.sqlite_version}"
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        connection.close()
        return f"PostgreSQL {version}"

    def import_file(self, *, seed: int, now, quick: bool) -> list:
        """A file in the export's format of about 2 MiB, imported into empty accounts: the
        median of three (one with --quick)."""
        scale = IMPORT_SCALE / 10 if quick else IMPORT_SCALE
        source = build_account("import-source", scale=scale, seed=seed, now=now)
        raw = "".join(dataformat.export_chunks(source.user)).encode()
        times = []
        with bench_settings():
            for n in range(1 if quick else 3):
                user = User.objects.create_user(username=f"import{n}", password=None)
                started = time.perf_counter()
                outcome = dataformat.import_account(user, raw)
                times.append(time.perf_counter() - started)
        seconds = statistics.median(times)
        size = f"{len(raw) / 1024 / 1024:.2f} MiB"
        self.stdout.write(
            f"\nImport: a {size} file ({outcome}) into an empty account in"
            f" {seconds:.2f} s (median of {len(times)}: {', '.join(f'{t:.2f}' for t in times)})"
        )
        text = f"import of {size} in {seconds:.2f} s < {IMPORT_SECONDS:g} s"
        ok = seconds < IMPORT_SECONDS
        self.stdout.write(f"{'PASS' if ok else 'FAIL'}  {text}")
        return [(ok, text)]

    def measure_pages(self, accounts: dict[str, Account], *, quick: bool) -> list[Row]:
        clients = {}
        for label, account in accounts.items():
            clients[label] = Client()
            clients[label].force_login(account.user)
        urls = {label: dict(pages(account)) for label, account in accounts.items()}
        rows = []
        for page, _ in pages(next(iter(accounts.values()))):
            results = measure(clients, {a: urls[a][page] for a in accounts}, quick=quick)
            for label, (median_ms, runs, queries, body) in results.items():
                rows.append(Row(page, label, queries, median_ms, runs, len(body), body))
        users = {label: account.user.pk for label, account in accounts.items()}
        for page, label_after in AFTER_A_WRITE.items():
            results = measure(
                clients,
                {a: urls[a][page] for a in accounts},
                quick=quick,
                before=lambda label: data_changed(users[label]),
            )
            for label, (median_ms, runs, queries, body) in results.items():
                rows.append(Row(label_after, label, queries, median_ms, runs, len(body), body))
        order = list(accounts)
        return sorted(rows, key=lambda r: order.index(r.account))

    def first_visit(self, rows: list[Row]) -> list[tuple[str, int]]:
        """Gzipped sizes of the heavy dashboard's HTML and the CSS and JS it references."""
        html = next(r.html for r in rows if r.page == "dashboard" and r.account == "heavy")
        parts = [("dashboard HTML", len(gzip.compress(html, 6)))]
        prefix = "/" + settings.STATIC_URL.lstrip("/")
        for url in re.findall(rb'(?:src|href)="([^"]+\.(?:css|js))"', html):
            url = url.decode()
            if not url.startswith(prefix):
                continue
            file = Path(settings.STATIC_ROOT) / url.removeprefix(prefix)
            packed = file.with_name(file.name + ".gz")
            if packed.exists():
                size = packed.stat().st_size
            elif file.exists():
                size = len(gzip.compress(file.read_bytes(), 9))
            else:
                raise CommandError(f"{file} is missing: run collectstatic first.")
            parts.append((url.removeprefix(prefix), size))
        return parts

    def report(self, rows: list[Row], first_visit: list[tuple[str, int]]) -> list:
        by = {(r.page, r.account): r for r in rows}
        header = ("page", "account", "queries", "median ms", "x floor", "heavy/light", "bytes")
        table = [header]
        for r in rows:
            floor = by[("floor", r.account)].median_ms
            light = by.get((r.page, "light"))
            ratio = ""
            if r.account == "heavy" and r.page != "floor":
                ratio = f"{r.median_ms / light.median_ms:.2f}"
            table.append(
                (
                    r.page,
                    self.labels.get(r.account, r.account),
                    str(r.queries),
                    f"{r.median_ms:.2f}",
                    f"{r.median_ms / floor:.1f}",
                    ratio,
                    f"{r.size:,}",
                )
            )
        widths = [max(len(line[i]) for line in table) for i in range(len(header))]
        self.stdout.write("")
        for i, line in enumerate(table):
            pairs = enumerate(zip(line, widths, strict=True))
            cells = [c.ljust(w) if j < 2 else c.rjust(w) for j, (c, w) in pairs]
            self.stdout.write("| " + " | ".join(cells) + " |")
            if i == 0:
                self.stdout.write("|" + "|".join("-" * (w + 2) for w in widths) + "|")

        verdicts = []

        def check(ok: bool, text: str) -> None:
            verdicts.append((ok, text))
            self.stdout.write(f"{'PASS' if ok else 'FAIL'}  {text}")

        for label_after in AFTER_A_WRITE.values():
            for account in ("heavy", "light"):
                ratio = by[(label_after, account)].median_ms / by[("floor", account)].median_ms
                self.stdout.write(
                    f"\nThe {label_after} ({self.labels.get(account, account)}): {ratio:.1f}x"
                    " floor (not a target: the visit after each write works the page out anew)"
                )
        self.stdout.write("\nTargets:")
        for page, limit in FLOOR_RATIO.items():
            for account in ("heavy", "light"):
                ratio = by[(page, account)].median_ms / by[("floor", account)].median_ms
                label = self.labels.get(account, account)
                check(ratio <= limit, f"{page} ({label}) {ratio:.1f}x floor <= {limit}x")
        for page, limit in HEAVY_LIGHT.items():
            ratio = by[(page, "heavy")].median_ms / by[(page, "light")].median_ms
            check(ratio <= limit, f"{page} heavy/light {ratio:.2f} <= {limit}")
        export = by[("export", "heavy")]
        check(
            export.median_ms < EXPORT_SECONDS * 1000,
            f"export ({self.labels.get('heavy', 'heavy')}, {export.size / 1024 / 1024:.1f} MiB"
            f" sent) {export.median_ms / 1000:.2f} s < {EXPORT_SECONDS:g} s",
        )
        worst = max(rows, key=lambda r: r.queries)
        check(
            worst.queries <= MAX_QUERIES,
            f"queries per page <= {MAX_QUERIES} (most: {worst.page}, {worst.account},"
            f" {worst.queries})",
        )
        total = sum(size for _, size in first_visit)
        detail = ", ".join(f"{name} {size / 1024:.1f}" for name, size in first_visit)
        check(
            total <= FIRST_VISIT_BYTES,
            f"first visit of the dashboard {total / 1024:.1f} KB gzipped <= 60 KB ({detail})",
        )
        return verdicts

    def summaries(self, *, quick: bool) -> list:
        """send_reminders' work: the morning summaries of 1,000 users (100 with --quick), each
        with something due, built and sent over SMTP to a local sink."""
        users = 100 if quick else summaries.USERS
        with bench_settings():
            figures = summaries.measure(users, timezone.now())
        limit = summaries.TARGET_SECONDS * users / summaries.USERS
        self.stdout.write(
            f"\nMorning summaries: {figures.users:,} sent in {figures.seconds:.1f} s"
            f" ({figures.seconds / figures.users * 1000:.1f} ms each,"
            f" {figures.queries / figures.users:.1f} queries each; the sink received"
            f" {figures.received:,})"
        )
        ok = figures.seconds <= limit and figures.received == figures.users
        text = f"{figures.users:,} morning summaries in {figures.seconds:.1f} s <= {limit:g} s"
        self.stdout.write(f"{'PASS' if ok else 'FAIL'}  {text}")
        return [(ok, text)]

    def load_run(self, account: Account, *, seconds: float) -> list:
        """gunicorn on a free port against the same database, loaded from a separate process."""
        with bench_settings():
            client = Client()
            client.force_login(account.user)
            client.get("/")  # the once-a-day session write happens now, not under load
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
        connection.close()
        port = free_port()
        # DEBUG=1 spares a SECRET_KEY and the HTTPS redirect; Django then keeps each request's
        # queries in memory (cleared per request), a small cost the in-process figures avoid.
        env = {
            **os.environ,
            "DEBUG": "1",
            "SECRET_KEY": settings.SECRET_KEY,  # the session's auth hash is signed with it
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        workdir = Path(os.environ.get("BENCH_WORKDIR") or tempfile.gettempdir())
        log = open(workdir / "gunicorn.log", "w+b")  # noqa: SIM115 (closed in the finally)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "advisor.wsgi:application",
                "--workers",
                "2",
                "--threads",
                "4",
                "--bind",
                f"127.0.0.1:{port}",
                "--chdir",
                str(settings.BASE_DIR),
                "--log-level",
                "warning",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        verdicts = []
        try:
            deadline = time.monotonic() + 30
            while True:
                if server.poll() is not None:
                    log.seek(0)
                    raise CommandError("gunicorn did not start:\n" + log.read().decode()[-2000:])
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise CommandError("gunicorn did not listen within 30 s") from None
                    time.sleep(0.2)
            self.stdout.write(
                f"\nLoad: gunicorn --workers 2 --threads 4, 8 connections, {seconds:g} s a page"
                " (DEBUG=1 in the server)"
            )
            self.stdout.write("| page | requests/s | p50 ms | p99 ms | errors |")
            self.stdout.write("|------|-----------:|-------:|-------:|-------:|")
            results = []
            for page, url in [("dashboard", f"/interviews/{account.round_id}/"), ("board", "/")]:
                done = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "bench.load",
                        "--port",
                        str(port),
                        "--path",
                        url,
                        "--seconds",
                        str(seconds),
                        "--connections",
                        "8",
                        "--cookie",
                        f"sessionid={session}",
                    ],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=seconds + 120,
                    check=True,
                    cwd=settings.BASE_DIR,
                )
                result = json.loads(done.stdout)
                results.append((page, result))
                self.stdout.write(
                    f"| {page} | {result['rps']} | {result['p50_ms']} | {result['p99_ms']}"
                    f" | {result['errors']} {result['statuses']} |"
                )
            self.stdout.write("")
            for page, result in results:
                ok = result["errors"] == 0 and result["requests"] > 0
                verdicts.append((ok, f"{page} under load: {result['errors']} errors"))
                ratio = (result["p99_ms"] or 0) / (result["p50_ms"] or 1)
                verdicts.append(
                    (ratio <= LOAD_P99_OVER_P50, f"{page} under load: p99/p50 {ratio:.1f} <= 5")
                )
            for ok, text in verdicts:
                self.stdout.write(f"{'PASS' if ok else 'FAIL'}  {text}")
        finally:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
        return verdicts


if __name__ == "__main__":
    # A Django command class, run without the site knowing it: the same options, output and
    # exit codes as `manage.py bench` had, under the name "python -m bench".
    Command().run_from_argv(["python", "-m bench", *sys.argv[1:]])
