"""LinkedIn's own export marks who is connected: the CSV's quirks, how rows find people, what
counts as ambiguous, and that importing twice changes nothing."""

import csv
import io
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from advisor import linkedin_import
from advisor.models import Interviewer, Profile, Touch

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
PREAMBLE = 'Notes:\r\n"Some email addresses may be missing, by each connection\'s choice."\r\n\r\n'


def connections(*rows: list[str], preamble: str = PREAMBLE) -> bytes:
    """A Connections.csv as LinkedIn writes it: notes, a blank line, the header, the rows."""
    out = io.StringIO()
    out.write(preamble)
    writer = csv.writer(out)
    writer.writerow(linkedin_import.HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def row(first, last, url="", email="", company="", position="", on="03 Nov 2026"):
    return [first, last, url, email, company, position, on]


def run(user, raw: bytes) -> linkedin_import.Outcome:
    return linkedin_import.import_connections(user, raw, now=NOW)


def linkedin_state(person: Interviewer) -> str | None:
    profile = person.profiles.filter(platform="linkedin").first()
    return profile and profile.state


# Reading the file


def test_the_notes_before_the_header_are_skipped_and_quoted_commas_kept():
    rows = linkedin_import.read((DATA / "Connections.csv").read_bytes())
    assert [r.name for r in rows] == ["Dana Lee", "José García", "Maya Okafor", "Sam Park"]
    assert rows[2].company == "Northwind, Inc."
    assert rows[0].email == "" and rows[1].email == "jose.garcia@northwind.example"
    assert rows[0].connected_on == date(2026, 11, 3)
    assert rows[0].line == 5


def test_a_file_with_a_byte_order_mark_and_no_notes_still_reads():
    raw = b"\xef\xbb\xbf" + connections(row("Dana", "Lee"), preamble="")
    assert [r.name for r in linkedin_import.read(raw)] == ["Dana Lee"]


def test_an_older_export_without_the_url_column_still_reads():
    raw = b"First Name,Last Name,Email Address,Company,Position,Connected On\r\nDana,Lee,,Acme,,"
    [only] = linkedin_import.read(raw)
    assert only.name == "Dana Lee" and only.url == "" and only.company == "Acme"


def test_non_utf8_bytes_are_refused_with_a_message_naming_the_line():
    raw = connections(row("Dana", "Lee")) + "Zoë,Brandt,,,,,\r\n".encode("latin-1")
    with pytest.raises(linkedin_import.ConnectionsError, match=r"not UTF-8 text .* line 6"):
        linkedin_import.read(raw)


@pytest.mark.parametrize(
    "raw",
    [b"", b"name,email\r\nDana,dana@example.com\r\n", b'{"format": "interview-advisor/1"}'],
)
def test_a_file_that_is_not_the_connections_export_is_refused(raw):
    with pytest.raises(linkedin_import.ConnectionsError, match=r"not LinkedIn's Connections\.csv"):
        linkedin_import.read(raw)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("https://www.linkedin.com/in/dana-lee", "linkedin.com/in/dana-lee"),
        ("http://linkedin.com/in/Dana-Lee/", "linkedin.com/in/dana-lee"),
        ("https://uk.linkedin.com/in/dana-lee?trk=public", "linkedin.com/in/dana-lee"),
        ("www.linkedin.com/in/dana-lee/", "linkedin.com/in/dana-lee"),
        ("https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa", "linkedin.com/in/josé-garcía"),
        ("", ""),
    ],
)
def test_linkedin_addresses_compare_without_scheme_edition_case_or_slash(written, read):
    assert linkedin_import.url_key(written) == read


# Matching people


def test_a_row_finds_its_person_by_address_and_marks_them_connected(
    user, make_interviewer, make_profile
):
    dana = make_interviewer(user, "Dana Lee")
    make_profile(dana, "linkedin", url="https://uk.linkedin.com/in/Dana-Lee/", state="requested")

    outcome = run(user, connections(row("D.", "L.", "https://www.linkedin.com/in/dana-lee")))

    assert (outcome.matched, outcome.unmatched) == (1, 0)
    assert linkedin_state(dana) == "connected"
    touch = Touch.objects.get(interviewer=dana)
    assert (touch.kind, touch.platform) == ("request_accepted", "linkedin")
    assert touch.at == datetime(2026, 11, 3, 12, 0, tzinfo=UTC)  # midday in London


def test_a_handle_alone_is_enough_to_match(user, make_interviewer, make_profile):
    dana = make_interviewer(user, "Dana Lee")
    make_profile(dana, "linkedin", handle="dana-lee")
    assert run(user, connections(row("X", "Y", "https://www.linkedin.com/in/DANA-LEE/"))).matched
    assert linkedin_state(dana) == "connected"


