"""No account can fill the database: per-account quotas, enforced by the forms and the import
with a message naming the limit, and an import that holds the write lock only briefly, so that
an account at its quotas can be exported and imported again while others keep writing."""

import gzip
import io
import json
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from servers import Visitor, fresh_databases, gunicorn, migrate, production_env, run_python
from test_security import production_settings

from advisor import dataformat
from advisor.dataformat import DataFormatError, import_account
from advisor.models import Interviewer, Pipeline, Profile, Round


@pytest.fixture
def quotas_of_two(settings):
    settings.QUOTA_PIPELINES = settings.QUOTA_PEOPLE = 2
    settings.QUOTA_ROUNDS = settings.QUOTA_TOUCHES = 2


def test_the_quotas_come_from_the_environment():
    names = ("QUOTA_PIPELINES", "QUOTA_PEOPLE", "QUOTA_ROUNDS", "QUOTA_TOUCHES")
    assert production_settings(*names) == {
        "QUOTA_PIPELINES": 2000,
        "QUOTA_PEOPLE": 5000,
        "QUOTA_ROUNDS": 20000,
        "QUOTA_TOUCHES": 50000,
    }
    assert production_settings(*names, **dict.fromkeys(names, "7")) == dict.fromkeys(names, 7)


# The forms


def test_a_pipeline_past_the_quota_is_refused_with_the_limit_named(
    user, make_pipeline, client_for, quotas_of_two
):
    first, _ = make_pipeline(user), make_pipeline(user)
    client = client_for(user)

    refused = client.post("/pipelines/new/", {"company": "C", "role": "R", "status": "active"})
    edited = client.post(
        f"/pipelines/{first.pk}/edit/", {"company": "Edited", "role": "R", "status": "active"}
    )

    assert refused.status_code == 200
    assert "at most 2 pipelines" in refused.content.decode()
    assert edited.status_code == 302
    assert user.pipelines.count() == 2


def test_a_person_past_the_quota_is_refused_with_the_limit_named(
    user, make_interviewer, make_round, client_for, quotas_of_two
):
    dana, _ = make_interviewer(user, "Dana Lee"), make_interviewer(user, "Wei Zhang")
    round_ = make_round(owner=user)
    client = client_for(user)

    refused = client.post("/interviewers/new/", {"name": "Sam Reyes"})
    attached_new = client.post(
        f"/interviews/{round_.pk}/interviewers/", {"name": "Sam Reyes"}, follow=True
    )
    attached_known = client.post(f"/interviews/{round_.pk}/interviewers/", {"name": "dana lee"})

    assert "at most 2 people" in refused.content.decode()
    assert "at most 2 people" in attached_new.content.decode()
    assert attached_known.status_code == 302
    assert list(round_.interviewers.all()) == [dana]
    assert Interviewer.objects.filter(owner=user).count() == 2


def test_a_round_past_the_quota_is_refused_with_the_limit_named(
    user, make_pipeline, make_round, client_for, quotas_of_two
):
    pipeline = make_pipeline(user)
    make_round(pipeline), make_round(make_pipeline(user))

    response = client_for(user).post(
        f"/pipelines/{pipeline.pk}/rounds/new/",
        {"name": "Onsite", "kind": "onsite", "status": "planned", "duration_minutes": "60"},
    )

    assert "at most 2 rounds" in response.content.decode()
    assert Round.objects.filter(pipeline__owner=user).count() == 2


def test_a_history_entry_past_the_quota_is_refused_with_the_limit_named(
    user, make_interviewer, make_profile, make_round, make_touch, client_for, quotas_of_two
):
    dana = make_interviewer(user)
    profile = make_profile(dana, "linkedin")
    round_ = make_round(owner=user, interviewers=(dana,))
    make_touch(dana), make_touch(dana)
    client = client_for(user)

    by_form = client.post(
        f"/interviewers/{dana.pk}/touches/new/", {"kind": "other", "at": "2026-11-20T10:00"}
    )
    on_card = client.post(
        f"/interviews/{round_.pk}/interviewers/{dana.pk}/record/",
        {"kind": "commented"},
        follow=True,
    )
    on_profile = client.post(
        f"/interviews/{round_.pk}/profiles/{profile.pk}/record/",
        {"kind": "request_sent"},
        follow=True,
    )

    for response in (by_form, on_card, on_profile):
        assert "at most 2 history entries" in response.content.decode()
    assert dana.touches.count() == 2
    profile.refresh_from_db()
    assert profile.state == Profile.State.NONE


def test_another_accounts_things_do_not_count(
    user, stranger, make_pipeline, client_for, quotas_of_two
):
    make_pipeline(stranger), make_pipeline(stranger)

    response = client_for(user).post(
        "/pipelines/new/", {"company": "C", "role": "R", "status": "active"}
    )

    assert response.status_code == 302
    assert user.pipelines.count() == 1


# The import

