"""Familiarity belongs to the person, across every application; the stage to the pipeline."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from test_dashboard import verdicts

from advisor import summary


@pytest.fixture(autouse=True)
def at_midday(midday):
    """Each test's "hours ago" and "days ago" are counted in London's calendar days."""


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


def drafts(html: str) -> list[str]:
    """Every draft's text on the page (the data-draft elements)."""
    return [
        unescape(text)
        for text in re.findall(r"<textarea[^>]*data-draft[^>]*>(.*?)</textarea>", html, re.S)
    ]


def test_a_note_about_joining_never_pairs_another_applications_meeting_with_this_job(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    john = make_interviewer(user, "John Neil")
    make_profile(john, "linkedin", handle="john-neil")
    old = make_pipeline(user, company="OldCo", role="QA Lead", status="rejected")
    met_at = timezone.now() - timedelta(days=40)
    make_round(old, status="done", scheduled_at=met_at, interviewers=(john,))
    new = make_pipeline(user, company="NewCo", role="Platform Engineer", status="hired")
    welcome = make_round(
        new,
        name="Welcome call",
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=2),
        interviewers=(john,),
    )

    notes = drafts(page(client_for(user), welcome))

    assert notes
    met_day = f"{timezone.localtime(met_at).day} {timezone.localtime(met_at):%B}"
    for note in notes:
        assert "OldCo" not in note and "QA Lead" not in note, note
        # Neither "interviewing me on <that day> for the job at NewCo": they met elsewhere.
        assert met_day not in note and "NewCo" not in note, note


def test_the_thank_you_for_a_meeting_in_another_open_application_still_comes_first_here(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    pat = make_interviewer(user, "Pat Smith")
    make_profile(pat, "linkedin", handle="pat-smith")
    acme = make_round(
        make_pipeline(user, company="AcmeCorp"),
        status="done",
        scheduled_at=timezone.now() - timedelta(days=5),
        interviewers=(pat,),
    )
    make_touch(pat, "thank_you_sent", at=timezone.now() - timedelta(days=4, hours=20))
    make_round(
        make_pipeline(user, company="BetaWorks"),
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=30),
        interviewers=(pat,),
    )
    client = client_for(user)

    html = page(client, acme)
    board = client.get("/").text

    assert 'data-thank-you="overdue"' in html
    assert 'data-step="connect"' not in html  # no request ahead of the thank-you (T3)
    assert board.count('data-action="thank-you" data-interviewer="Pat Smith"') == 1
    assert 'data-action="connect" data-interviewer="Pat Smith"' not in board


def test_the_thank_you_for_a_meeting_in_another_open_application_names_that_meeting(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    pat = make_interviewer(user, "Pat Smith")
    make_profile(pat, "linkedin", handle="pat-smith")
    acme = make_round(
        make_pipeline(user, company="AcmeCorp", role="Data Analyst"),
        status="done",
        scheduled_at=timezone.now() - timedelta(days=5),
        interviewers=(pat,),
    )
    make_touch(pat, "thank_you_sent", at=timezone.now() - timedelta(days=4, hours=20))
    make_round(
        make_pipeline(user, company="BetaWorks", role="Platform Engineer"),
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=3),
        interviewers=(pat,),
    )

    email = next(d for d in drafts(page(client_for(user), acme)) if "\n" in d)

    assert "today" in email and "Platform Engineer" in email
    assert "Data Analyst" not in email


@pytest.mark.parametrize("outcome", ["rejected", "hired"])
def test_a_closed_application_still_asks_first_for_the_thank_you_owed_in_an_open_one(
    outcome, user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    """Turned down for one role, interviewed yesterday for another by the same person: the
    thank-you for yesterday comes before any request, on the closed application's page too."""
    dana = make_interviewer(user, "Dana Lee")
    make_profile(dana, "linkedin", handle="dana-lee")
    earlier = make_round(
        make_pipeline(user, company="Northwind", role="Analyst", status=outcome),
        status="done",
        scheduled_at=timezone.now() - timedelta(days=30),
        interviewers=(dana,),
    )
    make_touch(dana, "thank_you_sent", at=timezone.now() - timedelta(days=29, hours=20))
    make_round(
        make_pipeline(user, company="Northwind", role="Senior Analyst"),
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=3),
        interviewers=(dana,),
    )

    html = page(client_for(user), earlier)

    assert 'data-thank-you="due"' in html
    # T3: the Now list asks for the thank-you, and for no request before it.
    assert 'data-step="thank-you"' in html and 'data-step="connect"' not in html
    assert "Send your thank-you first, then connect" in html
    email = next(d for d in drafts(html) if "\n" in d)
    assert "Senior Analyst" in email and "today" in email