def test_a_row_finds_its_person_by_email_and_gets_a_profile_with_its_address(
    user, make_interviewer
):
    jose = make_interviewer(user, "José García", email="Jose.Garcia@northwind.example")

    run(user, (DATA / "Connections.csv").read_bytes())

    profile = jose.profiles.get(platform="linkedin")
    assert profile.state == "connected"
    assert profile.url == "https://www.linkedin.com/in/jose-garcia-7b2a1"


def test_a_row_finds_its_person_by_name_and_company_ignoring_accents(user, make_interviewer):
    jose = make_interviewer(user, "Jose Garcia", company="NORTHWIND")
    other = make_interviewer(user, "Sam Park", company="Initech")  # same name, other company

    outcome = run(user, (DATA / "Connections.csv").read_bytes())

    assert linkedin_state(jose) == "connected"
    assert linkedin_state(other) is None
    assert (outcome.matched, outcome.unmatched) == (1, 3)


def test_the_company_they_interviewed_for_counts_as_theirs(
    user, make_interviewer, make_pipeline, make_round
):
    dana = make_interviewer(user, "Dana Lee")  # no company of her own on file
    make_round(make_pipeline(user, company="Northwind"), interviewers=(dana,))
    run(user, connections(row("Dana", "Lee", company="northwind")))
    assert linkedin_state(dana) == "connected"


def test_no_person_is_created(user, make_interviewer):
    make_interviewer(user, "Somebody Else")
    outcome = run(user, (DATA / "Connections.csv").read_bytes())
    assert outcome.unmatched == 4
    assert list(Interviewer.objects.values_list("name", flat=True)) == ["Somebody Else"]


@pytest.mark.parametrize("clash", ["address and email", "address and name", "name twice"])
def test_a_row_pointing_at_two_people_is_ambiguous_and_changes_nothing(
    clash, user, make_interviewer, make_profile
):
    dana = make_interviewer(user, "Dana Lee", company="Northwind")
    other = make_interviewer(user, "Dana Lee-Smith", company="Globex", email="dls@example.com")
    make_profile(dana, "linkedin", handle="dana-lee")
    line = {
        "address and email": row("D", "L", "linkedin.com/in/dana-lee", "DLS@example.com"),
        "address and name": row("Dana", "Lee-Smith", "linkedin.com/in/dana-lee", "", "Globex"),
        "name twice": row("Dana", "Lee", company="Northwind"),
    }[clash]
    if clash == "name twice":
        other.name, other.company = "Dana Lée", "Northwind"
        other.save()

    outcome = run(user, connections(line))

    assert (len(outcome.ambiguous), outcome.matched) == (1, 0)
    assert linkedin_state(dana) == "none" and linkedin_state(other) is None
    assert not Touch.objects.exists()


def test_reimporting_changes_nothing(user, make_interviewer, make_profile):
    dana = make_interviewer(user, "Dana Lee", company="Northwind")
    raw = (DATA / "Connections.csv").read_bytes()
    first = run(user, raw)
    touches = Touch.objects.count()

    again = run(user, raw)

    assert (first.matched, first.already) == (1, 0)
    assert (again.matched, again.already) == (0, 1)
    assert Touch.objects.count() == touches == 1
    assert linkedin_state(dana) == "connected"


def test_someone_listed_twice_is_counted_once(user, make_interviewer):
    make_interviewer(user, "Dana Lee", company="Northwind")
    twice = row("Dana", "Lee", company="Northwind")
    outcome = run(user, connections(twice, twice))
    assert (outcome.matched, outcome.already) == (1, 1)
    assert Touch.objects.count() == 1


def test_another_users_people_are_never_touched(user, stranger, make_interviewer, make_profile):
    theirs = make_interviewer(stranger, "Dana Lee", company="Northwind")
    make_profile(theirs, "linkedin", handle="dana-lee")
    outcome = run(user, (DATA / "Connections.csv").read_bytes())
    assert outcome.matched == 0 and linkedin_state(theirs) == "none"


def test_thirty_thousand_rows_take_well_under_ten_seconds(user, make_interviewer, make_profile):
    people = Interviewer.objects.bulk_create(
        Interviewer(owner=user, name=f"Person {n}", company="Acme") for n in range(500)
    )
    Profile.objects.bulk_create(
        Profile(interviewer=p, platform="linkedin", handle=f"person-{p.pk}") for p in people
    )
    rows = [
        row(f"First{n}", f"Last{n}", f"https://www.linkedin.com/in/someone-{n}", "", "Acme, Inc.")
        for n in range(30_000 - len(people))
    ]
    rows += [row("P", "N", f"https://www.linkedin.com/in/person-{p.pk}") for p in people]
    raw = connections(*rows)

    started = time.perf_counter()
    outcome = run(user, raw)
    took = time.perf_counter() - started

    assert (outcome.rows, outcome.matched) == (30_000, 500)
    assert took < 10, f"{took:.1f} s"


