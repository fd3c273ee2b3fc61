"""Verdicts per platform, progress per interviewer, and the advice bundle.

Evaluation order for one profile (rule book, "Rules"):

1. S1: link state connected/following/requested -> DONE; declined -> AVOID.
2. Personal platforms (Facebook P1, WeChat P2, Instagram P3): AVOID at every stage, except
   HIRED -> WAIT "your call once you work together; let them lead" (APP).
3. Twitter-like platforms: private -> AVOID (P4); controversial -> AVOID (P5); else FOLLOW (P6),
   even before the first meeting.
4. GitHub: public -> FOLLOW (P9).
5. LinkedIn: BEFORE_MEETING -> WAIT (T1); JUST_MET -> WAIT (T3) with ``available_at``;
   MET/ADVANCING/OFFER -> CONNECT (P7, T2); HIRED -> CONNECT (T4); CLOSED -> CONNECT (T4).
6. Cautious stance (P8): while the process is open, CONNECT/FOLLOW become WAIT "once you
   accept the offer" (an open-stage WAIT also waits for the offer); AVOID and DONE stay; at
   HIRED and CLOSED the strategic verdict applies.

APP decisions (``PlatformAdvice.own_call`` is True where the verdict itself is our inference):

- LinkedIn has no private profiles in the same sense: visibility is ignored for LinkedIn.
- LinkedIn with a controversial tone keeps the stage's verdict (a LinkedIn connection is a
  professional link, not a sign of agreement); the reason says to keep the note about the
  interview and not to react to their posts.
- GitHub private -> AVOID (from P4: they chose to keep the profile closed); GitHub
  controversial -> AVOID (from P5). Following on GitHub never needs a request.
- Personal platforms at HIRED -> WAIT, cited as the platform rule plus T2 (progress alone
  never removes the platform rule).
- CLOSED has risk NONE (T2 does not name it; no decision is left to sway).
- Touches other than COMMENTED and THANK_YOU_SENT carry no platform, so verdicts rely on the
  profile's link state (S1) rather than on touches.
- Thank-you email: offered at JUST_MET, and at MET up to 72 hours after the meeting (a late
  thank-you still beats none), unless a thank-you was sent after the meeting.

Name notes: ``PlatformAdvice.rules`` holds ``Rule`` objects (``rule_ids`` gives the ids);
``Draft`` has an extra ``shortened`` flag; ``PlatformAdvice`` an extra ``own_call`` flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from .drafts import Draft, comment_guidance, linkedin_note, thank_you_email
from .facts import Candidate, Meeting, ProfileFacts, TouchFacts
from .rules import (
    OPEN_PROGRESS,
    RESEARCH_ITEMS,
    RISK_BY_PROGRESS,
    RULES,
    LinkState,
    Platform,
    PlatformClass,
    Progress,
    ResearchItem,
    Risk,
    Rule,
    Stance,
    Tone,
    TouchKind,
    Verdict,
    Visibility,
)

__all__ = [
    "COMMENT_LIMIT",
    "JUST_MET_WINDOW",
    "PIPELINE_STATUSES",
    "WHEN_AFTER_ROUND",
    "WHEN_MET",
    "WHEN_NEXT_DAY",
    "WHEN_OFFER",
    "WHEN_TOGETHER",
    "WHEN_TOMORROW",
    "CommentAdvice",
    "InterviewerAdvice",
    "OtherView",
    "PlatformAdvice",
    "ResearchAdvice",
    "advise",
    "advise_platform",
    "derive_progress",
    "preview_after_round",
    "stage_path",
]

JUST_MET_WINDOW = timedelta(hours=24)
LATE_THANK_YOU_WINDOW = timedelta(hours=72)
COMMENT_LIMIT = 2
PIPELINE_STATUSES = ("active", "offer", "hired", "rejected", "withdrawn")

WHEN_MET = "once you have met them"
WHEN_TOMORROW = "from tomorrow"
WHEN_OFFER = "once you accept the offer"
WHEN_TOGETHER = "your call once you work together; let them lead"
# Used by preview_after_round only.
WHEN_AFTER_ROUND = "right after this interview"
WHEN_NEXT_DAY = "from the next day"


# --------------------------------------------------------------------------- progress


def derive_progress(
    *,
    pipeline_status: str,
    meetings: Iterable[datetime],
    later_round: bool,
    now: datetime,
) -> Progress:
    """Progress with one interviewer.

    The pipeline status wins: offer -> OFFER, hired -> HIRED, rejected/withdrawn -> CLOSED.
    For an active pipeline, ``meetings`` are the end times (aware datetimes) of finished rounds
    with this interviewer: none -> BEFORE_MEETING; latest less than 24 hours before ``now`` ->
    JUST_MET (exactly 24 hours is MET); ``later_round`` (a later round scheduled or held) ->
    ADVANCING; else MET.
    """
    status = pipeline_status.strip().lower()
    if status not in PIPELINE_STATUSES:
        raise ValueError(f"unknown pipeline status {pipeline_status!r}")
    if status == "offer":
        return Progress.OFFER
    if status == "hired":
        return Progress.HIRED
    if status in ("rejected", "withdrawn"):
        return Progress.CLOSED
    _require_aware(now, "now")
    ends = list(meetings)
    for end in ends:
        _require_aware(end, "meeting end")
    if not ends:
        return Progress.BEFORE_MEETING
    if now - max(ends) < JUST_MET_WINDOW:
        return Progress.JUST_MET
    return Progress.ADVANCING if later_round else Progress.MET


def _require_aware(value: datetime, what: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime")


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True, slots=True)
class OtherView:
    stance: Stance
    verdict: Verdict
    reason: str


@dataclass(frozen=True, slots=True)
class PlatformAdvice:
    platform: Platform
    verdict: Verdict
    reason: str
    rules: tuple[Rule, ...]
    when: str | None = None
    available_at: datetime | None = None
    risk: Risk = Risk.NONE
    other_view: OtherView | None = None
    drafts: tuple[Draft, ...] = ()
    own_call: bool = False

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


@dataclass(frozen=True, slots=True)
class CommentAdvice:
    count: int
    limit: int
    allowed: bool
    text: str
    rules: tuple[Rule, ...]
    draft: Draft

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


@dataclass(frozen=True, slots=True)
class ResearchAdvice:
    items: tuple[ResearchItem, ...]
    reason: str
    rules: tuple[Rule, ...]

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


@dataclass(frozen=True, slots=True)
class InterviewerAdvice:
    progress: Progress
    risk: Risk
    platforms: tuple[PlatformAdvice, ...]
    research: ResearchAdvice
    comments: CommentAdvice
    thank_you: Draft | None = None
    thank_you_due: datetime | None = None
    stance: Stance = field(default=Stance.STRATEGIC)


# --------------------------------------------------------------------------- verdicts


@dataclass(frozen=True, slots=True)
class _Call:
    verdict: Verdict
    reason: str
    rule_ids: tuple[str, ...]
    when: str | None = None
    own_call: bool = False


_PERSONAL_RULE = {
    Platform.FACEBOOK: ("P1",),
    Platform.WECHAT: ("P2",),
    Platform.INSTAGRAM: ("P3", "P1"),
}

_PERSONAL_REASON = {
    Platform.FACEBOOK: "Facebook is their personal space; a friend request from a candidate "
    "feels too personal.",
    Platform.WECHAT: "A WeChat friend request to an interviewer comes across as unprofessional.",
    Platform.INSTAGRAM: "Instagram is a personal space, so it gets Facebook's answer: no request.",
}


def _strategic_call(progress: Progress, profile: ProfileFacts) -> _Call:
    platform = profile.platform
    pclass = platform.platform_class

    if profile.state is LinkState.CONNECTED:
        return _Call(Verdict.DONE, "You are already connected; there is nothing to send.", ("S1",))
    if profile.state is LinkState.FOLLOWING:
        return _Call(Verdict.DONE, "You already follow them; nothing more to do.", ("S1",))
    if profile.state is LinkState.REQUESTED:
        return _Call(
            Verdict.DONE, "Your request is still pending; do not send another one.", ("S1",)
        )
    if profile.state is LinkState.DECLINED:
        return _Call(
            Verdict.AVOID, "They declined or ignored your request; leave it at that.", ("S1",)
        )

    if pclass is PlatformClass.PERSONAL_REQUEST:
        rule_ids = _PERSONAL_RULE[platform]
        if progress is Progress.HIRED:
            return _Call(
                Verdict.WAIT,
                "You will be colleagues soon; linking here is up to you later, and best left "
                "for them to suggest.",
                (*rule_ids, "T2"),
                when=WHEN_TOGETHER,
                own_call=True,
            )
        if progress is Progress.CLOSED:
            return _Call(
                Verdict.AVOID,
                "The process has ended, but this is still their personal space; leave it be.",
                rule_ids,
            )
        return _Call(Verdict.AVOID, _PERSONAL_REASON[platform], rule_ids)

    if pclass is PlatformClass.PUBLIC_FOLLOW:
        if profile.visibility is Visibility.PRIVATE:
            return _Call(
                Verdict.AVOID,
                "Their account is private, so following would mean asking them; don't.",
                ("P4",),
            )
        if profile.tone is Tone.CONTROVERSIAL:
            return _Call(
                Verdict.AVOID,
                "They post heated or very personal material; a follow could read as agreement.",
                ("P5",),
            )
        return _Call(
            Verdict.FOLLOW,
            "A public, even-toned account: following is low risk and makes your name familiar. "
            "Tidy your own profile first.",
            ("P6",),
        )

    if pclass is PlatformClass.PROFESSIONAL_FOLLOW:
        if profile.visibility is Visibility.PRIVATE:
            return _Call(
                Verdict.AVOID,
                "They keep their GitHub profile private; respect that and don't follow.",
                ("P9", "P4"),
                own_call=True,
            )
        if profile.tone is Tone.CONTROVERSIAL:
            return _Call(
                Verdict.AVOID,
                "Their GitHub activity is heated or very personal; a follow could read as "
                "agreement.",
                ("P9", "P5"),
                own_call=True,
            )
        return _Call(
            Verdict.FOLLOW,
            "Following a public GitHub profile needs no request and is low risk.",
            ("P9",),
        )

    # LinkedIn (visibility is ignored: APP).
    controversial = profile.tone is Tone.CONTROVERSIAL
    extra = (
        " Keep it about the interview and stay clear of their heated posts."
        if (controversial)
        else ""
    )
    if progress is Progress.BEFORE_MEETING:
        return _Call(
            Verdict.WAIT,
            "You have not met yet; a request now would leave them guessing at your motive.",
            ("T1",),
            when=WHEN_MET,
        )
    if progress is Progress.JUST_MET:
        return _Call(
            Verdict.WAIT,
            "You met them less than a day ago: send the thank-you email first, and connect once a "
            "full day has passed.",
            ("T3",),
            when=WHEN_TOMORROW,
        )
    if progress is Progress.HIRED:
        return _Call(
            Verdict.CONNECT,
            "You have accepted: connecting with a future colleague is natural now." + extra,
            ("T4",),
            own_call=controversial,
        )
    if progress is Progress.CLOSED:
        return _Call(
            Verdict.CONNECT,
            "The process is over; a gracious note keeps the door open." + extra,
            ("T4",),
            own_call=controversial,
        )
    return _Call(
        Verdict.CONNECT,
        "You have met: connect, with a note that makes clear you expect nothing from it." + extra,
        ("P7", "T2"),
        own_call=controversial,
    )


def _call(stance: Stance, progress: Progress, profile: ProfileFacts) -> _Call:
    base = _strategic_call(progress, profile)
    if stance is Stance.STRATEGIC or progress not in OPEN_PROGRESS:
        return base
    if base.verdict in (Verdict.CONNECT, Verdict.FOLLOW):
        return _Call(
            Verdict.WAIT,
            "Cautious approach: no request or follow until you have accepted an offer, so it "
            "cannot look presumptuous.",
            ("P8",),
            when=WHEN_OFFER,
        )
    if base.verdict is Verdict.WAIT:
        return _Call(
            Verdict.WAIT,
            base.reason.rstrip(".") + "; on the cautious approach, hold off until you are hired.",
            (*base.rule_ids, "P8"),
            when=WHEN_OFFER,
            own_call=base.own_call,
        )
    return base


def _other(stance: Stance) -> Stance:
    return Stance.CAUTIOUS if stance is Stance.STRATEGIC else Stance.STRATEGIC


def _rules(rule_ids: Iterable[str]) -> tuple[Rule, ...]:
    return tuple(RULES[r] for r in rule_ids)


def _note_variants(progress: Progress) -> tuple[str, ...]:
    if progress is Progress.HIRED:
        return ("hired",)
    if progress is Progress.CLOSED:
        return ("closed",)
    return ("warm", "candid")


def advise_platform(
    *,
    candidate: Candidate,
    progress: Progress,
    meeting: Meeting,
    profile: ProfileFacts,
    touches: Sequence[TouchFacts] = (),
    now: datetime,
) -> PlatformAdvice:
    """The verdict, reason, rules, timing, risk, other view and drafts for one profile."""
    del touches, now  # verdicts depend on the link state (S1), not on platform-less touches
    stance = candidate.stance
    call = _call(stance, progress, profile)
    other = _call(_other(stance), progress, profile)
    other_view = (
        OtherView(_other(stance), other.verdict, other.reason)
        if other.verdict is not call.verdict
        else None
    )
    available_at = None
    if call.when == WHEN_TOMORROW and meeting.met_at is not None:
        available_at = meeting.met_at + JUST_MET_WINDOW
    drafts: tuple[Draft, ...] = ()
    if call.verdict is Verdict.CONNECT and profile.platform is Platform.LINKEDIN:
        drafts = tuple(linkedin_note(v, candidate, meeting) for v in _note_variants(progress))
    return PlatformAdvice(
        platform=profile.platform,
        verdict=call.verdict,
        reason=call.reason,
        rules=_rules(call.rule_ids),
        when=call.when,
        available_at=available_at,
        risk=RISK_BY_PROGRESS[progress],
        other_view=other_view,
        drafts=drafts,
        own_call=call.own_call,
    )


def _thank_you_sent(meeting: Meeting, touches: Sequence[TouchFacts]) -> bool:
    return any(
        t.kind is TouchKind.THANK_YOU_SENT and (meeting.met_at is None or t.at >= meeting.met_at)
        for t in touches
    )


def advise(
    *,
    candidate: Candidate,
    progress: Progress,
    meeting: Meeting,
    profiles: Sequence[ProfileFacts],
    touches: Sequence[TouchFacts] = (),
    now: datetime,
) -> InterviewerAdvice:
    """Everything the interviewer page shows: platforms (input order), research, comments and
    the thank-you email."""
    platforms = tuple(
        advise_platform(
            candidate=candidate,
            progress=progress,
            meeting=meeting,
            profile=p,
            touches=touches,
            now=now,
        )
        for p in profiles
    )
    count = sum(1 for t in touches if t.kind is TouchKind.COMMENTED)
    guidance = comment_guidance(count, COMMENT_LIMIT)
    comments = CommentAdvice(
        count=count,
        limit=COMMENT_LIMIT,
        allowed=count < COMMENT_LIMIT,
        text=guidance.text,
        rules=_rules(("C1",)),
        draft=guidance,
    )
    research = ResearchAdvice(
        items=RESEARCH_ITEMS,
        reason="Reading their public profiles to prepare is fine at every stage.",
        rules=_rules(("R1",)),
    )
    thank_you = None
    due = None
    sent = _thank_you_sent(meeting, touches)
    if progress is Progress.JUST_MET and not sent:
        thank_you = thank_you_email(candidate, meeting)
        if meeting.met_at is not None:
            due = meeting.met_at + JUST_MET_WINDOW
    elif (
        progress is Progress.MET
        and not sent
        and meeting.met_at is not None
        and now - meeting.met_at < LATE_THANK_YOU_WINDOW
    ):
        thank_you = thank_you_email(candidate, meeting)
    return InterviewerAdvice(
        progress=progress,
        risk=RISK_BY_PROGRESS[progress],
        platforms=platforms,
        research=research,
        comments=comments,
        thank_you=thank_you,
        thank_you_due=due,
        stance=candidate.stance,
    )


def preview_after_round(
    *,
    candidate: Candidate,
    progress: Progress,
    meeting: Meeting,
    profiles: Sequence[ProfileFacts],
    touches: Sequence[TouchFacts] = (),
    now: datetime,
) -> tuple[PlatformAdvice, ...]:
    """What changes once the upcoming round with this interviewer is done.

    The round is assumed finished: first the stage is JUST_MET (the day of the round), then MET
    (from the next day). For each profile, in input order, this returns the advice whose
    verdict differs from today's:

    - the JUST_MET advice if its verdict differs from now, with ``when`` = "right after this
      interview" (e.g. LinkedIn pauses for a day after a new round);
    - the MET advice if its verdict differs from the one before it, with ``when`` =
      "from the next day" (e.g. "after this interview: LinkedIn becomes connect from the
      next day").

    In these results ``when`` tells when the change takes effect, whatever the verdict, and
    ``available_at`` is None (the round's end time is not known yet). Once an offer, hire or
    close is reached no round changes anything, so the result is empty.
    """
    if progress not in (
        Progress.BEFORE_MEETING,
        Progress.JUST_MET,
        Progress.MET,
        Progress.ADVANCING,
    ):
        return ()
    future = replace(meeting, met_at=None)
    changes: list[PlatformAdvice] = []
    for profile in profiles:

        def at(stage: Progress, m: Meeting, p: ProfileFacts = profile) -> PlatformAdvice:
            return advise_platform(
                candidate=candidate, progress=stage, meeting=m, profile=p, touches=touches, now=now
            )

        current = at(progress, meeting)
        just_met = at(Progress.JUST_MET, future)
        met = at(Progress.MET, future)
        if just_met.verdict is not current.verdict:
            changes.append(replace(just_met, when=WHEN_AFTER_ROUND, available_at=None))
        if met.verdict is not just_met.verdict:
            changes.append(replace(met, when=WHEN_NEXT_DAY, available_at=None))
    return tuple(changes)


def stage_path(
    *, candidate: Candidate, profile: ProfileFacts
) -> tuple[tuple[Progress, Verdict], ...]:
    """This profile's verdict at every stage, in order (pair it with RISK_BY_PROGRESS, T2)."""
    return tuple((p, _call(candidate.stance, p, profile).verdict) for p in Progress)
