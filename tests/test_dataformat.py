"""Export and import of a whole account as interview-advisor/1 JSON (see docs/data-format.md)."""

import copy
import io
import itertools
import json
from datetime import UTC, date, datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.http import HttpResponse
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import dataformat
from advisor.advice import COMPANY_RESEARCH, PERSON_RESEARCH
from advisor.dataformat import DataFormatError, dumps, export_account, import_account
from advisor.models import Interviewer, Pipeline, Profile, Round, Touch, User
from tests.conftest import NOW

# ---------------------------------------------------------------------------------------------
# Helpers


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Pipeline, Round, Interviewer, Profile, Touch)
    }


def valid_file() -> dict:
    """A small hand-written file that imports cleanly; the bad-file cases each break one thing."""
    return {
        "format": "interview-advisor/1",
        "settings": {
            "display_name": "Sam Rivera",
            "stance": "cautious",
            "linkedin_premium": True,
            "time_zone": "Asia/Shanghai",
        },
        "interviewers": [
            {
                "name": "Dana Lee",
                "title": "Engineering Manager",
                "profiles": [
                    {"platform": "linkedin", "url": "https://www.linkedin.com/in/dana-lee/"},
                    {"platform": "wechat", "handle": "dana_lee88", "visibility": "private"},
                ],
                "touches": [{"kind": "commented", "at": "2026-11-20T10:00:00+00:00", "text": "Hi"}],
            },
            {
                "name": "Wei Zhang",
                "profiles": [{"platform": "mastodon", "handle": "@wei@hachyderm.io"}],
                "touches": [],
            },
        ],
        "pipelines": [
            {
                "company": "Northwind",
                "role": "Staff Engineer",
                "url": "https://jobs.example.com/42",
                "status": "active",
                "rounds": [
                    {
                        "name": "Phone screen",
                        "kind": "phone",
                        "status": "done",
                        "scheduled_at": "2026-11-18T15:00:00+00:00",
                        "duration_minutes": 45,
                        "interviewers": ["Dana Lee"],
                    },
                    {"name": "Onsite", "kind": "onsite", "interviewers": ["Dana Lee", "Wei Zhang"]},
                ],
            },
            {"company": "Contoso", "role": "Engineer"},
        ],
    }


