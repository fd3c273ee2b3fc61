"""Slugs, platform traits, the rule table and the research checklist.

Everything here mirrors ``shared/ADVICE-RULES.md`` (the rule book). Rule summaries,
labels and checklist items are written in our own words; each rule names the
source it comes from (EC, HAYS, or APP for our own inference).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "COMPANY_RESEARCH",
    "OPEN_PROGRESS",
    "PERSON_RESEARCH",
    "RESEARCH_ITEMS",
    "RISK_BY_PROGRESS",
    "RULES",
    "Familiarity",
    "LinkState",
    "Platform",
    "PlatformClass",
    "Progress",
    "ResearchItem",
    "Risk",
    "Rule",
    "Source",
    "Stance",
    "ThankYou",
    "Tone",
    "TouchKind",
    "Verdict",
    "Visibility",
]


class Stance(StrEnum):
    STRATEGIC = "strategic"  # follows EC (default)
    CAUTIOUS = "cautious"  # follows HAYS


class Familiarity(StrEnum):
    """The candidate's history with one person, across every pipeline (rule book, "Inputs")."""

    NEVER_MET = "never_met"
    JUST_MET = "just_met"  # the latest meeting with them ended less than 24 hours ago
    MET = "met"

    @property
    def label(self) -> str:
        return _FAMILIARITY_LABELS[self]


_FAMILIARITY_LABELS: dict[Familiarity, str] = {
    Familiarity.NEVER_MET: "Not met yet",
    Familiarity.JUST_MET: "Met less than a day ago",
    Familiarity.MET: "Met before",
}


class Progress(StrEnum):
    """A column of the rule book's grid: familiarity with the person and the pipeline's stage
    in one value (``before_meeting`` is never met in an open process; ``offer``, ``hired`` and
    ``closed`` name the stage whatever the familiarity)."""

    BEFORE_MEETING = "before_meeting"
    JUST_MET = "just_met"
    MET = "met"
    ADVANCING = "advancing"
    OFFER = "offer"
    HIRED = "hired"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _PROGRESS_LABELS[self]


_PROGRESS_LABELS: dict[Progress, str] = {
    Progress.BEFORE_MEETING: "Before meeting",
    Progress.JUST_MET: "Just met",
    Progress.MET: "Met",
    Progress.ADVANCING: "Advancing",
    Progress.OFFER: "Offer",
    Progress.HIRED: "Hired",
    Progress.CLOSED: "Closed",
}

#: Stages while the hiring process is still open (the cautious stance waits through these).
OPEN_PROGRESS: frozenset[Progress] = frozenset(
    {
        Progress.BEFORE_MEETING,
        Progress.JUST_MET,
        Progress.MET,
        Progress.ADVANCING,
        Progress.OFFER,
    }
)


class PlatformClass(StrEnum):
    PROFESSIONAL_REQUEST = "professional-request"  # LinkedIn
    PUBLIC_FOLLOW = "public-follow"  # Twitter/X, Bluesky, Mastodon, Threads
    PROFESSIONAL_FOLLOW = "professional-follow"  # GitHub
    PERSONAL_REQUEST = "personal-request"  # Facebook, WeChat, Instagram


class Platform(StrEnum):
    LINKEDIN = "linkedin"
    TWITTER = "twitter"
    FACEBOOK = "facebook"
    WECHAT = "wechat"
    INSTAGRAM = "instagram"
    BLUESKY = "bluesky"
    MASTODON = "mastodon"
    THREADS = "threads"
    GITHUB = "github"

    @property
    def label(self) -> str:
        return _PLATFORM_LABELS[self]

    @property
    def platform_class(self) -> PlatformClass:
        return _PLATFORM_CLASSES[self]


_PLATFORM_LABELS: dict[Platform, str] = {
    Platform.LINKEDIN: "LinkedIn",
    Platform.TWITTER: "Twitter/X",
    Platform.FACEBOOK: "Facebook",
    Platform.WECHAT: "WeChat",
    Platform.INSTAGRAM: "Instagram",
    Platform.BLUESKY: "Bluesky",
    Platform.MASTODON: "Mastodon",
    Platform.THREADS: "Threads",
    Platform.GITHUB: "GitHub",
}

