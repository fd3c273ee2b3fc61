"""Verdicts per platform, familiarity and progress per person, and the advice bundle.

Two inputs place a person in the rule book's grid: the **familiarity** (the candidate's own
history with that person across every pipeline: never met, just met, met) and the pipeline's
**stage**. ``Progress`` is the grid's column, the pair of the two: ``before_meeting`` is never
met in an open process, ``offer``, ``hired`` and ``closed`` name the stage.

Evaluation order for one profile (rule book, "Rules"):

1. S1: link state connected/requested -> DONE; following -> DONE on follow platforms, but on
   LinkedIn a follow is not a connection (advise as if unlinked, and say so); declined ->
   AVOID (after hire: try again in person).
2. Personal platforms (Facebook P1, Instagram P3): AVOID at every stage, except HIRED -> WAIT
   "your call once you work together; let them lead" (APP). WeChat (P2): AVOID while open or
   closed, CONNECT once hired (T4).
3. Twitter-like platforms: private -> AVOID (P4); controversial -> AVOID (P5); else FOLLOW (P6),
   even before the first meeting. Once hired, private or controversial -> WAIT (APP).
4. GitHub: public -> FOLLOW (P9); private or controversial as Twitter-like (APP).
5. LinkedIn: never met -> WAIT (T1), at an offer WAIT until accepted (T6), once hired CONNECT
   with a new-colleague note (T6, T4), after a rejection AVOID (T5). Met: just met -> WAIT (T3)
   with ``available_at``; MET/ADVANCING/OFFER -> CONNECT (P7, T2); HIRED -> CONNECT (T4);
   CLOSED -> CONNECT with a gracious note (T5).
6. Cautious stance (P8): while the process is open, CONNECT/FOLLOW become WAIT "once you
   accept the offer" (an open-stage WAIT also waits for the offer); AVOID and DONE stay; at
   HIRED and CLOSED the strategic verdict applies.

The other stance's view is shown where the verdicts differ, and also where both wait but
until different times (LinkedIn right after a meeting: EC from tomorrow, HAYS once hired).

APP decisions (``PlatformAdvice.own_call`` is True where the verdict itself is our inference):

- LinkedIn has no private profiles in the same sense: visibility is ignored for LinkedIn.
- LinkedIn with a controversial tone keeps the stage's verdict (a LinkedIn connection is a
  professional link, not a sign of agreement); the reason says to keep the note about the
  interview and not to react to their posts.
- GitHub private -> AVOID (from P4: they chose to keep the profile closed); GitHub
  controversial -> AVOID (from P5). Following on GitHub never needs a request.
- Facebook and Instagram at HIRED -> WAIT, cited as the platform rule plus T2 (progress alone
  never removes the platform rule).
- Risk (T2) follows the column, but someone never met is HIGH while the process is open.
- CLOSED has risk NONE (T2 does not name it; no decision is left to sway).
- Touches other than COMMENTED and THANK_YOU_SENT carry no platform, so verdicts rely on the
  profile's link state (S1) rather than on touches.
- Thank-you email: due for 24 hours after the latest meeting, overdue from then on, until a
  touch records it sent or skipped (a late thank-you still beats none); none once the
  process has ended in a hire or a close.

Name notes: ``PlatformAdvice.rules`` holds ``Rule`` objects (``rule_ids`` gives the ids);
``Draft`` has an extra ``shortened`` flag; ``PlatformAdvice`` an extra ``own_call`` flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from .drafts import (
    NOTE_KINDS,
    Draft,
    comment_guidance,
    linkedin_note,
    linkedin_notes,
    thank_you_email,
)
from .facts import Candidate, Meeting, ProfileFacts, TouchFacts
from .rules import (
    OPEN_PROGRESS,
    RESEARCH_ITEMS,
    RISK_BY_PROGRESS,
    RULES,
    Familiarity,
    LinkState,
    Platform,
    PlatformClass,
    Progress,
    ResearchItem,
    Risk,
    Rule,
    Stance,
    ThankYou,
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
    "WHEN_TOMORROW_THANKED",
    "CommentAdvice",
    "InterviewerAdvice",
    "OtherView",
    "PlatformAdvice",
    "ResearchAdvice",
    "advise",
    "advise_platform",
    "derive_familiarity",
    "derive_progress",
    "familiarity_of",
    "preview_after_round",
    "risk",
    "stage_path",
    "thank_you_state",
    "thanked_meeting",
]

JUST_MET_WINDOW = timedelta(hours=24)
COMMENT_LIMIT = 2
PIPELINE_STATUSES = ("active", "offer", "hired", "rejected", "withdrawn")

WHEN_MET = "once you have met them"
WHEN_TOMORROW = "from tomorrow, once your thank-you is sent"
WHEN_TOMORROW_THANKED = "from tomorrow"  # the same wait, the thank-you sent, skipped or moot
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
    familiarity = derive_familiarity(meetings=meetings, now=now)
    if familiarity is Familiarity.NEVER_MET:
        return Progress.BEFORE_MEETING
    if familiarity is Familiarity.JUST_MET:
        return Progress.JUST_MET
    return Progress.ADVANCING if later_round else Progress.MET


def derive_familiarity(*, meetings: Iterable[datetime], now: datetime) -> Familiarity:
    """The candidate's history with one person, from every meeting with them in any pipeline.

    ``meetings`` are aware datetimes: ends of finished rounds they were on and times of
    ``met`` touches (a coffee chat counts). None -> NEVER_MET; the latest less than 24 hours
    before ``now`` -> JUST_MET (exactly 24 hours is MET); else MET.
    """
    _require_aware(now, "now")
    ends = list(meetings)
    for end in ends:
        _require_aware(end, "meeting end")
    if not ends:
        return Familiarity.NEVER_MET
    if now - max(ends) < JUST_MET_WINDOW:
        return Familiarity.JUST_MET
    return Familiarity.MET


def _require_aware(value: datetime, what: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime")


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True, slots=True)
class OtherView:
    """The other stance's advice where it differs in verdict or, for a wait, in timing."""

    stance: Stance
    verdict: Verdict
    reason: str
    when: str | None = None
    rules: tuple[Rule, ...] = ()

    @property
    def source(self) -> str:
        """The source the stance follows: EC for strategic, HAYS for cautious."""
        return "EC" if self.stance is Stance.STRATEGIC else "HAYS"


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
    link: LinkState = LinkState.NONE

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)

    @property
    def label(self) -> str:
        """The verdict in words; where nothing is left to do, the link that made it so (a
        request still pending is not a connection made)."""
        if self.verdict is Verdict.DONE:
            return _LINK_LABELS.get(self.link, self.verdict.label)
        return self.verdict.label