def assert_refused(user: User, raw: bytes | str | dict, *message_parts: str) -> str:
    """The file is refused with a message containing every part, and nothing is written."""
    if isinstance(raw, dict):
        raw = json.dumps(raw)
    before = counts()
    settings_before = User.objects.values("display_name", "stance", "time_zone").get(pk=user.pk)
    with pytest.raises(DataFormatError) as caught:
        import_account(user, raw)
    message = str(caught.value)
    for part in message_parts:
        assert part in message
    assert counts() == before
    assert User.objects.values("display_name", "stance", "time_zone").get(pk=user.pk) == (
        settings_before
    )
    return message


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
        created=NOW - timedelta(days=30),
    )
    contoso = make_pipeline(
        user,
        company="Contoso",
        role="Backend Engineer",
        status="offer",
        created=NOW - timedelta(days=20),
    )
    make_pipeline(user, company="Fabrikam", role="SRE", status="rejected", created=NOW)
    screen = make_round(
        northwind,
        name="Phone screen",
        kind="phone",
        status="scheduled",
        scheduled_at=NOW - timedelta(days=5),
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
    screen.mark_done(at=NOW - timedelta(days=4))  # creates "met" touches linked to the round
    dana.profiles.get(platform="linkedin").record("commented", at=NOW - timedelta(days=3))
    make_touch(wei, "thank_you_sent", at=NOW - timedelta(days=2), text="Thanks for your time!")

    stranger_pipeline = make_pipeline(stranger, company="Stranger Corp", role="Spy")
    make_round(stranger_pipeline, name="Secret round")
    make_interviewer(stranger, "Secret Contact")
    return user


# ---------------------------------------------------------------------------------------------
# Round trip


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


def test_a_date_and_time_with_any_offset_is_imported_as_the_same_instant(make_user):
    fresh = make_user()
    data = valid_file()
    data["pipelines"][0]["rounds"][0]["scheduled_at"] = "2026-11-18T20:30:00+05:30"
    data["interviewers"][0]["touches"][0]["at"] = "2026-11-20T10:00:00Z"
    import_account(fresh, json.dumps(data))
    exported = export_account(fresh)
    assert exported["pipelines"][0]["rounds"][0]["scheduled_at"] == "2026-11-18T15:00:00+00:00"
    assert exported["interviewers"][0]["touches"][0]["at"] == "2026-11-20T10:00:00+00:00"


def test_importing_a_round_marked_done_creates_no_met_touches(make_user):
    fresh = make_user()
    import_account(fresh, json.dumps(valid_file()))
    dana = Interviewer.objects.get(owner=fresh, name="Dana Lee")
    assert list(dana.touches.values_list("kind", flat=True)) == ["commented"]


def test_import_applies_settings_and_orders_rounds_by_list_position(make_user):
    fresh = make_user()
    summary = import_account(fresh, json.dumps(valid_file()))
    assert summary == "2 pipelines, 2 rounds, 2 interviewers"
    fresh.refresh_from_db()
    assert (fresh.display_name, fresh.stance, fresh.linkedin_premium, fresh.time_zone) == (
        "Sam Rivera",
        "cautious",
        True,
        "Asia/Shanghai",
    )
    northwind = Pipeline.objects.get(owner=fresh, company="Northwind")
    rounds = list(northwind.rounds.order_by("position"))
    assert [(r.name, r.position) for r in rounds] == [("Phone screen", 0), ("Onsite", 1)]
    assert sorted(rounds[1].interviewers.values_list("name", flat=True)) == [
        "Dana Lee",
        "Wei Zhang",
    ]
    assert Profile.objects.get(interviewer__owner=fresh, platform="wechat").handle == "dana_lee88"


def test_a_file_without_settings_leaves_the_settings_alone(user):
    data = valid_file()
    del data["settings"]
    import_account(user, json.dumps(data))
    user.refresh_from_db()
    assert (user.display_name, user.time_zone) == ("Alex Morgan", "Europe/London")


def test_import_adds_to_an_account_that_already_has_other_data(account_with_data):
    before = counts()
    import_account(account_with_data, json.dumps(valid_file()))
    after = counts()
    assert after["Pipeline"] == before["Pipeline"] + 2
    assert after["Interviewer"] == before["Interviewer"] + 2


def test_how_to_address_them_is_exported_and_imported_back(realistic_account, make_user):
    exported = export_account(realistic_account)
    people = {i["name"]: i["address_as"] for i in exported["interviewers"]}
    assert people == {"Dana Lee": "", "Wei Zhang 张伟": "Zhang Wei", "Ana Núñez": ""}
    fresh = make_user("fresh")
    import_account(fresh, dumps(exported))
    assert Interviewer.objects.get(owner=fresh, name="Wei Zhang 张伟").address_as == "Zhang Wei"


def test_a_file_written_before_how_to_address_them_existed_still_imports(user):
    data = valid_file()
    assert all("address_as" not in i for i in data["interviewers"])
    import_account(user, json.dumps(data))
    dana = Interviewer.objects.get(owner=user, name="Dana Lee")
    assert dana.address_as == ""
    assert export_account(user)["interviewers"][0]["address_as"] == ""


def test_the_smallest_file_is_just_the_format(user):
    assert import_account(user, '{"format": "interview-advisor/1"}') == (
        "0 pipelines, 0 rounds, 0 interviewers"
    )


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


def test_dumps_writes_indented_unicode_json_ending_with_a_newline():
    text = dumps({"name": "张伟"})
    assert text == '{\n  "name": "张伟"\n}\n'


# ---------------------------------------------------------------------------------------------
# Property-based round trip

_users = itertools.count(1)
_OFFSETS = [dt_timezone(timedelta(minutes=m)) for m in (-600, -300, 0, 60, 330, 345, 840)]
_datetimes = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2090, 1, 1),
    timezones=st.sampled_from(_OFFSETS),
)


