"""The round page, actions first: the Now list, folded detail, research once per pipeline."""

import importlib
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from advisor import advice
from advisor.dataformat import dumps, export_account, import_account
from advisor.models import ResearchTick

pytestmark = pytest.mark.django_db


def now_lines(html: str) -> list[tuple[str, str]]:
    """(step, interviewer) of each line of the Now list, in order."""
    section = re.search(r'<section id="now".*?</section>', html, re.S).group(0)
    return re.findall(
        r'<li class="now-item" data-step="([a-z-]+)" data-interviewer="([^"]*)"', section
    )


def folded_sections(html: str) -> list[str]:
    return re.findall(r'<details[^>]*\bid="([^"]+)"', html)


@pytest.fixture
def loop(user, make_pipeline, make_round, make_interviewer, make_profile, make_touch):
    """An onsite in two days with three people: Ana met in the screen and owed a thank-you,
    Ben met with the thank-you sent, Cy not met yet."""
    pipeline = make_pipeline(user, company="Contoso", role="Data Engineer")
    ana, ben, cy = (make_interviewer(user, name) for name in ("Ana Ruiz", "Ben Ode", "Cy Park"))
    for person in (ana, ben, cy):
        make_profile(person, "linkedin", handle=person.name.lower().replace(" ", "-"))
        make_profile(person, "twitter", handle=person.name.split()[0].lower())
    screen = make_round(
        pipeline,
        name="Screen",
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(days=3),
        interviewers=(ana, ben),
    )
    screen.mark_done(at=screen.ends_at)
    make_touch(ben, "thank_you_sent", at=screen.ends_at + timedelta(hours=1))
    onsite = make_round(
        pipeline,
        name="Onsite",
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=2),
        interviewers=(ana, ben, cy),
    )
    return onsite, (ana, ben, cy)


def test_the_now_list_gives_the_thank_you_then_requests_follows_and_research(
    user, client_for, loop
):
    onsite, _people = loop
    html = client_for(user).get(onsite.get_absolute_url()).text

    assert re.search(r'<h2 id="now-heading">Now\b', html)
    assert now_lines(html) == [
        ("thank-you", "Ana Ruiz"),  # and no request or follow for Ana before it
        ("connect", "Ben Ode"),
        ("follow", "Ben Ode"),
        ("follow", "Cy Park"),
        ("research", "Contoso"),
        ("research", "Ana Ruiz"),
        ("research", "Ben Ode"),
        ("research", "Cy Park"),
    ]


def test_the_checklist_prints_the_note_for_someone_met_only_once_the_round_is_done(
    user, client_for, loop
):
    onsite, _people = loop
    client = client_for(user)
    page = client.get(onsite.get_absolute_url()).text
    sheet = client.get(reverse("interview_checklist", args=[onsite.pk])).text

    person = re.search(r"<h2>Cy Park.*?</section>", sheet, re.S).group(0)
    to_send = person[person.index("To send after") :]
    assert re.search(r'LinkedIn note \(\d+/\d+\): <span\s+class="sheet-draft">Hi Cy', to_send)
    assert "After: connect from the next day." in person
    # The round page says the same change, without a note until it applies.
    assert re.search(r'data-interviewer="Cy Park" data-platform="linkedin" data-next-verdict', page)


def test_each_line_of_the_now_list_has_a_button_that_works_without_javascript(
    user, client_for, loop
):
    onsite, (_ana, ben, _cy) = loop
    client = client_for(user)
    html = client.get(onsite.get_absolute_url()).text
    section = re.search(r'<section id="now".*?</section>', html, re.S).group(0)
    for item in re.findall(r'<li class="now-item".*?</li>', section, re.S):
        assert re.search(r'<form method="post" action="/interviews/[^"]+" class="inline"', item)
        assert 'hx-swap="outerHTML"' in item

    linkedin = ben.profiles.get(platform="linkedin")
    response = client.post(
        reverse("record_on_profile", args=[onsite.pk, linkedin.pk]), {"kind": "request_sent"}
    )
    assert response.status_code == 302
    assert ("connect", "Ben Ode") not in now_lines(client.get(onsite.get_absolute_url()).text)


