"""The thank-you, from due to done: its state on the card and the board, skip and undo, mailto."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from advisor import summary
from advisor.board import ACTION_PIPELINES
from advisor.overview import data_changed


@pytest.fixture(autouse=True)
def at_midday(midday):
    """Each test's "hours ago" and "days ago" are counted in London's calendar days."""


def card_state(html: str, name: str) -> str | None:
    tag = re.search(rf'<article[^>]*data-interviewer="{name}"[^>]*>', html).group(0)
    found = re.search(r'data-thank-you="([a-z]+)"', tag)
    return found.group(1) if found else None


def board_actions(html: str) -> list[tuple[str, str, str]]:
    items = re.findall(
        r'<li[^>]*data-action="([a-z-]+)" data-interviewer="([^"]*)">(.*?)</li>', html, re.S
    )
    return [
        (kind, who, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip())
        for kind, who, text in items
    ]


def thank_you_link(board: str, name: str) -> str:
    """Where the board's one thank-you for this person links to."""
    [link] = re.findall(
        rf'data-action="thank-you" data-interviewer="{name}">.*?href="([^"]+)"', board, re.S
    )
    return link


def listed_thank_yous(client, user) -> tuple[list[str], list[str]]:
    """Who the board and the morning summary ask the candidate to thank, in order."""
    board = [who for kind, who, _ in board_actions(client.get("/").text) if kind == "thank-you"]
    morning = [a.interviewer for a in summary.build(user, timezone.now()).thank_yous]
    return board, morning


def done_round(make_round, user, person, hours_ago, **fields):
    return make_round(
        owner=user,
        status="done",
        scheduled_at=timezone.now() - timedelta(hours=hours_ago),
        duration_minutes=60,
        interviewers=(person,),
        **fields,
    )


def test_a_thank_you_is_due_on_the_day_and_shows_on_the_card_and_the_board(
    user, client_for, make_round, make_interviewer
):
    priya = make_interviewer(user, "Priya Shah")
    round_ = done_round(make_round, user, priya, hours_ago=3)
    client = client_for(user)

    assert card_state(client.get(round_.get_absolute_url()).text, "Priya Shah") == "due"
    actions = board_actions(client.get("/").text)
    assert actions[0][:2] == ("thank-you", "Priya Shah")
    assert "you met today" in actions[0][2]


def test_scheduling_the_next_round_never_hides_an_overdue_thank_you(
    user, client_for, make_round, make_upcoming_round, make_interviewer, make_profile
):
    priya = make_interviewer(user, "Priya Shah")
    make_profile(priya, "linkedin", handle="priya-shah")
    first = done_round(make_round, user, priya, hours_ago=50)
    make_upcoming_round(first.pipeline, priya, days=2, name="Onsite")
    client = client_for(user)

    html = client.get(first.get_absolute_url()).text
    assert card_state(html, "Priya Shah") == "overdue"
    assert "Send your thank-you first, then connect" in html
    actions = board_actions(client.get("/").text)
    kinds = [kind for kind, who, _ in actions if who == "Priya Shah"]
    assert kinds[0] == "thank-you"
    assert "connect" not in kinds  # never a request ahead of the thank-you
    assert "2 days ago" in actions[0][2]


def test_an_overdue_thank_you_stays_on_the_board_and_in_the_summary_however_old(
    user, client_for, make_round, make_interviewer
):
    old = done_round(make_round, user, make_interviewer(user, "Olga Berg"), hours_ago=9 * 24)
    client = client_for(user)

    assert card_state(client.get(old.get_absolute_url()).text, "Olga Berg") == "overdue"
    assert ("thank-you", "Olga Berg") in [
        (k, who) for k, who, _ in board_actions(client.get("/").text)
    ]
    assert [a.interviewer for a in summary.build(user, timezone.now()).thank_yous] == ["Olga Berg"]


def test_meetings_already_thanked_do_not_crowd_an_open_thank_you_off_the_board(
    user, client_for, make_round, make_interviewer, make_touch
):
    done_round(make_round, user, make_interviewer(user, "Olga Berg"), hours_ago=3 * 24)
    for n in range(ACTION_PIPELINES + 1):
        thanked = make_interviewer(user, f"Thanked {n}")
        done_round(make_round, user, thanked, hours_ago=24)
        make_touch(thanked, "thank_you_sent", at=timezone.now() - timedelta(hours=20))

    actions = board_actions(client_for(user).get("/").text)

    assert [who for kind, who, _ in actions if kind == "thank-you"] == ["Olga Berg"]