_LINK_LABELS = {
    LinkState.REQUESTED: "Request pending",
    LinkState.CONNECTED: "Connected",
    LinkState.FOLLOWING: "Following",
}


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
    familiarity: Familiarity = Familiarity.NEVER_MET
    thank_you_state: ThankYou | None = None

    @property
    def thank_you_first(self) -> bool:
        """A thank-you still to send comes before any request or follow (T3)."""
        return self.thank_you_state in (ThankYou.DUE, ThankYou.OVERDUE)


# --------------------------------------------------------------------------- verdicts


# T3's wait right after a meeting asks for the thank-you first; once it is sent or skipped,
# the same wait without it (_after_thank_you).
_T3_WAIT = "send the thank-you email first, and connect once a full day has passed."
_T3_WAIT_THANKED = "connect once a full day has passed."
_CAUTIOUS_T3 = "send the thank-you email now, and no request until you have accepted an offer."
_CAUTIOUS_T3_THANKED = "no request until you have accepted an offer."


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
    Platform.WECHAT: "No WeChat friend request while the process is open: it would come across "
    "as pushing your application.",
    Platform.INSTAGRAM: "Instagram is a personal space, so it gets Facebook's answer: no request.",
}

_FOLLOW_CLASSES = (PlatformClass.PUBLIC_FOLLOW, PlatformClass.PROFESSIONAL_FOLLOW)


