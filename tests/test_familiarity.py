"""Familiarity belongs to the person, across every application; the stage to the pipeline."""

import re
from datetime import timedelta

from django.utils import timezone
from test_dashboard import verdicts


def page(client, round_):
    return client.get(round_.get_absolute_url()).text


def test_someone_met_in_an_earlier_closed_application_is_not_a_stranger_in_the_next(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    priya = make_interviewer(user, "Priya Shah")
    make_profile(priya, "linkedin", handle="priya-shah")
    earlier = make_pipeline(user, company="Northwind", role="Analyst", status="rejected")
    make_round(
        earlier,
        status="done",
        scheduled_at=timezone.now() - timedelta(days=60),
        interviewers=(priya,),
    )
    now_open = make_pipeline(user, company="Northwind", role="Senior Analyst")
    upcoming = make_round(
        now_open,
        name="Panel",
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=2),
        interviewers=(priya,),
    )

    html = page(client_for(user), upcoming)

    assert verdicts(html)[("Priya Shah", "linkedin")] == "connect"
    assert 'data-familiarity="met"' in html


def test_never_met_at_an_offer_waits_and_never_thanks_for_a_meeting(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    lee = make_interviewer(user, "Lee Park")
    make_profile(lee, "linkedin", handle="lee-park")
    offer = make_pipeline(user, status="offer")
    upcoming = make_round(
        offer,
        name="Meet the team",
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=1),
        interviewers=(lee,),
    )

    html = page(client_for(user), upcoming)

    assert verdicts(html)[("Lee Park", "linkedin")] == "wait"
    assert 'data-familiarity="never_met"' in html
    assert "Thank-you email" not in html


def test_never_met_once_hired_connects_on_linkedin_and_wechat_as_a_new_colleague(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    lee = make_interviewer(user, "Lee Park")
    make_profile(lee, "linkedin", handle="lee-park")
    make_profile(lee, "wechat", handle="leepark")
    hired = make_pipeline(user, status="hired", company="Contoso", role="Data Engineer")
    planned = make_round(hired, name="Onboarding chat", interviewers=(lee,))

    html = page(client_for(user), planned)

    assert verdicts(html)[("Lee Park", "linkedin")] == "connect"
    assert verdicts(html)[("Lee Park", "wechat")] == "connect"
    assert "T6" in html
    notes = re.findall(r'<textarea[^>]*data-draft="linkedin"[^>]*>([^<]*)</textarea>', html)
    assert len(notes) >= 2
    for note in notes:
        assert not re.search(r"meeting|met |conversation|talk|speak", note, re.IGNORECASE), note


def test_never_met_after_a_rejection_is_left_alone(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    lee = make_interviewer(user, "Lee Park")
    make_profile(lee, "linkedin", handle="lee-park")
    closed = make_pipeline(user, status="withdrawn")
    planned = make_round(closed, name="Final", interviewers=(lee,))

    assert verdicts(page(client_for(user), planned))[("Lee Park", "linkedin")] == "avoid"


def test_a_met_touch_without_a_round_counts_as_meeting_them(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    sam = make_interviewer(user, "Sam Ortiz")
    make_profile(sam, "linkedin", handle="sam-ortiz")
    make_touch(sam, "met", at=timezone.now() - timedelta(days=5), text="Career fair")
    upcoming = make_round(
        status="scheduled",
        owner=user,
        scheduled_at=timezone.now() + timedelta(days=3),
        interviewers=(sam,),
    )

    assert verdicts(page(client_for(user), upcoming))[("Sam Ortiz", "linkedin")] == "connect"


def test_a_done_round_counts_as_meeting_them_without_a_met_touch(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    sam = make_interviewer(user, "Sam Ortiz")
    make_profile(sam, "linkedin", handle="sam-ortiz")
    # Created directly as done (as an import does): no `met` touch is recorded.
    done = make_round(
        status="done",
        owner=user,
        scheduled_at=timezone.now() - timedelta(days=4),
        interviewers=(sam,),
    )

    html = page(client_for(user), done)

    assert not sam.touches.exists()
    assert verdicts(html)[("Sam Ortiz", "linkedin")] == "connect"


def test_meeting_someone_yesterday_elsewhere_makes_linkedin_wait_here_too(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    ana = make_interviewer(user, "Ana Ruiz")
    make_profile(ana, "linkedin", handle="ana-ruiz")
    make_round(
        status="done",
        owner=user,
        scheduled_at=timezone.now() - timedelta(hours=3),
        interviewers=(ana,),
    )
    other = make_round(
        status="scheduled",
        owner=user,
        scheduled_at=timezone.now() + timedelta(days=2),
        interviewers=(ana,),
    )

    html = page(client_for(user), other)

    assert verdicts(html)[("Ana Ruiz", "linkedin")] == "wait"
    assert 'data-familiarity="just_met"' in html


def test_following_on_linkedin_still_advises_the_request_and_says_they_follow(
    user, client_for, met_dana
):
    dana, screen = met_dana
    dana.profiles.filter(platform="linkedin").update(state="following")

    html = page(client_for(user), screen)

    assert verdicts(html)[("Dana Lee", "linkedin")] == "connect"
    assert "already follow them there" in html