def test_overdue_thank_yous_come_before_due_ones_on_the_board(
    user, client_for, make_round, make_interviewer
):
    done_round(make_round, user, make_interviewer(user, "Due Today"), hours_ago=2)
    done_round(make_round, user, make_interviewer(user, "Long Overdue"), hours_ago=30)

    actions = board_actions(client_for(user).get("/").text)

    assert [who for kind, who, _ in actions if kind == "thank-you"] == ["Long Overdue", "Due Today"]


def test_marking_it_sent_then_undoing_brings_it_back(
    user, client_for, make_round, make_interviewer
):
    priya = make_interviewer(user, "Priya Shah")
    round_ = done_round(make_round, user, priya, hours_ago=30)
    client = client_for(user)
    record = reverse("record_on_interviewer", args=[round_.pk, priya.pk])

    client.post(record, {"kind": "thank_you_sent", "text": "Thank-you email"})
    assert card_state(client.get(round_.get_absolute_url()).text, "Priya Shah") == "sent"
    assert priya.touches.filter(kind="thank_you_sent").get().at <= timezone.now()

    client.post(reverse("thank_you_undo", args=[round_.pk, priya.pk]))
    assert card_state(client.get(round_.get_absolute_url()).text, "Priya Shah") == "overdue"


def test_skipping_a_thank_you_takes_it_off_the_board_and_can_be_undone(
    user, client_for, make_round, make_interviewer
):
    priya = make_interviewer(user, "Priya Shah")
    round_ = done_round(make_round, user, priya, hours_ago=3)
    client = client_for(user)

    response = client.post(
        reverse("record_on_interviewer", args=[round_.pk, priya.pk]),
        {"kind": "thank_you_skipped"},
        HTTP_HX_REQUEST="true",
    )
    assert card_state(response.text, "Priya Shah") == "skipped"
    assert not [a for a in board_actions(client.get("/").text) if a[0] == "thank-you"]

    client.post(reverse("thank_you_undo", args=[round_.pk, priya.pk]))
    assert card_state(client.get(round_.get_absolute_url()).text, "Priya Shah") == "due"


def test_undo_keeps_a_thank_you_sent_for_an_earlier_meeting(
    user, client_for, make_round, make_interviewer, make_touch
):
    priya = make_interviewer(user, "Priya Shah")
    make_touch(priya, "thank_you_sent", at=timezone.now() - timedelta(days=9))
    done_round(make_round, user, priya, hours_ago=240)
    round_ = done_round(make_round, user, priya, hours_ago=3)

    client_for(user).post(reverse("thank_you_undo", args=[round_.pk, priya.pk]))

    assert priya.touches.filter(kind="thank_you_sent").count() == 1


def test_the_thank_you_opens_in_an_email_app_with_subject_and_body_encoded(
    user, client_for, make_round, make_interviewer, make_pipeline
):
    user.display_name = "Zoë O'Neil"
    user.save()
    person = make_interviewer(user, "José García", email="jose@example.com", topic="why Kafka?")
    pipeline = make_pipeline(user, company="Smith & Sons", role="R&D Engineer")
    round_ = done_round(make_round, user, person, hours_ago=2, pipeline=pipeline)

    html = client_for(user).get(round_.get_absolute_url()).text

    href = re.search(r'href="(mailto:[^"]+)"', html).group(1).replace("&amp;", "&")
    parts = urlsplit(href)
    assert unquote(parts.path) == "jose@example.com"
    query = parse_qs(parts.query)
    assert "R&D Engineer" in query["subject"][0]
    body = query["body"][0]
    assert "\r\n" in body and "Zoë O'Neil" in body and "Smith & Sons" in body
    assert "Kafka" in body and "?." not in body
    assert " " not in parts.query and "\n" not in parts.query


def test_no_mailto_link_without_an_email_address(user, client_for, make_round, make_interviewer):
    round_ = done_round(make_round, user, make_interviewer(user, "Priya Shah"), hours_ago=2)
    assert "mailto:" not in client_for(user).get(round_.get_absolute_url()).text


def test_the_thank_you_names_the_meeting_day_in_the_candidates_time_zone(
    user, client_for, make_round, make_interviewer
):
    # 23:00 UTC yesterday is 08:00 today in Tokyo: for a candidate there, they met "today".
    user.time_zone = "Asia/Tokyo"
    user.save()
    now_tokyo = timezone.localtime(timezone.now(), user.tz)
    start = now_tokyo.replace(hour=8, minute=0, second=0, microsecond=0)
    if start > now_tokyo - timedelta(hours=1):
        start -= timedelta(days=1)  # before 09:00 in Tokyo: the meeting was yesterday there
    person = make_interviewer(user, "Aiko Sato")
    round_ = make_round(
        owner=user, status="done", scheduled_at=start, duration_minutes=60, interviewers=(person,)
    )
    expected = "today" if start.date() == now_tokyo.date() else "yesterday"

    html = client_for(user).get(round_.get_absolute_url()).text

    body = re.search(r'data-draft="email"[^>]*>([^<]*)</textarea>', html).group(1)
    assert f"with me {expected}" in body or f" {expected} " in body, body