def _text(max_size: int, *, required: bool = False):
    strategy = st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=max_size
    )
    return strategy.filter(str.strip) if required else strategy


def _line(max_size: int, *, required: bool = False):
    """Single-line text: the site stores line breaks in it as spaces (tests/test_single_line.py)."""
    breaks = "\x00\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
    strategy = st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters=breaks), max_size=max_size
    )
    return strategy.filter(str.strip) if required else strategy


_HANDLES = {
    "linkedin": st.from_regex(r"[a-z0-9][a-z0-9_-]{2,20}", fullmatch=True),
    "twitter": st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
    "facebook": st.from_regex(r"[a-z0-9.]{5,20}", fullmatch=True),
    "wechat": st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{5,19}", fullmatch=True),
    "instagram": st.from_regex(r"[a-z0-9._]{1,30}", fullmatch=True),
    "bluesky": st.sampled_from(["dana.bsky.social", "wei-zhang.example.org"]),
    "mastodon": st.sampled_from(["@dana@hachyderm.io", "@wei_1@mastodon.social"]),
    "threads": st.from_regex(r"[a-z0-9._]{1,30}", fullmatch=True),
    "github": st.sampled_from(["dana-lee", "w", "octo-cat-9"]),
}
_URLS = {
    "linkedin": "https://www.linkedin.com/in/{}/",
    "twitter": "https://x.com/{}",
    "github": "https://github.com/{}",
    "mastodon": "https://hachyderm.io/@{}",
}


@st.composite
def profiles(draw, platform: str) -> dict:
    handle = draw(_HANDLES[platform])
    url = ""
    if platform in _URLS and draw(st.booleans()):
        url = _URLS[platform].format(draw(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)))
        if draw(st.booleans()):
            handle = ""
    return {
        "platform": platform,
        "handle": handle,
        "url": url,
        "visibility": draw(st.sampled_from(Profile.Visibility.values)),
        "tone": draw(st.sampled_from(Profile.Tone.values)),
        "state": draw(st.sampled_from(Profile.State.values)),
    }


def _iso_sorted(values: list[datetime]) -> list[str]:
    return [value.isoformat() for value in sorted(values, key=lambda v: v.astimezone(UTC))]


# Research about the organisation is the pipeline's; the rest is each person's.
COMPANY_KEYS = [item.key for item in COMPANY_RESEARCH]
PERSON_KEYS = [item.key for item in PERSON_RESEARCH]


@st.composite
def _job_details(draw) -> dict:
    """Each of applied_on, salary and source, or not: export writes only those that are set."""
    details = {
        "applied_on": draw(st.dates(date(1990, 1, 1), date(2090, 1, 1))).isoformat(),
        "salary": draw(_line(30, required=True)),
        "source": draw(st.sampled_from(["referral", "job board", "a friend at Acme"])),
    }
    return {key: value for key, value in details.items() if draw(st.booleans())}