PAST_ONE_QUOTA = {
    "pipelines": {"pipelines": [{"company": f"C{n}", "role": "R"} for n in range(3)]},
    "people": {"interviewers": [{"name": f"Person {n}"} for n in range(3)]},
    "rounds": {
        "pipelines": [{"company": "C", "role": "R", "rounds": [{"name": "R"}] * 3}],
    },
    "history entries": {
        "interviewers": [
            {"name": "Dana", "touches": [{"kind": "other", "at": "2026-11-20T10:00:00+00:00"}] * 3}
        ]
    },
}


@pytest.mark.parametrize("things", PAST_ONE_QUOTA)
def test_an_import_past_a_quota_is_refused_and_writes_nothing(things, user, quotas_of_two):
    upload = {"format": dataformat.FORMAT, "settings": {"display_name": "Changed"}}

    with pytest.raises(DataFormatError) as refused:
        import_account(user, json.dumps({**upload, **PAST_ONE_QUOTA[things]}))

    assert f"at most 2 {things}" in str(refused.value)
    assert "you have 0 and the file adds 3" in str(refused.value)
    assert "Nothing was imported" in str(refused.value)
    assert not Pipeline.objects.exists()
    assert not Interviewer.objects.exists()
    user.refresh_from_db()
    assert user.display_name == "Alex Morgan"


def test_what_the_account_has_counts_with_what_the_file_adds(user, make_pipeline, quotas_of_two):
    make_pipeline(user)
    two = {"format": dataformat.FORMAT, **PAST_ONE_QUOTA["pipelines"]}
    two["pipelines"] = two["pipelines"][:2]

    with pytest.raises(DataFormatError, match="you have 1 and the file adds 2"):
        import_account(user, json.dumps(two))
    two["pipelines"] = two["pipelines"][:1]
    assert import_account(user, json.dumps(two)).startswith("1 pipeline,")


def test_an_account_at_its_quotas_exports_and_imports_again(user, make_user, client_for, settings):
    settings.QUOTA_PIPELINES, settings.QUOTA_ROUNDS = 3, 6
    settings.QUOTA_PEOPLE, settings.QUOTA_TOUCHES = 4, 8
    import_account(user, json.dumps(account_at_quotas(settings)))
    exported = client_for(user).get("/export/").getvalue()

    again = make_user("again")
    response = client_for(again).post(
        "/import/", {"file": SimpleUploadedFile("export.json", exported)}
    )

    assert response.status_code == 302
    again.refresh_from_db()
    assert dataformat.export_account(again) == json.loads(exported)


def test_a_large_export_comes_compressed_and_imports_again(user, make_user, client_for, settings):
    settings.MAX_UPLOAD_BYTES = 20_000
    import_account(user, json.dumps(account_at_quotas(settings, pipelines=20, people=20)))

    response = client_for(user).get("/export/")
    compressed = response.getvalue()

    assert response.headers["Content-Type"] == "application/gzip"
    assert response.headers["Content-Disposition"].endswith('.json.gz"')
    assert len(compressed) < settings.MAX_UPLOAD_BYTES // 2
    again = make_user("again")
    upload = SimpleUploadedFile("export.json.gz", compressed)
    assert client_for(again).post("/import/", {"file": upload}).status_code == 302
    again.refresh_from_db()
    assert dataformat.export_account(again) == json.loads(gzip.decompress(compressed))


def test_a_small_export_stays_plain_json(user, client_for):
    response = client_for(user).get("/export/")
    assert response.headers["Content-Type"] == "application/json"
    assert json.loads(response.getvalue())["format"] == dataformat.FORMAT


def test_a_compressed_file_is_read_no_further_than_the_limit(user, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    bomb = gzip.compress(b'{"format": "interview-advisor/1", "x": "' + b" " * 200_000_000)

    with pytest.raises(DataFormatError, match="more than 1,048,576 bytes uncompressed"):
        import_account(user, bomb)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x1f\x8b" + b"not gzip at all", "not valid gzip"),
        (gzip.compress(b'{"format": "interview-advisor/1"}')[:-12], "cut short"),
    ],
    ids=["garbage", "cut short"],
)
def test_a_broken_compressed_file_is_refused_with_a_message(content, message, user):
    with pytest.raises(DataFormatError, match=message):
        import_account(user, content)


def test_the_import_command_reads_a_compressed_file(user, tmp_path):
    path = tmp_path / "export.json.gz"
    upload = {"format": dataformat.FORMAT, **PAST_ONE_QUOTA["people"]}
    path.write_bytes(gzip.compress(json.dumps(upload).encode()))

    call_command("import_data", str(path), "--user", user.username, stdout=io.StringIO())

    assert Interviewer.objects.filter(owner=user).count() == 3


