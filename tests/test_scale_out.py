"""Two app servers behind one proxy act as one site: sessions, limits and data are shared.

Two gunicorn servers (separate processes, separate ports) share one database, PostgreSQL in
the suite's PostgreSQL run, and one cache: Redis (REDIS_URL) or, without it, the database.
Visitors name their address in X-Forwarded-For, as the proxy does.
"""

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from servers import (
    Visitor,
    fresh_databases,
    gunicorn,
    migrate,
    production_env,
    redis_server,
    run_python,
)
from test_security import production_settings

PASSWORD = "scale-out-password-6620"
SIGN_UPS_PER_HOUR = 4
FAILURES_PER_ADDRESS = 8
SETUP = f"""
import django, json; django.setup()
from advisor.models import Interviewer, Pipeline, Round, User
user = User.objects.create_user("dana", password={PASSWORD!r})
sam = Interviewer.objects.create(owner=user, name="Sam Reyes")
pipeline = Pipeline.objects.create(owner=user, company="Contoso", role="Data Engineer")
round_ = Round.objects.create(pipeline=pipeline, name="Onsite")
round_.interviewers.add(sam)
print(json.dumps([sam.pk, round_.pk]))
"""


@dataclass
class Site:
    first: int
    second: int
    interviewer_id: int
    round_id: int

    def visitor(self, address: str) -> Visitor:
        return Visitor(self.first, address)


@pytest.fixture(scope="module", params=["redis", "database"])
def site(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"scale-out-{request.param}")
    with fresh_databases(folder) as make_database:
        env = production_env(
            make_database(f"scale_out_{request.param}"),
            BEHIND_PROXY="1",
            RATE_LIMIT_PER_HOUR=str(SIGN_UPS_PER_HOUR),
            SIGN_IN_FAILURES_PER_ADDRESS=str(FAILURES_PER_ADDRESS),
        )
        if request.param == "redis":
            env["REDIS_URL"] = request.getfixturevalue("redis_url")
        migrate(env)
        interviewer_id, round_id = json.loads(run_python(SETUP, env))
        with (
            gunicorn(env, folder / "first.log", threads=2) as first,
            gunicorn(env, folder / "second.log", threads=2) as second,
        ):
            yield Site(first, second, interviewer_id, round_id)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


def test_the_cache_is_redis_when_redis_url_is_set_and_the_database_otherwise():
    database = production_settings("CACHES")["CACHES"]["default"]
    redis = production_settings("CACHES", REDIS_URL="redis://127.0.0.1:6379/0")["CACHES"]
    assert database["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert redis["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }


def test_a_session_from_one_server_works_on_the_other(site):
    dana = site.visitor("203.0.113.10")
    assert dana.on(site.first).sign_in("dana", PASSWORD) == 302

    status, page = dana.on(site.second).get(f"/interviewers/{site.interviewer_id}/")

    assert status == 200
    assert b"Sam Reyes" in page


def test_a_write_through_one_server_is_read_through_the_other(site):
    dana = site.visitor("203.0.113.11")
    assert dana.on(site.first).sign_in("dana", PASSWORD) == 302

    status, _ = dana.post(
        f"/interviewers/{site.interviewer_id}/touches/new/",
        {"kind": "other", "at": "2026-11-20T10:00", "text": "written-through-the-first"},
    )
    assert status == 302

    status, page = dana.on(site.second).get(f"/interviewers/{site.interviewer_id}/")
    assert status == 200
    assert b"written-through-the-first" in page


def test_a_round_page_one_server_keeps_shows_a_write_through_the_other_at_once(site):
    dana = site.visitor("203.0.113.12")
    assert dana.on(site.first).sign_in("dana", PASSWORD) == 302
    page = f"/interviews/{site.round_id}/"
    for _ in range(2):  # loaded, then read from what the second server keeps
        status, before = dana.on(site.second).get(page)
        assert status == 200
        assert b"Sam Reyes" in before
        assert b"topic-through-the-first" not in before

    status, _ = dana.on(site.first).post(
        f"{page}interviewers/{site.interviewer_id}/topic/", {"topic": "topic-through-the-first"}
    )
    assert status == 302

    status, after = dana.on(site.second).get(page)
    assert status == 200
    assert b'value="topic-through-the-first"' in after


def test_the_sign_up_limit_counts_across_both_servers(site):
    visitor = site.visitor("203.0.113.12")
    for number in range(SIGN_UPS_PER_HOUR):
        server = site.first if number % 2 else site.second
        status, _ = visitor.on(server).post("/accounts/signup/", {"username": f"n{number}"})
        assert status == 200

    assert visitor.on(site.first).post("/accounts/signup/", {"username": "x"})[0] == 429
    assert visitor.on(site.second).post("/accounts/signup/", {"username": "y"})[0] == 429


def test_the_limit_holds_when_requests_arrive_at_once(site):
    visitors = [site.visitor("203.0.113.16").on(site.first) for _ in range(4 * SIGN_UPS_PER_HOUR)]
    for number, visitor in enumerate(visitors):
        visitor.get("/accounts/password_reset/")
        visitor.on(site.first if number % 2 else site.second)
    with ThreadPoolExecutor(max_workers=len(visitors)) as pool:
        statuses = list(
            pool.map(
                lambda v: v.post("/accounts/password_reset/", {"email": "a@example.org"})[0],
                visitors,
            )
        )

    assert sorted(statuses) == [302] * SIGN_UPS_PER_HOUR + [429] * (3 * SIGN_UPS_PER_HOUR)


def test_the_lockout_counts_across_both_servers(site):
    guesser = site.visitor("203.0.113.13")
    statuses = [
        guesser.on(site.first if number % 2 else site.second).sign_in("dana", "wrong-guess")
        for number in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]

    assert guesser.on(site.first).sign_in("dana", PASSWORD) == 429
    assert guesser.on(site.second).sign_in("dana", PASSWORD) == 429
    assert site.visitor("203.0.113.14").on(site.second).sign_in("dana", PASSWORD) == 302


def test_the_address_limit_counts_across_both_servers(site):
    guesser = site.visitor("203.0.113.15")
    for number in range(FAILURES_PER_ADDRESS):
        server = site.first if number % 2 else site.second
        assert guesser.on(server).sign_in(f"guess{number}", "wrong-guess") == 200

    assert guesser.on(site.first).sign_in("dana", PASSWORD) == 429
    assert guesser.on(site.second).sign_in("dana", PASSWORD) == 429
