"""Every page asks the database the same few questions, however much the account holds."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisor.models import ResearchTick

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow(user, make_pipeline, make_round, make_interviewer, make_profile, make_touch):
    """Add `count` pipelines, each with two rounds and two interviewers with full details."""

    def add(count: int) -> None:
        for _ in range(count):
            pipeline = make_pipeline(user)
            people = []
            for _ in range(2):
                person = make_interviewer(user)
                for platform in ("linkedin", "twitter", "github"):
                    make_profile(person, platform, handle="dana_lee")
                make_touch(person, "commented")
                ResearchTick.objects.create(interviewer=person, item="culture")
                people.append(person)
            make_round(
                pipeline,
                status="done",
                scheduled_at=timezone.now() - timedelta(days=2),
                interviewers=tuple(people),
            )
            make_round(
                pipeline,
                status="scheduled",
                scheduled_at=timezone.now() + timedelta(days=2),
                interviewers=(people[0],),
            )
        make_pipeline(user, status="rejected")

    return add


PAGES = {
    "board": lambda user: "/",
    "pipeline": lambda user: user.pipelines.order_by("pk").first().get_absolute_url(),
    "dashboard": lambda user: (
        user.pipelines.order_by("pk").first().rounds.first().get_absolute_url()
    ),
    "checklist": lambda user: reverse(
        "interview_checklist", args=[user.pipelines.order_by("pk").first().rounds.first().pk]
    ),
    "interviewers": lambda user: reverse("interviewers"),
    "interviewer": lambda user: user.interviewers.order_by("pk").first().get_absolute_url(),
    "export": lambda user: reverse("export"),
    "export_csv": lambda user: reverse("export_csv"),
}


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_page_query_count_is_small_and_does_not_grow(page, user, client_for, grow):
    client = client_for(user)
    grow(1)
    url = PAGES[page](user)
    client.get(url)  # the first visit of the day saves the session
    small = queries_for(client, url)
    grow(12)
    large = queries_for(client, url)
    assert small == large <= 10