def _link_call(profile: ProfileFacts, progress: Progress) -> _Call | None:
    """S1: a link that already exists decides, except LinkedIn's follow (not a connection)."""
    platform = profile.platform
    if profile.state is LinkState.CONNECTED:
        return _Call(Verdict.DONE, "You are already connected; there is nothing to send.", ("S1",))
    if profile.state is LinkState.REQUESTED:
        return _Call(
            Verdict.DONE, "Your request is still pending; do not send another one.", ("S1",)
        )
    if profile.state is LinkState.FOLLOWING and platform is not Platform.LINKEDIN:
        return _Call(Verdict.DONE, "You already follow them; nothing more to do.", ("S1",))
    if profile.state is LinkState.DECLINED:
        if progress is Progress.HIRED:
            return _Call(
                Verdict.AVOID,
                "They declined or ignored your request; don't send another. Once you work "
                "together, you can try again in person.",
                ("S1",),
            )
        return _Call(
            Verdict.AVOID, "They declined or ignored your request; leave it at that.", ("S1",)
        )
    return None


def _personal_call(progress: Progress, platform: Platform) -> _Call:
    rule_ids = _PERSONAL_RULE[platform]
    if progress is Progress.HIRED and platform is Platform.WECHAT:
        return _Call(
            Verdict.CONNECT,
            "You have accepted the job: a WeChat request to a future colleague is natural now.",
            ("P2", "T4"),
        )
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
            own_call=platform is Platform.WECHAT,
        )
    return _Call(Verdict.AVOID, _PERSONAL_REASON[platform], rule_ids)


def _follow_call(progress: Progress, profile: ProfileFacts) -> _Call:
    github = profile.platform.platform_class is PlatformClass.PROFESSIONAL_FOLLOW
    private = profile.visibility is Visibility.PRIVATE
    controversial = profile.tone is Tone.CONTROVERSIAL
    if (private or controversial) and progress is Progress.HIRED:
        rule_id = "P4" if private else "P5"
        return _Call(
            Verdict.WAIT,
            "You will work together soon; whether to follow this account is your call then, "
            "and best left for them to open.",
            ("P9", rule_id) if github else (rule_id,),
            when=WHEN_TOGETHER,
            own_call=True,
        )
    if private:
        if github:
            return _Call(
                Verdict.AVOID,
                "They keep their GitHub profile private; respect that and don't follow.",
                ("P9", "P4"),
                own_call=True,
            )
        return _Call(
            Verdict.AVOID,
            "Their account is private, so following would mean asking them; don't.",
            ("P4",),
        )
    if controversial:
        if github:
            return _Call(
                Verdict.AVOID,
                "Their GitHub activity is heated or very personal; a follow could read as "
                "agreement.",
                ("P9", "P5"),
                own_call=True,
            )
        return _Call(
            Verdict.AVOID,
            "They post heated or very personal material; a follow could read as agreement.",
            ("P5",),
        )
    if github:
        return _Call(
            Verdict.FOLLOW,
            "Following a public GitHub profile needs no request and is low risk.",
            ("P9",),
        )
    return _Call(
        Verdict.FOLLOW,
        "A public, even-toned account: following is low risk and makes your name familiar. "
        "Tidy your own profile first.",
        ("P6",),
    )


