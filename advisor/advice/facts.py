"""Input facts for the advice engine (plain frozen dataclasses, no Django)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from .rules import LinkState, Platform, Stance, Tone, TouchKind, Visibility

__all__ = [
    "HONORIFICS",
    "SUFFIXES",
    "Candidate",
    "Meeting",
    "ProfileFacts",
    "TouchFacts",
    "clean",
    "first_name",
]


@dataclass(frozen=True, slots=True)
class Candidate:
    display_name: str = ""
    stance: Stance = Stance.STRATEGIC
    linkedin_premium: bool = False


@dataclass(frozen=True, slots=True)
class Meeting:
    """What the drafts may mention about the interviewer and the (latest) round with them.

    ``round_date`` is the round's date in the candidate's time zone. ``met_at`` is the end of
    the latest finished round with this interviewer, as an aware datetime, or None before any
    meeting. ``address_as`` is how the candidate greets them ("Li Wei", "Professor Tanaka"):
    used as typed instead of the guess from the name. ``position`` is the person's place on the
    round (0-based): it picks the phrasing, so two people on one round never get the same text.
    ``thanked`` is the meeting a thank-you is for, when it is not this one: the latest
    meeting with them that was not a round of an application since closed (a round of an
    open application, here or in another, or a coffee chat), naming that meeting; it is asked
    for whatever this application's outcome, and comes first (T3). ``thank_you_moot`` says
    there is none: every meeting with them was a round of an application since closed.
    Without either, the thank-you is for this meeting, unless this application is closed.
    ``met_from`` is when the meeting began (a round's start): a thank-you recorded from then on
    is for it, as one sent after the morning's talk of a day-long onsite; ``met_at`` when
    not given.
    """

    interviewer_name: str
    company: str = ""
    role: str = ""
    round_name: str = ""
    round_date: date | None = None
    topic: str = ""
    met_at: datetime | None = None
    address_as: str = ""
    position: int = 0
    thank_you_moot: bool = False
    thanked: Meeting | None = None
    met_from: datetime | None = None


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


# Compared lower-case without dots: "Dr." and "dr" are both "dr".
_HONORIFIC_WORDS = (
    "dr mr mrs ms miss mx prof professor sir dame lord lady rev revd reverend pastor rabbi imam "
    "fr sr sra srta mme mlle herr frau dott ing hon capt captain col maj lt sgt cmdr judge"
)
_SUFFIX_WORDS = (
    "jr jnr sr snr ii iii iv phd dphil md mba msc bsc mphil esq cpa cfa pmp pe dds dvm jd llm "
    "rn obe mbe cbe frs"
)
HONORIFICS = frozenset(_HONORIFIC_WORDS.split())
SUFFIXES = frozenset(_SUFFIX_WORDS.split())


def _is_initial(word: str) -> bool:
    """ "J." or "J": a Latin initial, not a name to greet by (a lone "明" is a name)."""
    letter = word.removesuffix(".")
    return len(letter) == 1 and (word.endswith(".") or letter.isascii())


def _trim(word: str) -> str:
    """The word without punctuation or symbols at its ends: "(Bob)" and "“Bob”" give "Bob"."""
    edges = [unicodedata.category(c)[0] in "PS" for c in word]
    if all(edges):
        return ""
    start = edges.index(False)
    end = len(word) - edges[::-1].index(False)
    return word[start:end]


def _name_words(text: str) -> list[str]:
    """The words a person may be greeted by: honorifics, suffixes and initials left out."""
    words = []
    for raw in text.split(" "):
        word = _trim(raw)
        key = word.replace(".", "").lower()
        if not key or key in HONORIFICS or key in SUFFIXES or _is_initial(word):
            continue
        words.append(word)
    return words


@lru_cache(maxsize=1024)  # asked for by every note and email of every card
def first_name(full_name: str | None) -> str:
    """The name to greet someone by, guessed from how the candidate typed their name.

    Honorifics, suffixes and initials are left out ("Dr. Maria Gonzalez PhD" -> "Maria",
    "J. Robert Smith" -> "Robert"). A comma followed by more name means "Last, First"
    ("O'Brien, Pat" -> "Pat"); one followed by nothing or by suffixes only does not ("Smith,"
    -> "Smith", "John Smith, Jr." -> "John"). "" when nothing usable is left (greet with
    "Hello,").
    """
    text = clean(full_name)
    before, comma, after = text.partition(",")
    words = _name_words(after) if comma else []
    if not words:
        words = _name_words(before)
    return words[0] if words else ""
