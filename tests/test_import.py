"""Importing an interview-advisor/1 file (see docs/data-format.md): what a good file creates,
from the page and from the command line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from advisor.dataformat import export_account, import_account
from advisor.models import Interviewer, Pipeline, Profile
from tests.account_file import counts, upload, valid_file


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


# ---------------------------------------------------------------------------------------------
# The page and the command


def test_posting_a_good_file_to_import_creates_the_data_and_goes_to_the_board(user, client_for):
    response = client_for(user).post(reverse("import"), {"file": upload(valid_file())})
    assert response.status_code == 302
    assert response["Location"] == reverse("board")
    assert Pipeline.objects.filter(owner=user).count() == 2
    assert Interviewer.objects.filter(owner=user).count() == 2


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    before = counts()
    for response in (
        client.get(reverse("export")),
        client.get(reverse("import")),
        client.post(reverse("import"), {"file": upload(valid_file())}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert counts() == before


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


def test_import_data_of_a_missing_file_is_an_error(user, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_data", str(tmp_path / "nope.json"), "--user", "alex")