_PLATFORM_CLASSES: dict[Platform, PlatformClass] = {
    Platform.LINKEDIN: PlatformClass.PROFESSIONAL_REQUEST,
    Platform.TWITTER: PlatformClass.PUBLIC_FOLLOW,
    Platform.BLUESKY: PlatformClass.PUBLIC_FOLLOW,
    Platform.MASTODON: PlatformClass.PUBLIC_FOLLOW,
    Platform.THREADS: PlatformClass.PUBLIC_FOLLOW,
    Platform.GITHUB: PlatformClass.PROFESSIONAL_FOLLOW,
    Platform.FACEBOOK: PlatformClass.PERSONAL_REQUEST,
    Platform.WECHAT: PlatformClass.PERSONAL_REQUEST,
    Platform.INSTAGRAM: PlatformClass.PERSONAL_REQUEST,
}


class Visibility(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


class Tone(StrEnum):
    PROFESSIONAL = "professional"
    CASUAL = "casual"
    CONTROVERSIAL = "controversial"  # very political, very personal or inflammatory


class LinkState(StrEnum):
    NONE = "none"
    REQUESTED = "requested"
    CONNECTED = "connected"
    FOLLOWING = "following"
    DECLINED = "declined"


class TouchKind(StrEnum):
    MET = "met"
    FOLLOWED = "followed"
    COMMENTED = "commented"
    REQUEST_SENT = "request_sent"
    REQUEST_ACCEPTED = "request_accepted"
    THANK_YOU_SENT = "thank_you_sent"
    THANK_YOU_SKIPPED = "thank_you_skipped"  # the candidate chose not to send one
    OTHER = "other"


class ThankYou(StrEnum):
    """Where the thank-you for the latest meeting stands."""

    DUE = "due"  # within 24 hours of the meeting's end
    OVERDUE = "overdue"  # later, and not sent
    SENT = "sent"
    SKIPPED = "skipped"


class Verdict(StrEnum):
    CONNECT = "connect"
    FOLLOW = "follow"
    WAIT = "wait"
    AVOID = "avoid"
    DONE = "done"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Source(StrEnum):
    EC = "EC"  # article on the book "The Empowered Candidate"
    HAYS = "HAYS"  # Hays recruiter release, 2016
    APP = "APP"  # our own inference, labelled as such

    @property
    def document(self) -> str:
        return _SOURCE_DOCUMENTS[self]


_SOURCE_DOCUMENTS: dict[Source, str] = {
    Source.EC: "the article on the book The Empowered Candidate",
    Source.HAYS: "the 2016 release from the recruiter Hays",
    Source.APP: "our own reading, where the sources are silent",
}


class Risk(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    VERY_LOW = "very_low"
    NONE = "none"

    @property
    def label(self) -> str:
        return _RISK_LABELS[self]


_RISK_LABELS: dict[Risk, str] = {
    Risk.HIGH: "High",
    Risk.MEDIUM: "Medium",
    Risk.LOW: "Low",
    Risk.VERY_LOW: "Very low",
    Risk.NONE: "None",
}

#: T2: the risk of reaching out falls as the candidate progresses. CLOSED is not
#: named by T2; with no decision left to sway we treat it as NONE (APP, from T4).
RISK_BY_PROGRESS: dict[Progress, Risk] = {
    Progress.BEFORE_MEETING: Risk.HIGH,
    Progress.JUST_MET: Risk.MEDIUM,
    Progress.MET: Risk.MEDIUM,
    Progress.ADVANCING: Risk.LOW,
    Progress.OFFER: Risk.VERY_LOW,
    Progress.HIRED: Risk.NONE,
    Progress.CLOSED: Risk.NONE,
}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    summary: str
    sources: tuple[Source, ...]

    @property
    def source_label(self) -> str:
        """E.g. ``"HAYS, APP"``."""
        return ", ".join(str(s) for s in self.sources)


def _rule(rule_id: str, summary: str, *sources: Source) -> Rule:
    return Rule(id=rule_id, summary=summary, sources=tuple(sources))


_EC, _HAYS, _APP = Source.EC, Source.HAYS, Source.APP

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        _rule(
            "R1", "Looking up their public profiles to prepare is fine at any point.", _EC, _HAYS
        ),
        _rule(
            "T1",
            "Until you have met a person, in this application or an earlier one, send them no "
            "request anywhere. Following before the meeting (P6) and commenting (C1) are other "
            "matters.",
            _EC,
            _HAYS,
        ),
        _rule(
            "T2",
            "The further along you are, the smaller the risk; but a later stage never cancels "
            "a platform's own rule. The levels we show (high before you meet, medium once you "
            "have met, low when you advance, very low at an offer, none once hired) are our "
            "reading.",
            _EC,
            _APP,
        ),
        _rule(
            "T3",
            "Not straight after the interview. The one-day pause and sending the thank-you "
            "email before any request are our reading of it.",
            _HAYS,
            _APP,
        ),
        _rule(
            "T4",
            "Once you have accepted the job, connecting is natural: on LinkedIn and on WeChat.",
            _HAYS,
        ),
        _rule(
            "T5",
            "After a rejection or a withdrawal, a LinkedIn request with a gracious note is fine "
            "for people you met; people you never met have nothing to follow up. Drawn from EC's "
            "advice that a good note holds however the process ends.",
            _APP,
        ),
        _rule(
            "T6",
            "Never met, with an offer on the table: wait. Never met, once hired: connect on "
            "LinkedIn or WeChat with a note from a new colleague that mentions no meeting. No "
            "note ever thanks for a meeting that did not happen.",
            _APP,
        ),
        _rule(
            "P1",
            "Facebook is personal ground: no friend request at any stage of the process.",
            _EC,
        ),
        _rule(
            "P2",
            "WeChat gets LinkedIn's cautious rule: no friend request while the process is open, "
            "whatever your stance; connect once hired. After a rejection or a withdrawal, leave "
            "it (our reading).",
            _HAYS,
            _APP,
        ),
        _rule(
            "P3",
            "Instagram and similar personal spaces get the same answer as Facebook.",
            _APP,
        ),
        _rule(
            "P4",
            "On Twitter-like sites, a private account is a closed door: don't ask to follow "
            "during the process. Once hired, it is your call; let them lead (our reading).",
            _EC,
            _APP,
        ),
        _rule(
            "P5",
            "On Twitter-like sites, skip anyone who posts heated political or very personal "
            "material during the process; a follow can be taken as agreement. Once hired, it is "
            "your call (our reading).",
            _EC,
            _APP,
        ),
        _rule(
            "P6",
            "On Twitter-like sites, following a public, even-toned account is low risk and makes "
            "your name familiar, even before you meet. Tidy your own profile first.",
            _EC,
        ),
        _rule(
            "P7",
            "On LinkedIn after meeting (strategic stance), connect with a short note that asks "
            "for nothing; a request without a note is awkward for them.",
            _EC,
        ),
        _rule(
            "P8",
            "Cautious stance: no request anywhere until you are hired, so you never look "
            "presumptuous. Holding back follows too is our reading.",
            _HAYS,
            _APP,
        ),
        _rule("P9", "Following someone's public GitHub profile is low risk.", _APP),
        _rule(
            "C1",
            "One or two good comments on their industry posts help them remember your name; "
            "stop after two.",
            _HAYS,
        ),
        _rule(
            "S1",
            "If you are already linked or a request is pending, never send it again; if they "
            "declined or ignored it, let it go. Following someone on LinkedIn is not a "
            "connection.",
            _APP,
        ),
    )
}


