"""Every page asks the database the same few questions, however much the account holds."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from test_dashboard import next_round_with, verdicts
from test_round_page_sections import section_url
from test_spreadsheet_people import rows_of
from test_summary import NOW, make_subscriber, met

from advisor import dataformat, summary
from advisor.dataformat import export_account
from advisor.models import ResearchTick, Touch, User
from advisor.overview import data_changed

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


# ---------------------------------------------------------------------------------------------
# Each page as it grows in one direction


def test_board_runs_the_same_queries_for_one_or_many_pipelines(
    user,
    client_for,
    make_pipeline,
    make_round,
    make_interviewer,
    django_assert_num_queries,
    monkeypatch,
):
    # The clock stands still: the board works its rows out again every five minutes of it.
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    client = client_for(user)

    def add_pipelines(count):
        for _ in range(count):
            pipeline = make_pipeline(user)
            make_round(
                pipeline,
                status="scheduled",
                scheduled_at=timezone.now() + timedelta(days=1),
                interviewers=(make_interviewer(user),),
            )

    add_pipelines(1)
    client.get("/")  # warm the session
    # Worked out after a write: session, user, the overview, pipelines, rounds, their people,
    # people's details, profiles, touches, and what was worked out kept on the user's row.
    data_changed(user.pk)  # as the site's writes do
    with django_assert_num_queries(10):
        client.get("/")
    # Read back at the next visit: session and user (the overview and rows are on its row).
    with django_assert_num_queries(2):
        client.get("/")
    add_pipelines(15)
    data_changed(user.pk)
    with django_assert_num_queries(10):
        client.get("/")
    with django_assert_num_queries(2):
        client.get("/")


def test_board_query_count_holds_with_the_overview(
    user, client_for, make_pipeline, make_round, make_interviewer, django_assert_num_queries
):
    client = client_for(user)
    make_round(make_pipeline(user), status="done", interviewers=(make_interviewer(user),))
    client.get("/")
    data_changed(user.pk)
    with django_assert_num_queries(10):
        client.get("/")
    for _ in range(10):
        make_round(make_pipeline(user, status="rejected"), status="done")
        person = make_interviewer(user)
        make_round(make_pipeline(user), status="scheduled", interviewers=(person,))
    data_changed(user.pk)
    with django_assert_num_queries(10):
        client.get("/")


def test_pipeline_page_queries_do_not_grow_with_contacts(
    user, client_for, make_round, make_interviewer, django_assert_num_queries
):
    round_ = make_round(owner=user, interviewers=(make_interviewer(user),))
    client = client_for(user)
    url = round_.pipeline.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(5):
        small = client.get(url)
    for _ in range(30):
        make_interviewer(user)
    make_round(round_.pipeline, interviewers=(make_interviewer(user),))
    with django_assert_num_queries(5):
        large = client.get(url)
    assert len(large.content) < len(small.content) * 2


def test_dashboard_queries_do_not_grow_with_interviewers(
    user,
    client_for,
    make_round,
    make_interviewer,
    make_profile,
    make_touch,
    django_assert_num_queries,
):
    round_ = make_round(owner=user, status="done")
    client = client_for(user)
    client.get("/")

    def add_people(count):
        for _ in range(count):
            person = make_interviewer(user)
            for platform in ("linkedin", "twitter", "github"):
                make_profile(person, platform, handle="dana_lee")
            make_touch(person, "commented")
            ResearchTick.objects.create(interviewer=person, item="culture")
            round_.interviewers.add(person)

    add_people(1)
    data_changed(user.pk)  # as the site's writes do
    # Loaded after a write: session, user, round+pipeline, rounds, interviewers, profiles,
    # touches, ticks, and the rounds they take part in, in any pipeline.
    with django_assert_num_queries(9):
        assert client.get(round_.get_absolute_url()).status_code == 200
    # Read back at the next visit: session and user (views.kept_round_page_data).
    with django_assert_num_queries(2):
        assert client.get(round_.get_absolute_url()).status_code == 200
    add_people(19)
    data_changed(user.pk)
    with django_assert_num_queries(9):
        html = client.get(round_.get_absolute_url()).text
    assert len(verdicts(html)) == 60
    with django_assert_num_queries(2):
        assert verdicts(client.get(round_.get_absolute_url()).text) == verdicts(html)


def test_an_unfolded_section_reads_what_its_page_kept_and_the_checklist_too(
    user, client_for, met_dana, django_assert_num_queries
):
    dana, screen = met_dana
    design = next_round_with(dana, screen)
    client = client_for(user)
    client.get(design.get_absolute_url())
    with django_assert_num_queries(2):
        client.get(section_url(design, dana, "research"), HTTP_HX_REQUEST="true")
    with django_assert_num_queries(2):
        client.get(reverse("interview_checklist", args=[design.pk]))
    data_changed(user.pk)
    with django_assert_num_queries(9):
        client.get(section_url(design, dana, "risk"), HTTP_HX_REQUEST="true")


# ---------------------------------------------------------------------------------------------
# The export, the spreadsheet and the morning summary

# The queries of one export: round places, people, profiles, touches, research ticks,
# round-person links, pipelines with their rounds.
EXPORT_QUERIES = 7


def test_the_export_reads_the_same_queries_beside_any_number_of_other_accounts(
    user, make_one_of_each, other_accounts, django_assert_num_queries
):
    make_one_of_each(user)
    with django_assert_num_queries(EXPORT_QUERIES):
        alone = "".join(dataformat.export_chunks(user))
    other_accounts(10)
    with django_assert_num_queries(EXPORT_QUERIES):
        beside_others = "".join(dataformat.export_chunks(user))
    assert beside_others == alone


def test_the_export_page_reads_the_same_queries_however_big_the_account(
    user, make_one_of_each, other_accounts, client_for, django_assert_num_queries
):
    client = client_for(user)
    make_one_of_each(user)
    client.get(reverse("export"))  # the first visit of the day saves the session
    with django_assert_num_queries(2 + EXPORT_QUERIES):  # the session and the user first
        client.get(reverse("export")).getvalue()
    for _ in range(12):
        make_one_of_each(user)
    other_accounts(3)
    with django_assert_num_queries(2 + EXPORT_QUERIES):
        client.get(reverse("export")).getvalue()


def test_the_spreadsheet_reads_three_queries_beside_other_accounts(
    user, make_user, make_pipeline, make_interviewer, make_round, django_assert_num_queries
):
    make_round(make_pipeline(user), interviewers=(make_interviewer(user),))
    with django_assert_num_queries(3):
        alone = rows_of(user)
    for _ in range(5):
        stranger = make_user()
        make_round(make_pipeline(stranger), interviewers=(make_interviewer(stranger),))
    with django_assert_num_queries(3):
        assert rows_of(user) == alone


def test_export_takes_the_same_number_of_queries_however_big_the_account(
    user, make_pipeline, make_interviewer, make_round, make_profile, make_touch
):
    def add_some(n: int) -> None:
        for _ in range(n):
            person = make_interviewer(user)
            make_profile(person, "github")
            make_touch(person, "followed")
            make_round(make_pipeline(user), interviewers=(person,))

    add_some(1)
    with CaptureQueriesContext(connection) as small:
        export_account(user)
    add_some(6)
    with CaptureQueriesContext(connection) as big:
        export_account(user)
    assert len(big) == len(small) <= 7


def test_building_a_summary_asks_the_same_number_of_queries_for_any_account(
    make_user, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    def account(name: str, pipelines: int, people: int) -> User:
        owner = make_subscriber(make_user, name)
        for p in range(pipelines):
            pipeline = make_pipeline(owner, company=f"Company {p}")
            team = [make_interviewer(owner, f"Person {p}-{i}") for i in range(people)]
            for person in team:
                make_profile(person, "linkedin", handle=f"person-{p}-{person.pk}")
                make_profile(person, "github", handle=f"person{p}x{person.pk}")
                make_touch(person, Touch.Kind.COMMENTED, at=NOW - timedelta(days=3))
            make_round(
                pipeline, status="done", scheduled_at=NOW - timedelta(days=2), interviewers=team
            )
            make_round(
                pipeline,
                status="scheduled",
                scheduled_at=NOW + timedelta(hours=20),
                interviewers=team,
            )
        return owner

    small, large = account("small", 1, 1), account("large", 6, 5)
    counts = []
    for owner in (small, large):
        with CaptureQueriesContext(connection) as queries:
            found = summary.build(owner, NOW)
        assert not found.is_empty
        counts.append(len(queries))
    assert counts == [6, 6]


def test_queries_per_summary_sent_are_fixed(make_user, mail_server, make_round, make_interviewer):
    def run_for(names: list[str]) -> int:
        for name in names:
            owner = make_subscriber(make_user, name)
            met(make_round, make_interviewer, owner, "Dana Lee", at=NOW - timedelta(hours=14))
        with CaptureQueriesContext(connection) as queries:
            assert len(summary.send_due(NOW).sent) == len(names)
        return len(queries)

    two, four = run_for(["a1", "a2"]), run_for(["b1", "b2", "b3", "b4"])
    assert four - two == two - 1  # one query to find who is due, then the same per user
