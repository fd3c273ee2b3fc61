"""The per-interview dashboard, its actions, the checklist and the board's next actions."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor.models import ResearchTick, Touch

pytestmark = pytest.mark.django_db


def verdicts(html: str) -> dict[tuple[str, str], str]:
    """(interviewer, platform) -> verdict, read from the page's data- attributes."""
    found = {}
    for tag in re.findall(r"<[^>]*\bdata-verdict=[^>]*>", html):
        attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', tag))
        found[(attrs["interviewer"], attrs["platform"])] = attrs["verdict"]
    return found


def rules_of(html: str, platform: str) -> list[str]:
    tag = re.search(rf'<[^>]*data-platform="{platform}"[^>]*data-verdict=[^>]*>', html).group(0)
    return re.search(r'data-rules="([^"]*)"', tag).group(1).split()


def test_once_met_linkedin_connects_twitter_follows_and_facebook_stays_avoid(
    user, client_for, met_dana
):
    _dana, screen = met_dana
    html = client_for(user).get(screen.get_absolute_url()).text
    assert verdicts(html) == {
        ("Dana Lee", "linkedin"): "connect",
        ("Dana Lee", "twitter"): "follow",
        ("Dana Lee", "facebook"): "avoid",
    }
    assert "P7" in rules_of(html, "linkedin")
    assert "P6" in rules_of(html, "twitter")
    assert "P1" in rules_of(html, "facebook")


def test_linkedin_waits_until_first_meeting_and_previews_the_change(
    user, client_for, make_round_with_dana
):
    round_, _dana = make_round_with_dana(timezone.now() + timedelta(days=2))
    html = client_for(user).get(round_.get_absolute_url()).text
    assert verdicts(html) == {("Dana Lee", "linkedin"): "wait"}
    assert "once you have met them" in html
    assert 'data-next-verdict="connect"' in html
    assert "from the next day" in html
    assert "in 2 days" in html


def test_the_draft_fits_the_limit_and_is_the_whole_element(user, client_for, met_dana):
    _dana, screen = met_dana
    html = client_for(user).get(screen.get_absolute_url()).text
    drafts = re.findall(r'<textarea[^>]*data-draft="linkedin"[^>]*>([^<]*)</textarea>', html)
    assert len(drafts) >= 2
    assert 'data-limit="200"' in html
    for text in drafts:
        assert "Dana" in text
        assert len(unescape(text)) <= 200


def test_premium_candidates_get_the_longer_limit(user, client_for, met_dana):
    user.linkedin_premium = True
    user.save()
    html = client_for(user).get(met_dana[1].get_absolute_url()).text
    assert 'data-limit="300"' in html


