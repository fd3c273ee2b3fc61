"""Status changes of rounds and pipelines: what a change records and answers htmx with; a round
ahead is marked done only once confirmed, its date is never rewritten silently, every change
can be undone, and a date edited moves what follows from it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor.models import Touch

pytestmark = pytest.mark.django_db


@pytest.fixture
def ahead(user, make_round, make_interviewer):
    """A round booked for tomorrow with Dana on it."""
    dana = make_interviewer(user, "Dana Lee")
    planned = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    round_ = make_round(owner=user, status="scheduled", scheduled_at=planned, interviewers=(dana,))
    return round_, dana, planned


def undo_form(html: str) -> tuple[str, str]:
    """The Undo button's form in a message: its token and where it leads back to."""
    form = re.search(r'<form method="post" action="/undo/".*?</form>', html, re.S).group(0)
    token = re.search(r'name="token" value="([^"]+)"', form).group(1)
    back = re.search(r'name="next" value="([^"]*)"', form).group(1)
    return token, back


@pytest.fixture
def cancelled(user, client_for, make_round):
    """A planned round the candidate has just cancelled from its page: the round, their client,
    and the token of the Undo button the message offers."""
    round_ = make_round(owner=user, status="planned")
    client = client_for(user)
    page = client.post(
        reverse("interview_status", args=[round_.pk]),
        {"status": "cancelled", "next": "interview"},
        follow=True,
    )
    token, _ = undo_form(page.text)
    return round_, client, token


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_marking_a_round_ahead_done_without_confirming_changes_nothing(
    htmx, user, client_for, ahead
):
    round_, dana, planned = ahead
    headers = {"HX-Request": "true"} if htmx else {}
    response = client_for(user).post(
        reverse("interview_status", args=[round_.pk]), {"status": "done"}, headers=headers
    )

    assert response.status_code == 200
    assert "Mark Phone screen done?" in response.text
    assert 'name="confirm" value="yes"' in response.text
    if htmx:
        assert response.headers["HX-Retarget"] == "body"
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at) == ("scheduled", planned)
    assert not Touch.objects.filter(interviewer=dana).exists()


def test_confirmed_and_keeping_its_time_the_round_is_done_at_the_planned_time(
    user, client_for, ahead
):
    round_, dana, planned = ahead
    client_for(user).post(
        reverse("interview_status", args=[round_.pk]),
        {"status": "done", "confirm": "yes", "ended": "planned"},
    )
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at) == ("done", planned)
    assert Touch.objects.filter(interviewer=dana, kind="met", round=round_).exists()


def test_the_actual_time_is_recorded_only_when_the_candidate_says_it_ended_now(
    user, client_for, ahead
):
    round_, _dana, _planned = ahead
    response = client_for(user).post(
        reverse("interview_status", args=[round_.pk]),
        {"status": "done", "confirm": "yes", "ended": "now", "next": "interview"},
        follow=True,
    )
    round_.refresh_from_db()
    assert round_.status == "done"
    assert abs(round_.ends_at - timezone.now()) < timedelta(minutes=1)
    assert "as you said" in response.text


def test_a_round_already_under_way_is_marked_done_at_once_and_keeps_its_date(
    user, client_for, make_round
):
    started = timezone.now() - timedelta(minutes=20)
    round_ = make_round(owner=user, status="scheduled", scheduled_at=started)
    client_for(user).post(reverse("interview_status", args=[round_.pk]), {"status": "done"})
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at) == ("done", started)


