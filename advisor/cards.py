"""The round page's per-person cards: the advice for each interviewer, shaped for the page."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from urllib.parse import quote

from django.utils import timezone

from advisor import advice
from advisor.advising import (
    candidate_facts,
    familiarity_for,
    meeting_facts,
    platform_rank,
    profile_facts,
    progress_for,
    touch_facts,
)
from advisor.models import Interviewer, Pipeline, Profile, Round, Touch, User


@dataclass(frozen=True)
class RecordAction:
    """The button that records what the candidate did on a platform."""

    kind: str
    label: str
    secondary: bool = False


@dataclass(frozen=True)
class PlatformRow:
    profile: Profile
    advice: advice.PlatformAdvice
    path: tuple[tuple[advice.Progress, advice.Verdict], ...]

    @cached_property
    def platform_label(self) -> str:
        """The platform's name, read a few times per row: Django builds it anew on each call."""
        return self.profile.get_platform_display()

    @property
    def action(self) -> RecordAction | None:
        """Record following the advice, or the answer to a pending request."""
        if self.advice.verdict is advice.Verdict.CONNECT:
            return RecordAction(Touch.Kind.REQUEST_SENT, "Mark as sent")
        if self.advice.verdict is advice.Verdict.FOLLOW:
            return RecordAction(Touch.Kind.FOLLOWED, "Mark as followed")
        if self.profile.state == Profile.State.REQUESTED:
            return RecordAction(Touch.Kind.REQUEST_ACCEPTED, "They accepted", secondary=True)
        return None


@dataclass(frozen=True)
class Cell:
    """One cell of the risk picture: its text and its CSS classes."""

    text: str
    css: str


@dataclass(frozen=True)
class InterviewerCard:
    """Everything one interviewer's card shows, computed once per request."""

    interviewer: Interviewer
    advice: advice.InterviewerAdvice
    rows: tuple[PlatformRow, ...]
    preview: tuple[advice.PlatformAdvice, ...]
    history: tuple[tuple[str, int], ...]  # touch counts by kind, e.g. (Met, 2)
    ticked: frozenset[str]
    elsewhere: tuple[str, ...] = ()  # other open processes this person is part of
    open: str = ""  # the folded section the address asks to show open (views.FOLDED_SECTIONS)

    @property
    def stages(self) -> list[tuple[advice.Progress, bool]]:
        """The stages left to right, each with whether this interviewer is at it."""
        return [(stage, stage is self.advice.progress) for stage in advice.Progress]

    @property
    def risk_rows(self) -> list[tuple[str, list[Cell]]]:
        """The risk picture (T2) as rows of cells, prepared here because a page shows one per
        interviewer: the risk at each stage, then each platform's verdict at each stage."""

        def here(stage: advice.Progress) -> str:
            return " here" if stage is self.advice.progress else ""

        rows = [
            (
                "Risk (T2)",
                [
                    Cell(risk.label, f"risk-cell risk-{risk.value}{here(stage)}")
                    for stage, risk in advice.RISK_BY_PROGRESS.items()
                ],
            )
        ]
        for row in self.rows:
            cells = [
                Cell(verdict.label, f"path-cell path-{verdict.value}{here(stage)}")
                for stage, verdict in row.path
            ]
            rows.append((row.profile.get_platform_display(), cells))
        return rows

    @property
    def thank_you_mailto(self) -> str:
        """A mailto: link with the thank-you's subject and body, where their email is known."""
        draft, email = self.advice.thank_you, self.interviewer.email
        if draft is None or not email:
            return ""
        # RFC 6068: every reserved character percent-encoded, line breaks as CRLF.
        body = draft.text.replace("\r\n", "\n").replace("\n", "\r\n")
        return (
            f"mailto:{quote(email, safe='@')}"
            f"?subject={quote(draft.subject, safe='')}&body={quote(body, safe='')}"
        )

    @property
    def research_done(self) -> int:
        return len(self.ticked & {item.key for item in advice.PERSON_RESEARCH})

    @property
    def research_total(self) -> int:
        return len(advice.PERSON_RESEARCH)

    @property
    def research_left(self) -> int:
        return self.research_total - self.research_done

    @property
    def drafts_to_send_after(self) -> list[tuple[Profile, advice.Draft]]:
        """For paper: per platform, the note that applies now or, failing that, once the
        round is done."""
        found = []
        for row in self.rows:
            later = [p for p in self.preview if p.platform == row.advice.platform and p.drafts]
            drafts = row.advice.drafts or (later[-1].drafts if later else ())
            if drafts:
                found.append((row.profile, drafts[0]))
        return found

    @property
    def research_items(self) -> list[tuple[advice.ResearchItem, bool]]:
        """The research about the person; the organisation's is the page's (RoundPage)."""
        return [(item, item.key in self.ticked) for item in advice.PERSON_RESEARCH]


