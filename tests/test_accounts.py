"""Signing up, in and out, settings, deleting an account, the demo account."""

import io

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test.html import parse_html
from django.urls import reverse

from advisor.forms import ZONE_CHOICES, SettingsForm
from advisor.models import Interviewer, Pipeline, Round, Touch, User
from advisor.settings import database_from_url
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_signing_up_signs_in_and_lands_on_the_board(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "casey",
            "email": "casey@example.com",
            "password1": "plum-orchard-river-42",
            "password2": "plum-orchard-river-42",
        },
    )
    assert response.status_code == 302 and response.url == reverse("board")
    assert client.get("/").status_code == 200
    casey = User.objects.get(username="casey")
    assert (casey.stance, casey.time_zone, casey.display_name) == ("strategic", "UTC", "")


def test_sign_up_keeps_the_time_zone_and_the_name_to_sign_with(client):
    client.post(
        reverse("signup"),
        {
            "username": "casey",
            "display_name": "Casey Lin",
            "time_zone": "Asia/Shanghai",
            "password1": "plum-orchard-river-42",
            "password2": "plum-orchard-river-42",
        },
    )
    casey = User.objects.get(username="casey")
    assert (casey.time_zone, casey.display_name) == ("Asia/Shanghai", "Casey Lin")
    board = client.get(reverse("board")).text
    assert "Asia/Shanghai" in board and 'href="/settings/#id_time_zone"' in board


def test_a_refused_sign_up_keeps_the_chosen_time_zone_instead_of_guessing_again(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "casey",
            "time_zone": "America/New_York",
            "password1": "plum-orchard-river-42",
            "password2": "plum-orchard-river-43",
        },
    )

    assert not User.objects.filter(username="casey").exists()
    assert '<option value="America/New_York" selected>' in response.text
    assert "data-guess-time-zone" not in response.text
    assert "data-guess-time-zone" in client.get(reverse("signup")).text


def test_the_demo_account_meets_in_working_hours_of_its_zone(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    demo = User.objects.get(username="demo")
    times = Round.objects.filter(pipeline__owner=demo, scheduled_at__isnull=False)
    local = [r.scheduled_at.astimezone(demo.tz) for r in times]
    assert local and all(9 <= t.hour <= 16 and t.weekday() < 5 for t in local), local


def test_a_weak_password_is_refused_at_sign_up(client):
    response = client.post(
        reverse("signup"),
        {"username": "casey", "password1": "password", "password2": "password"},
    )
    assert "This password is too common." in response.text
    assert not User.objects.filter(username="casey").exists()


def test_logging_in_lands_on_the_board(user, client):
    response = client.post(reverse("login"), {"username": "alex", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("board")


def test_logging_out_needs_a_post(user, client_for):
    client = client_for(user)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_deleting_the_account_needs_the_password_and_removes_everything(
    user, stranger, client_for, make_round, make_interviewer, make_touch
):
    dana = make_interviewer(user)
    make_round(owner=user, interviewers=(dana,))
    make_touch(dana)
    make_round(owner=stranger)
    client = client_for(user)

    refused = client.post(reverse("account_delete"), {"password": "not it"})
    assert "That is not your password." in refused.text
    assert User.objects.filter(pk=user.pk).exists()

    client.post(reverse("account_delete"), {"password": PASSWORD})
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Pipeline.objects.filter(owner_id=user.pk).exists()
    assert not Interviewer.objects.filter(owner_id=user.pk).exists()
    assert not Touch.objects.filter(interviewer_id=dana.pk).exists()
    assert Pipeline.objects.filter(owner=stranger).count() == 1


def test_the_demo_account_has_living_pipelines(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    demo = User.objects.get(username="demo")
    out = capsys.readouterr().out
    password = out.split("Password:")[1].split("|")[0].strip()
    assert demo.check_password(password)
    assert "User name:  demo" in out and "http://127.0.0.1:8000/" in out
    assert demo.pipelines.count() >= 3
    assert Touch.objects.filter(interviewer__owner=demo, kind="met").exists()


def test_the_demo_account_is_never_made_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only in development"):
        call_command("seed_demo")
    assert not User.objects.filter(username="demo").exists()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "sqlite:////srv/advisor/db.sqlite3",
            {"ENGINE": "advisor.sqlite", "NAME": "/srv/advisor/db.sqlite3"},
        ),
        (
            "postgres://ada:p%40ss@db.internal:5433/advisor",
            {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "advisor",
                "USER": "ada",
                "PASSWORD": "p@ss",
                "HOST": "db.internal",
                "PORT": "5433",
            },
        ),
    ],
)
def test_database_url_is_read(url, expected):
    config = database_from_url(url)
    assert {key: config[key] for key in expected} == expected


def test_sqlite_waits_for_writers_instead_of_failing():
    options = database_from_url("sqlite:////tmp/x.sqlite3")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    # Long enough for ordinary writers to queue, short enough that a stuck lock is answered
    # with the 503 page within 5 seconds.
    assert 3 <= options["timeout"] < 5
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.parametrize(
    "url", ["sqlite:///relative.sqlite3", "mysql://x@y/z", "postgres://host:5432/"]
)
def test_a_bad_database_url_is_a_clear_error(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url(url)


# Settings


def test_settings_are_saved(user, client_for):
    client_for(user).post(
        reverse("settings"),
        {
            "display_name": "Alex M.",
            "stance": "cautious",
            "linkedin_premium": "on",
            "time_zone": "Asia/Shanghai",
        },
    )
    user.refresh_from_db()
    assert (user.display_name, user.stance, user.linkedin_premium, user.time_zone) == (
        "Alex M.",
        "cautious",
        True,
        "Asia/Shanghai",
    )
    assert user.linkedin_note_limit == 300


def test_an_unknown_time_zone_is_refused(user, client_for):
    response = client_for(user).post(
        reverse("settings"), {"display_name": "", "stance": "strategic", "time_zone": "Mars/Base"}
    )
    assert "Select a valid choice" in response.text
    user.refresh_from_db()
    assert user.time_zone == "Europe/London"


@pytest.mark.parametrize(
    "data", [None, {"time_zone": "Asia/Kathmandu"}, {"time_zone": "Mars/Base"}]
)
def test_the_time_zone_select_is_the_markup_djangos_select_gives(user, data):
    """forms.ZoneSelect writes the options itself, for speed: the same elements, attributes
    (help text, errors) and selection as Django's own Select."""
    ours = SettingsForm(data, instance=user)
    django_s = SettingsForm(data, instance=user)
    django_s.fields["time_zone"].widget = forms.Select(choices=ZONE_CHOICES)
    if data:
        ours.is_valid(), django_s.is_valid()

    assert parse_html(str(ours["time_zone"])) == parse_html(str(django_s["time_zone"]))
    assert str(ours["time_zone"]).count("<option") == len(ZONE_CHOICES)
