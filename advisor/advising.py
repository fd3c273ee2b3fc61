"""From the candidate's records to the advice engine's facts, and back to what pages show.

The engine (advisor.advice) decides; this module only gathers facts from objects that the
views fetched with their prefetches, so it asks the database nothing itself.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.utils import timezone

from advisor import advice
from advisor.models import Interviewer, Pipeline, Profile, Round, Touch, User


def candidate_facts(user: User) -> advice.Candidate:
    return advice.Candidate(
        display_name=user.display_name,
        stance=advice.Stance(user.stance),
        linkedin_premium=user.linkedin_premium,
    )


def _rounds_with(interviewer: Interviewer, rounds: Sequence[Round]) -> list[Round]:
    return [r for r in rounds if any(i.pk == interviewer.pk for i in r.people)]


def meetings_with(interviewer: Interviewer) -> list[datetime]:
    """When the candidate last met this person, in any pipeline: the end of the latest finished
    round they were on and the latest `met` touch (models.with_latest_meeting annotates both)."""
    found = []
    if interviewer.met_round_start is not None:
        minutes = interviewer.met_round_minutes
        found.append(interviewer.met_round_start + timedelta(minutes=minutes))
    if interviewer.met_touch_at is not None:
        found.append(interviewer.met_touch_at)
    return found


def familiarity_for(interviewer: Interviewer, now: datetime) -> advice.Familiarity:
    return advice.derive_familiarity(meetings=meetings_with(interviewer), now=now)


def progress_for(
    interviewer: Interviewer, pipeline: Pipeline, rounds: Sequence[Round], now: datetime
) -> advice.Progress:
    """The grid's column for this person in this pipeline: the pipeline's stage, and the
    candidate's history with the person in every pipeline (rule book, "Inputs").

    `rounds` are the pipeline's rounds in order, with their `people` (models.with_people);
    "advancing" needs a later round of this pipeline after a meeting with them in it.
    """
    met_rounds = [r for r in _rounds_with(interviewer, rounds) if r.status == Round.Status.DONE]
    later_round = False
    if met_rounds:
        last_index = max(rounds.index(r) for r in met_rounds)
        later_round = any(
            r.status in (Round.Status.SCHEDULED, Round.Status.DONE)
            for r in rounds[last_index + 1 :]
        )
    return advice.derive_progress(
        pipeline_status=pipeline.status,
        meetings=meetings_with(interviewer),
        later_round=later_round,
        now=now,
    )


def meeting_facts(
    interviewer: Interviewer, pipeline: Pipeline, round_: Round, rounds: Sequence[Round]
) -> advice.Meeting:
    """What drafts may mention: the latest finished round with them in this pipeline, else
    this round; for someone met only in another application, that meeting."""
    met_rounds = [r for r in _rounds_with(interviewer, rounds) if r.status == Round.Status.DONE]
    company, role = pipeline.company, pipeline.role
    round_name, day = round_.name, round_.scheduled_at
    if met_rounds and round_.status != Round.Status.DONE:
        shown = max(met_rounds, key=lambda r: r.ends_at)
        round_name, day = shown.name, shown.scheduled_at
    elif not met_rounds and interviewer.met_round_start is not None:
        # Met in an earlier application: the notes speak of that meeting.
        company, role = interviewer.met_round_company, interviewer.met_round_role
        round_name, day = "", interviewer.met_round_start
    return advice.Meeting(
        interviewer_name=interviewer.name,
        company=company,
        role=role,
        round_name=round_name,
        round_date=timezone.localdate(day) if day else None,
        topic=interviewer.topic,
        met_at=max(meetings_with(interviewer), default=None),
    )


def profile_facts(profile: Profile) -> advice.ProfileFacts:
    return advice.ProfileFacts(
        platform=advice.Platform(profile.platform),
        visibility=advice.Visibility(profile.visibility),
        tone=advice.Tone(profile.tone),
        state=advice.LinkState(profile.state),
    )


def touch_facts(touches: Sequence[Touch]) -> tuple[advice.TouchFacts, ...]:
    return tuple(advice.TouchFacts(kind=advice.TouchKind(t.kind), at=t.at) for t in touches)


_PLATFORM_ORDER = {platform.value: rank for rank, platform in enumerate(advice.Platform)}


def platform_rank(profile: Profile) -> int:
    """LinkedIn first, then the follow platforms, as the rule book lists them."""
    return _PLATFORM_ORDER[profile.platform]


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
    def research_done(self) -> int:
        return len(self.ticked & {item.key for item in advice.RESEARCH_ITEMS})

    @property
    def research_total(self) -> int:
        return len(advice.RESEARCH_ITEMS)

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
        return [(item, item.key in self.ticked) for item in advice.RESEARCH_ITEMS]


def interviewer_card(
    user: User,
    interviewer: Interviewer,
    round_: Round,
    rounds: Sequence[Round],
    now: datetime,
    elsewhere: Sequence[str] = (),
) -> InterviewerCard:
    """The advice for one interviewer of a round. `interviewer` comes with profiles, touches and
    research ticks prefetched (models.interviewers_with_details)."""
    pipeline = round_.pipeline
    candidate = candidate_facts(user)
    profiles = sorted(interviewer.profiles.all(), key=platform_rank)
    facts = [profile_facts(p) for p in profiles]
    situation = {
        "candidate": candidate,
        "progress": progress_for(interviewer, pipeline, rounds, now),
        "familiarity": familiarity_for(interviewer, now),
        "meeting": meeting_facts(interviewer, pipeline, round_, rounds),
        "profiles": facts,
        "touches": touch_facts(list(interviewer.touches.all())),
        "now": now,
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


@dataclass(frozen=True)
class NextAction:
    """One thing the board suggests doing now, pointing at the interview page it concerns."""

    kind: str  # "thank_you", "research" or "connect"
    text: str
    round: Round
    due: datetime | None = None


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
                now=now,
            )
            if result.thank_you and result.thank_you_due:
                thank_yous.append(
                    NextAction(
                        "thank_you",
                        f"Send {person.name} a thank-you email",
                        anchor,
                        result.thank_you_due,
                    )
                )
            met_recently = bool(done) and done[-1].scheduled_at >= now - RECENT_MEETING
            for platform_advice in result.platforms:
                if (
                    met_recently
                    and platform_advice.platform is advice.Platform.LINKEDIN
                    and platform_advice.verdict is advice.Verdict.CONNECT
                ):
                    connects.append(
                        NextAction(
                            "connect",
                            f"Connect with {person.name} on LinkedIn: the note is ready",
                            anchor,
                        )
                    )
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
                    )
                )
    thank_yous.sort(key=lambda a: a.due)
    research.sort(key=lambda a: a.due)
    return thank_yous + research + connects