def _linkedin_call(progress: Progress, familiarity: Familiarity, profile: ProfileFacts) -> _Call:
    # Visibility is ignored on LinkedIn (APP); a controversial tone keeps the verdict.
    controversial = profile.tone is Tone.CONTROVERSIAL
    extra = (
        " Keep it about the interview and stay clear of their heated posts."
        if controversial
        else ""
    )
    never_met = familiarity is Familiarity.NEVER_MET
    if progress is Progress.HIRED and never_met:
        return _Call(
            Verdict.CONNECT,
            "You have accepted and will work with them, though you have not met yet: connect "
            "as a new colleague, without mentioning a meeting." + extra,
            ("T6", "T4"),
            own_call=True,
        )
    if progress is Progress.HIRED:
        return _Call(
            Verdict.CONNECT,
            "You have accepted: connecting with a future colleague is natural now." + extra,
            ("T4",),
            own_call=controversial,
        )
    if progress is Progress.CLOSED and never_met:
        return _Call(
            Verdict.AVOID,
            "The process is over and you never met them, so there is nothing to follow up." + extra,
            ("T5",),
            own_call=True,
        )
    if progress is Progress.CLOSED:
        return _Call(
            Verdict.CONNECT,
            "The process is over; a gracious note keeps the door open." + extra,
            ("T5",),
            own_call=True,
        )
    if progress is Progress.OFFER and never_met:
        return _Call(
            Verdict.WAIT,
            "You have an offer but have not met them: a request now would still come from a "
            "stranger. Connect once you have accepted." + extra,
            ("T6", "T1"),
            when=WHEN_OFFER,
            own_call=True,
        )
    if never_met:
        return _Call(
            Verdict.WAIT,
            "You have not met yet; a request now would leave them guessing at your motive." + extra,
            ("T1",),
            when=WHEN_MET,
        )
    if familiarity is Familiarity.JUST_MET and progress is not Progress.OFFER:
        return _Call(
            Verdict.WAIT,
            f"You met them less than a day ago: {_T3_WAIT}" + extra,
            ("T3",),
            when=WHEN_TOMORROW,
        )
    return _Call(
        Verdict.CONNECT,
        "You have met: connect, with a note that makes clear you expect nothing from it." + extra,
        ("P7", "T2"),
        own_call=controversial,
    )


def _strategic_call(progress: Progress, familiarity: Familiarity, profile: ProfileFacts) -> _Call:
    linked = _link_call(profile, progress)
    if linked is not None:
        return linked
    pclass = profile.platform.platform_class
    if pclass is PlatformClass.PERSONAL_REQUEST:
        return _personal_call(progress, profile.platform)
    if pclass in _FOLLOW_CLASSES:
        return _follow_call(progress, profile)
    return _linkedin_call(progress, familiarity, profile)


def _call(
    stance: Stance, progress: Progress, profile: ProfileFacts, familiarity: Familiarity
) -> _Call:
    call = _cautious(_strategic_call(progress, familiarity, profile), stance, progress)
    if profile.platform is Platform.LINKEDIN and profile.state is LinkState.FOLLOWING:
        return replace(call, reason=call.reason + _FOLLOWING_IS_NOT_A_CONNECTION)
    return call


_FOLLOWING_IS_NOT_A_CONNECTION = " You already follow them there, but a follow is not a connection."


def _cautious(base: _Call, stance: Stance, progress: Progress) -> _Call:
    """P8: the cautious stance holds back requests and follows while the process is open."""
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
    if base.verdict is Verdict.WAIT and "T3" in base.rule_ids:
        return _Call(
            Verdict.WAIT,
            f"Cautious approach: {_CAUTIOUS_T3}",
            (*base.rule_ids, "P8"),
            when=WHEN_OFFER,
        )
    if base.verdict is Verdict.WAIT:
        return _Call(
            Verdict.WAIT,
            base.reason.rstrip(".") + "; on the cautious approach, hold off until you are hired.",
            (*base.rule_ids, "P8") if "P8" not in base.rule_ids else base.rule_ids,
            when=WHEN_OFFER,
            own_call=base.own_call,
        )
    return base


