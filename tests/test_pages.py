"""The pages a candidate uses, seen by their owner."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor.models import Interviewer, Pipeline, Profile, Round, Touch

pytestmark = pytest.mark.django_db


def test_new_account_sees_how_to_start(user, client_for):
    response = client_for(user).get("/")
    assert response.status_code == 200
    assert "Start with the job you are interviewing for" in response.text


def test_board_groups_open_pipelines_and_hides_closed_ones(
    user, client_for, make_pipeline, make_round
):
    offer = make_pipeline(user, company="Globex", status="offer")
    active = make_pipeline(user, company="Initech")
    make_pipeline(user, company="Hooli", status="rejected")
    soon = timezone.now() + timedelta(days=2)
    make_round(active, name="Onsite loop", status="scheduled", scheduled_at=soon)
    make_round(offer, name="Final chat", status="done")

    page = client_for(user).get("/").text
    board = page.split('class="board"')[1]

    assert (
        board.index("Offers")
        < board.index("Globex")
        < board.index("Active")
        < board.index("Initech")
    )
    assert "Hooli" not in page
    assert "Closed pipelines (1)" in page
    assert "Onsite loop" in page.split("Upcoming interviews")[1]
    closed = client_for(user).get("/?closed=1").text
    assert "Hooli" in closed and "Initech" not in closed


def test_board_runs_the_same_queries_for_one_or_many_pipelines(
    user, client_for, make_pipeline, make_round, make_interviewer, django_assert_num_queries
):
    client = client_for(user)

    def add_pipelines(count):
        for _ in range(count):
            pipeline = make_pipeline(user)
            make_round(
                pipeline,
                status="scheduled",
                scheduled_at=timezone.now() + timedelta(days=1),
                interviewers=(make_interviewer(user),),
            )

    add_pipelines(1)
    client.get("/")  # warm the session
    # session, user, pipelines, rounds, people, profiles, touches, research, overview (2)
    with django_assert_num_queries(10):
        client.get("/")
    add_pipelines(15)
    with django_assert_num_queries(10):
        client.get("/")


def test_creating_a_pipeline_lands_on_its_page(user, client_for):
    response = client_for(user).post(
        reverse("pipeline_new"),
        {"company": "Globex", "role": "Data Engineer", "status": "active", "url": "", "notes": ""},
    )
    pipeline = Pipeline.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == pipeline.get_absolute_url()
    assert (pipeline.company, pipeline.role) == ("Globex", "Data Engineer")


def test_a_pipeline_form_with_errors_keeps_what_was_typed(user, client_for):
    response = client_for(user).post(
        reverse("pipeline_new"),
        {"company": "", "role": "Quietly typed role", "status": "active", "url": "not a url"},
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert "Enter a valid URL." in response.text
    assert 'value="Quietly typed role"' in response.text
    assert not Pipeline.objects.exists()


def test_rounds_are_added_in_order_and_can_be_reordered(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    client = client_for(user)
    for name in ["Screen", "Technical", "Onsite"]:
        client.post(
            reverse("interview_new", args=[pipeline.pk]),
            {"name": name, "kind": "other", "status": "planned", "duration_minutes": 60},
        )
    onsite = pipeline.rounds.get(name="Onsite")

    client.post(reverse("interview_move", args=[onsite.pk]), {"direction": "up"})

    assert list(pipeline.rounds.values_list("name", flat=True)) == ["Screen", "Onsite", "Technical"]


def test_a_scheduled_round_needs_a_date(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    response = client_for(user).post(
        reverse("interview_new", args=[pipeline.pk]),
        {"name": "Onsite", "kind": "onsite", "status": "scheduled", "duration_minutes": 60},
    )
    assert "needs its date and time" in response.text
    assert not pipeline.rounds.exists()


def test_round_times_are_read_in_the_candidates_time_zone(user, client_for, make_pipeline):
    user.time_zone = "America/Los_Angeles"
    user.save()
    pipeline = make_pipeline(user)
    client_for(user).post(
        reverse("interview_new", args=[pipeline.pk]),
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


def test_marking_a_round_done_records_a_meeting_with_each_interviewer(
    user, client_for, make_round, make_interviewer
):
    dana, sam = make_interviewer(user, "Dana Lee"), make_interviewer(user, "Sam Park")
    round_ = make_round(owner=user, status="scheduled", interviewers=(dana, sam))

    client_for(user).post(reverse("interview_status", args=[round_.pk]), {"status": "done"})
    client_for(user).post(reverse("interview_status", args=[round_.pk]), {"status": "done"})

    round_.refresh_from_db()
    assert round_.status == "done"
    met = Touch.objects.filter(kind="met", round=round_)
    assert sorted(met.values_list("interviewer__name", flat=True)) == ["Dana Lee", "Sam Park"]


def test_round_actions_answer_htmx_with_the_rounds_fragment(user, client_for, make_round):
    round_ = make_round(owner=user)
    response = client_for(user).post(
        reverse("interview_status", args=[round_.pk]),
        {"status": "cancelled"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="rounds">')
    assert "<html" not in response.text


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


def test_attaching_someone_elses_name_makes_a_contact_of_ones_own(
    user, stranger, client_for, make_round, make_interviewer
):
    theirs = make_interviewer(stranger, "Not Yours", title="Secret title")
    round_ = make_round(owner=user)
    client_for(user).post(reverse("interview_attach", args=[round_.pk]), {"name": "Not Yours"})
    [attached] = round_.interviewers.all()
    assert attached.pk != theirs.pk and attached.owner == user and attached.title == ""


def test_name_suggestions_come_from_ones_own_contacts(user, stranger, client_for, make_interviewer):
    make_interviewer(user, "Dana Lee")
    make_interviewer(stranger, "Dana Secret")
    response = client_for(user).get(reverse("interviewer_suggest"), {"name": "dana"})
    assert '<option value="Dana Lee">' in response.text
    assert "Secret" not in response.text


def test_pipeline_page_queries_do_not_grow_with_contacts(
    user, client_for, make_round, make_interviewer, django_assert_num_queries
):
    round_ = make_round(owner=user, interviewers=(make_interviewer(user),))
    client = client_for(user)
    url = round_.pipeline.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(5):
        small = client.get(url)
    for _ in range(30):
        make_interviewer(user)
    make_round(round_.pipeline, interviewers=(make_interviewer(user),))
    with django_assert_num_queries(5):
        large = client.get(url)
    assert len(large.content) < len(small.content) * 2


def test_pipeline_status_changes(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    client_for(user).post(reverse("pipeline_status", args=[pipeline.pk]), {"status": "offer"})
    pipeline.refresh_from_db()
    assert pipeline.status == "offer"


def test_deleting_a_pipeline_asks_first(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    client = client_for(user)
    confirm = client.get(reverse("pipeline_delete", args=[pipeline.pk]))
    assert "cannot be undone" in confirm.text
    assert Pipeline.objects.filter(pk=pipeline.pk).exists()
    client.post(reverse("pipeline_delete", args=[pipeline.pk]))
    assert not Pipeline.objects.filter(pk=pipeline.pk).exists()


def test_interviewer_page_shows_profiles_and_history(
    user, client_for, make_interviewer, make_profile, make_touch
):
    dana = make_interviewer(user, "Dana Lee", title="Staff Engineer")
    make_profile(dana, "mastodon", handle="@dana@hachyderm.io")
    make_touch(dana, "commented", text="On her post about testing")
    page = client_for(user).get(dana.get_absolute_url()).text
    assert 'href="https://hachyderm.io/@dana"' in page
    assert "On her post about testing" in page


def test_interviewer_list_searches_and_paginates(user, client_for, make_interviewer):
    for number in range(55):
        make_interviewer(user, f"Person {number:02d}", company="Globex" if number == 7 else "")
    client = client_for(user)
    first = client.get(reverse("interviewers")).text
    assert "Person 00" in first and "Person 54" not in first and "Page 1 of 2" in first
    found = client.get(reverse("interviewers"), {"q": "globex"}).text
    assert "Person 07" in found and "Person 08" not in found


def test_searching_a_company_finds_the_people_met_there(
    user, client_for, make_pipeline, make_round, make_interviewer
):
    alex = make_interviewer(user, "Alex Kim")
    pipeline = make_pipeline(user, company="Acme Robotics")
    make_round(pipeline, interviewers=(alex,))
    make_round(pipeline, interviewers=(alex,))
    make_interviewer(user, "Sam Park")
    page = client_for(user).get(reverse("interviewers"), {"q": "acme"}).text
    assert page.count("Alex Kim") == 1 and "Sam Park" not in page


def test_adding_a_profile_checks_it_against_the_platform(user, client_for, make_interviewer):
    dana = make_interviewer(user)
    response = client_for(user).post(
        reverse("profile_new", args=[dana.pk]),
        {
            "platform": "linkedin",
            "url": "https://evil.example.com/in/dana",
            "visibility": "public",
            "tone": "professional",
            "state": "none",
        },
    )
    assert "A LinkedIn profile address is on linkedin.com." in response.text
    assert not Profile.objects.exists()


def test_one_profile_per_platform(user, client_for, make_interviewer, make_profile):
    dana = make_interviewer(user)
    make_profile(dana, "linkedin")
    response = client_for(user).post(
        reverse("profile_new", args=[dana.pk]),
        {
            "platform": "linkedin",
            "handle": "someone-else",
            "visibility": "public",
            "tone": "professional",
            "state": "none",
        },
    )
    assert "already has a profile on this platform" in response.text


def test_recording_a_touch(user, client_for, make_interviewer):
    dana = make_interviewer(user)
    client_for(user).post(
        reverse("touch_new", args=[dana.pk]),
        {"kind": "commented", "at": "2026-11-20T10:00", "text": "Liked her talk"},
    )
    touch = dana.touches.get()
    assert (touch.kind, touch.text) == ("commented", "Liked her talk")


def test_a_bad_touch_keeps_what_was_typed(user, client_for, make_interviewer):
    dana = make_interviewer(user)
    response = client_for(user).post(
        reverse("touch_new", args=[dana.pk]), {"kind": "commented", "at": "", "text": "Kept"}
    )
    assert response.status_code == 400
    assert 'value="Kept"' in response.text
    assert not dana.touches.exists()


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


def test_interview_page_shows_the_round_and_its_people(
    user, client_for, make_round, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")
    round_ = make_round(owner=user, name="System design", interviewers=(dana,))
    page = client_for(user).get(round_.get_absolute_url()).text
    assert "System design" in page and "Dana Lee" in page


def test_pipeline_page_lists_rounds_with_their_people(
    user, client_for, make_round, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")
    round_ = make_round(owner=user, name="System design", interviewers=(dana,))
    page = client_for(user).get(round_.pipeline.get_absolute_url()).text
    assert "System design" in page and "Dana Lee" in page


def test_round_model_refuses_a_done_round_without_a_date(make_round, user):
    round_ = Round(pipeline=make_round(owner=user).pipeline, name="x", status="done")
    with pytest.raises(Exception, match="needs its date and time"):
        round_.full_clean()


def test_a_round_created_as_done_records_its_meetings(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    client = client_for(user)
    client.post(
        reverse("interview_new", args=[pipeline.pk]),
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


def test_a_known_name_matches_whatever_its_case(user, client_for, make_round, make_interviewer):
    jordan = make_interviewer(user, "Jordan Lee")
    round_ = make_round(owner=user)
    client_for(user).post(reverse("interview_attach", args=[round_.pk]), {"name": "jordan  lee"})
    assert list(round_.interviewers.all()) == [jordan]
    response = client_for(user).post(reverse("interviewer_new"), {"name": "JORDAN LEE"})
    assert "already have a contact with this name" in response.text


def test_marking_a_future_round_done_asks_first_and_keeps_its_time(user, client_for, make_round):
    planned = timezone.now() + timedelta(days=1)
    round_ = make_round(owner=user, status="scheduled", scheduled_at=planned)
    response = client_for(user).post(
        reverse("interview_status", args=[round_.pk]), {"status": "done"}, follow=True
    )
    assert "has not started yet" in response.text  # tests/test_status_changes.py has the rest
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at) == ("scheduled", planned)


def test_a_round_form_shows_every_error_at_once(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    response = client_for(user).post(
        reverse("interview_new", args=[pipeline.pk]),
        {"name": "Onsite", "kind": "onsite", "status": "scheduled", "duration_minutes": 0},
    )
    assert "needs its date and time" in response.text
    assert "between 1 and 1440 minutes" in response.text


def test_every_stage_the_round_page_names_is_explained_on_the_rules_page(client):
    from advisor.advice import Progress

    html = client.get("/rules/").text
    for stage in Progress:
        assert f'id="stage-{stage}"' in html, stage
    assert 'id="stances"' in html


def test_the_stage_on_a_round_page_links_to_its_explanation(user, client_for, met_dana):
    _dana, screen = met_dana
    html = client_for(user).get(screen.get_absolute_url()).text
    assert 'href="/rules/#stage-advancing"' in html
    assert 'href="/rules/#stances"' in html
