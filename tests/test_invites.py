"""A calendar invitation becomes a round: Google, Outlook and Zoom files, time zones, people,
updates and cancellations, and files that are refused without writing anything."""

import contextlib
import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from advisor import dataformat, invites
from advisor.models import Interviewer, Round, Touch

DATA = Path(__file__).parent / "data"
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
KADIR = "Kad\u0131r Y\u0131ld\u0131z"  # with the Turkish dotless i


def data(name: str) -> bytes:
    return (DATA / name).read_bytes()


def ics(*lines: str, method: str = "REQUEST", uid: str = "inline-1@example.com", before=()):
    """A small invitation with one event made of `lines`."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//EN", f"METHOD:{method}"]
    event = ["BEGIN:VEVENT", f"UID:{uid}", "SUMMARY:Interview", *lines, "END:VEVENT"]
    return "\r\n".join([*head, *before, *event, "END:VCALENDAR"]) + "\r\n"


@pytest.fixture
def candidate(user):
    user.email = "alex.morgan@example.org"
    user.save()
    return user


@pytest.fixture
def pipeline(candidate, make_pipeline):
    return make_pipeline(candidate, company="Northwind", role="Platform Engineer")


def import_invite(user, pipeline, raw, **kwargs) -> invites.Result:
    first_only = kwargs.pop("first_only", False)
    plan = invites.plan(user, pipeline, invites.read(raw, user.tz, **kwargs))
    return invites.apply(plan, now=NOW, first_only=first_only)


# Invitations as Google, Outlook and Zoom write them


def test_a_google_invitation_becomes_a_round_with_its_people(candidate, pipeline):
    result = import_invite(candidate, pipeline, data("google.ics"))

    round_ = result.round
    assert result.created and round_.pipeline == pipeline
    assert round_.name == "Technical interview: Alex Morgan"
    assert round_.kind == Round.Kind.TECHNICAL
    assert round_.status == Round.Status.SCHEDULED
    assert round_.scheduled_at == datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    assert round_.duration_minutes == 45
    assert round_.location == "HQ-3-Lighthouse (6)"  # the room is the place ...
    assert "https://meet.google.com/qwe-rtyu-iop" in round_.notes  # ... so the link is a note
    people = dict(round_.interviewers.values_list("name", "email"))
    assert people == {  # the organizer once, without the candidate or the room
        "Maya Okafor": "maya.okafor@northwind.example",
        "José García": "jose.garcia@northwind.example",
    }


def test_an_outlook_invitation_reads_its_windows_time_zone(candidate, pipeline):
    result = import_invite(candidate, pipeline, data("outlook.ics"))

    round_ = result.round
    # 09:00 Pacific on 2 November 2026, the day after summer time ended: UTC-8.
    assert round_.scheduled_at == datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
    assert round_.duration_minutes == 90
    assert round_.kind == Round.Kind.FINAL
    # "Microsoft Teams Meeting" names only the service: the link is the location.
    assert round_.location.startswith("https://teams.microsoft.com/l/meetup-join/")
    names = sorted(round_.interviewers.values_list("name", flat=True))
    assert names == ["Priya Raman", "Søren Berg", "Tomasz Nowak"]  # Outlook's CN=email


def test_a_zoom_invitation_puts_its_link_in_the_location(candidate, pipeline, make_interviewer):
    kadir = make_interviewer(candidate, "Kadir Yildiz")

    round_ = import_invite(candidate, pipeline, data("zoom.ics")).round

    assert round_.scheduled_at == datetime(2026, 12, 7, 16, 0, tzinfo=UTC)  # 11:00 in New York
    assert round_.location.startswith("https://us06web.zoom.us/j/81234567890")
    assert round_.notes == ""
    # The organizer is the contact already on file, found by name without the dotless i.
    assert list(round_.interviewers.all()) == [kadir]
    kadir.refresh_from_db()
    assert kadir.name == "Kadir Yildiz" and kadir.email == "kadir.yildiz@fabrikam.example"


# Time zones


@pytest.mark.parametrize(
    ("start", "utc_hour"),
    [
        ("DTSTART;TZID=Europe/Berlin:20261023T100000", 8),  # summer time, UTC+2
        ("DTSTART;TZID=Europe/Berlin:20261026T100000", 9),  # after 25 October, UTC+1
        ("DTSTART;TZID=W. Europe Standard Time:20261026T100000", 9),  # Windows' name for it
        ("DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20261026T100000", 9),
        ("DTSTART:20261026T100000Z", 10),
        ("DTSTART:20261023T100000", 9),  # floating: the candidate's zone, London in summer
        ("DTSTART:20261026T100000", 10),  # and in winter
    ],
)
@pytest.mark.filterwarnings("ignore::icalendar.error.GloballyUniqueTZIDGuessed")  # as the site does
def test_times_are_read_in_their_zone_on_both_sides_of_a_clock_change(start, utc_hour, user):
    invite = invites.read(ics(start), LONDON)
    assert invite.start.astimezone(UTC).hour == utc_hour


def test_a_floating_time_is_flagged_for_the_preview(user):
    assert invites.read(ics("DTSTART:20261026T100000"), LONDON).floating
    assert not invites.read(ics("DTSTART:20261026T100000Z"), LONDON).floating


CUSTOM_ZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Head office time",
    "BEGIN:STANDARD",
    "DTSTART:16010101T000000",
    "TZOFFSETFROM:+0530",
    "TZOFFSETTO:+0530",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def test_a_zone_only_the_file_describes_is_read_from_the_file(user):
    invite = invites.read(
        ics("DTSTART;TZID=Head office time:20261201T103000", before=CUSTOM_ZONE), LONDON
    )
    assert invite.start.astimezone(UTC) == datetime(2026, 12, 1, 5, 0, tzinfo=UTC)


def test_a_zone_described_by_an_earlier_file_is_not_borrowed_by_the_next(user):
    invites.read(ics("DTSTART;TZID=Head office time:20261201T103000", before=CUSTOM_ZONE), LONDON)
    with pytest.raises(invites.InviteError, match="not one we know"):
        invites.read(ics("DTSTART;TZID=Head office time:20261201T103000"), LONDON)


def test_an_all_day_invitation_is_a_planned_round_on_that_day(candidate, pipeline):
    raw = ics("DTSTART;VALUE=DATE:20261210", "DTEND;VALUE=DATE:20261211")

    round_ = import_invite(candidate, pipeline, raw).round

    assert round_.status == Round.Status.PLANNED
    assert round_.scheduled_at.astimezone(LONDON).date().isoformat() == "2026-12-10"
    assert "whole day" in round_.notes


def test_a_duration_is_read_when_there_is_no_end(user):
    invite = invites.read(ics("DTSTART:20261201T100000Z", "DURATION:PT1H15M"), LONDON)
    assert invite.minutes == 75


# People


def test_attendees_are_matched_by_email_before_name(candidate, pipeline, make_interviewer):
    by_email = make_interviewer(candidate, "M. Okafor", email="Maya.Okafor@northwind.example")
    by_name = make_interviewer(candidate, "Jose Garcia")

    result = import_invite(candidate, pipeline, data("google.ics"))

    assert set(result.round.interviewers.all()) == {by_email, by_name}
    assert result.new == []
    by_name.refresh_from_db()
    assert by_name.name == "Jose Garcia"  # a known person keeps their name
    assert by_name.email == "jose.garcia@northwind.example"  # and gains the address


def test_attendees_without_a_name_are_named_from_their_address(candidate, pipeline):
    raw = ics(
        "DTSTART:20261201T100000Z",
        "ATTENDEE:mailto:sam.lee@globex.example",
        "ATTENDEE:mailto:jsmith@globex.example",
        "ATTENDEE;CN=Ana Souza:urn:uuid:00000000-0000-0000-0000-000000000001",
    )
    people = import_invite(candidate, pipeline, raw).round.interviewers
    assert dict(people.values_list("name", "email")) == {
        "Sam Lee": "sam.lee@globex.example",
        "jsmith": "jsmith@globex.example",
        "Ana Souza": "",
    }


def test_the_candidates_other_addresses_and_rooms_are_left_out(candidate, pipeline):
    candidate.other_emails = "alex@personal.example\nALEX.M@school.example"
    candidate.save()
    raw = ics(
        "DTSTART:20261201T100000Z",
        "ORGANIZER;CN=Alex Morgan:mailto:alex.m@school.example",
        "ATTENDEE;CN=Alex:mailto:Alex@Personal.example",
        "ATTENDEE;CUTYPE=ROOM;CN=Room 4.01:mailto:room401@globex.example",
        "ATTENDEE;CUTYPE=RESOURCE;CN=Projector:mailto:projector@globex.example",
        "ATTENDEE;CN=Dana Lee:mailto:dana@globex.example",
    )
    invite = invites.read(raw, LONDON)
    plan = invites.plan(candidate, pipeline, invite)

    assert [m.invitee.name for m in plan.matches] == ["Dana Lee"]
    assert len(plan.yourself) == 2
    assert invite.rooms == ["Room 4.01", "Projector"]


def test_the_recruiter_can_be_left_out(candidate, pipeline):
    invite = invites.read(data("google.ics"), LONDON)
    recruiter = next(i for i, p in enumerate(invite.people) if p.name == "Maya Okafor")
    plan = invites.plan(candidate, pipeline, invite, leave_out={recruiter})

    round_ = invites.apply(plan, now=NOW).round

    assert list(round_.interviewers.values_list("name", flat=True)) == ["José García"]
    assert not Interviewer.objects.filter(name="Maya Okafor").exists()


def test_a_person_met_in_a_round_already_done_is_recorded_as_met(candidate, pipeline, make_round):
    round_ = make_round(pipeline, status="done", invite_uid="inline-1@example.com")
    raw = ics("DTSTART:20261120T100000Z", "ATTENDEE;CN=Dana Lee:mailto:dana@globex.example")

    import_invite(candidate, pipeline, raw)

    assert Touch.objects.filter(round=round_, kind="met", interviewer__name="Dana Lee").exists()


# The same invitation again


def test_the_same_invitation_again_updates_its_round(candidate, pipeline):
    first = import_invite(candidate, pipeline, data("google.ics")).round

    result = import_invite(candidate, pipeline, data("google-moved.ics"))

    assert not result.created and result.round.pk == first.pk
    assert Round.objects.filter(pipeline__owner=candidate).count() == 1
    round_ = result.round
    assert round_.scheduled_at == datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    assert round_.duration_minutes == 60
    assert [p.name for p in result.added] == ["Li Wei"]
    # José is no longer invited, but nobody is removed without the candidate saying so.
    names = sorted(round_.interviewers.values_list("name", flat=True))
    assert names == ["José García", "Li Wei", "Maya Okafor"]
    assert round_.notes.count("meet.google.com") == 1


def test_the_preview_of_an_update_names_who_is_no_longer_invited(candidate, pipeline):
    import_invite(candidate, pipeline, data("google.ics"))
    plan = invites.plan(candidate, pipeline, invites.read(data("google-moved.ics"), LONDON))
    assert plan.round is not None
    assert [p.name for p in plan.not_invited] == ["José García"]
    assert plan.moved_from == datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def test_an_invitation_is_found_across_the_account(candidate, pipeline, make_pipeline):
    first = import_invite(candidate, pipeline, data("google.ics")).round
    elsewhere = make_pipeline(candidate, company="Elsewhere")

    result = import_invite(candidate, elsewhere, data("google-moved.ics"))

    assert result.round.pk == first.pk and result.round.pipeline == pipeline
    assert not elsewhere.rounds.exists()


def test_a_cancellation_cancels_the_round_it_made(candidate, pipeline):
    round_ = import_invite(candidate, pipeline, data("google.ics")).round

    result = import_invite(candidate, pipeline, data("google-cancel.ics"))

    round_.refresh_from_db()
    assert result.cancelled and round_.status == Round.Status.CANCELLED
    assert round_.interviewers.count() == 2


def test_a_cancellation_of_nothing_imported_writes_nothing(candidate, pipeline):
    with pytest.raises(invites.InviteError, match="nothing to cancel"):
        import_invite(candidate, pipeline, data("google-cancel.ics"))
    assert not Round.objects.exists()


def test_another_accounts_invitation_is_not_updated(candidate, pipeline, make_user, make_pipeline):
    other = make_user("other", email="someone@example.net")
    theirs = import_invite(other, make_pipeline(other), data("google.ics")).round

    mine = import_invite(candidate, pipeline, data("google.ics")).round

    assert mine.pk != theirs.pk and mine.pipeline == pipeline


# Several events and repeats


def test_a_file_with_several_events_asks_which_one(candidate, pipeline):
    two = ics("DTSTART:20261201T100000Z").replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:second@example.com\r\nSUMMARY:Onsite\r\n"
        "DTSTART:20261205T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR",
    )
    with pytest.raises(invites.SeveralEvents) as several:
        invites.read(two, LONDON)
    assert [uid for uid, _, _ in several.value.events] == [
        "inline-1@example.com",
        "second@example.com",
    ]
    assert invites.read(two, LONDON, uid="second@example.com").summary == "Onsite"
    with pytest.raises(invites.InviteError, match="No event in this file has the UID"):
        invites.read(two, LONDON, uid="third@example.com")


def test_a_repeating_event_is_imported_only_as_its_first_occurrence_when_confirmed(
    candidate, pipeline
):
    raw = ics("DTSTART:20261201T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4")

    with pytest.raises(invites.RepeatingEvent, match="not supported"):
        import_invite(candidate, pipeline, raw)
    assert not Round.objects.exists()

    round_ = import_invite(candidate, pipeline, raw, first_only=True).round
    assert round_.scheduled_at == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_a_series_with_a_changed_occurrence_is_one_event(user):
    raw = ics("DTSTART:20261201T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4").replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:inline-1@example.com\r\nRECURRENCE-ID:20261208T100000Z\r\n"
        "DTSTART:20261208T140000Z\r\nEND:VEVENT\r\nEND:VCALENDAR",
    )
    invite = invites.read(raw, LONDON)
    assert invite.recurring and invite.start == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


# Files that are refused


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"Subject: Interview\r\n\r\nSee you Tuesday!", "not a calendar invitation"),
        (b'{"format": "interview-advisor/1"}', "not a calendar invitation"),
        (b"", "not a calendar invitation"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Lee\r\nEND:VCARD\r\n", "not a calendar"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "holds no event"),
        (ics("LOCATION:Room 1").encode(), "no start time"),
        (ics("DTSTART:tomorrow at ten").encode(), "start time cannot be read"),
        (ics("DTSTART;TZID=Mars/Olympus_Mons:20261201T100000").encode(), "not one we know"),
        (b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"x" * (1024 * 1024) + b"\r\n", "1.0 MB"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_writes_nothing(
    raw, message, candidate, pipeline
):
    before = dataformat.export_account(candidate)
    with pytest.raises(invites.InviteError, match=message):
        import_invite(candidate, pipeline, raw)
    assert dataformat.export_account(candidate) == before


def test_a_file_of_old_outlook_in_windows_1252_still_reads(user):
    raw = ics("DTSTART:20261201T100000Z", "ATTENDEE;CN=Zoë Brandt:mailto:zoe@example.com")
    invite = invites.read(raw.encode("cp1252"), LONDON)
    assert invite.people[0].name == "Zoë Brandt"


@given(st.text(max_size=300) | st.binary(max_size=300))
def test_no_file_breaks_the_reader(raw):
    with contextlib.suppress(invites.InviteError):
        invites.read(raw, LONDON)


def test_a_region_named_as_a_time_zone_is_refused_with_a_word_on_zones():
    raw = ics("DTSTART;TZID=America:20261201T100000", "DTEND;TZID=America:20261201T110000")
    with pytest.raises(invites.InviteError, match="a region, not a zone"):
        invites.read(raw, LONDON)


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60))
@example("Antarctica")  # a folder of zones, not a zone: icalendar failed to open it
def test_no_property_value_breaks_the_reader(value):
    lines = [
        f"DTSTART;TZID={value}:20261201T100000",
        f"LOCATION:{value}",
        f"ATTENDEE;CN={value}:mailto:{value}",
        f"DESCRIPTION:https://zoom.us/j/{value}",
    ]
    for line in lines:
        line = line.replace("\r", "").replace("\n", "")
        with contextlib.suppress(invites.InviteError):
            invites.read(ics("DTSTART:20261201T100000Z", line), LONDON)


# On the site


def test_the_pipeline_page_offers_an_invitation(candidate, pipeline, client_for):
    page = client_for(candidate).get(pipeline.get_absolute_url()).text
    assert reverse("invite_import", args=[pipeline.pk]) in page


def test_uploading_shows_a_preview_and_writes_nothing(candidate, pipeline, client_for):
    url = reverse("invite_import", args=[pipeline.pk])
    upload = SimpleUploadedFile("invite.ics", data("google.ics"), "text/calendar")

    response = client_for(candidate).post(url, {"file": upload})

    assert response.status_code == 200
    page = response.text
    assert "Add this round?" in page
    assert "Thu 3 Dec 2026, 15:00 (Europe/London)" in page
    assert "Maya Okafor" in page and "José García" in page and "new contact" in page
    assert "alex.morgan@example.org" in page  # shown as left out: you
    assert "HQ-3-Lighthouse (6)" in page
    assert not Round.objects.exists() and not Interviewer.objects.exists()


def test_confirming_the_preview_adds_the_round(candidate, pipeline, client_for):
    url = reverse("invite_import", args=[pipeline.pk])
    text = data("outlook.ics").decode()

    response = client_for(candidate).post(url, {"text": text, "confirm": "1", "leave_out": ["0"]})

    round_ = Round.objects.get()
    assert response.status_code == 302 and response.headers["Location"] == round_.get_absolute_url()
    names = sorted(round_.interviewers.values_list("name", flat=True))
    assert names == ["Søren Berg", "Tomasz Nowak"]  # Priya, the organizer, was left out


def test_a_bad_paste_says_what_is_wrong_and_writes_nothing(candidate, pipeline, client_for):
    url = reverse("invite_import", args=[pipeline.pk])
    response = client_for(candidate).post(url, {"text": "Tuesday at ten, room 4", "confirm": "1"})
    assert response.status_code == 400
    assert "not a calendar invitation" in response.text
    assert not Round.objects.exists()


def test_an_empty_form_asks_for_a_file(candidate, pipeline, client_for):
    url = reverse("invite_import", args=[pipeline.pk])
    response = client_for(candidate).post(url, {})
    assert response.status_code == 400
    assert "Choose an invitation file, or paste its text." in response.text


def test_an_upload_over_one_megabyte_is_refused(candidate, pipeline, client_for):
    url = reverse("invite_import", args=[pipeline.pk])
    upload = SimpleUploadedFile("big.ics", b"x" * (1024 * 1024 + 1))
    response = client_for(candidate).post(url, {"file": upload})
    assert response.status_code == 400
    assert "larger than 1 MB" in response.text


def test_a_file_with_several_events_shows_a_choice_on_the_site(candidate, pipeline, client_for):
    two = ics("DTSTART:20261201T100000Z").replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:second@example.com\r\nSUMMARY:Onsite\r\n"
        "DTSTART:20261205T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR",
    )
    url = reverse("invite_import", args=[pipeline.pk])
    client = client_for(candidate)

    choice = client.post(url, {"text": two})
    chosen = client.post(url, {"text": two, "uid": "second@example.com"})

    assert "Which event?" in choice.text and 'value="second@example.com"' in choice.text
    assert "Add this round?" in chosen.text and "Sat 5 Dec 2026" in chosen.text


def test_a_repeating_event_needs_the_first_occurrence_ticked(candidate, pipeline, client_for):
    url = reverse("invite_import", args=[pipeline.pk])
    raw = ics("DTSTART:20261201T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4")
    client = client_for(candidate)

    refused = client.post(url, {"text": raw, "confirm": "1"})
    taken = client.post(url, {"text": raw, "confirm": "1", "first_only": "on"})

    assert refused.status_code == 400 and "not supported" in refused.text
    assert taken.status_code == 302 and Round.objects.count() == 1


def test_the_preview_of_a_cancellation_offers_to_cancel(candidate, pipeline, client_for):
    import_invite(candidate, pipeline, data("google.ics"))
    url = reverse("invite_import", args=[pipeline.pk])
    page = client_for(candidate).post(url, {"text": data("google-cancel.ics").decode()}).text
    assert "Cancel the round" in page


# The command line


def import_invite_command(candidate, pipeline, filename: str) -> str:
    """What `manage.py import_invite` prints for a file of tests/data."""
    out = io.StringIO()
    call_command(
        "import_invite",
        str(DATA / filename),
        user=candidate.username,
        pipeline=pipeline.pk,
        stdout=out,
    )
    return out.getvalue()


def test_the_command_imports_and_prints_what_it_did(candidate, pipeline, tmp_path):
    text = import_invite_command(candidate, pipeline, "google.ics")
    assert "Added Technical interview: Alex Morgan (Northwind)" in text
    assert "Maya Okafor (new), José García (new)" in text
    assert "When: Thu 3 Dec 2026, 15:00 (Europe/London), 45 min" in text
    assert "Left out (you): alex.morgan@example.org" in text
    assert "Left out (room or equipment): HQ-3-Lighthouse (6)" in text

    text = import_invite_command(candidate, pipeline, "google-moved.ics")
    assert "Updated Technical interview" in text
    assert "Kept, though no longer in the invitation: José García" in text


def test_the_command_reads_standard_input_and_leaves_out_whom_it_is_told(
    candidate, pipeline, monkeypatch
):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data("outlook.ics"))))
    call_command(
        "import_invite",
        "-",
        user=candidate.username,
        pipeline=pipeline.pk,
        leave_out=["Priya.Raman@contoso.example"],
        stdout=io.StringIO(),
    )
    assert "Priya Raman" not in Round.objects.get().interviewers.values_list("name", flat=True)


def test_the_command_takes_uid_for_a_file_with_several_events(candidate, pipeline, tmp_path):
    two = ics("DTSTART:20261201T100000Z").replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:second@example.com\r\nSUMMARY:Onsite\r\n"
        "DTSTART:20261205T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR",
    )
    path = tmp_path / "two.ics"
    path.write_text(two)
    args = [str(path), "--user", candidate.username, "--pipeline", str(pipeline.pk)]

    with pytest.raises(CommandError, match=r"--uid 'second@example\.com'"):
        call_command("import_invite", *args, stdout=io.StringIO())
    call_command("import_invite", *args, "--uid", "second@example.com", stdout=io.StringIO())

    assert Round.objects.get().name == "Onsite"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "nobody", "--pipeline", "1"], "no user called 'nobody'"),
        (["--user", "alex", "--pipeline", "999999"], "has no pipeline with the id 999999"),
    ],
)
def test_the_command_refuses_an_unknown_user_or_pipeline(args, message, candidate, pipeline):
    with pytest.raises(CommandError, match=message):
        call_command("import_invite", str(DATA / "google.ics"), *args)


def test_the_command_refuses_a_bad_file_or_a_repeat_without_its_flag(candidate, pipeline, tmp_path):
    bad, repeating = tmp_path / "bad.ics", tmp_path / "weekly.ics"
    bad.write_text("hello")
    repeating.write_text(ics("DTSTART:20261201T100000Z", "RRULE:FREQ=WEEKLY"))
    common = ["--user", candidate.username, "--pipeline", str(pipeline.pk)]

    with pytest.raises(CommandError, match="not a calendar invitation"):
        call_command("import_invite", str(bad), *common)
    with pytest.raises(CommandError, match="--first-occurrence"):
        call_command("import_invite", str(repeating), *common)
    assert not Round.objects.exists()
    call_command(
        "import_invite", str(repeating), *common, "--first-occurrence", stdout=io.StringIO()
    )
    assert Round.objects.count() == 1


def test_the_candidates_other_addresses_are_set_in_settings_and_checked(candidate, client_for):
    client = client_for(candidate)
    base = {"display_name": "Alex", "stance": "strategic", "time_zone": "Europe/London"}

    refused = client.post(reverse("settings"), {**base, "other_emails": "alex@home.example\nme"})
    saved = client.post(reverse("settings"), {**base, "other_emails": "alex@home.example"})

    assert "&#x27;me&#x27; is not an email address." in refused.text
    assert saved.status_code == 302
    candidate.refresh_from_db()
    assert candidate.own_addresses() == {"alex.morgan@example.org", "alex@home.example"}


def test_an_invitation_past_the_people_quota_writes_nothing_and_names_the_limit(
    candidate, pipeline, settings
):
    settings.QUOTA_PEOPLE = 0

    with pytest.raises(invites.InviteError, match="at most 0 people"):
        import_invite(candidate, pipeline, data("google.ics"))

    assert not Round.objects.filter(pipeline=pipeline).exists()
    assert not Interviewer.objects.filter(owner=candidate).exists()


def test_an_invitation_past_the_rounds_quota_writes_nothing(candidate, pipeline, settings):
    settings.QUOTA_ROUNDS = 0

    with pytest.raises(invites.InviteError, match="at most 0 rounds"):
        import_invite(candidate, pipeline, data("google.ics"))

    assert not Round.objects.filter(pipeline=pipeline).exists()