def _other(stance: Stance) -> Stance:
    return Stance.CAUTIOUS if stance is Stance.STRATEGIC else Stance.STRATEGIC


def _rules(rule_ids: Iterable[str]) -> tuple[Rule, ...]:
    return tuple(RULES[r] for r in rule_ids)


def _note_kind(progress: Progress, familiarity: Familiarity) -> str:
    if progress is Progress.HIRED:
        return "colleague" if familiarity is Familiarity.NEVER_MET else "hired"
    if progress is Progress.CLOSED:
        return "closed"
    return "met"


def familiarity_of(progress: Progress) -> Familiarity:
    """The familiarity a grid column implies when nothing else is known (offer, hired and
    closed columns are for people the candidate has met)."""
    if progress is Progress.BEFORE_MEETING:
        return Familiarity.NEVER_MET
    if progress is Progress.JUST_MET:
        return Familiarity.JUST_MET
    return Familiarity.MET


def risk(progress: Progress, familiarity: Familiarity) -> Risk:
    """T2's level; someone never met is a stranger while the process is open, even at an
    offer."""
    if familiarity is Familiarity.NEVER_MET and progress in OPEN_PROGRESS:
        return Risk.HIGH
    return RISK_BY_PROGRESS[progress]


def _timing_differs(call: _Call, other: _Call) -> bool:
    return call.verdict is not other.verdict or (
        call.verdict is Verdict.WAIT and call.when != other.when
    )


def _not_right_after(call: _Call) -> _Call:
    """A request becomes T3's wait: the meeting a thank-you is for (in another application
    still open, or over coffee) ended less than a day ago."""
    if call.verdict is not Verdict.CONNECT:
        return call
    return _Call(
        Verdict.WAIT, f"You met them less than a day ago: {_T3_WAIT}", ("T3",), when=WHEN_TOMORROW
    )


def _after_thank_you(call: _Call, thanked: bool) -> _Call:
    """T3's reason once the thank-you is sent or skipped: the wait stays, the request for the
    thank-you goes."""
    if not thanked or "T3" not in call.rule_ids:
        return call
    reason = call.reason.replace(_T3_WAIT, _T3_WAIT_THANKED)
    when = WHEN_TOMORROW_THANKED if call.when == WHEN_TOMORROW else call.when
    return replace(call, reason=reason.replace(_CAUTIOUS_T3, _CAUTIOUS_T3_THANKED), when=when)


