"""Job details on a pipeline (applied on, salary, source), the form filled from the browser's
bookmarklet, and the same details in the JSON file and the CSV."""

import csv
import io
import json
import re
from datetime import date

import pytest
from django.urls import reverse

from advisor import dataformat
from advisor.models import Pipeline

# The form


def test_the_form_keeps_applied_on_salary_and_source(user, client_for):
    response = client_for(user).post(
        reverse("pipeline_new"),
        {
            "company": "Globex",
            "role": "Data Engineer",
            "status": "active",
            "applied_on": "2026-11-18",
            "salary": "£70\u201380k",
            "source": "referral",
        },
    )
    pipeline = Pipeline.objects.get(owner=user)
    assert response.headers["Location"] == pipeline.get_absolute_url()
    assert (pipeline.applied_on, pipeline.salary, pipeline.source) == (
        date(2026, 11, 18),
        "£70\u201380k",
        "referral",
    )
    page = client_for(user).get(pipeline.get_absolute_url()).text
    assert "Applied on 18 Nov 2026 · Salary: £70\u201380k · Found through referral" in page


def test_the_source_field_suggests_the_usual_places_and_takes_any_text(user, client_for):
    page = client_for(user).get(reverse("pipeline_new")).text
    assert 'list="id_source-suggestions"' in page
    for suggestion in ("job board", "referral", "recruiter", "company site"):
        assert f'<option value="{suggestion}"></option>' in page
    assert 'name="applied_on"' in page and 'type="date"' in page
    client_for(user).post(
        reverse("pipeline_new"),
        {"company": "Acme", "role": "SRE", "status": "active", "source": "a meetup"},
    )
    assert Pipeline.objects.get().source == "a meetup"


def test_a_salary_or_source_typed_on_two_lines_is_kept_on_one(user, client_for):
    client_for(user).post(
        reverse("pipeline_new"),
        {"company": "Acme", "role": "SRE", "status": "active", "salary": "70k\r\n\u2013 80k"},
    )
    assert Pipeline.objects.get().salary == "70k \u2013 80k"


# Filled from the browser


def test_the_new_pipeline_form_is_filled_from_the_address(user, client_for):
    page = (
        client_for(user)
        .get(
            reverse("pipeline_new"),
            {
                "company": "Initech",
                "role": "Staff Engineer \u2013 Payments\n| Initech Careers",
                "url": "https://careers.initech.example/jobs/42?src=board",
            },
        )
        .text
    )
    assert 'value="Initech"' in page
    assert 'value="Staff Engineer \u2013 Payments | Initech Careers"' in page
    assert 'value="https://careers.initech.example/jobs/42?src=board"' in page


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example/"])
def test_only_a_web_address_is_filled_in(url, user, client_for):
    page = client_for(user).get(reverse("pipeline_new"), {"url": url}).text
    assert url.split(":")[0] + ":" not in page.split('name="url"')[1].split(">")[0]


def test_a_very_long_title_is_cut_to_the_fields_length(user, client_for):
    page = client_for(user).get(reverse("pipeline_new"), {"role": "x" * 5000}).text
    assert 'value="' + "x" * 200 + '"' in page and "x" * 201 not in page


def test_the_settings_page_offers_the_bookmarklet(user, client_for):
    page = client_for(user).get(reverse("settings")).text
    link = page.split('class="button secondary bookmarklet" href="')[1].split('"')[0]
    assert link == (
        "javascript:void(window.open('http://testserver/pipelines/new/"
        "?role='+encodeURIComponent(document.title)"
        "+'&amp;url='+encodeURIComponent(location.href)))"
    )
    assert "Save job to Interview Advisor" in page


# The JSON file


def test_job_details_go_out_and_come_back_in_the_json_file(user, make_pipeline, make_user):
    make_pipeline(user, applied_on=date(2026, 11, 18), salary="$150k", source="recruiter")
    make_pipeline(user, company="Plain")

    exported = dataformat.export_account(user)

    detailed, plain = exported["pipelines"]
    assert (detailed["applied_on"], detailed["salary"], detailed["source"]) == (
        "2026-11-18",
        "$150k",
        "recruiter",
    )
    assert not {"applied_on", "salary", "source"} & set(plain)  # as earlier versions wrote
    other = make_user()
    dataformat.import_account(other, dataformat.dumps(exported))
    assert dataformat.export_account(other)["pipelines"] == exported["pipelines"]


def test_a_file_without_job_details_still_imports(user):
    file = {"format": "interview-advisor/1", "pipelines": [{"company": "A", "role": "B"}]}
    dataformat.import_account(user, json.dumps(file))
    pipeline = Pipeline.objects.get(owner=user)
    assert (pipeline.applied_on, pipeline.salary, pipeline.source) == (None, "", "")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("18/11/2026", 'pipelines[0].applied_on: "18/11/2026" is not a date written YYYY-MM-DD'),
        ("2026-02-30", 'pipelines[0].applied_on: "2026-02-30" is not a date written YYYY-MM-DD'),
        (20261118, "pipelines[0].applied_on: expected a date string"),
    ],
)
def test_a_bad_applied_on_is_refused_naming_the_place(value, message, user):
    file = {
        "format": "interview-advisor/1",
        "pipelines": [{"company": "A", "role": "B", "applied_on": value}],
    }
    with pytest.raises(dataformat.DataFormatError, match=re.escape(message)):
        dataformat.import_account(user, json.dumps(file))
    assert not Pipeline.objects.exists()


def test_applied_on_may_be_null_in_a_file(user):
    file = {
        "format": "interview-advisor/1",
        "pipelines": [
            {"company": "A", "role": "B", "applied_on": None, "salary": "", "source": ""}
        ],
    }
    dataformat.import_account(user, json.dumps(file))
    assert Pipeline.objects.get().applied_on is None


# The CSV


def csv_rows(client) -> list[dict]:
    body = client.get("/export.csv").content
    assert body.startswith(b"\xef\xbb\xbf")  # the byte order mark, for spreadsheet programs
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_has_the_job_columns_after_the_rounds(user, client_for, make_pipeline, make_round):
    pipeline = make_pipeline(
        user,
        url="https://jobs.example.com/7",
        applied_on=date(2026, 11, 18),
        salary="€90k",
        source="job board",
        notes="Asked about remote work.\nThey said two days a week.",
    )
    make_round(pipeline, name="Screen")

    [row] = csv_rows(client_for(user))

    assert row["Round"] == "Screen"
    assert row["Job URL"] == "https://jobs.example.com/7"
    assert row["Applied on"] == "2026-11-18"
    assert (row["Salary"], row["Source"]) == ("€90k", "job board")
    assert row["Pipeline notes"] == "Asked about remote work.\nThey said two days a week."


def test_a_pipeline_without_rounds_still_has_its_row(user, client_for, make_pipeline):
    make_pipeline(user, company="Saved from the browser", source="company site")
    [row] = csv_rows(client_for(user))
    assert row["Company"] == "Saved from the browser" and row["Round"] == ""
    assert row["Source"] == "company site"


def test_formulas_in_the_job_columns_are_neutralised(user, client_for, make_pipeline):
    make_pipeline(user, salary="=1+1", source="@cmd", notes="-2+3")
    [row] = csv_rows(client_for(user))
    assert (row["Salary"], row["Source"], row["Pipeline notes"]) == ("'=1+1", "'@cmd", "'-2+3")
