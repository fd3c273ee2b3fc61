"""Draft texts: LinkedIn invitation notes, the thank-you email and comment guidance.

All wording is our own. Every input field may be empty; a missing field drops its
clause instead of leaving a gap. Whitespace in the inputs is collapsed first, so a
draft never contains a double space.

LinkedIn notes must fit the note limit (200 characters on a free account, 300 on
Premium; ``len()`` of the text). When the full note is too long it shortens itself in
steps and stops at the first that fits:

1. drop the topic sentence, then the round date, then the round name, then the signature;
2. use the shorter closing sentence and the shorter opening ("thanks" for "thank you");
3. use the shortest closing;
4. shorten the role and the company at a word boundary, marked with "…" (whole words only;
   a field with no word short enough is left out, and its clause with it).

``Draft.length`` is ``len(text)``; ``Draft.shortened`` says whether any step was needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .facts import Candidate, Meeting, clean, first_name

__all__ = [
    "FREE_NOTE_LIMIT",
    "NOTE_VARIANTS",
    "NO_EXPECTATION_PHRASES",
    "PREMIUM_NOTE_LIMIT",
    "Draft",
    "comment_guidance",
    "linkedin_note",
    "note_limit",
    "thank_you_email",
]

FREE_NOTE_LIMIT = 200
PREMIUM_NOTE_LIMIT = 300
NOTE_VARIANTS = ("warm", "candid", "hired", "closed")

_NOTE_LABELS = {
    "warm": "Warm note",
    "candid": "Candid note (no pressure to accept)",
    "hired": "Note now that you are joining",
    "closed": "Gracious close-out note",
}

# Closing sentences per variant, longest first. Every warm/candid/closed closing states
# that nothing is expected of the interviewer (each contains one NO_EXPECTATION_PHRASES).
_CLOSINGS: dict[str, tuple[str, ...]] = {
    "warm": (
        "Whatever the outcome, I'd be glad to stay in touch.",
        "Glad to stay in touch either way.",
        "Either way, glad to connect.",
    ),
    "candid": (
        "No pressure to accept; I'd simply like to stay in touch, whatever the outcome.",
        "No pressure to accept; glad to stay in touch either way.",
        "No pressure to accept.",
    ),
    "hired": (
        "I'm glad to be joining and look forward to working with you.",
        "Looking forward to working with you.",
        "Looking forward to it.",
    ),
    "closed": (
        "No expectations now that the process is over; I enjoyed our talk and would be glad "
        "to stay in touch.",
        "No expectations, just glad to stay in touch.",
        "No expectations; glad to connect.",
    ),
}

NO_EXPECTATION_PHRASES = ("either way", "whatever the outcome", "no pressure", "no expectations")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ROLE_WORDS = ("role", "position", "job", "post")
_TRIM_BEFORE_ELLIPSIS = " ,;:-\u2013\u2014/&(+|\u00b7"
_TERMINAL = ".!?…"


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str  # "linkedin_note" | "email" | "comment_guidance"
    variant: str  # "warm" | "candid" | "hired" | "closed" | "thank_you" | "open" | "stop"
    label: str
    text: str
    limit: int | None
    length: int
    subject: str = ""
    shortened: bool = False

    def __post_init__(self) -> None:
        if self.length != len(self.text):
            raise ValueError("Draft.length must equal len(text)")


def _draft(
    kind: str,
    variant: str,
    text: str,
    *,
    limit: int | None = None,
    subject: str = "",
    shortened: bool = False,
    label: str = "",
) -> Draft:
    return Draft(kind, variant, label, text, limit, len(text), subject, shortened)


def note_limit(candidate: Candidate) -> int:
    return PREMIUM_NOTE_LIMIT if candidate.linkedin_premium else FREE_NOTE_LIMIT


def format_date(value: date | None) -> str:
    """E.g. "20 November" (no year: notes go out within weeks of the meeting)."""
    return "" if value is None else f"{value.day} {_MONTHS[value.month - 1]}"


def _sentence(text: str) -> str:
    return text if text.endswith(tuple(_TERMINAL)) else f"{text}."


def _greeting(first: str) -> str:
    return f"Hi {first}," if first else "Hello,"


def _role_phrase(role: str) -> str:
    if role.lower().endswith(_ROLE_WORDS):
        return role
    return f"{role} role"


def _about(role: str, company: str) -> str:
    if role and company:
        return f" about the {_role_phrase(role)} at {company}"
    if role:
        return f" about the {_role_phrase(role)}"
    if company:
        return f" at {company}"
    return ""


def _meeting_phrase(round_name: str, when: str) -> str:
    # The date names the meeting; round names are whatever the candidate typed ("Panel",
    # "Final with the VP") and read badly inside a sentence, so notes leave them out.
    del round_name
    if when:
        return f"meeting with me on {when}"
    return "our conversation"


def _word_prefixes(value: str) -> Iterator[str]:
    """The value, then shorter whole-word prefixes marked with "…", then ""."""
    if value:
        yield value
        words = value.split(" ")
        for n in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:n]).rstrip(_TRIM_BEFORE_ELLIPSIS)
            if prefix:
                yield f"{prefix}…"
    yield ""


@dataclass(frozen=True, slots=True)
class _NoteFacts:
    first: str
    company: str
    role: str
    round_name: str
    when: str
    topic: str
    signature: str


def _render_note(
    variant: str,
    f: _NoteFacts,
    *,
    topic: bool,
    when: bool,
    round_name: bool,
    signature: bool,
    closing: int,
    short_open: bool,
    role: str,
    company: str,
) -> str:
    thanks = "thanks for" if short_open else "thank you for"
    meeting = _meeting_phrase(f.round_name if round_name else "", f.when if when else "")
    parts = [f"{_greeting(f.first)} {thanks} {meeting}{_about(role, company)}"]
    parts[0] = _sentence(parts[0])
    if topic and f.topic:
        parts.append(_sentence(f"I enjoyed talking about {f.topic}"))
    parts.append(_CLOSINGS[variant][closing])
    if signature and f.signature:
        parts.append(f"Best, {f.signature}")
    return " ".join(parts)


def linkedin_note(variant: str, candidate: Candidate, meeting: Meeting) -> Draft:
    """A LinkedIn invitation note that always fits the candidate's note limit."""
    if variant not in _CLOSINGS:
        raise ValueError(f"unknown note variant {variant!r}")
    limit = note_limit(candidate)
    f = _NoteFacts(
        first=first_name(meeting.interviewer_name),
        company=clean(meeting.company),
        role=clean(meeting.role),
        round_name=clean(meeting.round_name),
        when=format_date(meeting.round_date),
        topic=clean(meeting.topic),
        signature=clean(candidate.display_name),
    )
    opts = {
        "topic": True,
        "when": True,
        "round_name": True,
        "signature": True,
        "closing": 0,
        "short_open": False,
    }
    steps = (
        {"topic": False},
        {"when": False},
        {"round_name": False},
        {"signature": False},
        {"closing": 1, "short_open": True},
        {"closing": 2},
    )

    def make(text: str, shortened: bool) -> Draft:
        return _draft(
            "linkedin_note",
            variant,
            text,
            limit=limit,
            shortened=shortened,
            label=_NOTE_LABELS[variant],
        )

    text = _render_note(variant, f, role=f.role, company=f.company, **opts)
    if len(text) <= limit:
        return make(text, False)
    for step in steps:
        opts.update(step)
        text = _render_note(variant, f, role=f.role, company=f.company, **opts)
        if len(text) <= limit:
            return make(text, True)

    # Shorten role and company at word boundaries; keep as much of both as fits.
    best: tuple[tuple[int, int], str] | None = None
    for company in _word_prefixes(f.company):
        for role in _word_prefixes(f.role):
            text = _render_note(variant, f, role=role, company=company, **opts)
            if len(text) <= limit:
                score = (bool(role) + bool(company), len(role) + len(company))
                if best is None or score > best[0]:
                    best = (score, text)
                break  # shorter prefixes of this role only score lower
    if best is not None:
        return make(best[1], True)

    # Only an absurdly long first name gets here (well over 100 characters).
    text = f"{_greeting(f.first)} {_CLOSINGS[variant][-1]}"
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return make(text, True)


