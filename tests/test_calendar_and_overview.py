"""Interviews in the calendar, the board's overview and the CSV export."""

import csv
import io
import json
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from advisor.models import Touch
from advisor.overview import search_overview
from tests.account_file import valid_file

pytestmark = pytest.mark.django_db


LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def evening_in_los_angeles() -> datetime:
    """21:30 in Los Angeles a week from today there: already the next day in UTC, and ahead
    whenever the tests run."""
    day = timezone.localdate(timezone.now(), LOS_ANGELES) + timedelta(days=7)
    return datetime.combine(day, time(21, 30), tzinfo=LOS_ANGELES)


@pytest.fixture
def evening_round(user, make_pipeline, make_round, make_interviewer):
    """A round at 21:30 in Los Angeles a week from now."""
    user.time_zone = "America/Los_Angeles"
    user.save()
    pipeline = make_pipeline(user, company="Globex", role="Data Engineer")
    return make_round(
        pipeline,
        name="Hiring manager call",
        status="scheduled",
        scheduled_at=evening_in_los_angeles(),
        duration_minutes=45,
        location="https://meet.example.com/abc",
        interviewers=(make_interviewer(user, "Dana Lee"), make_interviewer(user, "Sam Park")),
    )


def events(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_an_interview_downloads_as_an_event_at_the_right_instant(user, client_for, evening_round):
    response = client_for(user).get(reverse("interview_ics", args=[evening_round.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    [event] = events(response.content)
    start = evening_round.scheduled_at
    assert event.decoded("dtstart") == start
    assert start.astimezone(UTC).date() == start.date() + timedelta(days=1)
    assert event.decoded("duration") == timedelta(minutes=45)
    assert str(event["summary"]) == "Hiring manager call: Data Engineer at Globex"
    assert str(event["location"]) == "https://meet.example.com/abc"
    description = str(event["description"])
    assert "Dana Lee, Sam Park" in description
    assert f"http://testserver{evening_round.get_absolute_url()}" in description


def test_reminders_come_the_evening_before_and_after_the_interview(user, client_for, evening_round):
    response = client_for(user).get(reverse("interview_ics", args=[evening_round.pk]))
    [event] = events(response.content)
    _day_before, before, after = event.walk("VALARM")
    # The call is at 21:30 in Los Angeles: the evening before is 19:00 there the day before,
    # already the call's day in UTC.
    evening_before = datetime.combine(
        evening_round.scheduled_at.date() - timedelta(days=1), time(19), tzinfo=LOS_ANGELES
    )
    assert before.decoded("trigger") == evening_before
    assert before.decoded("trigger").astimezone(UTC).date() == evening_round.scheduled_at.date()
    assert before["trigger"].params["VALUE"] == "DATE-TIME"
    assert "research checklist" in str(before["description"])
    assert after.decoded("trigger") == timedelta(hours=1)
    assert after["trigger"].params["RELATED"] == "END"
    assert "Thank-you" in str(after["description"])


def test_each_round_in_the_feed_has_an_alarm_one_day_before(user, client, evening_round):
    response = client.get(reverse("calendar_feed", args=[user.calendar_secret]))
    [event] = events(response.content)
    triggers = [alarm.decoded("trigger") for alarm in event.walk("VALARM")]
    assert timedelta(days=-1) in triggers
    [day_before] = [a for a in event.walk("VALARM") if a.decoded("trigger") == timedelta(days=-1)]
    assert str(day_before["description"]) == "Tomorrow: Hiring manager call with Globex"
    assert "ATTENDEE" not in response.text  # the feed names people in its description only


def test_the_interview_file_lists_its_people_as_attendees(user, client_for, evening_round):
    dana = evening_round.interviewers.get(name="Dana Lee")
    dana.email = "dana@example.com"
    dana.save()
    response = client_for(user).get(reverse("interview_ics", args=[evening_round.pk]))
    [event] = events(response.content)
    attendees = {str(a.params["CN"]): str(a) for a in event["attendee"]}
    assert attendees["Dana Lee"] == "mailto:dana@example.com"
    assert not attendees["Sam Park"].startswith("mailto:")  # no email known
    assert all(a.params["RSVP"] == "FALSE" for a in event["attendee"])


def test_settings_offer_the_feed_as_a_webcal_link_with_a_copy_button(user, client_for):
    page = client_for(user).get(reverse("settings")).text
    assert f'href="webcal://testserver/calendar/{user.calendar_secret}.ics"' in page
    assert 'data-copy="calendar-url"' in page


def test_a_past_interview_has_no_reminders_left(user, client_for, make_round):
    round_ = make_round(owner=user, status="done", scheduled_at=timezone.now() - timedelta(days=2))
    [event] = events(client_for(user).get(reverse("interview_ics", args=[round_.pk])).content)
    assert event.walk("VALARM") == []


def test_the_feed_shows_upcoming_rounds_of_its_owner_only(
    user, stranger, client, evening_round, make_round
):
    make_round(
        owner=stranger,
        name="Their secret round",
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=1),
    )
    make_round(
        evening_round.pipeline,
        name="Long past",
        status="done",
        scheduled_at=timezone.now() - timedelta(days=30),
    )
    response = client.get(reverse("calendar_feed", args=[user.calendar_secret]))
    assert response.status_code == 200
    summaries = [str(e["summary"]) for e in events(response.content)]
    assert summaries == ["Hiring manager call: Data Engineer at Globex"]


def test_a_wrong_secret_gets_nothing(client, user):
    assert client.get(reverse("calendar_feed", args=["not-the-secret"])).status_code == 404


def test_regenerating_the_secret_cuts_off_the_old_address(user, client_for, client):
    old = user.calendar_secret
    client_for(user).post(reverse("calendar_regenerate"))
    user.refresh_from_db()
    assert user.calendar_secret != old and len(user.calendar_secret) >= 40
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[user.calendar_secret])).status_code == 200


def test_settings_show_the_feed_address(user, client_for):
    page = client_for(user).get(reverse("settings")).text
    assert f"/calendar/{user.calendar_secret}.ics" in page


def test_an_unscheduled_round_has_no_calendar_file(user, client_for, make_round):
    round_ = make_round(owner=user)
    response = client_for(user).get(reverse("interview_ics", args=[round_.pk]))
    assert response.status_code == 302


def test_overview_counts_stages_statuses_and_thank_yous(
    user, client_for, make_pipeline, make_round, make_interviewer, make_touch
):
    screened = make_pipeline(user)
    make_round(screened, kind="phone", status="done")
    onsite = make_pipeline(user)
    make_round(onsite, kind="phone", status="done")
    make_round(onsite, kind="onsite", status="done")
    make_pipeline(user, status="offer")
    make_pipeline(user, status="rejected")
    dana = make_interviewer(user)
    met = timezone.now() - timedelta(days=5)
    make_touch(dana, Touch.Kind.MET, at=met)
    make_touch(dana, Touch.Kind.THANK_YOU_SENT, at=met + timedelta(hours=3))
    make_touch(make_interviewer(user), Touch.Kind.MET, at=met)
    # A meeting two hours ago still has time for its thank-you: it is not counted yet.
    make_touch(make_interviewer(user), Touch.Kind.MET, at=timezone.now() - timedelta(hours=2))

    page = client_for(user).get("/").text

    for stage, count in [
        ("applied", 4),
        ("screen", 3),
        ("interviews", 2),
        ("final", 1),
        ("offer", 1),
        ("hired", 0),
    ]:
        assert f'data-stage="{stage}">{count}<' in page
    assert 'data-count="active">3<' in page
    assert 'data-count="closed">1<' in page
    assert 'data-count="thank-yous">1 of 2<' in page


def test_a_thank_you_is_on_time_within_a_day_of_the_meeting(user, make_interviewer, make_touch):
    met = timezone.now() - timedelta(days=5)
    for late_by in (timedelta(hours=23, minutes=59), timedelta(hours=24, minutes=1)):
        person = make_interviewer(user)
        make_touch(person, Touch.Kind.MET, at=met)
        make_touch(person, Touch.Kind.THANK_YOU_SENT, at=met + late_by)
    # A thank-you sent before the meeting is not one for it.
    early = make_interviewer(user)
    make_touch(early, Touch.Kind.THANK_YOU_SENT, at=met - timedelta(minutes=1))
    make_touch(early, Touch.Kind.MET, at=met)

    overview = search_overview(user, timezone.now())

    assert (overview.thank_yous_on_time, overview.meetings) == (1, 3)


# The overview is counted once, then kept until the candidate's next write or five minutes on


def test_the_overview_counts_a_pipeline_as_soon_as_it_is_added(user, client_for, make_pipeline):
    make_pipeline(user)
    client = client_for(user)
    assert 'data-count="active">1<' in client.get("/").text

    client.post(
        reverse("pipeline_new"), {"company": "Globex", "role": "Data Engineer", "status": "active"}
    )

    assert 'data-count="active">2<' in client.get("/").text


def test_the_overview_counts_an_import_by_command_as_soon_as_it_is_done(
    user, client_for, make_pipeline, tmp_path
):
    make_pipeline(user)
    client = client_for(user)
    assert 'data-stage="applied">1<' in client.get("/").text
    path = tmp_path / "export.json"
    path.write_text(json.dumps(valid_file()), encoding="utf-8")

    call_command("import_data", str(path), "--user", user.username, stdout=io.StringIO())

    assert 'data-stage="applied">3<' in client.get("/").text


def test_a_post_that_may_have_written_moves_the_data_version_on_and_reading_or_a_404_does_not(
    user, stranger, make_pipeline, client_for
):
    theirs = make_pipeline(stranger)
    client = client_for(user)
    client.get("/")
    client.get(reverse("settings"))
    client.post(reverse("pipeline_status", args=[theirs.pk]), {"status": "rejected"})
    user.refresh_from_db()
    assert user.data_version == 0

    client.post(reverse("pipeline_new"), {})  # answered with the form's errors: may have written

    user.refresh_from_db()
    assert user.data_version == 1


def test_each_candidate_sees_the_overview_of_their_own_search(make_user, client_for, make_pipeline):
    alex, sam = make_user(), make_user()
    make_pipeline(alex)
    make_pipeline(alex)
    make_pipeline(sam)

    assert 'data-stage="applied">2<' in client_for(alex).get("/").text
    assert 'data-stage="applied">1<' in client_for(sam).get("/").text


def test_the_kept_overview_is_read_with_the_user_at_no_cost(
    user, make_pipeline, django_assert_num_queries
):
    make_pipeline(user)
    now = timezone.now()
    search_overview(user, now)
    user.refresh_from_db()

    with django_assert_num_queries(0):
        assert search_overview(user, now).total == 1


def test_a_meeting_whose_day_ends_counts_within_five_minutes(
    user, make_pipeline, make_interviewer, make_touch
):
    make_pipeline(user)
    now = timezone.now()
    make_touch(make_interviewer(user), Touch.Kind.MET, at=now - timedelta(hours=23, minutes=59))
    assert search_overview(user, now).meetings == 0

    assert search_overview(user, now + timedelta(minutes=5)).meetings == 1


def test_csv_has_a_row_per_round_and_neutralises_formulas(
    user, client_for, make_pipeline, make_round, make_interviewer
):
    pipeline = make_pipeline(user, company='=HYPERLINK("http://evil")', role="@SUM(A1)")
    make_round(pipeline, name="-2+3", interviewers=(make_interviewer(user, "Zoë Ångström"),))
    make_round(pipeline, name="Onsite")
    response = client_for(user).get("/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Company", "Role", "Pipeline status"]
    assert len(rows) == 3
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][1] == "'@SUM(A1)"
    assert rows[1][3] == "'-2+3"
    assert rows[1][rows[0].index("Interviewers")] == "Zoë Ångström"


def test_csv_holds_only_the_owners_rounds(user, stranger, client_for, make_round):
    make_round(owner=stranger, name="Not yours")
    body = client_for(user).get("/export.csv").content.decode()
    assert "Not yours" not in body