@pytest.mark.parametrize("outcome", ["rejected", "hired"])
def test_the_notes_about_an_outcome_name_the_meeting_here_though_another_round_was_later(
    outcome, user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    """Rounds marked done record a `met` touch each: the later one, in another application,
    is a round and not a coffee chat, so the notes here never give its day."""
    dana = make_interviewer(user, "Dana Lee")
    make_profile(dana, "linkedin", handle="dana-lee")
    met_here = timezone.now() - timedelta(days=30)
    earlier = make_round(
        make_pipeline(user, company="Northwind", role="Analyst"),
        status="scheduled",
        scheduled_at=met_here,
        interviewers=(dana,),
    )
    earlier.mark_done(at=met_here + timedelta(hours=1))
    earlier.pipeline.status = outcome
    earlier.pipeline.save()
    make_touch(dana, "thank_you_sent", at=met_here + timedelta(hours=3))
    later = make_round(
        make_pipeline(user, company="Contoso", role="Senior Analyst"),
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(hours=30),
        interviewers=(dana,),
    )
    later.mark_done(at=timezone.now() - timedelta(hours=29))
    make_touch(dana, "thank_you_sent", at=timezone.now() - timedelta(hours=28))

    notes = drafts(page(client_for(user), earlier))

    assert notes
    day_here = f"{timezone.localtime(met_here).day} {timezone.localtime(met_here):%B}"
    for note in notes:
        assert "yesterday" not in note and "Contoso" not in note, note
    assert any(day_here in note for note in notes), notes


def test_no_reason_asks_for_a_thank_you_that_is_moot(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    """Met here five days ago (thanked), then three hours ago in an application since closed:
    no thank-you is asked for, so no reason asks to send it first (T3 keeps its wait)."""
    dana = make_interviewer(user, "Dana Lee")
    make_profile(dana, "linkedin", handle="dana-lee")
    here = make_round(
        make_pipeline(user, company="Contoso"),
        status="done",
        scheduled_at=timezone.now() - timedelta(days=5),
        interviewers=(dana,),
    )
    make_touch(dana, "thank_you_sent", at=timezone.now() - timedelta(days=4))
    make_round(
        make_pipeline(user, company="Northwind", status="rejected"),
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=3),
        interviewers=(dana,),
    )
    client = client_for(user)

    html = unescape(page(client, here))
    checklist = unescape(client.get(reverse("interview_checklist", args=[here.pk])).text)

    assert 'data-thank-you="sent"' in html  # for the meeting here; none for the later one
    assert verdicts(html)[("Dana Lee", "linkedin")] == "wait"
    for text in (html, checklist):
        assert "thank-you email first" not in text and "thank-you is sent" not in text
        assert "send the thank-you email now" not in text


@pytest.mark.parametrize("deleted", ["round", "application"])
def test_a_meeting_deleted_with_its_round_is_no_coffee_chat_later(
    deleted, user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    """A round marked done by mistake, then deleted (or its whole application): the meeting it
    recorded goes with it, so the real interview ahead is with a stranger still (T1)."""
    dana = make_interviewer(user, "Dana Lee")
    make_profile(dana, "linkedin", handle="dana-lee")
    mistake = make_round(
        make_pipeline(user, company="Tailspin", role="Engineer"),
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(days=1),
        interviewers=(dana,),
    )
    mistake.mark_done(at=timezone.now())
    ahead = make_round(
        make_pipeline(user, company="Tailspin", role="Senior Engineer"),
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=2),
        interviewers=(dana,),
    )
    client = client_for(user)
    gone = mistake if deleted == "round" else mistake.pipeline
    confirm = "interview_delete" if deleted == "round" else "pipeline_delete"

    client.post(reverse(confirm, args=[gone.pk]))

    html = page(client, ahead)
    assert 'data-familiarity="never_met"' in html
    assert verdicts(html)[("Dana Lee", "linkedin")] == "wait"
    assert 'data-thank-you="' not in html


@pytest.mark.parametrize("outcome", ["rejected", "hired"])
def test_a_closed_application_waits_a_day_after_an_interview_in_an_open_one(
    outcome, user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    """T3 for the person, whichever page: interviewed five hours ago for an open role (thank-you
    sent), the recruiter of a role since closed is not asked to connect until tomorrow."""
    rita = make_interviewer(user, "Rita Recruiter")
    make_profile(rita, "linkedin", handle="rita-recruiter")
    earlier = make_round(
        make_pipeline(user, company="Northwind", role="Analyst", status=outcome),
        status="done",
        scheduled_at=timezone.now() - timedelta(days=30),
        interviewers=(rita,),
    )
    make_touch(rita, "thank_you_sent", at=timezone.now() - timedelta(days=29, hours=20))
    today = make_round(
        make_pipeline(user, company="Northwind", role="Data Engineer"),
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=6),
        interviewers=(rita,),
    )
    make_touch(rita, "thank_you_sent", at=timezone.now() - timedelta(hours=4))
    client = client_for(user)

    here, there = page(client, earlier), page(client, today)

    assert verdicts(here)[("Rita Recruiter", "linkedin")] == "wait"
    assert verdicts(there)[("Rita Recruiter", "linkedin")] == "wait"
    assert 'data-step="connect"' not in here
    assert 'data-action="connect"' not in client.get("/").text


def test_a_later_interview_in_an_application_since_closed_leaves_todays_thank_you_owed(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    """A panel this morning, then another interview with one of the panel this afternoon for a
    role since withdrawn from: the panel's thank-you is still owed to both."""
    gina, ken = make_interviewer(user, "Gina Ho"), make_interviewer(user, "Ken Oda")
    panel = make_round(
        make_pipeline(user, company="Proseware", role="Analyst"),
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=8),
        interviewers=(gina, ken),
    )
    make_round(
        make_pipeline(user, company="Proseware", role="Ops Lead", status="withdrawn"),
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=4),
        interviewers=(ken,),
    )
    client = client_for(user)

    html = page(client, panel)
    board = client.get("/").text

    assert html.count('data-thank-you="due"') == 2
    email = next(d for d in drafts(html) if d.startswith("Hi Ken") or "Ken" in d.split("\n")[0])
    assert "Analyst" in email and "Ops Lead" not in email
    assert 'data-action="thank-you" data-interviewer="Ken Oda"' in board
    assert 'data-action="thank-you" data-interviewer="Gina Ho"' in board