def advise_platform(
    *,
    candidate: Candidate,
    progress: Progress,
    meeting: Meeting,
    profile: ProfileFacts,
    touches: Sequence[TouchFacts] = (),
    now: datetime,
    familiarity: Familiarity | None = None,
    notes: int | None = None,
) -> PlatformAdvice:
    """The verdict, reason, rules, timing, risk, other view and drafts for one profile.

    ``familiarity`` is the candidate's history with the person across every pipeline; without
    it, the one ``progress`` implies (``familiarity_of``). ``notes`` drafts at most that many
    LinkedIn notes, the first ones (``advise``'s ``brief``); all of them by default."""
    familiarity = familiarity or familiarity_of(progress)
    stance = candidate.stance
    # Verdicts depend on the link state (S1), not on touches; only T3's words do. A moot
    # thank-you (the meeting was in an application since closed) is asked for by none.
    thanks_for = thanked_meeting(meeting, progress)
    thanked = thanks_for is None or _thank_you_state(thanks_for, touches, now) in (
        ThankYou.SENT,
        ThankYou.SKIPPED,
    )
    call = _call(stance, progress, profile, familiarity)
    other = _call(_other(stance), progress, profile, familiarity)
    wait_from = meeting.met_at
    # Hired or turned down here, met less than a day ago in another application still open
    # (or over coffee): that meeting's T3 holds here too, for one answer per person and
    # platform.
    if (
        progress in (Progress.HIRED, Progress.CLOSED)
        and thanks_for is not None
        and thanks_for.met_at is not None
        and now - thanks_for.met_at < JUST_MET_WINDOW
    ):
        call, other = _not_right_after(call), _not_right_after(other)
        wait_from = thanks_for.met_at
    call, other = _after_thank_you(call, thanked), _after_thank_you(other, thanked)
    other_view = (
        OtherView(_other(stance), other.verdict, other.reason, other.when, _rules(other.rule_ids))
        if _timing_differs(call, other)
        else None
    )
    available_at = None
    if call.when in (WHEN_TOMORROW, WHEN_TOMORROW_THANKED) and wait_from is not None:
        available_at = wait_from + JUST_MET_WINDOW
    drafts: tuple[Draft, ...] = ()
    if call.verdict is Verdict.CONNECT and profile.platform is Platform.LINKEDIN:
        kind = _note_kind(progress, familiarity)
        if notes is None:
            drafts = linkedin_notes(kind, candidate, meeting, today=now.date())
        else:
            drafts = tuple(
                linkedin_note(variant, candidate, meeting, today=now.date())
                for variant in NOTE_KINDS[kind][:notes]
            )
    return PlatformAdvice(
        platform=profile.platform,
        verdict=call.verdict,
        reason=call.reason,
        rules=_rules(call.rule_ids),
        when=call.when,
        available_at=available_at,
        risk=risk(progress, familiarity),
        other_view=other_view,
        drafts=drafts,
        own_call=call.own_call,
        link=profile.state,
    )


def thanked_meeting(meeting: Meeting, progress: Progress) -> Meeting | None:
    """The meeting a thank-you is for (Meeting.thanked): a thank-you follows a meeting, and once
    hired or turned down there is no interview left to thank for, in this application or in
    another since closed; one still open is owed whatever this one's outcome."""
    if meeting.thank_you_moot:
        return None
    if meeting.thanked is not None:
        return meeting.thanked
    return None if progress in (Progress.HIRED, Progress.CLOSED) else meeting


def _thank_you_state(meeting: Meeting, touches: Sequence[TouchFacts], now: datetime):
    return thank_you_state(met_at=meeting.met_at, touches=touches, now=now, since=meeting.met_from)


def thank_you_state(
    *,
    met_at: datetime | None,
    touches: Sequence[TouchFacts],
    now: datetime,
    since: datetime | None = None,
) -> ThankYou | None:
    """The thank-you for a meeting (None before any), which ended at `met_at`: sent or
    skipped once a touch says so after the meeting began (`since`, else its end), else due for
    24 hours and overdue from then on. Nothing but those touches ends it: scheduling or
    finishing another round does not."""
    if met_at is None:
        return None
    after = [t.kind for t in touches if t.at >= (since or met_at)]
    if TouchKind.THANK_YOU_SENT in after:
        return ThankYou.SENT
    if TouchKind.THANK_YOU_SKIPPED in after:
        return ThankYou.SKIPPED
    return ThankYou.DUE if now - met_at < JUST_MET_WINDOW else ThankYou.OVERDUE