def test_an_interview_over_sooner_than_planned_ends_when_marked_done_and_its_thank_you_counts(
    user, client_for, make_round, make_interviewer
):
    mia = make_interviewer(user, "Mia Early")
    started = timezone.now() - timedelta(minutes=40)
    round_ = make_round(
        owner=user,
        status="scheduled",
        scheduled_at=started,
        duration_minutes=60,
        interviewers=(mia,),
    )
    client = client_for(user)

    response = client.post(
        reverse("interview_status", args=[round_.pk]), {"status": "done"}, follow=True
    )
    client.post(
        reverse("record_on_interviewer", args=[round_.pk, mia.pk]),
        {"kind": "thank_you_sent", "text": "Thank-you email"},
    )

    round_.refresh_from_db()
    assert (round_.scheduled_at, round_.duration_minutes) == (started, 40)
    assert 'data-thank-you="sent"' in client.get(round_.get_absolute_url()).text
    token, back = undo_form(response.text)
    client.post(reverse("status_undo"), {"token": token, "next": back})
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at, round_.duration_minutes) == (
        "scheduled",
        started,
        60,
    )


@pytest.fixture
def cut_short(user, client_for, make_round, make_interviewer):
    """A 90-minute round 20 minutes under way, marked done with the status button (its
    length cut to 20), and the candidate's client."""
    started = timezone.now() - timedelta(minutes=20)
    round_ = make_round(
        owner=user,
        status="scheduled",
        scheduled_at=started,
        duration_minutes=90,
        interviewers=(make_interviewer(user, "Mia Early"),),
    )
    client = client_for(user)
    client.post(reverse("interview_status", args=[round_.pk]), {"status": "done"})
    round_.refresh_from_db()
    assert round_.duration_minutes == 20
    return round_, started, client


@pytest.mark.parametrize("back_to", ["scheduled", "cancelled"])
def test_a_round_marked_done_under_way_by_mistake_and_set_back_gets_its_length_again(
    back_to, cut_short
):
    round_, started, client = cut_short

    client.post(reverse("interview_status", args=[round_.pk]), {"status": back_to})

    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at, round_.duration_minutes) == (
        back_to,
        started,
        90,
    )
    if back_to == "scheduled":
        assert 'id="confirm-heading"' not in client.get("/").text  # still under way


def test_a_round_set_back_in_its_form_gets_its_planned_length_again(cut_short):
    round_, started, client = cut_short
    local = timezone.localtime(started).strftime("%Y-%m-%dT%H:%M")
    form = {"name": round_.name, "kind": round_.kind, "scheduled_at": local}

    client.post(
        reverse("interview_edit", args=[round_.pk]),
        {**form, "status": "scheduled", "duration_minutes": 20},  # the length as the form shows
    )

    round_.refresh_from_db()
    assert (round_.status, round_.duration_minutes, round_.planned_minutes) == (
        "scheduled",
        90,
        None,
    )


def test_every_status_change_shows_a_message_with_an_undo_button_that_takes_it_back(
    user, client_for, ahead
):
    round_, dana, planned = ahead
    client = client_for(user)
    response = client.post(
        reverse("interview_status", args=[round_.pk]),
        {"status": "done", "confirm": "yes", "ended": "now", "next": "interview"},
        follow=True,
    )
    assert "Phone screen is now done" in response.text
    token, back = undo_form(response.text)
    assert back == round_.get_absolute_url()

    response = client.post(reverse("status_undo"), {"token": token, "next": back}, follow=True)

    assert "Undone: Phone screen is scheduled again." in response.text
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at) == ("scheduled", planned)
    assert not Touch.objects.filter(interviewer=dana).exists()


def test_cancelling_from_the_pipeline_page_with_htmx_offers_undo_too(user, client_for, make_round):
    round_ = make_round(owner=user, status="planned")
    client = client_for(user)
    response = client.post(
        reverse("interview_status", args=[round_.pk]),
        {"status": "cancelled"},
        headers={
            "HX-Request": "true",
            "HX-Current-URL": f"http://testserver{round_.pipeline.get_absolute_url()}",
        },
    )
    assert response.text.lstrip().startswith('<div id="rounds">')
    token, back = undo_form(response.text)
    assert back == round_.pipeline.get_absolute_url()
    client.post(reverse("status_undo"), {"token": token, "next": back})
    round_.refresh_from_db()
    assert round_.status == "planned"