def interviewer_card(
    user: User,
    interviewer: Interviewer,
    round_: Round,
    rounds: Sequence[Round],
    now: datetime,
    elsewhere: Sequence[str] = (),
    position: int = 0,
) -> InterviewerCard:
    """The advice for one interviewer of a round. `interviewer` comes with profiles, touches and
    research ticks prefetched (models.interviewers_with_details); `position` is their place
    among the round's cards."""
    pipeline = round_.pipeline
    candidate = candidate_facts(user)
    profiles = sorted(interviewer.profiles.all(), key=platform_rank)
    facts = [profile_facts(p) for p in profiles]
    situation = {
        "candidate": candidate,
        "progress": progress_for(interviewer, pipeline, rounds, now),
        "familiarity": familiarity_for(interviewer, now),
        "meeting": meeting_facts(interviewer, pipeline, round_, rounds, position),
        "profiles": facts,
        "touches": touch_facts(list(interviewer.touches.all())),
        "now": timezone.localtime(now),  # drafts name the day in the candidate's zone
    }
    result = advice.advise(**situation)
    preview = advice.preview_after_round(**situation) if round_.is_upcoming else ()
    # The picture shows where each platform turns advisable, whatever link exists already.
    rows = tuple(
        PlatformRow(
            profile,
            platform_advice,
            advice.stage_path(
                candidate=candidate, profile=replace(fact, state=advice.LinkState.NONE)
            ),
        )
        for profile, platform_advice, fact in zip(profiles, result.platforms, facts, strict=True)
    )
    kinds = Counter(t.kind for t in interviewer.touches.all())
    history = tuple((label, kinds[value]) for value, label in Touch.Kind.choices if kinds[value])
    ticked = frozenset(tick.item for tick in interviewer.research_ticks.all())
    return InterviewerCard(interviewer, result, rows, preview, history, ticked, tuple(elsewhere))


def read_their_rounds(pipeline: Pipeline, people: list[Interviewer]) -> dict[int, list[str]]:
    """What the round page needs of its people's rounds in every pipeline, in one query: on
    each person, their latest meeting, as models.with_latest_meeting annotates it (five
    subqueries that cost more to build than to run), and per person the other open pipelines
    they interview for (the advice here is for this process only; the stage may differ
    there). `people` come with all their touches (interviewers_with_details)."""
    links = Round.interviewers.through.objects.filter(interviewer__in=people).values_list(
        "interviewer_id",
        "round_id",
        "round__status",
        "round__scheduled_at",
        "round__duration_minutes",
        "round__pipeline_id",
        "round__pipeline__status",
        "round__pipeline__company",
        "round__pipeline__role",
    )
    latest: dict[int, tuple] = {}
    elsewhere: dict[int, set[tuple[str, str]]] = {}
    open_statuses = (Pipeline.Status.ACTIVE, Pipeline.Status.OFFER)
    for person_id, round_id, status, at, minutes, pipeline_id, state, company, role in links:
        met = status == Round.Status.DONE and at is not None
        if met and (person_id not in latest or (at, round_id) > latest[person_id][:2]):
            latest[person_id] = (at, round_id, minutes, company, role)
        if pipeline_id != pipeline.pk and state in open_statuses:
            elsewhere.setdefault(person_id, set()).add((company, role))
    for person in people:
        at, _, minutes, company, role = latest.get(person.pk, (None, None, None, None, None))
        person.met_round_start, person.met_round_minutes = at, minutes
        person.met_round_company, person.met_round_role = company, role
        met = [t.at for t in person.touches.all() if t.kind == Touch.Kind.MET]
        person.met_touch_at = max(met, default=None)
    return {
        person_id: [f"{role} at {company}" for company, role in sorted(processes)]
        for person_id, processes in elsewhere.items()
    }


@dataclass(frozen=True)
class NowLine:
    """One line of the round page's Now list: the engine's to-do and what its buttons need."""

    todo: advice.Todo
    card: InterviewerCard | None  # None for the research about the organisation
    rows: tuple[PlatformRow, ...] = ()  # the profiles of the request or the follows


@dataclass(frozen=True)
class RoundPage:
    """The round page: today's list first, then a card per person."""

    cards: list[InterviewerCard]
    now: tuple[NowLine, ...]
    later: advice.Later | None
    preparing: bool  # the meeting is ahead: research and comment guidance apply
    company_research: list[tuple[advice.ResearchItem, bool]]

    @property
    def company_done(self) -> int:
        return sum(ticked for _, ticked in self.company_research)


def round_page(
    user: User,
    round_: Round,
    rounds: Sequence[Round],
    interviewers: Sequence[Interviewer],
    now: datetime,
    elsewhere: dict[int, list] | None = None,
) -> RoundPage:
    """The cards of the round's people and the engine's list of what to do today."""
    elsewhere = elsewhere or {}
    cards = [
        interviewer_card(
            user,
            person,
            round_,
            rounds,
            now,
            elsewhere=elsewhere.get(person.pk, ()),
            position=position,
        )
        for position, person in enumerate(interviewers)
    ]
    pipeline = round_.pipeline
    preparing = round_.is_upcoming and not pipeline.is_closed
    researched = set(pipeline.researched or ())
    company = [(item, item.key in researched) for item in advice.COMPANY_RESEARCH]
    plan = advice.agenda(
        [
            advice.PersonToday(
                card.interviewer.pk, card.interviewer.name, card.advice, card.research_left
            )
            for card in cards
        ],
        now=now,
        preparing=preparing,
        meeting_at=round_.scheduled_at,
        meeting_ends=round_.ends_at,
        company=pipeline.company,
        company_left=sum(not ticked for _, ticked in company),
    )
    by_person = {card.interviewer.pk: card for card in cards}
    lines = []
    for todo in plan.todos:
        card = by_person.get(todo.key)
        platforms = {p.platform for p in todo.platforms}
        rows = tuple(r for r in card.rows if r.advice.platform in platforms) if card else ()
        lines.append(NowLine(todo, card, rows))
    return RoundPage(cards, tuple(lines), plan.later, preparing, company)