def test_an_interview_whose_time_has_passed_asks_whether_it_took_place(
    user, client_for, make_round, make_interviewer
):
    eve = make_interviewer(user, "Eve Park")
    onsite = make_round(
        owner=user,
        name="Onsite",
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(hours=5),
        duration_minutes=60,
        interviewers=(eve,),
    )
    client = client_for(user)

    page = client.get(onsite.get_absolute_url()).text
    board = client.get("/").text

    first_step = re.search(r'class="now-item" data-step="([a-z-]+)"', page).group(1)
    assert first_step == "confirm"
    assert "Did it take place?" in page
    assert f'data-confirm="{onsite.pk}"' in board

    response = client.post(
        reverse("interview_status", args=[onsite.pk]),
        {"status": "done", "next": "interview"},
        follow=True,
    )

    assert card_state(response.text, "Eve Park") == "due"
    assert 'data-step="confirm"' not in response.text
    assert f'data-confirm="{onsite.pk}"' not in client.get("/").text


def test_an_interview_still_ahead_or_in_a_closed_pipeline_asks_nothing(
    user, client_for, make_pipeline, make_round, make_interviewer
):
    ahead = make_round(
        owner=user, status="scheduled", scheduled_at=timezone.now() + timedelta(hours=5)
    )
    closed = make_round(
        make_pipeline(user, status="rejected"),
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(days=2),
    )
    client = client_for(user)

    for round_ in (ahead, closed):
        assert 'data-step="confirm"' not in client.get(round_.get_absolute_url()).text
    assert "data-confirm=" not in client.get("/").text


def test_the_checklist_asks_for_a_thank_you_only_while_one_is_ahead_or_open(
    user, client_for, make_round, make_interviewer, make_touch
):
    claire = make_interviewer(user, "Claire Dumas")
    met = done_round(make_round, user, claire, hours_ago=3)
    checklist = reverse("interview_checklist", args=[met.pk])
    client = client_for(user)
    assert "Thank-you email, before any request" in client.get(checklist).text

    make_touch(claire, "thank_you_sent", at=timezone.now())
    data_changed(user.pk)  # as the site's writes do

    assert "Thank-you email" not in client.get(checklist).text


def test_a_panel_thanked_by_nobody_does_not_push_an_older_open_thank_you_off_the_board(
    user, client_for, make_pipeline, make_round, make_interviewer
):
    done_round(make_round, user, make_interviewer(user, "Quinn Old"), hours_ago=20 * 24)
    panel = [make_interviewer(user, f"Panel {n}") for n in range(ACTION_PIPELINES)]
    make_round(
        make_pipeline(user, company="PanelCo"),
        status="done",
        scheduled_at=timezone.now() - timedelta(days=10),
        interviewers=tuple(panel),
    )
    for n in range(22):  # neither application on the board's first page
        make_pipeline(user, company=f"Other {n}")

    actions = board_actions(client_for(user).get("/").text)

    assert "Quinn Old" in [who for kind, who, _ in actions if kind == "thank-you"]


def test_meetings_whose_thank_you_is_moot_do_not_push_an_open_one_off_the_board(
    user, client_for, make_pipeline, make_round, make_interviewer, make_touch
):
    """Each person met (and thanked) here was met again later in an application since closed:
    no thank-you is asked for the later meeting, so none of them takes a place an open one
    needs."""
    done_round(make_round, user, make_interviewer(user, "Quinn Old"), hours_ago=20 * 24)
    for n in range(ACTION_PIPELINES):
        person = make_interviewer(user, f"Moot {n}")
        done_round(make_round, user, person, hours_ago=10 * 24, pipeline=make_pipeline(user))
        make_touch(person, "thank_you_sent", at=timezone.now() - timedelta(days=9, hours=12))
        turned_down = make_pipeline(user, status="rejected")
        done_round(make_round, user, person, hours_ago=9 * 24, pipeline=turned_down)

    assert listed_thank_yous(client_for(user), user) == (["Quinn Old"], ["Quinn Old"])