# On the site


def test_settings_offer_the_import(user, client_for):
    page = client_for(user).get(reverse("settings")).text
    assert reverse("linkedin_connections") in page


def test_uploading_shows_the_counts_and_writes_nothing(user, client_for, make_interviewer):
    make_interviewer(user, "Dana Lee", company="Northwind")
    upload = SimpleUploadedFile("Connections.csv", (DATA / "Connections.csv").read_bytes())

    response = client_for(user).post(reverse("linkedin_connections"), {"file": upload})

    assert response.status_code == 200
    assert "Your people to mark connected</dt><dd>1<" in response.text
    assert "Not among your people</dt><dd>3<" in response.text
    assert "Dana Lee" in response.text
    assert not Profile.objects.exists()


def test_confirming_the_preview_marks_them_connected(user, client_for, make_interviewer):
    dana = make_interviewer(user, "Dana Lee", company="Northwind")
    client = client_for(user)
    upload = SimpleUploadedFile("Connections.csv", (DATA / "Connections.csv").read_bytes())
    preview = client.post(reverse("linkedin_connections"), {"file": upload})
    plan = preview.context["plan"]

    response = client.post(reverse("linkedin_connections"), {"plan": plan}, follow=True)

    assert "Marked 1 of your people connected on LinkedIn." in response.text
    assert linkedin_state(dana) == "connected"


def test_a_changed_or_borrowed_preview_is_refused(user, stranger, client_for, make_interviewer):
    dana = make_interviewer(user, "Dana Lee", company="Northwind")
    upload = SimpleUploadedFile("Connections.csv", (DATA / "Connections.csv").read_bytes())
    plan = client_for(user).post(reverse("linkedin_connections"), {"file": upload}).context["plan"]

    tampered = client_for(user).post(reverse("linkedin_connections"), {"plan": plan[:-3] + "xyz"})
    borrowed = client_for(stranger).post(reverse("linkedin_connections"), {"plan": plan})

    assert tampered.status_code == 400 and "upload the file again" in tampered.text
    assert borrowed.status_code == 400 and "not yours" in borrowed.text
    assert linkedin_state(dana) is None


def test_a_bad_upload_says_why(user, client_for):
    url = reverse("linkedin_connections")
    client = client_for(user)
    latin = SimpleUploadedFile(
        "c.csv", connections(row("Zoë", "Brandt")).decode().encode("latin-1")
    )
    assert "not UTF-8" in client.post(url, {"file": latin}).text
    assert "Choose the Connections.csv file." in client.post(url, {}).text


def test_an_upload_over_ten_megabytes_is_refused(user, client_for, settings):
    settings.MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    big = SimpleUploadedFile("Connections.csv", b"x" * (10 * 1024 * 1024 + 1))
    response = client_for(user).post(reverse("linkedin_connections"), {"file": big})
    assert response.status_code == 400 and "larger than 10 MB" in response.text


# The command line


def test_the_command_prints_the_counts(user, make_interviewer, make_profile):
    make_interviewer(user, "Dana Lee", company="Northwind")
    out = io.StringIO()
    call_command("import_linkedin", str(DATA / "Connections.csv"), user=user.username, stdout=out)
    assert out.getvalue().startswith(
        "4 connections read: 1 of your people marked connected, 0 already connected, "
        "0 ambiguous (nothing changed), 3 not among your people."
    )


def test_the_command_reads_standard_input(user, make_interviewer, monkeypatch):
    dana = make_interviewer(user, "Dana Lee", company="Northwind")
    stdin = io.TextIOWrapper(io.BytesIO((DATA / "Connections.csv").read_bytes()))
    monkeypatch.setattr("sys.stdin", stdin)
    call_command("import_linkedin", "-", user=user.username, stdout=io.StringIO())
    assert linkedin_state(dana) == "connected"


def test_the_command_refuses_a_bad_file_or_user(user, tmp_path):
    bad = tmp_path / "c.csv"
    bad.write_bytes(b"hello")
    with pytest.raises(CommandError, match=r"not LinkedIn's Connections\.csv"):
        call_command("import_linkedin", str(bad), user=user.username)
    with pytest.raises(CommandError, match="no user called"):
        call_command("import_linkedin", str(bad), user="nobody")


def test_an_import_past_the_history_quota_changes_nothing_and_names_the_limit(
    user, make_interviewer, settings
):
    settings.QUOTA_TOUCHES = 0
    jose = make_interviewer(user, "José García", email="Jose.Garcia@northwind.example")

    with pytest.raises(linkedin_import.ConnectionsError, match="at most 0 history entries"):
        run(user, (DATA / "Connections.csv").read_bytes())

    assert linkedin_state(jose) is None
    assert not jose.touches.exists()