def test_mark_as_sent_records_a_touch_and_turns_the_verdict_done(user, client_for, met_dana):
    dana, screen = met_dana
    linkedin = dana.profiles.get(platform="linkedin")
    response = client_for(user).post(
        reverse("record_on_profile", args=[screen.pk, linkedin.pk]),
        {"kind": "request_sent"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article class="card person" id="person-{dana.pk}"')
    assert verdicts(response.text)[("Dana Lee", "linkedin")] == "done"
    linkedin.refresh_from_db()
    assert linkedin.state == "requested"
    assert dana.touches.filter(kind="request_sent").exists()


def test_actions_work_without_javascript(user, client_for, met_dana):
    dana, screen = met_dana
    linkedin = dana.profiles.get(platform="linkedin")
    response = client_for(user).post(
        reverse("record_on_profile", args=[screen.pk, linkedin.pk]), {"kind": "request_sent"}
    )
    assert response.status_code == 302
    assert response.url == f"{screen.get_absolute_url()}#person-{dana.pk}"


def next_round_with(dana, screen):
    """The round after the screen, with Dana on it: the meeting the research is for."""
    design = screen.pipeline.rounds.get(name="System design")
    design.interviewers.add(dana)
    return design


def test_ticking_research_is_saved_and_shown(user, client_for, met_dana):
    dana, screen = met_dana
    design = next_round_with(dana, screen)
    client = client_for(user)
    url = reverse("research_tick", args=[design.pk, dana.pk])
    client.post(url, {"done": "published_writing"})
    ticked = ResearchTick.objects.filter(interviewer=dana).values_list("item", flat=True)
    assert list(ticked) == ["published_writing"]
    assert "1 of 6 done" in client.get(design.get_absolute_url()).text
    # The research list itself comes when its section is opened.
    opened = f"{design.get_absolute_url()}?section=person-{dana.pk}-research"
    assert 'name="undone" value="published_writing"' in client.get(opened).text
    client.post(url, {"undone": "published_writing"})
    assert not ResearchTick.objects.filter(interviewer=dana).exists()


def test_without_javascript_a_research_tick_comes_back_to_its_list_open(user, client_for, met_dana):
    dana, screen = met_dana
    design = next_round_with(dana, screen)
    client = client_for(user)

    person = client.post(
        reverse("research_tick", args=[design.pk, dana.pk]), {"done": "role_relation"}
    )
    company = client.post(reverse("company_research", args=[design.pk]), {"done": "culture"})

    named = f"person-{dana.pk}-research"
    assert person.url == f"{design.get_absolute_url()}?section={named}#{named}"
    assert f'<details id="{named}" data-remember open' in client.get(person.url).text
    assert 'id="company-research" data-remember open' in client.get(company.url).text


def test_research_about_the_company_is_ticked_once_for_the_pipeline(
    user, client_for, met_dana, make_interviewer
):
    dana, screen = met_dana
    design = next_round_with(dana, screen)
    design.interviewers.add(make_interviewer(user, "Sam Park"))
    client = client_for(user)

    client.post(reverse("company_research", args=[design.pk]), {"done": "culture"})
    # A company item ticked from a person's list is the pipeline's too.
    client.post(reverse("research_tick", args=[design.pk, dana.pk]), {"done": "projects_clients"})

    screen.pipeline.refresh_from_db()
    assert screen.pipeline.researched == ["culture", "projects_clients"]
    assert not ResearchTick.objects.exists()
    html = client.get(design.get_absolute_url()).text
    assert "2 of 2 done, once for everyone you meet there" in html
    assert html.count('data-research="culture"') == 1  # not once per person
    assert html.count("0 of 6 done") == 2


def test_marking_research_done_from_the_now_list_ticks_the_whole_list(user, client_for, met_dana):
    dana, screen = met_dana
    design = next_round_with(dana, screen)
    design.scheduled_at = timezone.now() + timedelta(days=2)  # within the research horizon
    design.save()
    client = client_for(user)

    client.post(reverse("research_tick", args=[design.pk, dana.pk]), {"every": "1"})
    client.post(reverse("company_research", args=[design.pk]), {"every": "1"})

    assert ResearchTick.objects.filter(interviewer=dana).count() == 6
    screen.pipeline.refresh_from_db()
    assert len(screen.pipeline.researched) == 2
    assert 'data-step="research"' not in client.get(design.get_absolute_url()).text


def test_a_research_request_naming_no_single_item_changes_nothing(user, client_for, met_dana):
    dana, screen = met_dana
    client = client_for(user)
    url = reverse("research_tick", args=[screen.pk, dana.pk])
    for data in ({}, {"done": "culture", "undone": "culture"}, {"done": "horoscope"}):
        assert client.post(url, data).status_code == 302
    assert not ResearchTick.objects.filter(interviewer=dana).exists()


def test_comments_stop_after_two(user, client_for, met_dana):
    dana, screen = met_dana
    design = next_round_with(dana, screen)
    client = client_for(user)
    url = reverse("record_on_interviewer", args=[design.pk, dana.pk])
    # The comment form is in the comments section, which comes when it is opened.
    opened = f"{design.get_absolute_url()}?section=person-{dana.pk}-comments"
    client.post(url, {"kind": "commented", "text": "On her post"})
    assert "Log a comment" in client.get(opened).text
    client.post(url, {"kind": "commented", "text": "Another one"})
    assert "2 of 2" in client.get(design.get_absolute_url()).text
    assert "Log a comment" not in client.get(opened).text


def test_thank_you_is_offered_right_after_a_round_with_the_time_left(
    user, client_for, make_round, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee", topic="the migration to event sourcing")
    round_ = make_round(
        owner=user,
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(hours=2),
        duration_minutes=60,
        interviewers=(dana,),
    )
    client = client_for(user)
    client.post(
        reverse("interview_status", args=[round_.pk]), {"status": "done", "next": "interview"}
    )
    html = client.get(round_.get_absolute_url()).text
    email = re.search(r'<textarea[^>]*data-draft="email"[^>]*>([^<]*)</textarea>', html).group(1)
    assert "Dana" in email and "event sourcing" in email
    assert "23 hours left" in html
    client.post(
        reverse("record_on_interviewer", args=[round_.pk, dana.pk]), {"kind": "thank_you_sent"}
    )
    assert 'data-draft="email"' not in client.get(round_.get_absolute_url()).text


def test_marking_the_round_done_from_the_dashboard_updates_the_advice(
    user, client_for, make_round_with_dana
):
    round_, dana = make_round_with_dana(timezone.now() - timedelta(hours=1), duration_minutes=30)
    response = client_for(user).post(
        reverse("interview_status", args=[round_.pk]),
        {"status": "done", "next": "interview"},
        follow=True,
    )
    assert verdicts(response.text) == {("Dana Lee", "linkedin"): "wait"}
    assert "Advisable from" in response.text  # the exact time a day after the round
    assert Touch.objects.filter(interviewer=dana, kind="met").exists()


def test_switching_stance_changes_the_verdicts_and_shows_the_other_view(user, client_for, met_dana):
    _dana, screen = met_dana
    client = client_for(user)
    strategic = client.get(screen.get_absolute_url()).text
    assert "The cautious view (HAYS) differs" in strategic
    response = client.post(
        reverse("interview_stance", args=[screen.pk]),
        {"stance": "cautious"},
        HTTP_HX_REQUEST="true",
    )
    assert response.text.lstrip().startswith('<div id="advice">')
    assert verdicts(response.text)[("Dana Lee", "linkedin")] == "wait"
    assert "The strategic view (EC) differs" in response.text
    assert response.text.count("Stance set to cautious") == 1
    user.refresh_from_db()
    assert user.stance == "cautious"


def test_saving_a_topic_puts_it_in_the_drafts(user, client_for, met_dana):
    dana, screen = met_dana
    response = client_for(user).post(
        reverse("interviewer_topic", args=[screen.pk, dana.pk]),
        {"topic": "service meshes"},
        HTTP_HX_REQUEST="true",
    )
    dana.refresh_from_db()
    assert dana.topic == "service meshes"
    assert response.status_code == 200


def test_a_person_met_in_another_open_process_is_flagged(
    user, client_for, met_dana, make_pipeline, make_round
):
    dana, screen = met_dana
    other = make_pipeline(user, company="Globex", role="Data Lead")
    make_round(other, interviewers=(dana,))
    make_round(make_pipeline(user, company="Initech", status="rejected"), interviewers=(dana,))
    html = client_for(user).get(screen.get_absolute_url()).text
    assert "Also in another process:</strong> Data Lead at Globex." in html
    assert "Initech" not in html


def test_checklist_lists_research_and_platform_advice(user, client_for, met_dana):
    _dana, screen = met_dana
    html = client_for(user).get(reverse("interview_checklist", args=[screen.pk])).text
    assert "Dana Lee" in html
    assert "How their job fits with the one you applied for" in html
    assert "LinkedIn: Connect" in html
    assert "css/print." in html
    assert "data-print" in html


def test_board_lists_next_actions(
    user, client_for, met_dana, make_upcoming_round, make_interviewer, make_touch
):
    dana, screen = met_dana
    # The thank-you comes first: once it is sent, the LinkedIn request shows.
    make_touch(dana, "thank_you_sent", at=timezone.now())
    sam = make_interviewer(user, "Sam Park")
    make_upcoming_round(screen.pipeline, sam, days=1, name="Onsite")
    html = client_for(user).get("/").text
    actions = html.split(">Next actions<")[1].split("upcoming-heading")[0]
    assert "Research Sam Park before Onsite" in actions
    assert "Connect with Dana Lee on LinkedIn" in actions
    assert screen.get_absolute_url() in actions


def test_an_empty_round_says_how_to_add_people(user, client_for, make_round):
    round_ = make_round(owner=user)
    assert "Who will you meet?" in client_for(user).get(round_.get_absolute_url()).text
