"""A file the import refuses: the message names the place in the file, and nothing is written."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.http import HttpResponse
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from advisor import dataformat
from advisor.dataformat import import_account
from advisor.models import Touch
from tests.account_file import DELETE, assert_refused, broken_file, counts, upload, valid_file

BAD_FILES = [
    ("format", "interview-advisor/2", ['format: "interview-advisor/2" is not a format']),
    ("format", DELETE, ['the file: missing required key "format"']),
    ("pipeline", [], ['the file: unknown key "pipeline"']),
    (
        "pipelines.0.rounds.1.scheduled",
        "2026-11-18T15:00:00+00:00",
        ['pipelines[0].rounds[1]: unknown key "scheduled"'],
    ),
    (
        "interviewers.1.profiles.0.platform",
        "linkdin",
        ['interviewers[1].profiles[0].platform: "linkdin" is not one of linkedin, twitter,'],
    ),
    (
        "interviewers.0.profiles",
        "linkedin",
        ["interviewers[0].profiles: expected a list, got a string"],
    ),
    ("interviewers", {"name": "Dana"}, ["interviewers: expected a list, got an object"]),
    (
        "settings.linkedin_premium",
        "false",
        ["settings.linkedin_premium: expected true or false, got a string"],
    ),
    (
        "pipelines.0.rounds.0.duration_minutes",
        "45",
        ["pipelines[0].rounds[0].duration_minutes: expected a whole number, got a string"],
    ),
    (
        "pipelines.0.rounds.0.duration_minutes",
        True,
        ["pipelines[0].rounds[0].duration_minutes: expected a whole number, got true/false"],
    ),
    ("pipelines.0.rounds.0.duration_minutes", 45.5, ["expected a whole number, got a number"]),
    (
        "pipelines.0.rounds.0.duration_minutes",
        0,
        ["pipelines[0].rounds[0].duration_minutes: Give a duration between 1 and 1440"],
    ),
    ("pipelines.0.rounds.0.duration_minutes", 1441, ["between 1 and 1440"]),
    ("pipelines.0.company", 42, ["pipelines[0].company: expected a string, got a number"]),
    ("pipelines.0.company", DELETE, ['pipelines[0]: missing required key "company"']),
    ("pipelines.1.role", DELETE, ['pipelines[1]: missing required key "role"']),
    ("pipelines.1.role", "   ", ["pipelines[1].role: must not be empty"]),
    ("pipelines.0.rounds.1.name", DELETE, ['pipelines[0].rounds[1]: missing required key "name"']),
    ("interviewers.1.name", DELETE, ['interviewers[1]: missing required key "name"']),
    (
        "interviewers.0.profiles.0.platform",
        DELETE,
        ['interviewers[0].profiles[0]: missing required key "platform"'],
    ),
    (
        "interviewers.0.touches.0.kind",
        DELETE,
        ['interviewers[0].touches[0]: missing required key "kind"'],
    ),
    (
        "interviewers.0.touches.0.at",
        DELETE,
        ['interviewers[0].touches[0]: missing required key "at"'],
    ),
    (
        "interviewers.0.touches.0.kind",
        "liked",
        ['interviewers[0].touches[0].kind: "liked" is not one of met, followed'],
    ),
    (
        "interviewers.0.touches.0.platform",
        "myspace",
        ['interviewers[0].touches[0].platform: "myspace" is not one of'],
    ),
    (
        "interviewers.0.touches.0.at",
        "2026-11-20T10:00:00",
        ["interviewers[0].touches[0].at:", "has no UTC offset"],
    ),
    (
        "interviewers.0.touches.0.at",
        "next tuesday",
        ['interviewers[0].touches[0].at: "next tuesday" is not an ISO 8601 date and time'],
    ),
    (
        "pipelines.0.rounds.0.scheduled_at",
        "2026-13-40T25:00:00+00:00",
        ["pipelines[0].rounds[0].scheduled_at:", "is not an ISO 8601"],
    ),
    ("pipelines.0.created", "2026-01-01", ["pipelines[0].created:", "has no UTC offset"]),
    (
        "pipelines.0.rounds.0.scheduled_at",
        None,
        ["pipelines[0].rounds[0].scheduled_at: A scheduled or finished round needs its date"],
    ),
    ("interviewers.1.name", "Dana Lee", ['interviewers[1].name: "Dana Lee" appears twice']),
    (
        "pipelines.0.rounds.1.interviewers.1",
        "Nobody",
        ['pipelines[0].rounds[1].interviewers[1]: "Nobody" is not the name of an interviewer'],
    ),
    (
        "pipelines.0.rounds.1.interviewers.1",
        "Dana Lee",
        ['pipelines[0].rounds[1].interviewers[1]: "Dana Lee" is listed twice'],
    ),
    (
        "pipelines.0.rounds.0.interviewers",
        "Dana Lee",
        ["pipelines[0].rounds[0].interviewers: expected a list, got a string"],
    ),
    (
        "pipelines.1.company",
        "x" * 201,
        ["pipelines[1].company: is 201 characters long; the most allowed is 200"],
    ),
    ("interviewers.0.notes", "n" * 20_001, ["interviewers[0].notes: is 20001 characters long"]),
    ("interviewers.0.address_as", "a" * 201, ["interviewers[0].address_as: is 201 characters"]),
    ("interviewers.0.address_as", 7, ["interviewers[0].address_as: expected a string, got a num"]),
    ("settings.display_name", "d" * 101, ["settings.display_name: is 101 characters long"]),
    (
        "settings.time_zone",
        "Mars/Olympus_Mons",
        ['settings.time_zone: "Mars/Olympus_Mons" is not a time zone'],
    ),
    ("settings.time_zone", "localtime", ['settings.time_zone: "localtime" is not a time zone']),
    (
        "settings.stance",
        "reckless",
        ['settings.stance: "reckless" is not one of strategic, cautious'],
    ),
    ("settings.password", "hunter2", ['settings: unknown key "password"']),
    (
        "interviewers.0.profiles.0.url",
        "https://twitter.com/dana",
        ["interviewers[0].profiles[0].url: A LinkedIn profile address is on linkedin.com"],
    ),
    (
        "interviewers.0.profiles.1.url",
        "https://weixin.qq.com/dana",
        ["interviewers[0].profiles[1].url: WeChat has no public profile pages"],
    ),
    (
        "interviewers.0.profiles.1.handle",
        "1bad",
        ["interviewers[0].profiles[1].handle: This is not a WeChat handle"],
    ),
    (
        "interviewers.0.profiles.1.handle",
        DELETE,
        ["interviewers[0].profiles[1].handle: Give a handle or a profile URL"],
    ),
    (
        "interviewers.0.profiles.1.platform",
        "linkedin",
        ["interviewers[0].profiles[1].platform: a second linkedin profile"],
    ),
    (
        "interviewers.0.profiles.0.state",
        "friends",
        ['interviewers[0].profiles[0].state: "friends" is not one of none, requested'],
    ),
    (
        "interviewers.0.email",
        "not-an-email",
        ["interviewers[0].email: Enter a valid email address."],
    ),
    ("pipelines.0.url", "javascript:alert(1)", ["pipelines[0].url: Enter a valid URL."]),
    (
        "pipelines.0.status",
        "ghosted",
        ['pipelines[0].status: "ghosted" is not one of active, offer'],
    ),
    (
        "pipelines.0.rounds.0.kind",
        "coffee",
        ['pipelines[0].rounds[0].kind: "coffee" is not one of'],
    ),
    (
        "interviewers.0.touches.0.round",
        {"pipeline": 1, "round": 0},
        ["interviewers[0].touches[0].round: there is no round 0 in pipeline 1"],
    ),
    (
        "interviewers.0.touches.0.round",
        {"pipeline": 0},
        ['interviewers[0].touches[0].round: missing required key "round"'],
    ),
    ("settings", None, ["settings: expected an object, got null"]),
]


@pytest.mark.parametrize(("path", "value", "message_parts"), BAD_FILES)
def test_a_bad_file_is_refused_naming_the_place_and_nothing_is_written(
    account_with_data, path, value, message_parts
):
    assert_refused(account_with_data, broken_file(path, value), *message_parts)


@pytest.mark.parametrize(
    ("raw", "message_parts"),
    [
        (
            '{"format": "interview-advisor/1",\n  "pipelines": [}',
            ["not valid JSON", "line 2, column"],
        ),
        ("", ["not valid JSON", "line 1, column 1"]),
        ("[]", ["the file: expected an object, got a list"]),
        ('"interview-advisor/1"', ["the file: expected an object, got a string"]),
        (b"\xff\xfe{}", ["not UTF-8"]),
        (
            '{"format": "interview-advisor/1", "format": "interview-advisor/1"}',
            ['the file: key "format" is given twice'],
        ),
        (
            '{"format": "interview-advisor/1", "pipelines": [{"company": "A", "role": "B",'
            ' "rounds": [{"name": "x", "duration_minutes": NaN}]}]}',
            ["NaN is not a number"],
        ),
    ],
)
def test_a_file_that_is_not_a_json_object_is_refused(user, raw, message_parts):
    assert_refused(user, raw, *message_parts)


def test_an_interviewer_name_already_in_the_account_is_refused_naming_the_duplicate(
    user, make_interviewer
):
    make_interviewer(user, "Wei Zhang")
    assert_refused(
        user,
        valid_file(),
        'interviewers[1].name: you already have an interviewer called "Wei Zhang"',
    )


def test_an_error_late_in_a_long_file_still_writes_nothing(user):
    data = valid_file()
    data["pipelines"] = [
        {
            "company": f"Company {n}",
            "role": "Engineer",
            "rounds": [{"name": f"Round {r}", "interviewers": ["Dana Lee"]} for r in range(3)],
        }
        for n in range(60)
    ]
    data["pipelines"][-1]["rounds"][2]["status"] = "scheduled"
    assert_refused(user, data, "pipelines[59].rounds[2].scheduled_at: A scheduled or finished")


def test_a_database_failure_while_writing_rolls_back_everything(user, monkeypatch):
    insert_many = dataformat._insert_many

    def fail_at_the_touches(table):
        if table.model is Touch:
            raise RuntimeError("disk full")
        insert_many(table)

    monkeypatch.setattr(dataformat, "_insert_many", fail_at_the_touches)
    before = counts()
    with pytest.raises(RuntimeError):
        import_account(user, json.dumps(valid_file()))
    assert counts() == before
    user.refresh_from_db()
    assert user.display_name == "Alex Morgan"


# ---------------------------------------------------------------------------------------------
# Hostile files


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(user, settings):
    assert settings.IMPORT_MAX_BYTES == 32 * 1024 * 1024
    settings.IMPORT_MAX_BYTES = 2 * 1024 * 1024
    padding = " " * (3 * 1024 * 1024)
    raw = '{"format": "interview-advisor/1"}' + padding
    assert_refused(
        user, raw.encode(), "3,145,761 bytes", "the most that can be imported is 2,097,152"
    )
    assert_refused(user, raw, "the most that can be imported")


def test_deeply_nested_json_is_refused_without_crashing(user):
    nested = "[" * 100_000 + "]" * 100_000
    assert_refused(user, nested, "nested too deeply")
    inside = '{"format": "interview-advisor/1", "pipelines": ' + nested + "}"
    assert_refused(user, inside, "nested too deeply")


def test_a_number_with_thousands_of_digits_is_refused(user):
    raw = json.dumps(valid_file()).replace(
        '"duration_minutes": 45', '"duration_minutes": ' + "9" * 5000
    )
    assert_refused(user, raw, "not importable")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "http://www.linkedin.com/in/dana", "data:text/html,hi"]
)
def test_a_profile_url_that_is_not_https_is_refused(user, url):
    data = valid_file()
    data["interviewers"][0]["profiles"][0]["url"] = url
    assert_refused(user, data, "interviewers[0].profiles[0].url:", "https://")


def test_a_nul_character_is_refused(user):
    data = valid_file()
    data["interviewers"][1]["notes"] = "before\x00after"
    assert_refused(user, data, "interviewers[1].notes: contains a NUL character")


def test_a_lone_surrogate_is_refused(user):
    raw = json.dumps(valid_file()).replace('"Onsite"', '"On\\ud800site"')
    assert_refused(user, raw, "pipelines[0].rounds[1].name: contains a lone surrogate")


def test_a_hostile_value_is_shortened_in_the_error_message(user):
    data = valid_file()
    data["pipelines"][0]["x" * 10_000] = 1
    message = assert_refused(user, data, "pipelines[0]: unknown key")
    assert len(message) < 120


# ---------------------------------------------------------------------------------------------
# The page and the command


@pytest.fixture
def import_page(monkeypatch):
    """The import page, or a stand-in showing the form errors while its template is missing."""
    try:
        get_template("account/import.html")
    except TemplateDoesNotExist:

        def render(request, template_name, context, status=200):
            return HttpResponse(str(context["form"].errors), status=status)

        monkeypatch.setattr("advisor.views.render", render)


def test_posting_a_bad_file_shows_the_error_with_status_400_and_writes_nothing(
    user, client_for, import_page
):
    data = valid_file()
    data["interviewers"][1]["profiles"][0]["platform"] = "linkdin"
    before = counts()
    response = client_for(user).post(reverse("import"), {"file": upload(data)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Person 2, profile 1, the platform:" in page  # the place in words first
    assert "Where in the file: interviewers[1].profiles[0].platform" in page
    assert "linkdin" in response.content.decode()
    assert counts() == before


def test_import_data_of_a_refused_file_raises_command_error_naming_the_problem(user, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(broken_file("pipelines.0.rounds.1.scheduled", "x")), encoding="utf-8"
    )
    before = counts()
    with pytest.raises(CommandError, match=r'pipelines\[0\]\.rounds\[1\]: unknown key "scheduled"'):
        call_command("import_data", str(path), "--user", "alex", stdout=io.StringIO())
    assert counts() == before