def thank_you_email(candidate: Candidate, meeting: Meeting) -> Draft:
    """A short thank-you email (five sentences at most) for the day of the interview."""
    first = first_name(meeting.interviewer_name)
    role, company = clean(meeting.role), clean(meeting.company)
    round_name, when = clean(meeting.round_name), format_date(meeting.round_date)
    topic, name = clean(meeting.topic), clean(candidate.display_name)

    opening = "Thank you for taking the time to speak with me"
    if when:
        opening += f" on {when}"
    opening += _about(role, company)
    sentences = [_sentence(opening)]
    if topic:
        sentences.append(_sentence(f"I especially enjoyed our discussion of {topic}"))
    if company:
        target = f"joining {company}"
    elif role:
        target = "this role"
    else:
        target = "the opportunity"
    sentences.append(_sentence(f"I came away even more interested in {target}"))
    sentences.append(
        "If it would help to see more of my work or to follow up on anything we covered, "
        "just let me know."
    )
    sign_off = f"Best regards,\n{name}" if name else "Best regards"
    body = "\n\n".join([_greeting(first), " ".join(sentences), sign_off])
    subject = "Thank you for your time"
    if round_name and role:
        subject += f": {round_name}, {role}"
    elif round_name or role:
        subject += f": {round_name or role}"
    return _draft("email", "thank_you", body, subject=subject, label="Thank-you email")


def comment_guidance(count: int, limit: int = 2) -> Draft:
    """What makes a comment worth posting, with a counter; says stop once the cap is reached."""
    counter = f"Comments so far: {count} (at most {limit})."
    if count < limit:
        text = (
            f"{counter} Comment only when you can add something: a question, an example from "
            "your own work, or a point the post left out. Keep it about the industry topic, "
            "never about your application."
        )
        variant = "open"
    else:
        text = (
            f"{counter} That is enough: more comments would start to feel like pressure, so "
            "leave their posts alone from here."
        )
        variant = "stop"
    return _draft("comment_guidance", variant, text, label="Comment guidance")