@dataclass(frozen=True, slots=True)
class ResearchItem:
    key: str
    label: str
    rule_ids: tuple[str, ...]
    about_company: bool = False  # done once per application, not once per person


#: The research checklist (R1), in the rule book's order, our wording.
RESEARCH_ITEMS: tuple[ResearchItem, ...] = (
    ResearchItem("role_relation", "How their job fits with the one you applied for", ("R1",)),
    ResearchItem("culture", "What the organisation's culture looks like", ("R1",), True),
    ResearchItem(
        "projects_clients",
        "The projects the organisation runs and the clients it serves",
        ("R1",),
        True,
    ),
    ResearchItem(
        "shared_connections",
        "People you both know directly, such as ex-colleagues who could tell you more",
        ("R1",),
    ),
    ResearchItem("published_writing", "Posts or articles they have written", ("R1",)),
    ResearchItem(
        "interests",
        "What they post, share and like, for a sense of their interests and values",
        ("R1",),
    ),
    ResearchItem("comments", "At most two thoughtful comments on their industry posts", ("C1",)),
    ResearchItem("own_profile", "Your own profile, ready for when they look at it", ("P6",)),
)

#: The items about the organisation, ticked once per application, and those about the person.
COMPANY_RESEARCH = tuple(item for item in RESEARCH_ITEMS if item.about_company)
PERSON_RESEARCH = tuple(item for item in RESEARCH_ITEMS if not item.about_company)
