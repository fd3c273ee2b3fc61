"""The round page's data is kept between visits until the candidate's next write; its advice is
worked out at every visit (views.kept_round_page_data)."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from test_thank_you import done_round

from advisor.models import Pipeline, User
from advisor.overview import data_changed
from tests.conftest import PASSWORD

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


def test_a_save_of_the_whole_user_row_never_takes_the_data_version_back(user):
    read_before = User.objects.get(pk=user.pk)  # as a password change's request loaded it
    data_changed(user.pk)  # a write of theirs meanwhile

    read_before.display_name = "Sam"
    read_before.save()

    stored = User.objects.get(pk=user.pk)
    assert stored.display_name == "Sam"
    assert stored.data_version == read_before.data_version + 1


def test_a_slow_save_of_the_user_row_beside_writes_does_not_bring_back_an_older_page(
    user, client_for, met_dana
):
    dana, round_ = met_dana
    client = client_for(user)
    settings_save = User.objects.get(pk=user.pk)  # its request began before the writes
    for _ in range(2):
        client.post(
            reverse("record_on_interviewer", args=[round_.pk, dana.pk]),
            {"kind": "commented", "text": "On their talk"},
        )
        assert "Commented on a post" in client.get(round_.get_absolute_url()).text

    settings_save.display_name = "Sam"
    settings_save.save()
    data_changed(user.pk)  # as the middleware does once it has answered

    page = client.get(round_.get_absolute_url()).text
    assert "Commented on a post \N{MULTIPLICATION SIGN} 2" in page


def test_a_deleted_account_leaves_nothing_kept_in_memory(
    user, client_for, make_round, make_interviewer
):
    round_ = done_round(make_round, user, make_interviewer(user, "Priya Shah"), hours_ago=3)
    client = client_for(user)
    client.get(round_.get_absolute_url())
    key = f"{user.pk}:{User.objects.get(pk=user.pk).data_version}:{round_.pk}"
    assert caches["round_pages"].get(key) is not None

    client.post(reverse("account_delete"), {"password": PASSWORD})

    assert not User.objects.filter(pk=user.pk).exists()
    assert caches["round_pages"].get(key) is None