@st.composite
def account_files(draw) -> dict:
    names = draw(st.lists(_line(40, required=True), max_size=4, unique=True))
    pipelines = []
    for created in _iso_sorted(draw(st.lists(_datetimes, max_size=3))):
        rounds = []
        for _ in range(draw(st.integers(0, 3))):
            status = draw(st.sampled_from(Round.Status.values))
            needs_time = status in ("scheduled", "done")
            at = draw(_datetimes if needs_time else st.none() | _datetimes)
            chosen = set(draw(st.lists(st.sampled_from(names), unique=True))) if names else set()
            rounds.append(
                {
                    "name": draw(_line(30, required=True)),
                    "kind": draw(st.sampled_from(Round.Kind.values)),
                    "status": status,
                    "scheduled_at": at.isoformat() if at else None,
                    "duration_minutes": draw(st.integers(1, 1440)),
                    "location": draw(_line(30)),
                    "notes": draw(_text(60)),
                    "interviewers": [n for n in names if n in chosen],
                }
            )
        pipelines.append(
            {
                "company": draw(_line(30, required=True)),
                "role": draw(_line(30, required=True)),
                "url": draw(
                    st.sampled_from(["", "https://jobs.example.com/1", "http://example.org/j?id=7"])
                ),
                "location": draw(_line(20)),
                "status": draw(st.sampled_from(Pipeline.Status.values)),
                "notes": draw(_text(80)),
                "created": created,
                "research": [k for k in COMPANY_KEYS if draw(st.booleans())],
                "rounds": rounds,
                **draw(_job_details()),
            }
        )
    round_refs = [
        {"pipeline": p, "round": r}
        for p, pipeline in enumerate(pipelines)
        for r in range(len(pipeline["rounds"]))
    ]
    interviewers = []
    created_times = _iso_sorted(
        draw(st.lists(_datetimes, min_size=len(names), max_size=len(names)))
    )
    for name, created in zip(names, created_times, strict=True):
        platforms = draw(
            st.lists(st.sampled_from(Profile.Platform.values), unique=True, max_size=3)
        )
        touches = []
        for at in _iso_sorted(draw(st.lists(_datetimes, max_size=3))):
            touch = {
                "kind": draw(st.sampled_from(Touch.Kind.values)),
                "at": at,
                "text": draw(_line(40)),
            }
            if draw(st.booleans()):
                touch["platform"] = draw(st.sampled_from(Profile.Platform.values))
            if round_refs and draw(st.booleans()):
                touch["round"] = draw(st.sampled_from(round_refs))
            touches.append(touch)
        interviewers.append(
            {
                "name": name,
                "address_as": draw(_line(20)),
                "title": draw(_line(20)),
                "company": draw(_line(20)),
                "role_relation": draw(_line(40)),
                "email": draw(
                    st.sampled_from(["", "dana@example.com", "wei.zhang+jobs@mail.example.cn"])
                ),
                "notes": draw(_text(80)),
                "topic": draw(_line(40)),
                "created": created,
                "research": draw(
                    st.lists(st.sampled_from(PERSON_KEYS), unique=True, max_size=3).map(sorted)
                ),
                "profiles": [draw(profiles(p)) for p in platforms],
                "touches": touches,
            }
        )
    return {
        "format": "interview-advisor/1",
        "settings": {
            "display_name": draw(_line(100)),
            "stance": draw(st.sampled_from(["strategic", "cautious"])),
            "linkedin_premium": draw(st.booleans()),
            "time_zone": draw(st.sampled_from(["UTC", "Europe/London", "Asia/Kathmandu"])),
            "summary_enabled": draw(st.booleans()),
            "summary_hour": draw(st.integers(0, 23)),
        },
        "interviewers": interviewers,
        "pipelines": pipelines,
    }


def _in_utc(file: dict) -> dict:
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
    assert exported == _in_utc(file)

    second = User.objects.create_user(username=f"hypothesis{next(_users)}")
    import_account(second, dumps(exported))
    second.refresh_from_db()
    assert export_account(second) == exported


# ---------------------------------------------------------------------------------------------
# Bad files: each is refused with a message naming the place, and nothing is written


def _break(path: str, value) -> dict:
    """valid_file() with the value at a dotted path (list indices as numbers) replaced or,
    with value DELETE, removed."""
    data = valid_file()
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target = data
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return data


DELETE = object()

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


@pytest.fixture
def account_with_data(user, make_pipeline, make_round, make_interviewer, make_touch):
    """An account with data of its own (names unlike the file's), so "nothing written" counts."""
    person = make_interviewer(user, "Existing Person")
    make_touch(person, "met")
    make_round(make_pipeline(user), interviewers=(person,))
    return user


@pytest.mark.parametrize(("path", "value", "message_parts"), BAD_FILES)
def test_a_bad_file_is_refused_naming_the_place_and_nothing_is_written(
    account_with_data, path, value, message_parts
):
    assert_refused(account_with_data, _break(path, value), *message_parts)


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