# An account at the default quotas, through the real server

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def account_at_quotas(settings, *, pipelines=None, people=None) -> dict:
    """A file with as many pipelines, people, rounds and history entries as the quotas allow
    (or as many pipelines and people as asked, with ten rounds and ten entries each), written
    like a real account: notes, rounds with two interviewers, touches on rounds."""
    pipelines = pipelines or settings.QUOTA_PIPELINES
    people = people or settings.QUOTA_PEOPLE
    rounds_each = max(1, min(10, settings.QUOTA_ROUNDS // pipelines))
    touches_each = max(1, min(10, settings.QUOTA_TOUCHES // people))
    names = [f"Person {n} Lee" for n in range(people)]
    note = "Met the team lead; they asked about on-call, incident reviews and the roadmap. " * 3

    def when(days: int) -> str:
        return (START + timedelta(days=days)).isoformat()

    return {
        "format": dataformat.FORMAT,
        "settings": {"display_name": "Alex Morgan", "time_zone": "Europe/London"},
        "interviewers": [
            {
                "name": name,
                "title": "Engineering Manager",
                "company": f"Company {n % pipelines}",
                "email": f"person{n}@example.com",
                "notes": note,
                "created": when(n % 365),
                "profiles": [{"platform": "linkedin", "handle": f"person-{n}"}],
                "touches": [
                    {
                        "kind": "met",
                        "at": when(n % 365 + t),
                        "text": "Round 1",
                        "round": {"pipeline": n % pipelines, "round": 0},
                    }
                    if t == 0
                    else {"kind": "commented", "at": when(n % 365 + t), "text": "On a post"}
                    for t in range(touches_each)
                ],
            }
            for n, name in enumerate(names)
        ],
        "pipelines": [
            {
                "company": f"Company {p}",
                "role": "Senior Engineer",
                "url": f"https://jobs.example.com/{p}",
                "status": "active",
                "notes": note,
                "created": when(p % 365),
                "rounds": [
                    {
                        "name": f"Round {r + 1}",
                        "kind": "technical",
                        "status": "done",
                        "scheduled_at": when(p % 365 + r),
                        "location": "https://meet.example.com/abc-defg-hij",
                        "notes": note[:120],
                        "interviewers": [names[(p + r) % people], names[(p + r + 1) % people]],
                    }
                    for r in range(rounds_each)
                ],
            }
            for p in range(pipelines)
        ],
    }


PASSWORD = "quotas-password-5590"
SETUP = f"""
import django, json; django.setup()
from advisor.models import Interviewer, User
for name in ("full", "again", "other"):
    User.objects.create_user(name, password={PASSWORD!r})
other = Interviewer.objects.create(owner=User.objects.get(username="other"), name="Sam Reyes")
print(json.dumps(other.pk))
"""


def test_an_account_at_its_quotas_imports_again_while_others_keep_writing(tmp_path, settings):
    with fresh_databases(tmp_path) as make_database:
        env = production_env(make_database("quotas"))
        migrate(env)
        others_person = json.loads(run_python(SETUP, env))
        full = tmp_path / "full.json"
        full.write_text(json.dumps(account_at_quotas(settings)))
        subprocess.run(
            [sys.executable, "manage.py", "import_data", str(full), "--user", "full"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            timeout=300,
        )

        with gunicorn(env, tmp_path / "gunicorn.log") as port:
            owner = Visitor(port)
            assert owner.sign_in("full", PASSWORD) == 302
            status, exported = owner.get("/export/")
            assert status == 200
            assert owner.last_headers["Content-Type"] == "application/gzip"
            # Signed in only now: gunicorn closes a connection left idle for 2 seconds.
            again, other = Visitor(port), Visitor(port)
            assert again.sign_in("again", PASSWORD) == 302
            assert other.sign_in("other", PASSWORD) == 302

            writes, importing = [], threading.Event()

            def write_meanwhile() -> None:
                while importing.is_set():
                    started = time.monotonic()
                    status, _ = other.post(
                        f"/interviewers/{others_person}/touches/new/",
                        {"kind": "other", "at": "2026-11-20T10:00", "text": "meanwhile"},
                    )
                    writes.append((status, time.monotonic() - started))
                    time.sleep(0.05)

            importing.set()
            writer = threading.Thread(target=write_meanwhile)
            writer.start()
            started = time.monotonic()
            try:
                status, page = again.upload("/import/", "file", "export.json.gz", exported)
            finally:
                took = time.monotonic() - started
                importing.clear()
                writer.join(timeout=60)

            assert status == 302, page[-2000:]
            assert len(writes) >= 10
            assert {status for status, _ in writes} == {302}
            longest = max(seconds for _, seconds in writes)
            print(f"\nimport of {len(exported):,} bytes (gzip) took {took:.1f} s; ")
            print(f"{len(writes)} writes meanwhile, the longest {longest:.2f} s")
            assert longest < 5  # the busy timeout: no write was turned away
            status, exported_again = again.get("/export/")
            assert json.loads(gzip.decompress(exported_again)) == json.loads(
                gzip.decompress(exported)
            )
