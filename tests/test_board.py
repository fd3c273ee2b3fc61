"""The board tells one story: where a new account starts, open pipelines grouped and closed
ones hidden, one window for what is coming, badges in words, research counted as the round page
counts it."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor import summary
from advisor.board import board_page, people_for_actions
from advisor.models import Pipeline, ResearchTick, with_rounds

pytestmark = pytest.mark.django_db


def upcoming_names(html: str) -> list[str]:
    section = html.split('id="upcoming-heading"')[1]
    return re.findall(r"<strong>([^<]+)</strong> · ", section)


def test_next_interview_and_upcoming_use_the_same_window(
    user, client_for, make_pipeline, make_round
):
    now = timezone.now()
    for company, name, when in [
        ("Started", "Under way", now - timedelta(hours=1)),  # a two-hour loop, not over yet
        ("Soon", "In three days", now + timedelta(days=3)),
        ("Far", "In three weeks", now + timedelta(days=21)),
    ]:
        make_round(
            make_pipeline(user, company=company),
            name=name,
            status="scheduled",
            scheduled_at=when,
            duration_minutes=120,
        )

    html = client_for(user).get("/").text

    assert upcoming_names(html) == ["Under way", "In three days"]
    cards = {
        company: re.search(rf"{company}</p>.*?</li>", html, re.S).group(0)
        for company in ("Started", "Soon", "Far")
    }
    assert "Next interview:" in cards["Started"] and "1 hour ago" in cards["Started"]
    assert "Next interview:" in cards["Soon"] and "in 3 days" in cards["Soon"]
    assert "Next interview:" not in cards["Far"]  # not in Upcoming either


def test_a_pending_request_is_labelled_request_pending_never_done(
    user, client_for, met_dana, make_touch
):
    dana, screen = met_dana
    make_touch(dana, "thank_you_sent", at=timezone.now())
    linkedin = dana.profiles.get(platform="linkedin")
    linkedin.record("request_sent", at=timezone.now())

    html = client_for(user).get(screen.get_absolute_url()).text
    tag = re.search(r'<span class="verdict[^>]*data-platform="linkedin"[^>]*>([^<]*)</span>', html)
    assert 'data-verdict="done"' in tag.group(0)  # the rule book's verdict, for machines
    assert tag.group(1) == "Request pending"  # and words for people
    chips = re.search(r'<div class="verdict-line">.*?</div>', html, re.S).group(0)
    assert "Thank-you sent" in chips
    assert 'LinkedIn <span class="verdict verdict-done small">Request pending</span>' in chips
    assert ">Done<" not in chips
    board = client_for(user).get("/").text
    assert "Connect with Dana Lee" not in board


def test_board_research_counts_the_person_and_the_company_once(
    user, client_for, make_pipeline, make_round, make_interviewer
):
    ana, ben = make_interviewer(user, "Ana Ruiz"), make_interviewer(user, "Ben Ode")
    ResearchTick.objects.create(interviewer=ana, item="interests")
    pipeline = make_pipeline(user, company="Contoso", researched=["culture"])
    make_round(
        pipeline,
        name="Onsite",
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=1),
        interviewers=(ana, ben),
    )

    html = client_for(user).get("/").text
    actions = re.sub(r"\s+", " ", html.split(">Next actions<")[1].split("upcoming-heading")[0])

    assert "Research Contoso before Onsite (1 item left)" in actions
    assert "Research Ana Ruiz before Onsite (5 items left)" in actions
    assert "Research Ben Ode before Onsite (6 items left)" in actions
    assert actions.index("Research Contoso") < actions.index("Research Ana Ruiz")


# The first visit, open and closed pipelines


def test_new_account_sees_how_to_start(user, client_for):
    response = client_for(user).get("/")
    assert response.status_code == 200
    assert "Start with the job you are interviewing for" in response.text


def test_a_candidate_whose_applications_are_all_closed_is_not_shown_how_to_start(
    user, client_for, make_pipeline
):
    make_pipeline(user, company="Northwind", status="hired")

    html = client_for(user).get("/").text

    assert "Start with the job you are interviewing for" not in html
    assert "No open applications" in html
    assert 'href="?closed=1">Closed pipelines (1)' in html


def test_once_hired_the_board_suggests_connecting_with_the_people_met_there(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    ana = make_interviewer(user, "Ana Lopes")
    make_profile(ana, "linkedin", handle="ana-lopes")
    hired = make_pipeline(user, company="Northwind", status="hired")
    make_round(
        hired, status="done", scheduled_at=timezone.now() - timedelta(days=20), interviewers=(ana,)
    )
    make_touch(ana, "thank_you_sent", at=timezone.now() - timedelta(days=19))  # as one should
    make_round(hired, status="scheduled", scheduled_at=timezone.now() + timedelta(days=1))

    html = client_for(user).get("/").text

    assert 'data-action="connect" data-interviewer="Ana Lopes"' in html
    assert "Upcoming interviews" in html and "Phone screen · Northwind" not in html
    morning = summary.build(user, timezone.now())
    assert [(a.kind, a.interviewer) for a in morning.advisable] == [("connect", "Ana Lopes")]
    assert morning.interviews == []


def test_a_pipeline_closed_long_ago_suggests_nothing(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    ana = make_interviewer(user, "Ana Lopes")
    make_profile(ana, "linkedin", handle="ana-lopes")
    rejected = make_pipeline(user, status="rejected")
    make_round(
        rejected,
        status="done",
        scheduled_at=timezone.now() - timedelta(days=40),
        interviewers=(ana,),
    )
    Pipeline.objects.filter(pk=rejected.pk).update(updated=timezone.now() - timedelta(days=30))

    html = client_for(user).get("/").text

    assert 'data-interviewer="Ana Lopes"' not in html


def test_board_groups_open_pipelines_and_hides_closed_ones(
    user, client_for, make_pipeline, make_round
):
    offer = make_pipeline(user, company="Globex", status="offer")
    active = make_pipeline(user, company="Initech")
    make_pipeline(user, company="Hooli", status="rejected")
    soon = timezone.now() + timedelta(days=2)
    make_round(active, name="Onsite loop", status="scheduled", scheduled_at=soon)
    make_round(offer, name="Final chat", status="done")

    page = client_for(user).get("/").text
    board = page.split('class="board"')[1]

    assert (
        board.index("Offers")
        < board.index("Globex")
        < board.index("Active")
        < board.index("Initech")
    )
    assert "Hooli" not in page
    assert "Closed pipelines (1)" in page
    assert "Onsite loop" in page.split("Upcoming interviews")[1]
    closed = client_for(user).get("/?closed=1").text
    assert "Hooli" in closed and "Initech" not in closed


def test_the_latest_meeting_is_read_to_the_microsecond_on_every_database(
    user, make_pipeline, make_round, make_interviewer
):
    now = timezone.now()
    met_at = (now - timedelta(days=2)).replace(microsecond=123456)
    ana = make_interviewer(user, "Ana Ruiz")
    pipeline = make_pipeline(user)
    make_round(pipeline, name="Screen", status="done", scheduled_at=met_at, interviewers=(ana,))
    people = people_for_actions(with_rounds([pipeline]), now)

    assert people[ana.pk].met_round_start == met_at  # read back from JSON, with its zone
    assert (people[ana.pk].met_round_company, people[ana.pk].met_round_minutes) == (
        pipeline.company,
        60,
    )


# ---------------------------------------------------------------------------------------------
# What is kept between visits


FIVE_PAST = datetime(2026, 11, 24, 8, 5, tzinfo=UTC)  # the start of a five-minute span


def test_a_visit_after_no_write_reads_the_kept_rows_and_works_out_how_far_off_things_are(
    user, make_pipeline, make_round, make_interviewer, django_assert_num_queries
):
    make_round(
        make_pipeline(user, company="Globex"),
        name="Phone screen",
        status="scheduled",
        scheduled_at=FIVE_PAST + timedelta(minutes=30),
        interviewers=(make_interviewer(user, "Ana Lopes"),),
    )
    board_page(user, None, FIVE_PAST)
    user.refresh_from_db()
    make_pipeline(user, company="Initech")  # written behind the site's back: no new version

    with django_assert_num_queries(0):
        later = board_page(user, None, FIVE_PAST + timedelta(minutes=2))

    assert [row["company"] for _, rows in later["groups"] for row in rows] == ["Globex"]
    assert later["upcoming"][0]["countdown"] == "in 28 minutes"
    assert later["actions"][0]["after"] == "in 28 minutes"  # research before it


def test_the_board_is_worked_out_again_after_five_minutes(user, make_pipeline):
    make_pipeline(user, company="Globex")
    board_page(user, None, FIVE_PAST)
    user.refresh_from_db()
    make_pipeline(user, company="Initech")

    later = board_page(user, None, FIVE_PAST + timedelta(minutes=5))

    assert {row["company"] for _, rows in later["groups"] for row in rows} == {"Globex", "Initech"}


def test_a_write_through_the_site_shows_at_the_next_visit(
    user, client_for, make_pipeline, make_round, make_interviewer
):
    priya = make_interviewer(user, "Priya Raman")
    round_ = make_round(
        make_pipeline(user),
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=2),
        interviewers=(priya,),
    )
    client = client_for(user)
    assert 'data-action="thank-you" data-interviewer="Priya Raman"' in client.get("/").text

    client.post(
        reverse("record_on_interviewer", args=[round_.pk, priya.pk]),
        {"kind": "thank_you_sent", "text": "Thank-you email"},
    )

    assert 'data-interviewer="Priya Raman"' not in client.get("/").text


def test_each_page_of_the_board_shows_its_own_pipelines_and_is_read_back_at_once(
    user, client_for, make_pipeline, django_assert_num_queries
):
    for number in range(25):
        make_pipeline(user, company=f"Company {number:02}")
    client = client_for(user)

    first, second = client.get("/").text, client.get("/?page=2").text

    assert "Company 24" in first and "Company 24" not in second
    assert "Company 00" in second and "Company 00" not in first
    with django_assert_num_queries(2):  # session and user: the second page's rows are kept
        assert "Company 00" in client.get("/?page=2").text
    assert "Company 24" in client.get("/").text


def test_a_kept_board_labels_a_thank_you_overdue_and_drops_research_once_their_time_passes(
    user, make_pipeline, make_round, make_interviewer
):
    make_round(
        make_pipeline(user, company="Globex"),
        status="done",
        scheduled_at=FIVE_PAST - timedelta(hours=24, minutes=59),
        duration_minutes=60,  # the thank-you is due at FIVE_PAST plus one minute
        interviewers=(make_interviewer(user, "Ana Lopes"),),
    )
    make_round(
        make_pipeline(user, company="Initech"),
        status="scheduled",
        scheduled_at=FIVE_PAST + timedelta(minutes=2),
        interviewers=(make_interviewer(user, "Sam Park"),),
    )
    first = board_page(user, None, FIVE_PAST)
    user.refresh_from_db()

    later = board_page(user, None, FIVE_PAST + timedelta(minutes=3))  # the same five minutes

    def shown(board):
        return [(a["label"], a["interviewer"], a["after"]) for a in board["actions"]]

    assert ("Thank-you due", "Ana Lopes", "1 minute left") in shown(first)
    assert ("Research", "Sam Park", "in 2 minutes") in shown(first)
    assert shown(later) == [("Thank-you overdue", "Ana Lopes", None)]
