"""What to do today for one interview: the round page's "Now" list, in the rule book's order.

The list is built from the advice already given to each person of the round, so it never
disagrees with their cards. A round whose time has passed but is not marked done comes first:
its outcome decides everything after it. Then a thank-you still to send (T3), which hides that
person's requests and follows until it is sent or skipped; then requests with a note, then
follows, then the research before the meeting (R1), which starts a few days ahead. When
nothing is due, ``Agenda.later`` says what comes next and when.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .engine import InterviewerAdvice, PlatformAdvice
from .rules import ThankYou, Verdict

__all__ = ["RESEARCH_HORIZON", "Agenda", "Later", "PersonToday", "Step", "Todo", "agenda"]

# Research is something to do today from this long before the meeting; earlier it is "next".
RESEARCH_HORIZON = timedelta(days=3)


class Step(StrEnum):
    """The kinds of things to do, in the order the list gives them."""

    CONFIRM = "confirm"  # its time has passed: did it take place?
    THANK_YOU = "thank-you"
    CONNECT = "connect"
    FOLLOW = "follow"
    RESEARCH = "research"


@dataclass(frozen=True, slots=True)
class PersonToday:
    """One person of the round, with the advice for them and the research left about them."""

    key: Hashable  # the caller's id for the person, handed back in each Todo
    name: str
    advice: InterviewerAdvice
    research_left: int = 0


@dataclass(frozen=True, slots=True)
class Todo:
    """One line of the list. ``key`` is None for the research about the organisation."""

    step: Step
    key: Hashable | None
    name: str
    platforms: tuple[PlatformAdvice, ...] = ()  # the request (one) or the follows (one or more)
    due: datetime | None = None  # the thank-you's deadline
    overdue: bool = False
    left: int = 0  # research items left

    @property
    def draft(self):
        """The note to send with a request, when there is one."""
        for platform in self.platforms:
            if platform.drafts:
                return platform.drafts[0]
        return None


@dataclass(frozen=True, slots=True)
class Later:
    """The next thing to do once today's list is empty, and from when."""

    at: datetime
    step: Step
    what: str


@dataclass(frozen=True, slots=True)
class Agenda:
    todos: tuple[Todo, ...]
    later: Later | None = None


def agenda(
    people: Sequence[PersonToday],
    *,
    now: datetime,
    preparing: bool,
    meeting_at: datetime | None = None,
    meeting_ends: datetime | None = None,
    company: str = "",
    company_left: int = 0,
) -> Agenda:
    """Today's list for one interview, and the next thing after it.

    ``preparing`` says the meeting is not done yet (research applies while it is ahead, and
    once its end has passed the first line asks whether it took place); ``meeting_at`` and
    ``meeting_ends`` are its start and end when it has a date; ``company_left`` counts the
    research items about the organisation (``company``) not done yet.
    """
    confirm, thank_yous, connects, follows, research = [], [], [], [], []
    if preparing and meeting_ends is not None and meeting_ends <= now:
        # Not marked done yet: nothing that follows a meeting (the thank-you first, T3) can be
        # advised until the candidate says it took place.
        confirm.append(Todo(Step.CONFIRM, None, "", due=meeting_ends))
    for person in people:
        advice = person.advice
        if advice.thank_you_first:
            thank_yous.append(
                Todo(
                    Step.THANK_YOU,
                    person.key,
                    person.name,
                    due=advice.thank_you_due,
                    overdue=advice.thank_you_state is ThankYou.OVERDUE,
                )
            )
            continue  # the thank-you first: no request or follow before it (T3)
        for platform in advice.platforms:
            if platform.verdict is Verdict.CONNECT:
                connects.append(Todo(Step.CONNECT, person.key, person.name, (platform,)))
        to_follow = tuple(p for p in advice.platforms if p.verdict is Verdict.FOLLOW)
        if to_follow:
            follows.append(Todo(Step.FOLLOW, person.key, person.name, to_follow))
    research_now = preparing and (meeting_at is None or now <= meeting_at <= now + RESEARCH_HORIZON)
    if research_now:
        if company_left:
            research.append(Todo(Step.RESEARCH, None, company, left=company_left))
        research += [
            Todo(Step.RESEARCH, p.key, p.name, left=p.research_left)
            for p in people
            if p.research_left
        ]
    thank_yous.sort(key=lambda t: (not t.overdue, t.due))
    todos = (*confirm, *thank_yous, *connects, *follows, *research)
    return Agenda(todos, _later(people, now, preparing, meeting_at, meeting_ends, company_left))


def _later(
    people: Sequence[PersonToday],
    now: datetime,
    preparing: bool,
    meeting_at: datetime | None,
    meeting_ends: datetime | None,
    company_left: int,
) -> Later | None:
    found = []
    for person in people:
        for platform in person.advice.platforms:
            if platform.available_at is not None and platform.available_at > now:
                what = f"connect with {person.name} on {platform.platform.label}"
                found.append(Later(platform.available_at, Step.CONNECT, what))
    if preparing and meeting_at is not None and meeting_at > now and people:
        left = company_left or any(p.research_left for p in people)
        if left and meeting_at - RESEARCH_HORIZON > now:
            found.append(
                Later(meeting_at - RESEARCH_HORIZON, Step.RESEARCH, "research before the meeting")
            )
        ends = meeting_ends or meeting_at
        what = "the thank-you email" if len(people) == 1 else "the thank-you emails"
        found.append(Later(ends, Step.THANK_YOU, f"{what}, within a day of the meeting"))
    return min(found, key=lambda later: later.at, default=None)
