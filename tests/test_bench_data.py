"""The benchmark's data builder and pages (python -m bench): counts, determinism, status 200.

No timings here: those belong to `make bench`, not to the test suite.
"""

from datetime import UTC, datetime

import pytest
from django.test import Client

from advisor import platforms
from advisor.models import Interviewer, Pipeline, Profile, Round, Touch
from bench.data import ROUNDS_PER_PIPELINE, build_account, counts
from bench.urls import FLOOR_PATH, bench_settings, pages

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SCALE = 0.01


@pytest.fixture
def account(db):
    return build_account("bench", scale=SCALE, seed=7, now=NOW)


def test_counts_at_a_tiny_scale(account):
    n = counts(SCALE)
    user = account.user
    assert n == {"active": 2, "closed": 8, "interviewers": 15, "touches": 100}
    assert Pipeline.objects.filter(owner=user).open().count() == n["active"]
    assert Pipeline.objects.filter(owner=user).closed().count() == n["closed"]
    assert set(Pipeline.objects.filter(owner=user).closed().values_list("status", flat=True)) <= {
        "hired",
        "rejected",
        "withdrawn",
    }
    rounds = Round.objects.filter(pipeline__owner=user)
    assert rounds.count() == (n["active"] + n["closed"]) * ROUNDS_PER_PIPELINE
    assert Interviewer.objects.filter(owner=user).count() == n["interviewers"]
    assert Profile.objects.filter(interviewer__owner=user).count() == 3 * n["interviewers"]
    assert Touch.objects.filter(interviewer__owner=user).count() == n["touches"]
    for round_ in rounds.prefetch_related("interviewers"):
        assert 1 <= len(round_.interviewers.all()) <= 4
    focus = Round.objects.get(pk=account.round_id)
    assert focus.interviewers.count() == 4
    assert focus.pipeline_id == account.pipeline_id
    assert focus.is_upcoming and focus.pipeline.status == "active"
    assert focus.interviewers.filter(pk=account.interviewer_id).exists()


def test_handles_are_valid(account):
    for profile in Profile.objects.filter(interviewer__owner=account.user):
        assert platforms.handle_error(profile.platform, profile.handle) is None, profile.handle


def _snapshot(user):
    return (
        list(Interviewer.objects.filter(owner=user).order_by("pk").values_list("name", "company")),
        list(
            Profile.objects.filter(interviewer__owner=user)
            .order_by("pk")
            .values_list("platform", "handle", "state")
        ),
        list(Pipeline.objects.filter(owner=user).order_by("pk").values_list("status", "updated")),
        list(
            Round.objects.filter(pipeline__owner=user)
            .order_by("pk")
            .values_list("status", "scheduled_at")
        ),
        sorted(
            Round.interviewers.through.objects.filter(round__pipeline__owner=user).values_list(
                "round__position", "interviewer__name"
            )
        ),
        list(
            Touch.objects.filter(interviewer__owner=user).order_by("pk").values_list("kind", "at")
        ),
    )


def test_same_seed_same_data(db):
    first = build_account("first", scale=SCALE, seed=3, now=NOW)
    second = build_account("second", scale=SCALE, seed=3, now=NOW)
    other = build_account("other", scale=SCALE, seed=4, now=NOW)
    assert _snapshot(first.user) == _snapshot(second.user)
    assert _snapshot(first.user) != _snapshot(other.user)


def test_measured_pages_answer_200(account):
    client = Client()
    client.force_login(account.user)
    with bench_settings():
        for name, url in pages(account):
            response = client.get(url)
            assert response.status_code == 200, (name, url)
        assert client.get(FLOOR_PATH).content.startswith(b"ok")
        client.logout()
        assert client.get(FLOOR_PATH).status_code == 302
