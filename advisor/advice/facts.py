"""Input facts for the advice engine (plain frozen dataclasses, no Django)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .rules import LinkState, Platform, Stance, Tone, TouchKind, Visibility

__all__ = ["Candidate", "Meeting", "ProfileFacts", "TouchFacts", "clean", "first_name"]


@dataclass(frozen=True, slots=True)
class Candidate:
    display_name: str = ""
    stance: Stance = Stance.STRATEGIC
    linkedin_premium: bool = False


@dataclass(frozen=True, slots=True)
class Meeting:
    """What the drafts may mention about the interviewer and the (latest) round with them.

    ``met_at`` is the end of the latest finished round with this interviewer, as an aware
    datetime, or None before any meeting.
    """

    interviewer_name: str
    company: str = ""
    role: str = ""
    round_name: str = ""
    round_date: date | None = None
    topic: str = ""
    met_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ProfileFacts:
    platform: Platform
    visibility: Visibility = Visibility.PUBLIC
    tone: Tone = Tone.PROFESSIONAL
    state: LinkState = LinkState.NONE


@dataclass(frozen=True, slots=True)
class TouchFacts:
    kind: TouchKind
    at: datetime


def clean(value: str | None) -> str:
    """Collapse every run of whitespace to one space and strip the ends ("" for None)."""
    return " ".join((value or "").split())


_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "sir", "dame"})


def first_name(full_name: str | None) -> str:
    """The name to greet someone by: the first whitespace-separated token.

    A leading honorific with a surname after it ("Dr. Ana Ruiz") gives "Dr. Ruiz" (APP).
    """
    parts = clean(full_name).split(" ")
    if not parts or parts == [""]:
        return ""
    if len(parts) > 1 and parts[0].rstrip(".").lower() in _HONORIFICS:
        return f"{parts[0]} {parts[-1]}"
    return parts[0]