def test_a_coffee_chat_after_a_round_since_closed_brings_its_thank_you_to_the_board(
    user, client_for, make_pipeline, make_round, make_interviewer, make_touch
):
    """Met in an open application, then in one since closed, then over coffee: the coffee chat
    is the latest meeting, and its thank-you is owed (the round page asks for it)."""
    pat = make_interviewer(user, "Pat Doe")
    done_round(make_round, user, pat, hours_ago=20 * 24, pipeline=make_pipeline(user))
    turned_down = make_pipeline(user, status="rejected")
    done_round(make_round, user, pat, hours_ago=15 * 24, pipeline=turned_down)
    make_touch(pat, "met", at=timezone.now() - timedelta(days=3))

    assert listed_thank_yous(client_for(user), user) == (["Pat Doe"], ["Pat Doe"])


def test_a_coffee_chat_after_a_thanked_interview_brings_its_own_thank_you_to_the_board(
    user, client_for, make_round, make_interviewer, make_touch
):
    pat = make_interviewer(user, "Pat Doe")
    screen = done_round(make_round, user, pat, hours_ago=20 * 24)
    make_touch(pat, "thank_you_sent", at=timezone.now() - timedelta(days=19))
    make_touch(pat, "met", at=timezone.now() - timedelta(days=3))  # a coffee chat
    client = client_for(user)

    assert card_state(client.get(screen.get_absolute_url()).text, "Pat Doe") == "overdue"
    assert listed_thank_yous(client, user) == (["Pat Doe"], ["Pat Doe"])


def test_a_thank_you_sent_during_a_day_long_onsite_counts_on_every_page(
    user, client_for, make_round, make_interviewer, make_touch
):
    """Sent at lunch to the morning's interviewer, before the onsite's last session ended."""
    dana = make_interviewer(user, "Dana Lee")
    onsite = done_round(make_round, user, dana, hours_ago=10 * 24)
    onsite.duration_minutes = 480
    onsite.save()
    make_touch(dana, "thank_you_sent", at=onsite.scheduled_at + timedelta(hours=4))
    client = client_for(user)

    assert card_state(client.get(onsite.get_absolute_url()).text, "Dana Lee") == "sent"
    assert listed_thank_yous(client, user) == ([], [])


def test_a_meeting_recorded_during_a_day_long_onsite_is_the_later_one_on_every_page(
    user, client_for, make_round, make_interviewer, make_touch
):
    """A coffee at lunch after the morning's thank-you: the coffee is the latest meeting, and
    its thank-you is owed, on the round page as on the board and in the summary."""
    dana = make_interviewer(user, "Dana Lee")
    onsite = done_round(make_round, user, dana, hours_ago=10 * 24)
    onsite.duration_minutes = 480
    onsite.save()
    make_touch(dana, "thank_you_sent", at=onsite.scheduled_at + timedelta(hours=1))
    make_touch(dana, "met", at=onsite.scheduled_at + timedelta(hours=4))
    client = client_for(user)

    assert card_state(client.get(onsite.get_absolute_url()).text, "Dana Lee") == "overdue"
    assert listed_thank_yous(client, user) == (["Dana Lee"], ["Dana Lee"])


def test_the_board_links_a_thank_you_to_the_latest_round_by_date_not_by_place(
    user, client_for, make_pipeline, make_round, make_interviewer
):
    xavier = make_interviewer(user, "Xavier Quinn")
    pipeline = make_pipeline(user)
    yesterday = done_round(make_round, user, xavier, hours_ago=26, pipeline=pipeline)
    done_round(make_round, user, xavier, hours_ago=5 * 24, pipeline=pipeline)  # placed after

    board = client_for(user).get("/").text

    assert thank_you_link(board, "Xavier Quinn") == yesterday.get_absolute_url()


def test_the_board_links_a_thank_you_to_the_meeting_it_thanks_for(
    user, client_for, make_pipeline, make_round, make_interviewer, make_touch
):
    """Hired at Northwind (met there ten days ago, thanked), interviewed today by the same
    person at Contoso: the thank-you is for today's interview, and links there."""
    dana = make_interviewer(user, "Dana Lee")
    hired = make_pipeline(user, company="Northwind", status="hired")
    done_round(make_round, user, dana, hours_ago=10 * 24, pipeline=hired)
    make_touch(dana, "thank_you_sent", at=timezone.now() - timedelta(days=9))
    today = done_round(
        make_round, user, dana, hours_ago=4, pipeline=make_pipeline(user, company="Contoso")
    )
    hired.mark_updated()  # the offer accepted after today's interview: listed first

    board = client_for(user).get("/").text

    assert thank_you_link(board, "Dana Lee") == today.get_absolute_url()
    [morning] = summary.build(user, timezone.now()).thank_yous
    assert morning.round == today