def interview(make_round, make_pipeline, user, person, hours_ago, company, **fields):
    """A done round with `person` at `company` that started `hours_ago`, in a new pipeline."""
    pipeline_fields = {"status": fields.pop("status")} if "status" in fields else {}
    return make_round(
        make_pipeline(user, company=company, role=f"{company} role", **pipeline_fields),
        name=f"{company} interview",
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=hours_ago),
        duration_minutes=60,
        interviewers=(person,),
        **fields,
    )


def test_one_thank_you_for_the_latest_meeting_of_an_open_application_on_every_page(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    """Alpha three days ago, Gamma six hours ago, Beta three hours ago and since withdrawn from:
    the thank-you owed is Gamma's, on every page, named as Gamma's."""
    xavier = make_interviewer(user, "Xavier Quinn")
    make_profile(xavier, "linkedin", handle="xavier-quinn")
    alpha = interview(make_round, make_pipeline, user, xavier, 72, "Alpha")
    gamma = interview(make_round, make_pipeline, user, xavier, 6, "Gamma")
    beta = interview(make_round, make_pipeline, user, xavier, 3, "Beta", status="withdrawn")
    client = client_for(user)

    for round_ in (alpha, gamma, beta):
        html = page(client, round_)
        assert 'data-thank-you="due"' in html, round_.name
        email = next(d for d in drafts(html) if "\n" in d)
        assert "Gamma role" in email and "today" in email, (round_.name, email)
        assert 'data-step="connect"' not in html, round_.name
    board = client.get("/").text
    assert board.count('data-action="thank-you" data-interviewer="Xavier Quinn"') == 1
    assert 'data-action="connect" data-interviewer="Xavier Quinn"' not in board


def test_a_hired_page_holds_requests_while_a_thank_you_is_owed_in_an_open_application(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    """Alpha twelve days ago (no thank-you yet), then hired after Hotel's final ten days ago:
    the Alpha thank-you comes first everywhere, with no request for Xavier on the board."""
    xavier = make_interviewer(user, "Xavier Quinn")
    make_profile(xavier, "linkedin", handle="xavier-quinn")
    interview(make_round, make_pipeline, user, xavier, 12 * 24, "Alpha")
    hotel = interview(make_round, make_pipeline, user, xavier, 10 * 24, "Hotel", status="hired")
    client = client_for(user)

    html = page(client, hotel)
    board = client.get("/").text

    assert 'data-thank-you="overdue"' in html and 'data-step="connect"' not in html
    assert 'data-action="thank-you" data-interviewer="Xavier Quinn"' in board
    assert 'data-action="connect" data-interviewer="Xavier Quinn"' not in board


def test_the_board_links_the_thank_you_to_the_open_meeting_though_a_hired_one_came_later(
    user, client_for, make_pipeline, make_round, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")
    open_one = interview(make_round, make_pipeline, user, dana, 3 * 24, "Alpha")
    interview(make_round, make_pipeline, user, dana, 2 * 24, "Hotel", status="hired")

    board = client_for(user).get("/").text

    [link] = re.findall(
        r'data-action="thank-you" data-interviewer="Dana Lee">.*?href="([^"]+)"', board, re.S
    )
    assert link == open_one.get_absolute_url()
    [morning] = summary.build(user, timezone.now()).thank_yous
    assert morning.round == open_one


def test_undo_takes_back_the_thank_you_the_page_shows_sent(
    user, client_for, make_pipeline, make_round, make_interviewer, make_touch
):
    xavier = make_interviewer(user, "Xavier Quinn")
    alpha = interview(make_round, make_pipeline, user, xavier, 6, "Alpha")
    make_touch(xavier, "thank_you_sent", at=timezone.now() - timedelta(hours=4))
    interview(make_round, make_pipeline, user, xavier, 1, "Beta", status="withdrawn")
    client = client_for(user)
    assert 'data-thank-you="sent"' in page(client, alpha)

    client.post(reverse("thank_you_undo", args=[alpha.pk, xavier.pk]))

    assert 'data-thank-you="due"' in page(client, alpha)


def test_the_note_to_send_after_an_interview_ahead_names_that_interview(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    xavier = make_interviewer(user, "Xavier Quinn")
    make_profile(xavier, "linkedin", handle="xavier-quinn")
    interview(make_round, make_pipeline, user, xavier, 4, "Alpha")
    onsite_at = timezone.now() + timedelta(days=2)
    onsite = make_round(
        make_pipeline(user, company="Beta", role="Platform Lead"),
        name="Onsite",
        status="scheduled",
        scheduled_at=onsite_at,
        interviewers=(xavier,),
    )

    sheet = unescape(client_for(user).get(reverse("interview_checklist", args=[onsite.pk])).text)

    after = sheet.split("To send after")[1]
    notes = re.findall(r'class="sheet-draft">([^<]+)<', after)
    assert notes, after
    for note in notes:
        assert "Alpha" not in note and "today" not in note, note
        assert "Platform Lead" in note or "Beta" in note, note


def test_someone_met_in_two_open_applications_gets_one_request_on_the_board_and_summary(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    xavier = make_interviewer(user, "Xavier Quinn")
    make_profile(xavier, "linkedin", handle="xavier-quinn")
    interview(make_round, make_pipeline, user, xavier, 3 * 24, "Alpha")
    interview(make_round, make_pipeline, user, xavier, 2 * 24, "Beta")
    make_touch(xavier, "thank_you_sent", at=timezone.now() - timedelta(days=1, hours=20))

    board = client_for(user).get("/").text

    assert board.count('data-action="connect" data-interviewer="Xavier Quinn"') == 1
    morning = summary.build(user, timezone.now())
    assert [(a.kind, a.interviewer) for a in morning.advisable] == [("connect", "Xavier Quinn")]


def test_the_checklist_of_an_interview_ahead_prints_the_note_for_after_it_though_met_before(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    xavier = make_interviewer(user, "Xavier Quinn")
    make_profile(xavier, "linkedin", handle="xavier-quinn")
    interview(make_round, make_pipeline, user, xavier, 2 * 24, "Alpha")
    make_touch(xavier, "thank_you_sent", at=timezone.now() - timedelta(days=1, hours=20))
    onsite = make_round(
        make_pipeline(user, company="Beta", role="Platform Lead"),
        name="Onsite",
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=2),
        interviewers=(xavier,),
    )

    sheet = unescape(client_for(user).get(reverse("interview_checklist", args=[onsite.pk])).text)

    [note] = re.findall(r'class="sheet-draft">([^<]+)<', sheet.split("To send after")[1])
    assert "Alpha" not in note and ("Platform Lead" in note or "Beta" in note), note


def test_a_coffee_chat_after_the_interview_is_the_meeting_the_drafts_name(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    sam = make_interviewer(user, "Sam Park")
    make_profile(sam, "linkedin", handle="sam-park")
    screen = make_round(
        make_pipeline(user),
        status="done",
        scheduled_at=timezone.now() - timedelta(days=9),
        interviewers=(sam,),
    )
    make_touch(sam, "thank_you_sent", at=timezone.now() - timedelta(days=8))
    make_touch(sam, "met", at=timezone.now() - timedelta(hours=2))

    email = next(d for d in drafts(page(client_for(user), screen)) if "\n" in d)

    assert "today" in email


def test_no_draft_names_an_interview_still_to_come_as_the_meeting(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    priya = make_interviewer(user, "Priya Shah")
    make_profile(priya, "linkedin", handle="priya-shah")
    make_touch(priya, "met", at=timezone.now() - timedelta(days=5))  # a coffee chat
    coming = timezone.now() + timedelta(days=3)
    call = make_round(
        make_pipeline(user, company="Stripe"),
        name="Hiring manager call",
        status="scheduled",
        scheduled_at=coming,
        interviewers=(priya,),
    )

    notes = drafts(page(client_for(user), call))

    assert notes
    coming_day = f"{timezone.localtime(coming).day} {timezone.localtime(coming):%B}"
    assert not any(coming_day in note for note in notes)


def test_a_thank_you_for_a_meeting_in_another_application_is_not_asked_for_in_this_one(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile
):
    john = make_interviewer(user, "John Neil")
    make_profile(john, "linkedin", handle="john-neil")
    old = make_pipeline(user, company="OldCo", status="rejected")
    make_round(
        old, status="done", scheduled_at=timezone.now() - timedelta(days=40), interviewers=(john,)
    )
    tomorrow = make_round(
        make_pipeline(user, company="NewCo"),
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=1),
        interviewers=(john,),
    )
    client = client_for(user)

    html = page(client, tomorrow)
    board = client.get("/").text

    assert 'data-thank-you="' not in html
    assert verdicts(html)[("John Neil", "linkedin")] == "connect"
    assert 'data-action="thank-you"' not in board


def test_the_thank_you_on_an_earlier_rounds_page_names_the_latest_meeting(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    chen = make_interviewer(user, "Chen Wu")
    make_profile(chen, "linkedin", handle="chen-wu")
    pipeline = make_pipeline(user)
    first = make_round(
        pipeline,
        name="Screen",
        status="done",
        scheduled_at=timezone.now() - timedelta(days=6),
        interviewers=(chen,),
    )
    make_touch(chen, "thank_you_sent", at=timezone.now() - timedelta(days=6) + timedelta(hours=3))
    make_round(
        pipeline,
        name="Onsite",
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=3),
        interviewers=(chen,),
    )

    html = page(client_for(user), first)

    assert 'data-thank-you="due"' in html
    email = next(d for d in drafts(html) if "Chen" in d and "\n" in d)
    assert "today" in email


def test_a_coffee_chat_is_not_paired_with_another_applications_job(
    user, client_for, make_pipeline, make_round, make_interviewer, make_profile, make_touch
):
    lee = make_interviewer(user, "Lee Park")
    make_profile(lee, "linkedin", handle="lee-park")
    make_round(
        make_pipeline(user, company="OtherCo", role="Analyst"),
        status="done",
        scheduled_at=timezone.now() - timedelta(days=30),
        interviewers=(lee,),
    )
    make_touch(lee, "met", at=timezone.now() - timedelta(hours=2))  # a coffee chat
    upcoming = make_round(
        make_pipeline(user, company="Northwind", role="Data Lead"),
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=2),
        interviewers=(lee,),
    )

    notes = drafts(page(client_for(user), upcoming))

    assert notes and not any("OtherCo" in note or "Analyst" in note for note in notes)
