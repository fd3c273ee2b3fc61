"""Times typed in the hour a clock change repeats or skips, in the candidate's zone (London)."""

from datetime import UTC, datetime

from django.urls import reverse

from advisor.models import Touch


def edit_round(client, round_, typed: str, **fields):
    form = {
        "name": round_.name,
        "kind": round_.kind,
        "status": round_.status,
        "scheduled_at": typed,
        "duration_minutes": round_.duration_minutes,
        **fields,
    }
    return client.post(reverse("interview_edit", args=[round_.pk]), form)


def test_a_time_in_the_hour_the_clocks_go_back_means_its_first_pass(user, client_for, make_round):
    round_ = make_round(
        owner=user, status="scheduled", scheduled_at=datetime(2027, 10, 1, tzinfo=UTC)
    )

    response = edit_round(client_for(user), round_, "2027-10-31T01:30")

    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.scheduled_at == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # still summer time


def test_a_round_in_the_second_pass_of_that_hour_stays_there_when_its_form_is_saved(
    user, client_for, make_round
):
    second_pass = datetime(2027, 10, 31, 1, 30, tzinfo=UTC)  # 01:30 in London, winter time
    round_ = make_round(owner=user, status="scheduled", scheduled_at=second_pass)

    response = edit_round(client_for(user), round_, "2027-10-31T01:30", name="Final, renamed")

    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.name, round_.scheduled_at) == ("Final, renamed", second_pass)


def test_a_time_the_clocks_skip_is_refused_with_the_reason(user, client_for, make_round):
    planned = datetime(2027, 3, 1, 9, tzinfo=UTC)
    round_ = make_round(owner=user, status="scheduled", scheduled_at=planned)

    response = edit_round(client_for(user), round_, "2027-03-28T01:30")

    assert response.status_code == 200  # the form again, with its error
    assert (
        "01:30 does not exist on 28 March 2027 in Europe/London: the clocks go forward then."
        in response.text
    )
    round_.refresh_from_db()
    assert round_.scheduled_at == planned


def test_a_meeting_recorded_in_the_repeated_hour_is_kept_at_its_first_pass(
    user, client_for, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")

    client_for(user).post(
        reverse("touch_new", args=[dana.pk]), {"kind": "met", "at": "2026-10-25T01:30"}
    )

    assert dana.touches.get().at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert Touch.objects.count() == 1
