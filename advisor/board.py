"""The board: the next actions the advice suggests across the candidate's pipelines."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Q
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
    platform: str = ""  # for "connect" and "follow": the platform's slug
    note: str = ""  # for "connect": the first drafted note, when there is one


def days_ago(moment: datetime, now: datetime) -> str:
    """ "today", "yesterday" or "3 days ago", counted in calendar days of the active zone."""
    days = (timezone.localdate(now) - timezone.localdate(moment)).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


_ACTIONABLE = (advice.Verdict.CONNECT, advice.Verdict.FOLLOW)
RESEARCH_HORIZON = advice.RESEARCH_HORIZON  # the round page's Now list starts it as early
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
                slug = platform_advice.platform.value
                if platform_advice.verdict is advice.Verdict.CONNECT:
                    text = f"Connect with {person.name} on {platform}"
                    note = ""
                    if platform_advice.drafts:
                        text += ": the note is ready"
                        note = platform_advice.drafts[0].text
                    connects.append(
                        NextAction(
                            "connect", text, anchor, None, person.name, platform=slug, note=note
                        )
                    )
                else:
                    text = f"Follow {person.name} on {platform}"
                    connects.append(
                        NextAction("follow", text, anchor, None, person.name, platform=slug)
                    )
            left = len(advice.PERSON_RESEARCH) - person.research_done
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


def with_company_research(
    actions: list[NextAction], pipelines: Sequence[Pipeline], now: datetime
) -> list[NextAction]:
    """The board's list: next_actions and, among the research, what is left to read about
    each organisation, once per pipeline, as the round page's Now list has it."""
    research = [a for a in actions if a.kind == "research"]
    for pipeline in pipelines:
        research += _company_research(pipeline, list(pipeline.rounds.all()), now)
    research.sort(key=lambda a: (a.due, a.interviewer != ""))  # the company before its people
    thank_yous = [a for a in actions if a.kind == "thank-you"]
    return thank_yous + research + [a for a in actions if a.kind not in ("thank-you", "research")]


def _company_research(pipeline: Pipeline, rounds: list[Round], now: datetime) -> list:
    """The research about the organisation, once per pipeline, before its next interview."""
    left = len(advice.COMPANY_RESEARCH) - len(pipeline.researched or ())
    soon = [
        r
        for r in rounds
        if r.is_upcoming
        and r.people
        and r.scheduled_at
        and now <= r.scheduled_at <= now + RESEARCH_HORIZON
    ]
    if not left or not soon:
        return []
    first = min(soon, key=lambda r: r.scheduled_at)
    text = (
        f"Research {pipeline.company} before {first.name} "
        f"({left} item{'s' if left != 1 else ''} left)"
    )
    return [NextAction("research", text, first, first.scheduled_at)]


def people_for_actions(pipelines: Sequence[Pipeline], now: datetime) -> dict[int, Interviewer]:
    """What next_actions needs of the people of these pipelines' rounds that may need action:
    each once, by id, with what the advice reads (thank-yous, comments, research done), in a
    fixed number of queries. The rounds come with their `people` (models.with_people)."""
    people = {
        person.pk
        for p in pipelines
        for r in p.rounds.all()
        if may_need_action(r, now)
        for person in r.people
    }
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
        .annotate(
            research_done=Count(
                "research_ticks",
                filter=Q(research_ticks__item__in=[i.key for i in advice.PERSON_RESEARCH]),
                distinct=True,
            )
        )
    )
    return {person.pk: person for person in details}


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
    return {
        "groups": [(label, items) for label, items in groups if items],
        "page": page,
        "upcoming": upcoming,
        "actions": with_company_research(
            next_actions(user, for_actions, people_for_actions(for_actions, now), now),
            for_actions,
            now,
        ),
        "overview": overview,
        "closed_count": overview.closed_total,
        "has_pipelines": overview.active > 0,
        "now": now,
    }