def test_html_and_template_syntax_in_text_is_stored_verbatim(make_user):
    fresh = make_user()
    hostile = '<script>alert("x")</script> {{ request.user.password }} {% csrf_token %} &amp;'
    data = valid_file()
    data["pipelines"][0]["notes"] = hostile
    data["interviewers"][0]["name"] = hostile
    data["pipelines"][0]["rounds"][0]["interviewers"] = [hostile]
    data["pipelines"][0]["rounds"][1]["interviewers"] = [hostile, "Wei Zhang"]
    import_account(fresh, json.dumps(data))
    assert Pipeline.objects.get(owner=fresh, company="Northwind").notes == hostile
    assert Interviewer.objects.filter(owner=fresh, name=hostile).exists()


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
# The views


def test_export_page_downloads_only_the_users_own_data(realistic_account, client_for):
    response = client_for(realistic_account).get(reverse("export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="interview-advisor-')
    text = response.content.decode()
    assert json.loads(text) == export_account(realistic_account)
    assert "Dana Lee" in text
    assert "Stranger Corp" not in text
    assert "Secret Contact" not in text


def _upload(data: dict | str) -> SimpleUploadedFile:
    raw = data if isinstance(data, str) else json.dumps(data)
    return SimpleUploadedFile("export.json", raw.encode(), content_type="application/json")


def test_posting_a_good_file_to_import_creates_the_data_and_goes_to_the_board(user, client_for):
    response = client_for(user).post(reverse("import"), {"file": _upload(valid_file())})
    assert response.status_code == 302
    assert response["Location"] == reverse("board")
    assert Pipeline.objects.filter(owner=user).count() == 2
    assert Interviewer.objects.filter(owner=user).count() == 2


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
    response = client_for(user).post(reverse("import"), {"file": _upload(data)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Person 2, profile 1, the platform:" in page  # the place in words first
    assert "Where in the file: interviewers[1].profiles[0].platform" in page
    assert "linkdin" in response.content.decode()
    assert counts() == before


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    before = counts()
    for response in (
        client.get(reverse("export")),
        client.get(reverse("import")),
        client.post(reverse("import"), {"file": _upload(valid_file())}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert counts() == before


# ---------------------------------------------------------------------------------------------
# The management commands


def test_export_data_prints_the_accounts_json_and_nothing_else(realistic_account):
    out = io.StringIO()
    call_command("export_data", "--user", "alex", stdout=out)
    assert json.loads(out.getvalue()) == export_account(realistic_account)
    assert out.getvalue() == dumps(export_account(realistic_account))


def test_export_data_for_an_unknown_user_is_an_error(db):
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("export_data", "--user", "nobody", stdout=io.StringIO())


def test_import_data_imports_a_file_and_prints_the_summary(user, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(valid_file()), encoding="utf-8")
    out = io.StringIO()
    call_command("import_data", str(path), "--user", "alex", stdout=out)
    assert out.getvalue().strip() == "Imported 2 pipelines, 2 rounds, 2 interviewers."
    assert Pipeline.objects.filter(owner=user).count() == 2


def test_import_data_reads_standard_input_given_a_dash(user, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(valid_file()).encode()))
    monkeypatch.setattr("sys.stdin", stdin)
    call_command("import_data", "-", "--user", "alex", stdout=io.StringIO())
    assert Interviewer.objects.filter(owner=user).count() == 2


def test_import_data_of_a_refused_file_raises_command_error_naming_the_problem(user, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_break("pipelines.0.rounds.1.scheduled", "x")), encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError, match=r'pipelines\[0\]\.rounds\[1\]: unknown key "scheduled"'):
        call_command("import_data", str(path), "--user", "alex", stdout=io.StringIO())
    assert counts() == before


def test_import_data_of_a_missing_file_is_an_error(user, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_data", str(tmp_path / "nope.json"), "--user", "alex")


def test_the_format_name_is_the_documented_one():
    assert dataformat.FORMAT == "interview-advisor/1"