def test_an_action_answers_htmx_with_the_card_and_the_now_list_out_of_band(user, client_for, loop):
    onsite, (ana, _ben, _cy) = loop
    response = client_for(user).post(
        reverse("record_on_interviewer", args=[onsite.pk, ana.pk]),
        {"kind": "thank_you_sent", "text": "Thank-you email"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET=f"person-{ana.pk}",
    )
    html = response.text
    assert html.lstrip().startswith(f'<article class="card person" id="person-{ana.pk}"')
    assert (
        '<section id="now" class="card now" aria-labelledby="now-heading" hx-swap-oob="true">'
        in (html)
    )
    lines = now_lines(html)
    assert ("thank-you", "Ana Ruiz") not in lines
    assert ("connect", "Ana Ruiz") in lines  # the thank-you sent, her request comes up


def test_when_nothing_is_due_the_page_says_when_the_next_thing_comes(
    user, client_for, make_round_with_dana
):
    in_ten_days = timezone.now() + timedelta(days=10)
    round_, _dana = make_round_with_dana(in_ten_days)
    html = client_for(user).get(round_.get_absolute_url()).text

    assert now_lines(html) == []
    research_from = timezone.localtime(in_ten_days - advice.RESEARCH_HORIZON, user.tz)
    assert "Nothing to do for this interview today. Next: research before the meeting" in html
    assert research_from.strftime("%a %-d %b, %H:%M") in html


def test_after_the_thank_you_the_next_thing_is_the_request_a_day_after_the_meeting(
    user, client_for, make_round_with_dana, make_touch
):
    round_, dana = make_round_with_dana(timezone.now() - timedelta(hours=3), duration_minutes=60)
    round_.mark_done(at=round_.ends_at)
    make_touch(dana, "thank_you_sent", at=timezone.now())

    html = client_for(user).get(round_.get_absolute_url()).text

    assert now_lines(html) == []
    assert "Next: connect with Dana Lee on LinkedIn, from" in html


@pytest.mark.parametrize("moment", ["done", "cancelled", "pipeline closed"])
def test_finished_rounds_hide_research_and_comment_guidance(
    moment, user, client_for, make_pipeline, make_round, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")
    pipeline = make_pipeline(user, status="rejected" if moment == "pipeline closed" else "active")
    status = {"done": "done", "cancelled": "cancelled"}.get(moment, "scheduled")
    round_ = make_round(
        pipeline,
        status=status,
        scheduled_at=timezone.now() + timedelta(days=1),
        interviewers=(dana,),
    )
    html = client_for(user).get(round_.get_absolute_url()).text
    sections = folded_sections(html)
    assert f"person-{dana.pk}-platforms" in sections
    assert f"person-{dana.pk}-research" not in sections
    assert f"person-{dana.pk}-comments" not in sections
    assert "company-research" not in sections
    assert "Log a comment" not in html
    assert 'data-step="research"' not in html


def test_an_upcoming_round_folds_every_detail_in_sections_named_for_the_address(
    user, client_for, met_dana, make_round
):
    dana, screen = met_dana
    design = screen.pipeline.rounds.get(name="System design")
    design.interviewers.add(dana)
    html = client_for(user).get(design.get_absolute_url()).text

    assert folded_sections(html) == [
        "company-research",
        f"person-{dana.pk}-thank-you",
        f"person-{dana.pk}-platforms",
        f"person-{dana.pk}-research",
        f"person-{dana.pk}-comments",
        f"person-{dana.pk}-risk",
    ]
    assert not re.search(r"<details[^>]*\bopen\b", html)  # all closed until asked for
    for attribute in (
        "data-verdict",
        "data-platform",
        "data-interviewer",
        "data-draft",
        "data-limit",
        "data-next-verdict",
        "data-rules",
        "data-thank-you",
    ):
        assert f"{attribute}=" in html, attribute
    assert "<script>" not in html and "<script " not in html.split("</head>")[1]


def test_ticking_company_research_answers_htmx_with_the_section_and_the_now_list(
    user, client_for, loop
):
    onsite, _people = loop
    response = client_for(user).post(
        reverse("company_research", args=[onsite.pk]),
        {"done": "culture"},
        HTTP_HX_REQUEST="true",
    )
    assert response.text.lstrip().startswith(
        '<details class="card company-research" id="company-research"'
    )
    assert "1 of 2 done" in response.text
    assert 'hx-swap-oob="true"' in response.text
    onsite.pipeline.refresh_from_db()
    assert onsite.pipeline.researched == ["culture"]


def test_a_person_item_sent_to_the_company_list_changes_nothing(user, client_for, loop):
    onsite, _people = loop
    client_for(user).post(reverse("company_research", args=[onsite.pk]), {"done": "interests"})
    onsite.pipeline.refresh_from_db()
    assert onsite.pipeline.researched == []
    assert not ResearchTick.objects.exists()


def test_company_ticks_made_per_person_move_to_their_pipelines(
    user, make_pipeline, make_round, make_interviewer
):
    dana, sam = make_interviewer(user, "Dana Lee"), make_interviewer(user, "Sam Park")
    first, second, other = (make_pipeline(user, company=c) for c in ("A", "B", "C"))
    make_round(first, interviewers=(dana,))
    make_round(second, interviewers=(dana, sam))
    make_round(other, interviewers=(sam,))
    ResearchTick.objects.create(interviewer=dana, item="culture")
    ResearchTick.objects.create(interviewer=dana, item="interests")
    migration = importlib.import_module("advisor.migrations.0006_research_per_pipeline")

    migration.move_company_ticks(apps, None)

    for pipeline in (first, second, other):
        pipeline.refresh_from_db()
    assert (first.researched, second.researched, other.researched) == (["culture"], ["culture"], [])
    assert list(ResearchTick.objects.values_list("item", flat=True)) == ["interests"]


def test_an_older_file_with_company_research_per_person_imports_it_per_pipeline(user):
    file = {
        "format": "interview-advisor/1",
        "interviewers": [{"name": "Dana Lee", "research": ["culture", "interests"]}],
        "pipelines": [
            {
                "company": "Northwind",
                "role": "Engineer",
                "rounds": [{"name": "Screen", "interviewers": ["Dana Lee"]}],
            },
            {"company": "Globex", "role": "Engineer"},
        ],
    }
    import_account(user, dumps(file))

    exported = export_account(user)
    research = {p["company"]: p["research"] for p in exported["pipelines"]}
    assert research == {"Northwind": ["culture"], "Globex": []}
    assert exported["interviewers"][0]["research"] == ["interests"]


# The round and its people, the stage and where it is explained


def test_interview_page_shows_the_round_and_its_people(
    user, client_for, make_round, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")
    round_ = make_round(owner=user, name="System design", interviewers=(dana,))
    page = client_for(user).get(round_.get_absolute_url()).text
    assert "System design" in page and "Dana Lee" in page


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


# The engine's list, on its own


def _advice(state=None, verdicts=(), available_at=None):
    platforms = tuple(
        advice.PlatformAdvice(
            platform=platform,
            verdict=verdict,
            reason="",
            rules=(),
            available_at=available_at,
        )
        for platform, verdict in verdicts
    )
    research = advice.ResearchAdvice(items=(), reason="", rules=())
    comments = advice.CommentAdvice(0, 2, True, "", (), None)
    due = NOW + timedelta(hours=5) if state else None
    return advice.InterviewerAdvice(
        progress=advice.Progress.MET,
        risk=advice.Risk.LOW,
        platforms=platforms,
        research=research,
        comments=comments,
        thank_you_due=due,
        thank_you_state=state,
    )


NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
L, T = advice.Platform.LINKEDIN, advice.Platform.TWITTER
V = advice.Verdict


def test_overdue_thank_yous_come_first_and_hide_that_persons_requests():
    plan = advice.agenda(
        [
            advice.PersonToday(1, "Due", _advice(advice.ThankYou.DUE, [(L, V.CONNECT)])),
            advice.PersonToday(2, "Free", _advice(None, [(T, V.FOLLOW), (L, V.CONNECT)])),
            advice.PersonToday(3, "Late", _advice(advice.ThankYou.OVERDUE, [(T, V.FOLLOW)])),
        ],
        now=NOW,
        preparing=False,
    )
    assert [(t.step, t.name) for t in plan.todos] == [
        ("thank-you", "Late"),
        ("thank-you", "Due"),
        ("connect", "Free"),
        ("follow", "Free"),
    ]


def test_research_is_for_today_only_within_the_horizon_before_the_meeting():
    people = [advice.PersonToday(1, "Ana", _advice(), research_left=4)]
    soon = advice.agenda(
        people, now=NOW, preparing=True, meeting_at=NOW + timedelta(days=2), company_left=2
    )
    later = advice.agenda(
        people, now=NOW, preparing=True, meeting_at=NOW + timedelta(days=9), company_left=2
    )
    assert [(t.step, t.key, t.left) for t in soon.todos] == [
        ("research", None, 2),
        ("research", 1, 4),
    ]
    assert later.todos == ()
    assert later.later.step is advice.Step.RESEARCH
    assert later.later.at == NOW + timedelta(days=9) - advice.RESEARCH_HORIZON


def test_the_next_thing_is_the_earliest_of_what_waits():
    tomorrow = NOW + timedelta(hours=20)
    plan = advice.agenda(
        [advice.PersonToday(1, "Ana", _advice(None, [(L, V.WAIT)], available_at=tomorrow))],
        now=NOW,
        preparing=False,
    )
    assert plan.todos == ()
    assert (plan.later.at, plan.later.what) == (tomorrow, "connect with Ana on LinkedIn")
