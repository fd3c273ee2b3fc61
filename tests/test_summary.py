"""The morning summary: what is in it, confirming the address, one-click unsubscribe, and
send_reminders against a real SMTP server (aiosmtpd on 127.0.0.1)."""

import importlib
import re
import subprocess
import sys
import zoneinfo
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.apps import apps as django_apps
from django.conf import settings
from django.core import mail, signing
from django.core.mail import mailers
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from servers import (
    MailServer,
    free_port,
    fresh_databases,
    migrate,
    production_env,
    run_python,
    smtp_settings,
)

from advisor import checks, summary
from advisor.dataformat import DataFormatError, export_account, import_account
from advisor.models import Pipeline, SummarySent, Touch, User
from tests.conftest import SITE

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
# 08:00 in London (GMT in November): past the default hour, 7.
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@pytest.fixture
def subscriber(user):
    """Alex, in London, with the summary on and the address confirmed."""
    user.email = "alex@example.com"
    user.email_confirmed = user.email
    user.summary_enabled = True
    user.save()
    return user


def make_subscriber(make_user, name: str, **fields) -> User:
    address = f"{name}@example.com"
    fields.setdefault("time_zone", "Europe/London")
    return make_user(name, email=address, email_confirmed=address, summary_enabled=True, **fields)


def met(make_round, make_interviewer, owner, name: str, *, at: datetime, company="Northwind"):
    """`owner` met `name` in a 45-minute round at `company` that started at `at`."""
    person = make_interviewer(owner, name)
    pipeline = Pipeline.objects.create(owner=owner, company=company, role="Staff Engineer")
    make_round(
        pipeline,
        name="Phone screen",
        status="done",
        scheduled_at=at,
        duration_minutes=45,
        interviewers=(person,),
    )
    return person


def body(message, kind: str) -> str:
    return message.get_body((kind,)).get_content()


# ---------------------------------------------------------------------------------------------
# What is in it


def test_the_summary_names_what_is_due_with_links_in_both_parts(
    subscriber, mail_server, make_pipeline, make_round, make_interviewer
):
    dana = make_interviewer(subscriber, "Dana Lee")
    sam = make_interviewer(subscriber, "Sam Park")
    pipeline = make_pipeline(subscriber, company="Northwind", role="Staff Engineer")
    screen = make_round(
        pipeline,
        name="Phone screen",
        status="done",
        scheduled_at=NOW - timedelta(hours=14),
        interviewers=(dana,),
    )
    make_round(
        pipeline,
        name="Coffee chat",
        status="done",
        scheduled_at=NOW - timedelta(hours=12),
        interviewers=(sam,),
    )
    onsite = make_round(
        pipeline,
        name="Onsite",
        status="scheduled",
        scheduled_at=datetime(2026, 11, 25, 10, 0, tzinfo=LONDON),
        location="https://meet.example.com/abc-defg",
        interviewers=(dana, sam),
    )

    run = summary.send_due(NOW)

    assert run.sent == ["alex"] and run.failed == []
    [message] = mail_server.to("alex@example.com")
    assert message["Subject"] == (
        "2 thank-yous due, interview tomorrow at 10:00 with Northwind, 1 company and 2 "
        "interviewers to research"
    )
    text, html = body(message, "plain"), body(message, "html")
    for part in (text, html):
        assert "Send Dana Lee a thank-you email" in part
        assert "Send Sam Park a thank-you email" in part
        assert "Onsite, Staff Engineer at Northwind" in part
        assert "https://meet.example.com/abc-defg" in part
        assert f"{SITE}{screen.get_absolute_url()}" in part
        assert f"{SITE}{onsite.get_absolute_url()}" in part
        assert f"{SITE}{reverse('interview_checklist', args=[onsite.pk])}" in part
        assert "Research Dana Lee before Onsite" in part
    assert "Tomorrow at 10:00" in text
    assert "<img" not in html