def advise(
    *,
    candidate: Candidate,
    progress: Progress,
    meeting: Meeting,
    profiles: Sequence[ProfileFacts],
    touches: Sequence[TouchFacts] = (),
    now: datetime,
    familiarity: Familiarity | None = None,
    brief: bool = False,
    notes: int | None = None,
) -> InterviewerAdvice:
    """Everything the interviewer page shows: platforms (input order), research, comments and
    the thank-you email. ``now`` is best given in the candidate's time zone: drafts name the
    meeting's day ("yesterday") against its date.

    ``brief`` leaves out the drafts a list of next actions does not show: the thank-you email
    (its state and due time stay), every LinkedIn note but the first, and that one too while
    the thank-you comes first. ``notes`` drafts at most that many LinkedIn notes per profile,
    the first ones (a printed sheet shows one); ``brief`` decides its own."""
    familiarity = familiarity or familiarity_of(progress)
    state = None
    thanks_for = thanked_meeting(meeting, progress)
    if familiarity is not Familiarity.NEVER_MET and thanks_for is not None:
        state = _thank_you_state(thanks_for, touches, now)
    thank_you_open = state in (ThankYou.DUE, ThankYou.OVERDUE)
    if brief:
        notes = 0 if thank_you_open else 1
    platforms = tuple(
        advise_platform(
            candidate=candidate,
            progress=progress,
            meeting=meeting,
            profile=p,
            touches=touches,
            now=now,
            familiarity=familiarity,
            notes=notes,
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
    if thank_you_open:
        if not brief:
            thank_you = thank_you_email(candidate, thanks_for, today=now.date())
        due = thanks_for.met_at + JUST_MET_WINDOW
    return InterviewerAdvice(
        progress=progress,
        risk=risk(progress, familiarity),
        platforms=platforms,
        research=research,
        comments=comments,
        thank_you=thank_you,
        thank_you_due=due,
        stance=candidate.stance,
        familiarity=familiarity,
        thank_you_state=state,
    )


def preview_after_round(
    *,
    candidate: Candidate,
    progress: Progress,
    meeting: Meeting,
    profiles: Sequence[ProfileFacts],
    touches: Sequence[TouchFacts] = (),
    now: datetime,
    familiarity: Familiarity | None = None,
    current: Sequence[PlatformAdvice] | None = None,
    notes: int | None = None,
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
    ``available_at`` is None (the round's end time is not known yet). Once an offer or hire is
    reached, a round changes something only for someone not met yet; once the process is
    closed, no round of it is coming, so nothing changes.

    ``current`` is today's advice for the same profiles, in order, where the caller has it
    (``advise``'s platforms): only its verdicts are compared, so they are not worked out again.
    ``notes`` drafts at most that many LinkedIn notes per change, as in ``advise_platform``
    (all by default; 0 where a page shows none).
    """
    familiarity = familiarity or familiarity_of(progress)
    if progress in (Progress.BEFORE_MEETING, Progress.JUST_MET, Progress.MET, Progress.ADVANCING):
        after = (Progress.JUST_MET, Progress.MET)
    elif familiarity is Familiarity.NEVER_MET and progress is not Progress.CLOSED:
        after = (progress, progress)  # a first meeting still changes things once decided
    else:
        return ()
    if current is None:
        verdicts = [_call(candidate.stance, progress, p, familiarity).verdict for p in profiles]
    else:
        verdicts = [advice.verdict for advice in current]
    future = replace(meeting, met_at=None)
    steps = (
        (after[0], Familiarity.JUST_MET, WHEN_AFTER_ROUND),
        (after[1], Familiarity.MET, WHEN_NEXT_DAY),
    )
    changes: list[PlatformAdvice] = []
    for profile, verdict in zip(profiles, verdicts, strict=True):
        for stage, known, when in steps:
            # The verdict alone first: most profiles keep theirs, and need no full advice.
            before, verdict = verdict, _call(candidate.stance, stage, profile, known).verdict
            if verdict is before:
                continue
            changed = advise_platform(
                candidate=candidate,
                progress=stage,
                meeting=future,
                profile=profile,
                touches=touches,
                now=now,
                familiarity=known,
                notes=notes,
            )
            changes.append(replace(changed, when=when, available_at=None))
    return tuple(changes)


def stage_path(
    *, candidate: Candidate, profile: ProfileFacts
) -> tuple[tuple[Progress, Verdict], ...]:
    """This profile's verdict at every column of the grid, in order, for someone the candidate
    meets along the way (pair it with RISK_BY_PROGRESS, T2)."""
    return tuple(
        (p, _call(candidate.stance, p, profile, familiarity_of(p)).verdict) for p in Progress
    )
