"""Single-line text (names, companies, titles, places) never holds a line break, whichever way
it arrives: a form, the import, or code that saves it. Each line break becomes a space."""

import json
import time

import pytest
from django.apps import apps
from django.db import models
from icalendar import Calendar

from advisor import dataformat
from advisor.fields import OneLineField, one_line
from advisor.models import Interviewer, Pipeline, Round, Touch

BROKEN = "Acme\r\nCorp\nLtd\r \u2028Inc"
MENDED = "Acme Corp Ltd Inc"
# Short text that may not be single-line, each for a reason of its own.
EXEMPT = {
    ("User", "username"),  # its validator allows letters, digits and @.+-_ only
    ("User", "password"),  # a hash
    ("User", "first_name"),  # from AbstractUser; no form or file sets them
    ("User", "last_name"),
    ("User", "time_zone"),  # its validator allows time zone names only
    ("User", "calendar_secret"),  # made by the site
}


def short_text_fields():
    for model in apps.get_app_config("advisor").get_models():
        for field in model._meta.get_fields():
            if (
                type(field) in (models.CharField, OneLineField)
                and field.editable
                and not field.choices
                and (model.__name__, field.name) not in EXEMPT
            ):
                yield model, field


def test_every_short_text_field_is_single_line():
    fields = list(short_text_fields())
    assert len(fields) >= 14
    assert [
        f"{model.__name__}.{field.name}"
        for model, field in fields
        if not isinstance(field, OneLineField)
    ] == []


def test_line_breaks_become_single_spaces():
    assert one_line(BROKEN) == MENDED
    assert one_line("Dana\n\n\nLee\n") == "Dana Lee"
    assert one_line("  Dana  Lee ") == "  Dana  Lee "  # no line break: left as it is
    assert one_line("") == ""


def test_mending_a_huge_value_takes_no_time():
    started = time.monotonic()
    one_line("a" + " " * 2_000_000 + "\n" + "b" * 1_000_000)
    assert time.monotonic() - started < 1


FORMS = [
    ("/pipelines/new/", {"status": "active"}, Pipeline, ["company", "role", "location"]),
    (
        "/interviewers/new/",
        {},
        Interviewer,
        ["name", "title", "company", "role_relation", "address_as"],
    ),
]


@pytest.mark.parametrize(("url", "base", "model", "fields"), FORMS, ids=[f[0] for f in FORMS])
def test_forms_store_line_breaks_as_spaces(url, base, model, fields, user, client_for):
    data = {**base, **{field: f"{field} {BROKEN}" for field in fields}}

    response = client_for(user).post(url, data)

    assert response.status_code == 302
    stored = model.objects.get()
    for field in fields:
        assert getattr(stored, field) == f"{field} {MENDED}"


def test_a_round_and_a_history_entry_store_line_breaks_as_spaces(
    user, make_pipeline, make_interviewer, client_for
):
    pipeline, dana = make_pipeline(user), make_interviewer(user)
    client = client_for(user)

    client.post(
        f"/pipelines/{pipeline.pk}/rounds/new/",
        {
            "name": BROKEN,
            "kind": "phone",
            "status": "planned",
            "duration_minutes": "60",
            "location": BROKEN,
        },
    )
    client.post(
        f"/interviewers/{dana.pk}/touches/new/",
        {"kind": "other", "at": "2026-11-20T10:00", "text": BROKEN},
    )
    client.post("/settings/", {"display_name": BROKEN, "stance": "strategic", "time_zone": "UTC"})

    round_ = Round.objects.get()
    assert (round_.name, round_.location) == (MENDED, MENDED)
    assert Touch.objects.get().text == MENDED
    user.refresh_from_db()
    assert user.display_name == MENDED


def test_attaching_a_new_person_stores_their_title_on_one_line(user, make_round, client_for):
    round_ = make_round(owner=user)

    client_for(user).post(
        f"/interviews/{round_.pk}/interviewers/", {"name": "Dana\nLee", "title": BROKEN}
    )

    assert Interviewer.objects.values_list("name", "title").get() == ("Dana Lee", MENDED)


def test_the_import_stores_line_breaks_as_spaces(user):
    upload = {
        "format": dataformat.FORMAT,
        "settings": {"display_name": BROKEN},
        "interviewers": [
            {
                "name": "Dana\r\nLee",
                "title": BROKEN,
                "profiles": [{"platform": "github", "handle": "dana-lee\n"}],
                "touches": [{"kind": "other", "at": "2026-11-20T10:00:00+00:00", "text": BROKEN}],
            }
        ],
        "pipelines": [
            {
                "company": BROKEN,
                "role": BROKEN,
                "location": BROKEN,
                "rounds": [{"name": BROKEN, "location": BROKEN, "interviewers": ["Dana Lee"]}],
            }
        ],
    }

    dataformat.import_account(user, json.dumps(upload))

    dana = Interviewer.objects.get()
    assert (dana.name, dana.title) == ("Dana Lee", MENDED)
    assert dana.profiles.get().handle == "dana-lee"
    assert dana.touches.get().text == MENDED
    pipeline = Pipeline.objects.get()
    assert (pipeline.company, pipeline.role, pipeline.location) == (MENDED, MENDED, MENDED)
    round_ = Round.objects.get()
    assert (round_.name, round_.location) == (MENDED, MENDED)
    assert list(round_.interviewers.all()) == [dana]
    user.refresh_from_db()
    assert user.display_name == MENDED


def test_code_that_saves_directly_stores_line_breaks_as_spaces(user, make_pipeline):
    made = Interviewer.objects.create(owner=user, name=BROKEN)
    bulk = Interviewer.objects.bulk_create([Interviewer(owner=user, name=f"Wei\n{BROKEN}")])
    pipeline = make_pipeline(user)
    pipeline.company = BROKEN
    pipeline.save(update_fields=["company"])

    assert made.name == MENDED
    assert sorted(Interviewer.objects.values_list("name", flat=True)) == [
        MENDED,
        f"Wei {MENDED}",
    ]
    assert bulk[0].name == f"Wei {MENDED}"
    assert Pipeline.objects.get().company == MENDED


@pytest.mark.parametrize("company", ["Acme\nCorp", "Acme\r\nCorp", "Acme\rCorp"])
def test_a_line_break_in_a_company_name_does_not_break_the_rounds_calendar(
    company, user, make_pipeline, make_round, client_for
):
    pipeline = make_pipeline(user)
    round_ = make_round(pipeline, status="scheduled")
    # Stored before line breaks were mended, or by code that bypasses the model.
    Pipeline.objects.filter(pk=pipeline.pk).update(company=company, role=company)
    Round.objects.filter(pk=round_.pk).update(name=company, location=company)

    response = client_for(user).get(f"/interviews/{round_.pk}/calendar.ics")

    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert calendar["x-wr-calname"] == "Acme Corp interview"