def test_a_request_that_became_advisable_comes_with_its_note_and_only_once(
    subscriber, mail_server, make_round, make_interviewer, make_profile, make_touch
):
    dana = met(make_round, make_interviewer, subscriber, "Dana Lee", at=NOW - timedelta(days=2))
    make_profile(dana, "linkedin", handle="dana-lee")
    make_touch(dana, Touch.Kind.THANK_YOU_SENT, at=NOW - timedelta(days=1, hours=20))

    summary.send_due(NOW)
    [first] = mail_server.received
    assert first["Subject"] == "1 request now advisable"
    assert "Connect with Dana Lee on LinkedIn" in body(first, "plain")
    assert "Hi Dana, thank you for meeting me" in body(first, "plain")
    assert "Hi Dana, thank you for meeting me" in body(first, "html")

    # Still advisable the next morning, but no longer news: nothing else is due, so no email.
    summary.send_due(NOW + timedelta(days=1))
    assert len(mail_server.received) == 1

    # A new person becomes advisable: only they are named, not Dana again.
    sam = met(
        make_round,
        make_interviewer,
        subscriber,
        "Sam Park",
        at=NOW - timedelta(days=1, hours=2),
        company="Globex",
    )
    make_profile(sam, "linkedin", handle="sam-park")
    make_touch(sam, Touch.Kind.THANK_YOU_SENT, at=NOW)
    summary.send_due(NOW + timedelta(days=2))
    third = mail_server.received[-1]
    assert "Connect with Sam Park on LinkedIn" in body(third, "plain")
    assert "Dana Lee" not in body(third, "plain")


def test_a_day_with_nothing_due_sends_nothing(subscriber, mail_server, make_round):
    make_round(owner=subscriber, status="scheduled", scheduled_at=NOW + timedelta(days=10))

    run = summary.send_due(NOW)

    assert mail_server.received == [] and run.nothing_due == 1
    assert not SummarySent.objects.exists()


def test_research_is_named_only_for_interviews_within_48_hours(
    subscriber, make_round, make_interviewer
):
    dana = make_interviewer(subscriber, "Dana Lee")
    make_round(
        owner=subscriber,
        status="scheduled",
        scheduled_at=NOW + timedelta(hours=60),
        interviewers=(dana,),
    )
    assert summary.build(subscriber, NOW).is_empty

    research = summary.build(subscriber, NOW + timedelta(hours=13)).research
    # The organisation first, then the person, as on the board.
    assert [a.interviewer for a in research] == ["", "Dana Lee"]
    assert research[0].text.startswith("Research Northwind before")


def test_interviews_today_and_tomorrow_are_listed_in_the_candidates_time(subscriber, make_round):
    subscriber.time_zone = "America/New_York"
    subscriber.save()
    # 02:30 UTC on 25 November is 21:30 on the 24th in New York: today there.
    make_round(
        owner=subscriber,
        name="Late call",
        status="scheduled",
        scheduled_at=datetime(2026, 11, 25, 2, 30, tzinfo=UTC),
    )
    make_round(
        owner=subscriber,
        name="Too far",
        status="scheduled",
        scheduled_at=datetime(2026, 11, 26, 14, 0, tzinfo=UTC),
    )

    found = summary.build(subscriber, datetime(2026, 11, 24, 13, 0, tzinfo=UTC))

    assert [(i.round.name, i.day, i.time) for i in found.interviews] == [
        ("Late call", "today", "21:30")
    ]


def test_the_subject_says_what_is_in_it():
    def action(kind, **fields):
        return summary.NextAction(kind, "text", None, **fields)

    found = summary.Summary(user=None, now=NOW)
    found.thank_yous = [action("thank-you")]
    found.advisable = [action("connect"), action("follow"), action("follow")]
    assert found.subject == "1 thank-you due, 1 request and 2 follows now advisable"


# ---------------------------------------------------------------------------------------------
# Headers and unsubscribing


