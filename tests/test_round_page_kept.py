"""The round page's data is kept between visits until the candidate's next write; its advice is
worked out at every visit (views.kept_round_page_data)."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from test_thank_you import done_round

from advisor.models import Pipeline

pytestmark = pytest.mark.django_db


def now_step(html: str) -> str:
    return html.split('<li class="now-item" data-step="', 1)[1].split('"', 1)[0]


def test_a_second_visit_reads_nothing_of_the_round_yet_its_advice_follows_the_clock(
    user, client_for, make_round, make_interviewer, monkeypatch
):
    priya = make_interviewer(user, "Priya Shah")
    round_ = done_round(make_round, user, priya, hours_ago=3)
    client = client_for(user)
    first = client.get(round_.get_absolute_url()).text
    assert now_step(first) == "thank-you"
    assert "Thank-you overdue" not in first
    later = timezone.now() + timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(round_.get_absolute_url()).text

    assert not [q for q in queries if "advisor_touch" in q["sql"] or "advisor_round" in q["sql"]]
    assert "Thank-you overdue" in again


def test_a_write_through_the_site_shows_at_the_next_visit(
    user, client_for, make_round, make_interviewer
):
    priya = make_interviewer(user, "Priya Shah")
    round_ = done_round(make_round, user, priya, hours_ago=3)
    client = client_for(user)
    assert 'data-thank-you="due"' in client.get(round_.get_absolute_url()).text

    client.post(
        reverse("record_on_interviewer", args=[round_.pk, priya.pk]),
        {"kind": "thank_you_sent", "text": "Thank-you email"},
    )

    page = client.get(round_.get_absolute_url()).text
    assert 'data-thank-you="sent"' in page
    checklist = client.get(reverse("interview_checklist", args=[round_.pk])).text
    assert "Thank-you email, before any request" not in checklist


def test_a_round_its_owner_has_visited_is_still_a_404_for_anyone_else(
    user, stranger, client_for, make_round, make_interviewer
):
    round_ = done_round(make_round, user, make_interviewer(user, "Priya Shah"), hours_ago=3)
    assert client_for(user).get(round_.get_absolute_url()).status_code == 200

    response = client_for(stranger).get(round_.get_absolute_url())

    assert response.status_code == 404
    assert "Priya" not in response.text


def test_a_pipeline_given_to_another_owner_in_the_admin_leaves_the_old_owners_pages(
    user, stranger, make_user, client_for, make_round, make_interviewer
):
    round_ = done_round(make_round, user, make_interviewer(user, "Priya Shah"), hours_ago=3)
    owner = client_for(user)
    assert owner.get(round_.get_absolute_url()).status_code == 200  # kept
    pipeline = Pipeline.objects.get(pk=round_.pipeline_id)
    pipeline.owner = stranger
    request = RequestFactory().post("/admin/")
    request.user = make_user("staffer", is_staff=True, is_superuser=True)

    admin.site.get_model_admin(Pipeline).save_model(request, pipeline, None, change=True)

    assert owner.get(round_.get_absolute_url()).status_code == 404
    assert owner.get(reverse("interview_checklist", args=[round_.pk])).status_code == 404
