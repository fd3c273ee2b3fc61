"""The export: a whole account as interview-advisor/1 JSON (see docs/data-format.md), from the
page and the command line, and what comes back when it is imported again."""

import copy
import io
import itertools
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from advisor import dataformat
from advisor.dataformat import dumps, export_account, import_account
from advisor.models import Interviewer, User
from tests.conftest import NOW
from tests.strategies import account_files


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def realistic_account(
    user, stranger, make_pipeline, make_interviewer, make_round, make_profile, make_touch
):
    """Alex's account: three pipelines, rounds with interviewers, profiles and touches."""
    dana = make_interviewer(
        user,
        "Dana Lee",
        title="Engineering Manager",
        company="Northwind",
        role_relation="would be my manager",
        email="dana@example.com",
        notes="Likes Go.",
    )
    wei = make_interviewer(user, "Wei Zhang 张伟", title="Staff Engineer", address_as="Zhang Wei")
    ana = make_interviewer(user, "Ana Núñez")
    make_profile(dana, "linkedin", url="https://www.linkedin.com/in/dana-lee/", state="connected")
    make_profile(dana, "mastodon", visibility="public", tone="casual")
    make_profile(dana, "github", handle="dana-lee")
    make_profile(wei, "wechat", handle="dana_lee88", visibility="private", tone="casual")
    make_profile(wei, "bluesky", handle="wei.bsky.social", tone="controversial")
    make_profile(ana, "twitter", handle="ana_n", url="https://x.com/ana_n")

    northwind = make_pipeline(
        user,
        company="Northwind",
        role="Staff Engineer",
        url="https://jobs.example.com/1",
        location="London",
        notes="Referral from Kim.",
        created=days_ago(30),
    )
    contoso = make_pipeline(
        user, company="Contoso", role="Backend Engineer", status="offer", created=days_ago(20)
    )
    make_pipeline(user, company="Fabrikam", role="SRE", status="rejected", created=NOW)
    screen = make_round(
        northwind,
        name="Phone screen",
        kind="phone",
        status="scheduled",
        scheduled_at=days_ago(5),
        duration_minutes=45,
        interviewers=(dana,),
    )
    make_round(
        northwind,
        name="System design",
        kind="technical",
        location="https://meet.example.com/x",
        notes="Bring questions.",
        interviewers=(wei, dana),
    )
    make_round(contoso, name="Final", kind="final", status="cancelled", interviewers=(ana,))
    screen.mark_done(at=days_ago(4))  # creates "met" touches linked to the round
    dana.profiles.get(platform="linkedin").record("commented", at=days_ago(3))
    make_touch(wei, "thank_you_sent", at=days_ago(2), text="Thanks for your time!")

    stranger_pipeline = make_pipeline(stranger, company="Stranger Corp", role="Spy")
    make_round(stranger_pipeline, name="Secret round")
    make_interviewer(stranger, "Secret Contact")
    return user


def test_export_then_import_into_an_empty_account_gives_back_the_same_data(
    realistic_account, make_user
):
    exported = export_account(realistic_account)
    assert len(exported["pipelines"]) == 3
    assert [i["name"] for i in exported["interviewers"]] == [
        "Dana Lee",
        "Wei Zhang 张伟",
        "Ana Núñez",
    ]
    assert "Stranger Corp" not in dumps(exported)

    fresh = make_user("fresh")
    summary = import_account(fresh, dumps(exported))

    assert summary == "3 pipelines, 3 rounds, 3 interviewers"
    fresh.refresh_from_db()
    assert export_account(fresh) == exported


def test_the_export_records_met_touches_with_their_round_and_platforms_of_recorded_touches(
    realistic_account,
):
    dana = next(
        i for i in export_account(realistic_account)["interviewers"] if i["name"] == "Dana Lee"
    )
    met = [t for t in dana["touches"] if t["kind"] == "met"]
    commented = [t for t in dana["touches"] if t["kind"] == "commented"]
    assert met == [
        {
            "kind": "met",
            "at": met[0]["at"],
            "text": "Phone screen",
            "round": {"pipeline": 0, "round": 0},
        }
    ]
    assert commented[0]["platform"] == "linkedin"
    assert all("platform" not in t for t in met)


def test_datetimes_are_exported_in_utc_with_an_explicit_offset(realistic_account):
    exported = export_account(realistic_account)
    screen = exported["pipelines"][0]["rounds"][0]
    assert screen["scheduled_at"] == "2026-11-17T12:00:00+00:00"
    assert exported["pipelines"][0]["created"] == "2026-10-23T12:00:00+00:00"
    assert exported["pipelines"][0]["rounds"][1]["scheduled_at"] is None


def test_how_to_address_them_is_exported_and_imported_back(realistic_account, make_user):
    exported = export_account(realistic_account)
    people = {i["name"]: i["address_as"] for i in exported["interviewers"]}
    assert people == {"Dana Lee": "", "Wei Zhang 张伟": "Zhang Wei", "Ana Núñez": ""}
    fresh = make_user("fresh")
    import_account(fresh, dumps(exported))
    assert Interviewer.objects.get(owner=fresh, name="Wei Zhang 张伟").address_as == "Zhang Wei"


def test_dumps_writes_indented_unicode_json_ending_with_a_newline():
    text = dumps({"name": "张伟"})
    assert text == '{\n  "name": "张伟"\n}\n'


def test_the_format_name_is_the_documented_one():
    assert dataformat.FORMAT == "interview-advisor/1"


# ---------------------------------------------------------------------------------------------
# Property-based round trip

_users = itertools.count(1)


def in_utc(file: dict) -> dict:
    """The file as the export writes it: every date and time converted to UTC."""
    expected = copy.deepcopy(file)

    def utc(value: str | None) -> str | None:
        return value and datetime.fromisoformat(value).astimezone(UTC).isoformat()

    for pipeline in expected["pipelines"]:
        pipeline["created"] = utc(pipeline["created"])
        for round_ in pipeline["rounds"]:
            round_["scheduled_at"] = utc(round_["scheduled_at"])
    for interviewer in expected["interviewers"]:
        interviewer["created"] = utc(interviewer["created"])
        for touch in interviewer["touches"]:
            touch["at"] = utc(touch["at"])
    return expected


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(file=account_files())
def test_any_valid_file_imports_and_exports_back_unchanged(db, file):
    first = User.objects.create_user(username=f"hypothesis{next(_users)}")
    import_account(first, dumps(file))
    first.refresh_from_db()
    exported = export_account(first)
    assert exported == in_utc(file)

    second = User.objects.create_user(username=f"hypothesis{next(_users)}")
    import_account(second, dumps(exported))
    second.refresh_from_db()
    assert export_account(second) == exported


# ---------------------------------------------------------------------------------------------
# The page and the command


def test_export_page_downloads_only_the_users_own_data(realistic_account, client_for):
    response = client_for(realistic_account).get(reverse("export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="interview-advisor-')
    text = response.getvalue().decode()  # the export streams: getvalue() reads it whole
    assert json.loads(text) == export_account(realistic_account)
    assert "Dana Lee" in text
    assert "Stranger Corp" not in text
    assert "Secret Contact" not in text


def test_export_data_prints_the_accounts_json_and_nothing_else(realistic_account):
    out = io.StringIO()
    call_command("export_data", "--user", "alex", stdout=out)
    assert json.loads(out.getvalue()) == export_account(realistic_account)
    assert out.getvalue() == dumps(export_account(realistic_account))


def test_export_data_for_an_unknown_user_is_an_error(db):
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("export_data", "--user", "nobody", stdout=io.StringIO())