def test_the_email_carries_one_click_unsubscribe_headers_and_a_footer_link(
    subscriber, mail_server, make_round, make_interviewer
):
    met(make_round, make_interviewer, subscriber, "Dana Lee", at=NOW - timedelta(hours=14))

    summary.send_due(NOW)

    [message] = mail_server.received
    link = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"]).group(1)
    assert link.startswith(f"{SITE}/unsubscribe/") and link.endswith("/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in body(message, "plain") and link in body(message, "html")
    assert message["From"] and message["To"] == "alex@example.com"

    # A mail client's one-click POST: no cookie, no CSRF token, no sign-in.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        link.removeprefix(SITE),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.summary_enabled is False


def test_the_unsubscribe_page_shows_a_button_and_changes_nothing_until_pressed(subscriber, client):
    url = reverse("unsubscribe", args=[summary.unsubscribe_token(subscriber)])

    page = client.get(url)
    subscriber.refresh_from_db()
    assert page.status_code == 200 and "Stop the summary" in page.text
    assert subscriber.summary_enabled is True

    done = client.post(url)
    subscriber.refresh_from_db()
    assert "no more morning summaries go to" in done.text
    assert subscriber.summary_enabled is False


def test_an_unsubscribe_link_works_only_for_its_own_user(subscriber, make_user, client):
    other = make_subscriber(make_user, "robin")
    token = summary.unsubscribe_token(subscriber)
    _payload, rest = token.split(":", 1)
    forged = signing.b64_encode(f'{{"user":{other.pk},"list":"summary"}}'.encode()).decode()

    for bad in (
        f"{forged}:{rest}",
        summary.confirm_token(other),
        signing.dumps({"user": other.pk, "list": "summary"}, salt="another-salt"),
    ):
        assert client.post(reverse("unsubscribe", args=[bad])).status_code == 404
        assert client.get(reverse("unsubscribe", args=[bad])).status_code == 404
    other.refresh_from_db()
    assert other.summary_enabled is True


# ---------------------------------------------------------------------------------------------
# Confirming the address


def test_turning_the_summary_on_sends_a_confirmation_link_that_confirms_on_post(
    user, client_for, client
):
    signed_in = client_for(user)
    response = signed_in.post(
        reverse("summary_settings"),
        {"summary_enabled": "on", "summary_hour": "6", "email": "alex@example.com"},
        follow=True,
    )
    assert "Waiting for you to confirm" in response.text
    assert "Send it again" in response.text
    [sent] = mail.outbox
    assert sent.to == ["alex@example.com"]
    link = re.search(r"http://127\.0\.0\.1:8000(/email/confirm/[^/\s]+/)", sent.body).group(1)
    user.refresh_from_db()
    assert (user.summary_enabled, user.summary_hour, user.email_is_confirmed) == (True, 6, False)

    # A mail scanner opening the link confirms nothing; the button does.
    assert "Confirm alex@example.com" in client.get(link).text
    user.refresh_from_db()
    assert not user.email_is_confirmed
    assert "is confirmed" in client.post(link).text
    user.refresh_from_db()
    assert user.email_is_confirmed
    assert "On: sent to" in signed_in.get(reverse("settings")).text


def test_no_summary_goes_to_an_address_not_yet_confirmed(
    subscriber, mail_server, make_round, make_interviewer
):
    met(make_round, make_interviewer, subscriber, "Dana Lee", at=NOW - timedelta(hours=14))
    subscriber.email = "new-address@example.com"
    subscriber.save()

    assert summary.send_due(NOW).sent == []
    assert mail_server.received == []


def test_changing_the_address_asks_to_confirm_the_new_one(subscriber, client_for):
    client_for(subscriber).post(
        reverse("summary_settings"),
        {"summary_enabled": "on", "summary_hour": "7", "email": "alex@new.example.com"},
    )
    [sent] = mail.outbox
    assert sent.to == ["alex@new.example.com"]
    subscriber.refresh_from_db()
    assert not subscriber.email_is_confirmed


def test_an_old_link_cannot_confirm_an_address_the_account_no_longer_has(subscriber, client):
    link = reverse("email_confirm", args=[summary.confirm_token(subscriber)])
    subscriber.email = "other@example.com"
    subscriber.save()

    page = client.post(link)

    subscriber.refresh_from_db()
    assert "no longer the address of your account" in page.text
    assert not subscriber.email_is_confirmed


def test_a_confirmation_link_expires_after_three_days(user, client, monkeypatch):
    user.email = "alex@example.com"
    user.save()
    four_days_ago = int(timezone.now().timestamp()) - 4 * 24 * 3600
    monkeypatch.setattr(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(four_days_ago)
    )
    link = reverse("email_confirm", args=[summary.confirm_token(user)])
    monkeypatch.undo()

    response = client.post(link)

    assert response.status_code == 410 and "expired" in response.text
    user.refresh_from_db()
    assert not user.email_is_confirmed


def test_send_again_sends_another_link(user, client_for):
    user.email, user.summary_enabled = "alex@example.com", True
    user.save()
    client_for(user).post(reverse("email_confirm_send"))
    assert [m.to for m in mail.outbox] == [["alex@example.com"]]


def test_the_summary_needs_an_address(user, client_for):
    response = client_for(user).post(
        reverse("summary_settings"), {"summary_enabled": "on", "summary_hour": "7", "email": ""}
    )
    assert response.status_code == 400
    assert "Give the address the morning summary should go to." in response.text


def test_signing_up_with_the_summary_sends_the_confirmation(client):
    client.post(
        reverse("signup"),
        {
            "username": "casey",
            "email": "casey@example.com",
            "summary_enabled": "on",
            "password1": "plum-orchard-river-42",
            "password2": "plum-orchard-river-42",
        },
    )
    assert User.objects.get(username="casey").summary_enabled
    assert [m.to for m in mail.outbox] == [["casey@example.com"]]


# ---------------------------------------------------------------------------------------------
# Sending: when, once, and failures


def test_the_summary_waits_for_the_users_local_hour_and_goes_once_a_day(
    subscriber, mail_server, make_round, make_interviewer
):
    subscriber.summary_hour = 9
    subscriber.save()
    met(make_round, make_interviewer, subscriber, "Dana Lee", at=NOW - timedelta(hours=14))

    assert summary.send_due(NOW).sent == []  # 08:00 in London
    assert summary.send_due(NOW + timedelta(hours=1)).sent == ["alex"]
    assert summary.send_due(NOW + timedelta(hours=1, minutes=15)).sent == []
    assert summary.send_due(NOW + timedelta(hours=5)).sent == []
    assert len(mail_server.received) == 1
    assert list(SummarySent.objects.values_list("date", flat=True)) == [NOW.date()]


@pytest.mark.parametrize(
    ("zone", "same_day", "next_day"),
    [
        # West: 07:00 in Los Angeles on the 24th, then on the 25th.
        ("America/Los_Angeles", datetime(2026, 11, 24, 15, 0), datetime(2026, 11, 25, 15, 0)),
        # East: 07:00 in Auckland on the 25th is 18:00 UTC on the 24th, ten hours later.
        ("Pacific/Auckland", datetime(2026, 11, 24, 9, 0), datetime(2026, 11, 24, 18, 0)),
    ],
)
def test_a_new_time_zone_takes_effect_the_next_day_without_a_second_summary(
    subscriber, mail_server, make_round, make_interviewer, zone, same_day, next_day
):
    met(make_round, make_interviewer, subscriber, "Dana Lee", at=NOW - timedelta(hours=14))
    assert summary.send_due(NOW).sent == ["alex"]
    subscriber.time_zone = zone
    subscriber.save()
    met(make_round, make_interviewer, subscriber, "Sam Park", at=NOW, company="Globex")

    assert summary.send_due(same_day.replace(tzinfo=UTC)).sent == []
    assert summary.send_due(next_day.replace(tzinfo=UTC)).sent == ["alex"]


def test_a_move_far_west_gets_the_new_zones_first_morning_though_its_date_was_sent(
    subscriber, mail_server, make_round, make_interviewer
):
    """07:00 on the 25th in Tokyo is 22:00 UTC on the 24th; in New York, the 25th begins
    seven hours later, and its morning is a new day there."""
    subscriber.time_zone = "Asia/Tokyo"
    subscriber.save()
    tokyo_morning = datetime(2026, 11, 24, 22, 0, tzinfo=UTC)
    met(make_round, make_interviewer, subscriber, "Dana Lee", at=tokyo_morning - timedelta(hours=3))
    assert summary.send_due(tokyo_morning).sent == ["alex"]
    subscriber.time_zone = "America/New_York"
    subscriber.save()
    met(make_round, make_interviewer, subscriber, "Sam Park", at=tokyo_morning, company="Globex")

    assert summary.send_due(tokyo_morning + timedelta(minutes=30)).sent == []  # 17:30 there
    new_york_morning = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert summary.send_due(new_york_morning).sent == ["alex"]
    assert list(SummarySent.objects.order_by("sent_at").values_list("date", flat=True)) == [
        date(2026, 11, 25),
        date(2026, 11, 25),
    ]


def test_records_from_before_the_day_key_get_the_day_they_were_sent_on_in_the_users_zone(
    subscriber, mail_server, make_round, make_interviewer
):
    """Migration 0011: Alex got Tokyo's summary for the 25th (22:00 UTC on the 24th), then one
    on the 24th in New York earlier, and lives in New York now: New York's 25th still gets its
    summary, and the two old records keep distinct keys."""
    fill_day_start = importlib.import_module(
        "advisor.migrations.0011_summarysent_day_start"
    ).fill_day_start
    subscriber.time_zone = "America/New_York"
    subscriber.save()
    tokyo = SummarySent.objects.create(
        user=subscriber,
        date=date(2026, 11, 25),
        sent_at=datetime(2026, 11, 24, 22, 0, tzinfo=UTC),
        day_start=NOW,  # replaced
    )
    new_york = SummarySent.objects.create(
        user=subscriber,
        date=date(2026, 11, 24),
        sent_at=datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
        day_start=NOW + timedelta(days=1),  # replaced
    )

    fill_day_start(django_apps, None)

    tokyo.refresh_from_db()
    new_york.refresh_from_db()
    assert tokyo.day_start == datetime(2026, 11, 24, 5, 0, tzinfo=UTC)  # New York's 24th
    assert new_york.day_start == new_york.sent_at  # the same day: its own moment instead
    met(
        make_round,
        make_interviewer,
        subscriber,
        "Dana Lee",
        at=datetime(2026, 11, 24, 20, 0, tzinfo=UTC),
    )
    assert summary.send_due(datetime(2026, 11, 25, 12, 30, tzinfo=UTC)).sent == ["alex"]


def test_a_run_that_lost_the_race_sends_nothing(
    subscriber, mail_server, make_round, make_interviewer
):
    """Two runs at once: both find Alex due; the first to record today's summary sends it."""
    met(make_round, make_interviewer, subscriber, "Dana Lee", at=NOW - timedelta(hours=14))
    [late] = summary.due_users(NOW)

    assert summary.send_due(NOW).sent == ["alex"]

    assert summary.deliver(summary.build(late, NOW, seen=()), mailers.default) is False
    assert len(mail_server.received) == 1


CONCURRENT_USERS = 40
SETUP = f"""
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from advisor.models import Interviewer, Pipeline, Round, User
for n in range({CONCURRENT_USERS}):
    address = f"user{{n}}@example.com"
    user = User.objects.create_user(
        f"user{{n}}", email=address, email_confirmed=address, summary_enabled=True,
        summary_hour=0,
    )
    person = Interviewer.objects.create(owner=user, name="Dana Lee")
    pipeline = Pipeline.objects.create(owner=user, company="Northwind", role="Engineer")
    round_ = Round.objects.create(
        pipeline=pipeline, name="Screen", status="done",
        scheduled_at=timezone.now() - timedelta(hours=2),
    )
    round_.interviewers.add(person)
print("ready")
"""


def test_two_runs_at_once_send_each_summary_exactly_once(tmp_path):
    """Two send_reminders processes started together on the same database and server."""
    handler = MailServer()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with fresh_databases(tmp_path) as make_database:
            env = production_env(
                make_database("summary"),
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=str(controller.port),
                EMAIL_USE_TLS="0",
                SITE_URL=SITE,
            )
            migrate(env)
            run_python(SETUP, env)
            command = [sys.executable, "manage.py", "send_reminders"]
            runs = [
                subprocess.Popen(
                    command,
                    cwd=settings.BASE_DIR,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in range(2)
            ]
            outputs = [run.communicate(timeout=120) for run in runs]
    finally:
        controller.stop()

    assert [run.returncode for run in runs] == [0, 0], outputs
    received = sorted(m["To"] for m in handler.received)
    assert received == sorted(f"user{n}@example.com" for n in range(CONCURRENT_USERS))


@pytest.mark.django_db(transaction=True)
def test_no_database_transaction_waits_on_the_mail_server(
    make_user, mail_server, make_round, make_interviewer, monkeypatch
):
    """The day's record is claimed and committed first: a slow mail server never holds the
    database's write lock, which the site's requests need."""
    alex = make_subscriber(make_user, "alex", summary_hour=0)
    met(make_round, make_interviewer, alex, "Dana Lee", at=timezone.now() - timedelta(hours=2))
    in_transaction = []
    send = summary._send

    def send_and_look(connection, message):
        in_transaction.append(transaction.get_connection().in_atomic_block)
        send(connection, message)

    monkeypatch.setattr(summary, "_send", send_and_look)

    assert summary.send_due().sent == ["alex"]
    assert in_transaction == [False]
    assert SummarySent.objects.filter(user=alex).exists()


def test_a_user_deleted_during_the_run_is_skipped(
    subscriber, make_user, mail_server, make_round, make_interviewer, monkeypatch
):
    robin = make_subscriber(make_user, "robin")
    for owner in (subscriber, robin):
        met(make_round, make_interviewer, owner, "Dana Lee", at=NOW - timedelta(hours=14))
    build = summary.build

    def build_then_delete(user, now, **kwargs):
        found = build(user, now, **kwargs)
        if user.username == "alex":
            User.objects.filter(pk=user.pk).delete()
        return found

    monkeypatch.setattr(summary, "build", build_then_delete)
    run = summary.send_due(NOW)

    assert (run.sent, run.skipped, run.failed) == (["robin"], 1, [])
    assert [m["To"] for m in mail_server.received] == ["robin@example.com"]


def test_an_address_refused_for_good_is_marked_bouncing_and_the_others_still_get_theirs(
    make_user, mail_server, make_round, make_interviewer, client_for, caplog
):
    alex = make_subscriber(make_user, "alex", summary_hour=0)
    robin = make_subscriber(make_user, "robin", summary_hour=0)
    for owner in (alex, robin):
        met(make_round, make_interviewer, owner, "Dana Lee", at=timezone.now() - timedelta(hours=2))
    mail_server.refuse["alex@example.com"] = "550 5.1.1 No such user here"

    with pytest.raises(CommandError) as error:
        call_command("send_reminders", stdout=StringIO())

    assert error.value.returncode == 1
    assert "alex" in str(error.value) and "550" in str(error.value)
    assert [m["To"] for m in mail_server.received] == ["robin@example.com"]
    alex.refresh_from_db()
    assert (alex.email_bouncing, alex.summary_enabled) == (True, False)
    assert list(SummarySent.objects.values_list("user__username", flat=True)) == ["robin"]
    assert any(r.name == "advisor" and "alex" in r.getMessage() for r in caplog.records)
    assert "refused the summary" in client_for(alex).get(reverse("settings")).text


def test_a_temporary_refusal_marks_nobody_and_the_next_run_sends_it(
    make_user, mail_server, make_round, make_interviewer
):
    alex = make_subscriber(make_user, "alex", summary_hour=0)
    met(make_round, make_interviewer, alex, "Dana Lee", at=timezone.now() - timedelta(hours=2))
    mail_server.refuse["alex@example.com"] = "450 4.2.1 Mailbox busy, try later"

    with pytest.raises(CommandError, match="alex"):
        call_command("send_reminders", stdout=StringIO())
    alex.refresh_from_db()
    assert (alex.email_bouncing, alex.summary_enabled) == (False, True)
    assert not SummarySent.objects.exists()

    del mail_server.refuse["alex@example.com"]
    call_command("send_reminders", stdout=StringIO())
    assert [m["To"] for m in mail_server.received] == ["alex@example.com"]


def test_a_server_that_is_down_marks_nobody_and_records_nothing(
    make_user, settings, make_round, make_interviewer
):
    settings.MAILERS = smtp_settings(free_port())  # nothing listens there
    alex = make_subscriber(make_user, "alex", summary_hour=0)
    robin = make_subscriber(make_user, "robin", summary_hour=0)
    for owner in (alex, robin):
        met(make_round, make_interviewer, owner, "Dana Lee", at=timezone.now() - timedelta(hours=2))

    with pytest.raises(CommandError) as error:
        call_command("send_reminders", stdout=StringIO())

    assert "alex" in str(error.value) and "robin" in str(error.value)
    assert not SummarySent.objects.exists()
    assert not User.objects.filter(email_bouncing=True).exists()


def test_a_dry_run_prints_the_summaries_and_sends_nothing(
    make_user, mail_server, make_round, make_interviewer
):
    alex = make_subscriber(make_user, "alex", summary_hour=0)
    met(make_round, make_interviewer, alex, "Dana Lee", at=timezone.now() - timedelta(hours=2))
    out = StringIO()

    call_command("send_reminders", "--dry-run", stdout=out)

    printed = out.getvalue()
    assert "To: alex <alex@example.com>" in printed
    assert "Subject: 1 thank-you due" in printed
    assert "Send Dana Lee a thank-you email" in printed
    assert "Would send 1 morning summary" in printed
    assert mail_server.received == [] and not SummarySent.objects.exists()


# ---------------------------------------------------------------------------------------------
# Settings, the JSON format, the deploy check


def test_the_summary_settings_travel_in_the_json_format(user):
    import_account(
        user,
        '{"format": "interview-advisor/1", "settings": {"summary_enabled": true,'
        ' "summary_hour": 6}}',
    )
    user.refresh_from_db()
    assert (user.summary_enabled, user.summary_hour) == (True, 6)
    assert export_account(user)["settings"]["summary_hour"] == 6
    with pytest.raises(DataFormatError, match="summary_hour: 24 is not an hour from 0 to 23"):
        import_account(user, '{"format": "interview-advisor/1", "settings": {"summary_hour": 24}}')


def test_deploying_without_site_url_is_an_error(settings):
    settings.SITE_URL = ""
    assert [e.id for e in checks.site_url_is_set(None)] == ["advisor.E001"]
    settings.SITE_URL = "http://advisor.example.com"
    assert [e.id for e in checks.site_url_is_set(None)] == ["advisor.W001"]
    settings.SITE_URL = SITE
    assert checks.site_url_is_set(None) == []


def test_check_deploy_fails_in_production_without_site_url(tmp_path):
    env = production_env(f"sqlite:///{tmp_path}/check.sqlite3")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "advisor.E001" in result.stderr and "SITE_URL" in result.stderr
