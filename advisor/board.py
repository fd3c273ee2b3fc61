"""The board: the next actions the advice suggests across the candidate's pipelines."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone

from advisor import advice
from advisor.advising import (
    candidate_facts,
    familiarity_for,
    meeting_facts,
    profile_facts,
    progress_for,
    touch_facts,
)
from advisor.models import (
    Interviewer,
    Pipeline,
    Round,
    Touch,
    User,
    interviewers_with_details,
    with_people,
)
from advisor.overview import search_overview


@dataclass(frozen=True)
class NextAction:
    """One thing the board suggests doing now, pointing at the interview page it concerns."""

    kind: str  # "thank-you", "connect", "follow" or "research" (the page's data-action)
    text: str
    round: Round
    due: datetime | None = None
    interviewer: str = ""
    overdue: bool = False


def days_ago(moment: datetime, now: datetime) -> str:
    """ "today", "yesterday" or "3 days ago", counted in calendar days of the active zone."""
    days = (timezone.localdate(now) - timezone.localdate(moment)).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


_ACTIONABLE = (advice.Verdict.CONNECT, advice.Verdict.FOLLOW)
RESEARCH_HORIZON = timedelta(days=3)
# A LinkedIn note "has become advisable" for people met this recently; older ones are old news.
# It also bounds the thank-you: due within a day of a meeting that lasted at most a day.
RECENT_MEETING = timedelta(days=8)


def may_need_action(round_: Round, now: datetime) -> bool:
    """Whether this round's people can have a next action: met lately (a thank-you due within
    a day of the meeting, a LinkedIn note newly advisable) or interviewing within the research
    horizon. The board loads and advises only them."""
    if round_.scheduled_at is None:
        return False
    if round_.status == Round.Status.DONE:
        return round_.scheduled_at >= now - RECENT_MEETING
    return round_.is_upcoming and now <= round_.scheduled_at <= now + RESEARCH_HORIZON


def next_actions(
    user: User, pipelines: Sequence[Pipeline], people: dict[int, Interviewer], now: datetime
) -> list[NextAction]:
    """What the advice says to do now across these pipelines.

    `pipelines` come with rounds in order and the people in them; `people` holds each person
    of a round that may need action (may_need_action) once, by id, with profiles and touches
    prefetched and `research_done` counted.
    """
    candidate = candidate_facts(user)
    thank_yous, research, connects = [], [], []
    for pipeline in pipelines:
        rounds = list(pipeline.rounds.all())
        rounds_of: dict[int, list[Round]] = {}
        for round_ in rounds:
            for person in round_.people:
                rounds_of.setdefault(person.pk, []).append(round_)
        for person_id, their_rounds in rounds_of.items():
            if not any(may_need_action(r, now) for r in their_rounds):
                continue
            person = people[person_id]
            done = [r for r in their_rounds if r.status == Round.Status.DONE]
            upcoming = [r for r in their_rounds if r.is_upcoming]
            anchor = done[-1] if done else (upcoming[0] if upcoming else their_rounds[-1])
            profiles = list(person.profiles.all())
            result = advice.advise(
                candidate=candidate,
                progress=progress_for(person, pipeline, rounds, now),
                familiarity=familiarity_for(person, now),
                meeting=meeting_facts(person, pipeline, anchor, rounds),
                profiles=[profile_facts(p) for p in profiles],
                touches=touch_facts(list(person.touches.all())),
                now=timezone.localtime(now),
            )
            if result.thank_you_first:
                overdue = result.thank_you_state is advice.ThankYou.OVERDUE
                met = days_ago(result.thank_you_due - advice.JUST_MET_WINDOW, now)
                thank_yous.append(
                    NextAction(
                        "thank-you",
                        f"Send {person.name} a thank-you email: you met {met}",
                        anchor,
                        result.thank_you_due,
                        person.name,
                        overdue,
                    )
                )
            met_recently = bool(done) and done[-1].scheduled_at >= now - RECENT_MEETING
            # The thank-you comes first: no request or follow for them is shown before it.
            for platform_advice in result.platforms if not result.thank_you_first else ():
                if not met_recently or platform_advice.verdict not in _ACTIONABLE:
                    continue
                platform = platform_advice.platform.label
                if platform_advice.verdict is advice.Verdict.CONNECT:
                    text = f"Connect with {person.name} on {platform}"
                    if platform_advice.drafts:
                        text += ": the note is ready"
                    connects.append(NextAction("connect", text, anchor, None, person.name))
                else:
                    text = f"Follow {person.name} on {platform}"
                    connects.append(NextAction("follow", text, anchor, None, person.name))
            left = len(advice.RESEARCH_ITEMS) - person.research_done
            soon = [
                r
                for r in upcoming
                if r.scheduled_at and now <= r.scheduled_at <= now + RESEARCH_HORIZON
            ]
            if soon and left:
                research.append(
                    NextAction(
                        "research",
                        f"Research {person.name} before {soon[0].name} "
                        f"({left} item{'s' if left != 1 else ''} left)",
                        soon[0],
                        soon[0].scheduled_at,
                        person.name,
                    )
                )
    thank_yous.sort(key=lambda a: (not a.overdue, a.due))
    research.sort(key=lambda a: a.due)
    return thank_yous + research + connects


PAGE_SIZE = 20
# Next actions look at the few pipelines with the most recent and the nearest rounds, so the
# board costs the same for a long search as for a short one.
ACTION_PIPELINES = 6


def board_page(user: User, page_number: str | None, now: datetime) -> dict:
    """Everything the board shows: open pipelines a page at a time, the interviews coming up,
    the next actions and the search's overview, in a fixed number of queries."""
    overview = search_overview(user, now)
    paginator = Paginator(range(overview.active), PAGE_SIZE)  # counted by the overview
    page = paginator.get_page(page_number)
    loaded = list(
        user.pipelines.for_board(
            first=(page.number - 1) * PAGE_SIZE,
            size=PAGE_SIZE,
            now=now,
            recent=RECENT_MEETING,
            actions=ACTION_PIPELINES,
        )
    )
    with_people(r for p in loaded for r in p.rounds.all())
    shown = [p for p in loaded if p.on_page]
    upcoming = sorted(
        (r for p in loaded for r in p.rounds.all() if r.is_coming_up(now)),
        key=lambda r: r.scheduled_at,
    )[:10]
    groups = [
        (label, [p for p in shown if p.status == status])
        for status, label in [(Pipeline.Status.OFFER, "Offers"), (Pipeline.Status.ACTIVE, "Active")]
    ]
    for_actions = [p for p in loaded if p.for_actions]
    people = {
        person.pk
        for p in for_actions
        for r in p.rounds.all()
        if may_need_action(r, now)
        for person in r.people
    }
    # Each person once, with what the advice reads: thank-yous, comments, research done.
    details = (
        interviewers_with_details(
            touch_kinds=(
                Touch.Kind.THANK_YOU_SENT,
                Touch.Kind.THANK_YOU_SKIPPED,
                Touch.Kind.COMMENTED,
            ),
            research=False,
        )
        .filter(pk__in=people)
        .annotate(research_done=Count("research_ticks", distinct=True))
    )
    return {
        "groups": [(label, items) for label, items in groups if items],
        "page": page,
        "upcoming": upcoming,
        "actions": next_actions(user, for_actions, {i.pk: i for i in details}, now),
        "overview": overview,
        "closed_count": overview.closed_total,
        "has_pipelines": overview.active > 0,
        "now": now,
    }