def test_a_pipeline_status_change_can_be_undone(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    client = client_for(user)
    response = client.post(
        reverse("pipeline_status", args=[pipeline.pk]), {"status": "rejected"}, follow=True
    )
    token, back = undo_form(response.text)
    client.post(reverse("status_undo"), {"token": token, "next": back})
    pipeline.refresh_from_db()
    assert pipeline.status == "active"


def test_an_older_undo_button_cannot_take_back_a_newer_change(cancelled):
    round_, client, old_token = cancelled
    client.post(reverse("interview_status", args=[round_.pk]), {"status": "planned"})

    response = client.post(reverse("status_undo"), {"token": old_token}, follow=True)

    assert "can no longer be undone" in response.text
    round_.refresh_from_db()
    assert round_.status == "planned"


def test_undo_goes_back_only_to_a_page_of_this_site(cancelled):
    round_, client, token = cancelled
    response = client.post(
        reverse("status_undo"), {"token": token, "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == round_.get_absolute_url()


def test_a_stranger_cannot_undo_someone_elses_change(stranger, client_for, cancelled):
    round_, _, token = cancelled
    response = client_for(stranger).post(reverse("status_undo"), {"token": token}, follow=True)
    assert "can no longer be undone" in response.text  # their session holds no change
    round_.refresh_from_db()
    assert round_.status == "cancelled"


def test_marking_done_from_the_edit_form_keeps_the_date_typed(user, client_for, make_round):
    round_ = make_round(owner=user, status="scheduled", scheduled_at=timezone.now())
    typed = timezone.localtime(timezone.now() - timedelta(days=2), user.tz).replace(
        second=0, microsecond=0
    )
    response = client_for(user).post(
        reverse("interview_edit", args=[round_.pk]),
        {
            "name": round_.name,
            "kind": "phone",
            "status": "done",
            "scheduled_at": typed.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 60,
        },
        follow=True,
    )
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at) == ("done", typed)
    assert "it is now done" in response.text
    assert undo_form(response.text)


def test_editing_a_finished_rounds_date_moves_its_meetings_and_what_follows(
    user, client_for, make_round_with_dana
):
    round_, dana = make_round_with_dana(timezone.now() - timedelta(hours=2), duration_minutes=60)
    round_.mark_done(at=round_.ends_at)
    client = client_for(user)
    page = client.get(round_.get_absolute_url()).text
    assert 'data-thank-you="due"' in page
    assert "Advisable from" in page  # LinkedIn waits a day after the meeting

    # It really took place three days ago: the thank-you is overdue, not due.
    actual = timezone.localtime(timezone.now() - timedelta(days=3), user.tz).replace(
        second=0, microsecond=0
    )
    client.post(
        reverse("interview_edit", args=[round_.pk]),
        {
            "name": round_.name,
            "kind": "phone",
            "status": "done",
            "scheduled_at": actual.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 60,
        },
    )

    met = Touch.objects.get(interviewer=dana, kind="met")
    assert met.at == actual + timedelta(minutes=60)
    page = client.get(round_.get_absolute_url()).text
    assert 'data-thank-you="overdue"' in page
    assert "Advisable from" not in page  # a day has long passed: LinkedIn is no longer waiting
    feed = client.get(reverse("interview_ics", args=[round_.pk])).content.decode()
    assert actual.astimezone(timezone.UTC).strftime("%Y%m%dT%H%M%S") in feed


# ---------------------------------------------------------------------------------------------
# What a status change does


def test_pipeline_status_changes(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    client_for(user).post(reverse("pipeline_status", args=[pipeline.pk]), {"status": "offer"})
    pipeline.refresh_from_db()
    assert pipeline.status == "offer"


def test_marking_a_round_done_records_a_meeting_with_each_interviewer(
    user, client_for, make_round, make_interviewer
):
    dana, sam = make_interviewer(user, "Dana Lee"), make_interviewer(user, "Sam Park")
    round_ = make_round(owner=user, status="scheduled", interviewers=(dana, sam))

    client_for(user).post(reverse("interview_status", args=[round_.pk]), {"status": "done"})
    client_for(user).post(reverse("interview_status", args=[round_.pk]), {"status": "done"})

    round_.refresh_from_db()
    assert round_.status == "done"
    met = Touch.objects.filter(kind="met", round=round_)
    assert sorted(met.values_list("interviewer__name", flat=True)) == ["Dana Lee", "Sam Park"]


def test_round_actions_answer_htmx_with_the_rounds_fragment(user, client_for, make_round):
    round_ = make_round(owner=user)
    response = client_for(user).post(
        reverse("interview_status", args=[round_.pk]),
        {"status": "cancelled"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="rounds">')
    assert "<html" not in response.text


def test_marking_a_future_round_done_asks_first_and_keeps_its_time(user, client_for, make_round):
    planned = timezone.now() + timedelta(days=1)
    round_ = make_round(owner=user, status="scheduled", scheduled_at=planned)
    response = client_for(user).post(
        reverse("interview_status", args=[round_.pk]), {"status": "done"}, follow=True
    )
    assert "has not started yet" in response.text  # tests/test_status_changes.py has the rest
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at) == ("scheduled", planned)


def test_a_finished_round_cancelled_afterwards_no_longer_counts_as_a_meeting(
    user, client_for, make_round, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")
    round_ = make_round(
        owner=user,
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(hours=5),
        interviewers=(dana,),
    )
    client = client_for(user)
    url = reverse("interview_status", args=[round_.pk])
    client.post(url, {"status": "done"})
    assert Touch.objects.filter(interviewer=dana, kind="met").count() == 1

    response = client.post(url, {"status": "cancelled", "next": "interview"}, follow=True)

    assert not Touch.objects.filter(interviewer=dana, kind="met").exists()
    assert 'data-familiarity="never_met"' in response.text
    assert 'data-thank-you="' not in response.text

    token, back = undo_form(response.text)
    client.post(reverse("status_undo"), {"token": token, "next": back})

    round_.refresh_from_db()
    assert round_.status == "done"
    assert Touch.objects.filter(interviewer=dana, kind="met", round=round_).count() == 1


def test_a_finished_round_set_back_to_scheduled_in_its_form_forgets_its_meetings(
    user, client_for, make_round, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")
    round_ = make_round(owner=user, status="scheduled", interviewers=(dana,))
    client = client_for(user)
    client.post(reverse("interview_status", args=[round_.pk]), {"status": "done"})
    assert Touch.objects.filter(interviewer=dana, kind="met").exists()

    client.post(
        reverse("interview_edit", args=[round_.pk]),
        {
            "name": round_.name,
            "kind": round_.kind,
            "status": "scheduled",
            "scheduled_at": timezone.localtime(round_.scheduled_at).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": round_.duration_minutes,
        },
    )

    round_.refresh_from_db()
    assert round_.status == "scheduled"
    assert not Touch.objects.filter(interviewer=dana, kind="met").exists()


def test_taking_someone_off_a_finished_round_forgets_the_meeting_and_can_be_undone(
    user, client_for, make_round, make_interviewer
):
    eve = make_interviewer(user, "Eve Park")
    round_ = make_round(owner=user, status="scheduled", interviewers=(eve,))
    client = client_for(user)
    client.post(reverse("interview_status", args=[round_.pk]), {"status": "done"})
    assert Touch.objects.filter(interviewer=eve, kind="met").exists()

    response = client.post(reverse("interview_detach", args=[round_.pk, eve.pk]), follow=True)

    assert "Eve Park is no longer in Phone screen." in response.text
    assert not round_.interviewers.exists()
    assert not Touch.objects.filter(interviewer=eve, kind="met").exists()

    token, back = undo_form(response.text)
    response = client.post(reverse("status_undo"), {"token": token, "next": back}, follow=True)

    assert "Undone: Eve Park is in Phone screen again." in response.text
    assert list(round_.interviewers.all()) == [eve]
    assert Touch.objects.filter(interviewer=eve, kind="met", round=round_).count() == 1