def test_an_interview_just_over_is_asked_about_not_listed_as_coming_up(
    user, client_for, make_round
):
    make_round(
        owner=user,
        name="Quick chat",
        status="scheduled",
        scheduled_at=timezone.now() - timedelta(minutes=90),
        duration_minutes=30,
    )

    board = client_for(user).get("/").text

    asked, upcoming = board.split('id="upcoming-heading"')
    assert "Quick chat" in asked.split('id="confirm-heading"')[1]
    assert "Quick chat" not in upcoming


def test_one_person_never_thanked_on_many_rounds_does_not_push_another_off_the_board(
    user, client_for, make_pipeline, make_round, make_interviewer
):
    done_round(make_round, user, make_interviewer(user, "Quinn Old"), hours_ago=20 * 24)
    rita = make_interviewer(user, "Rita Recruiter")
    recruiting = make_pipeline(user, company="B")
    for days in range(9, 9 + ACTION_PIPELINES):
        make_round(
            recruiting,
            status="done",
            scheduled_at=timezone.now() - timedelta(days=days),
            interviewers=(rita,),
        )

    actions = board_actions(client_for(user).get("/").text)

    thank_yous = [who for kind, who, _ in actions if kind == "thank-you"]
    assert sorted(thank_yous) == ["Quinn Old", "Rita Recruiter"]


def test_a_coffee_chat_before_any_interview_brings_its_thank_you_to_the_board(
    user, client_for, make_pipeline, make_upcoming_round, make_interviewer, make_touch
):
    """Coffee with the hiring manager two days ago, her interview three weeks away: the round
    page asks for the thank-you, and so do the board and the morning summary, linking there."""
    pat = make_interviewer(user, "Pat Doe")
    final = make_upcoming_round(make_pipeline(user), pat, days=21, name="Final")
    make_touch(pat, "met", at=timezone.now() - timedelta(days=2))
    client = client_for(user)

    assert card_state(client.get(final.get_absolute_url()).text, "Pat Doe") == "overdue"
    assert listed_thank_yous(client, user) == (["Pat Doe"], ["Pat Doe"])
    assert thank_you_link(client.get("/").text, "Pat Doe") == final.get_absolute_url()


def test_a_coffee_chat_thanked_before_any_interview_leaves_the_board(
    user, client_for, make_pipeline, make_round, make_interviewer, make_touch
):
    pat = make_interviewer(user, "Pat Doe")
    make_round(make_pipeline(user), interviewers=(pat,), name="Final")  # no date yet
    make_touch(pat, "met", at=timezone.now() - timedelta(days=2))
    client = client_for(user)
    assert listed_thank_yous(client, user) == (["Pat Doe"], ["Pat Doe"])

    make_touch(pat, "thank_you_sent", at=timezone.now() - timedelta(days=1))
    data_changed(user.pk)

    assert listed_thank_yous(client, user) == ([], [])


def test_a_coffee_chat_with_someone_only_in_a_closed_application_is_not_listed(
    user, client_for, make_pipeline, make_upcoming_round, make_interviewer, make_touch
):
    """The lists link each thank-you to an open application's interview; this one has none."""
    pat = make_interviewer(user, "Pat Doe")
    make_upcoming_round(make_pipeline(user, status="withdrawn"), pat, days=21)
    make_touch(pat, "met", at=timezone.now() - timedelta(days=2))

    assert listed_thank_yous(client_for(user), user) == ([], [])


def test_a_coffee_chat_before_an_interview_held_since_gives_way_to_the_interviews_thank_you(
    user, client_for, make_pipeline, make_round, make_interviewer, make_touch
):
    pat = make_interviewer(user, "Pat Doe")
    make_touch(pat, "met", at=timezone.now() - timedelta(days=6))  # coffee, never thanked
    screen = done_round(make_round, user, pat, hours_ago=26, pipeline=make_pipeline(user))
    client = client_for(user)

    assert listed_thank_yous(client, user) == (["Pat Doe"], ["Pat Doe"])
    assert thank_you_link(client.get("/").text, "Pat Doe") == screen.get_absolute_url()


def test_a_coffee_chat_with_someone_in_two_applications_is_listed_once(
    user, client_for, make_pipeline, make_upcoming_round, make_interviewer, make_touch
):
    pat = make_interviewer(user, "Pat Doe")
    make_upcoming_round(make_pipeline(user, company="Northwind"), pat, days=20)
    make_upcoming_round(make_pipeline(user, company="Contoso"), pat, days=30)
    make_touch(pat, "met", at=timezone.now() - timedelta(days=2))

    assert listed_thank_yous(client_for(user), user) == (["Pat Doe"], ["Pat Doe"])
