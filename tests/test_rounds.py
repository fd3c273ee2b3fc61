"""Adding rounds to a pipeline and ordering them, their dates and times, and attaching the
people met in them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor.models import Interviewer, Round, Touch

pytestmark = pytest.mark.django_db


def add_round(client, pipeline, form: dict):
    """Post the pipeline's new-round form."""
    return client.post(reverse("interview_new", args=[pipeline.pk]), form)


# A scheduled onsite with its date left out.
UNDATED_ONSITE = {"name": "Onsite", "kind": "onsite", "status": "scheduled"}


def test_rounds_are_added_in_order_and_can_be_reordered(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    client = client_for(user)
    for name in ["Screen", "Technical", "Onsite"]:
        add_round(
            client,
            pipeline,
            {"name": name, "kind": "other", "status": "planned", "duration_minutes": 60},
        )
    onsite = pipeline.rounds.get(name="Onsite")

    client.post(reverse("interview_move", args=[onsite.pk]), {"direction": "up"})

    assert list(pipeline.rounds.values_list("name", flat=True)) == ["Screen", "Onsite", "Technical"]


def test_a_scheduled_round_needs_a_date(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    response = add_round(client_for(user), pipeline, {**UNDATED_ONSITE, "duration_minutes": 60})
    assert "needs its date and time" in response.text
    assert not pipeline.rounds.exists()


def test_a_round_form_shows_every_error_at_once(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    response = add_round(client_for(user), pipeline, {**UNDATED_ONSITE, "duration_minutes": 0})
    assert "needs its date and time" in response.text
    assert "between 1 and 1440 minutes" in response.text


@pytest.mark.parametrize("minutes", [-5, 0, 1441])
def test_a_duration_out_of_bounds_gets_one_message_and_the_field_says_its_bounds(
    minutes, user, client_for, make_pipeline
):
    pipeline = make_pipeline(user)
    form = {"name": "Screen", "kind": "other", "status": "planned", "duration_minutes": minutes}

    response = add_round(client_for(user), pipeline, form)

    assert "Give a duration between 1 and 1440 minutes." in response.text
    assert "greater than or equal" not in response.text
    assert 'min="1"' in response.text and 'max="1440"' in response.text
    assert not pipeline.rounds.exists()


def test_a_round_in_the_last_year_python_knows_is_refused_and_the_board_still_opens(
    user, client_for, make_pipeline
):
    pipeline = make_pipeline(user)
    form = {
        "name": "Screen",
        "kind": "other",
        "status": "scheduled",
        "scheduled_at": "9999-12-31T23:30",
        "duration_minutes": 60,
    }
    client = client_for(user)

    response = add_round(client, pipeline, form)

    assert "Give a date before the year 9999." in response.text
    assert not pipeline.rounds.exists()
    assert client.get("/").status_code == 200


def test_round_times_are_read_in_the_candidates_time_zone(user, client_for, make_pipeline):
    user.time_zone = "America/Los_Angeles"
    user.save()
    pipeline = make_pipeline(user)
    add_round(
        client_for(user),
        pipeline,
        {
            "name": "Late call",
            "kind": "phone",
            "status": "scheduled",
            "scheduled_at": "2026-11-24T22:30",
            "duration_minutes": 30,
        },
    )
    scheduled = pipeline.rounds.get().scheduled_at
    assert scheduled.astimezone(timezone.UTC).isoformat() == "2026-11-25T06:30:00+00:00"


def test_round_model_refuses_a_done_round_without_a_date(make_round, user):
    round_ = Round(pipeline=make_round(owner=user).pipeline, name="x", status="done")
    with pytest.raises(Exception, match="needs its date and time"):
        round_.full_clean()


def test_a_round_created_as_done_records_its_meetings(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    client = client_for(user)
    add_round(
        client,
        pipeline,
        {
            "name": "Screen",
            "kind": "phone",
            "status": "done",
            "scheduled_at": "2026-11-20T10:00",
            "duration_minutes": 30,
        },
    )
    round_ = pipeline.rounds.get()
    client.post(reverse("interview_attach", args=[round_.pk]), {"name": "Jordan Lee"})
    assert Touch.objects.filter(round=round_, kind="met", interviewer__name="Jordan Lee").exists()


# Attaching people


def test_attaching_a_new_person_creates_the_contact(user, client_for, make_round):
    round_ = make_round(owner=user)
    client_for(user).post(
        reverse("interview_attach", args=[round_.pk]), {"name": "Ava Stone", "title": "CTO"}
    )
    assert list(round_.interviewers.values_list("name", "title")) == [("Ava Stone", "CTO")]


def test_attaching_a_known_name_reuses_the_contact(user, client_for, make_round, make_interviewer):
    ava = make_interviewer(user, "Ava Stone")
    round_ = make_round(owner=user)
    client_for(user).post(reverse("interview_attach", args=[round_.pk]), {"name": " Ava  Stone "})
    assert list(round_.interviewers.all()) == [ava]
    assert Interviewer.objects.filter(owner=user).count() == 1


def test_a_known_name_matches_whatever_its_case(user, client_for, make_round, make_interviewer):
    jordan = make_interviewer(user, "Jordan Lee")
    round_ = make_round(owner=user)
    client_for(user).post(reverse("interview_attach", args=[round_.pk]), {"name": "jordan  lee"})
    assert list(round_.interviewers.all()) == [jordan]
    response = client_for(user).post(reverse("interviewer_new"), {"name": "JORDAN LEE"})
    assert "already have a contact with this name" in response.text


def test_attaching_someone_elses_name_makes_a_contact_of_ones_own(
    user, stranger, client_for, make_round, make_interviewer
):
    theirs = make_interviewer(stranger, "Not Yours", title="Secret title")
    round_ = make_round(owner=user)
    client_for(user).post(reverse("interview_attach", args=[round_.pk]), {"name": "Not Yours"})
    [attached] = round_.interviewers.all()
    assert attached.pk != theirs.pk and attached.owner == user and attached.title == ""
