"""Draft texts: LinkedIn notes, thank-you emails and comment guidance.

All wording is our own. Every input field may be empty; a missing field drops its clause
instead of leaving a gap. Fields are tidied first: whitespace collapsed, separators trimmed
from the ends ("Acme," reads "Acme"), and a bracket or quote without its partner removed, so
no draft leaves one open. A topic loses its own closing punctuation and ends in our full stop
("why Kafka?" gives "...about why Kafka.").

Names: the greeting uses ``Meeting.address_as`` as typed when it is set, else the first name
guessed by ``facts.first_name`` (no honorifics, suffixes or initials), else "Hello,".

Kinds of LinkedIn note (``NOTE_KINDS``), two variants each that differ in what they say:
``met`` (warm; candid), ``hired`` for people met (looking forward to working together; thanks
for their part), ``colleague`` for people never met (introduces a new colleague and mentions
no meeting or conversation; a short hello that needs no reply) and ``closed`` (gracious
close-out; what the candidate learned). Met and closed notes always state that nothing is
expected (``NO_EXPECTATION_PHRASES``). Thank-you emails come in two variants too.

``Meeting.position`` (the person's place on the round) picks the phrasing: each variant has
three openings (with their topic sentence) and three closings; position p takes opening
p mod 3 and closing (p + p div 3) mod 3, so the first nine people on a round get nine
different texts, whatever their names.

LinkedIn notes must fit the note limit (200 characters on a free account, 300 on Premium;
``len()`` of the text). A note that is too long drops whole clauses, one step at a time, in
this order, and stops at the first that fits:

1. the long closing for the medium one;
2. the meeting's day;
3. the company;
4. the role;
5. the medium closing for the short one;
6. the topic sentence (last of the clauses to go);
7. the name in the greeting ("Hi Bartholomew-Maximilian," becomes "Hello,");
8. the signature, only if even then it cannot fit (a display name of well over 100 characters).

No word is ever cut. ``Draft.length`` is ``len(text)``; ``Draft.shortened`` says whether any
step changed the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from .facts import Candidate, Meeting, clean, first_name

__all__ = [
    "EMAIL_VARIANTS",
    "FREE_NOTE_LIMIT",
    "NOTE_KINDS",
    "NOTE_VARIANTS",
    "NO_EXPECTATION_PHRASES",
    "PREMIUM_NOTE_LIMIT",
    "Draft",
    "comment_guidance",
    "day_phrase",
    "indefinite_article",
    "linkedin_note",
    "linkedin_notes",
    "note_limit",
    "thank_you_email",
    "thank_you_emails",
]

FREE_NOTE_LIMIT = 200
PREMIUM_NOTE_LIMIT = 300

NO_EXPECTATION_PHRASES = ("either way", "whatever the outcome", "no pressure", "no expectations")


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str  # "linkedin_note" | "email" | "comment_guidance"
    variant: str  # a NOTE_VARIANTS or EMAIL_VARIANTS name, or "open" | "stop"
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


# ---------------------------------------------------------------------------------------------
# The wording. In a template, "[ for {job}]" is left out when {job} is empty, and
# "[ {joining}| the team]" falls back to " the team". Every field sits before a space and a
# word or at the end of its sentence, never before a comma or colon.


@dataclass(frozen=True, slots=True)
class _Opening:
    sentence: str  # follows the greeting: "Hi Dana, thank you for ..."
    topic: str  # the sentence that names the candidate's topic; {topic} comes last


@dataclass(frozen=True, slots=True)
class _Variant:
    label: str
    openings: tuple[_Opening, ...]
    closings: tuple[tuple[str, ...], ...]  # per phrasing: longest first (emails: one each)
    sign_off: str = "Best,"
    subject: tuple[str, str] = ("", "")  # before the dash and "X interview"; alone, without a role


_NOTES: dict[str, _Variant] = {
    "warm": _Variant(
        "Warm note",
        (
            _Opening(
                "thank you for meeting me[ {day}][ about {job}]",
                "I enjoyed our talk about {topic}",
            ),
            _Opening(
                "it was good to meet you[ {day}][ and talk about {job}]",
                "A highlight for me was our exchange on {topic}",
            ),
            _Opening(
                "I appreciated your time[ {day}][ discussing {job}]",
                "I took a lot from what you said about {topic}",
            ),
        ),
        (
            (
                "Whatever the outcome, I'd be glad to stay in touch.",
                "Glad to stay in touch either way.",
                "Either way, glad to connect.",
            ),
            (
                "Either way, I'd like to keep in touch and follow your work.",
                "I'd like to keep in touch, whatever the outcome.",
                "Keen to connect, whatever the outcome.",
            ),
            (
                "I'd be glad to be connected here, whatever the outcome.",
                "Happy to stay connected either way.",
                "Whatever the outcome, happy to connect.",
            ),
        ),
    ),
    "candid": _Variant(
        "Candid note (no pressure to accept)",
        (
            _Opening(
                "you interviewed me[ {day}][ for {job}]",
                "I'm writing because I enjoyed our talk about {topic}",
            ),
            _Opening(
                "we spoke[ {day}][ about {job}]",
                "I'd like to keep up with your thinking on {topic}",
            ),
            _Opening(
                "I'm the candidate you met[ {day}][ for {job}]",
                "I'm still thinking about your point on {topic}",
            ),
        ),
        (
            (
                "No pressure to accept; I'd simply like to stay in touch, whatever the outcome.",
                "No pressure to accept; glad to stay in touch either way.",
                "No pressure to accept.",
            ),
            (
                "I'm not asking for anything about my application, and there is no pressure "
                "to accept.",
                "Nothing to do with my application; no pressure to accept.",
                "There is no pressure to accept.",
            ),
            (
                "I'd like to connect either way, so please feel no pressure to accept.",
                "Either way, no pressure to accept.",
                "Really, no pressure to accept.",
            ),
        ),
    ),
    "hired": _Variant(
        "Note now that you are joining",
        (
            _Opening(
                "we met at my interview[ {day}], and I've now accepted[ {job}| the offer]",
                "I hope we can pick up our talk about {topic}",
            ),
            _Opening(
                "good news since we met[ {day}]: I'm joining[ {joining}| the team]",
                "I'd enjoy carrying on our conversation about {topic}",
            ),
            _Opening(
                "since my interview with you[ {day}], I've accepted[ {job}| the offer]",
                "Once I start, I'd like to hear more about {topic}",
            ),
        ),
        (
            (
                "I'm glad to be joining and look forward to working with you.",
                "Looking forward to working with you.",
                "Looking forward to working together.",
            ),
            (
                "It will be good to work with you, and I'm glad to connect here first.",
                "Glad to be working with you soon.",
                "Glad we'll be working together.",
            ),
            (
                "I'm looking forward to working alongside you and learning from the team.",
                "Looking forward to working alongside you.",
                "Keen to work alongside you.",
            ),
        ),
    ),
    "hired_thanks": _Variant(
        "Thanks for their part, now that you are joining",
        (
            _Opening(
                "I've accepted the offer, so thank you for interviewing me[ {day}][ for {job}]",
                "Part of why I said yes was our talk about {topic}",
            ),
            _Opening(
                "your interview[ {day}][ for {job}] helped me decide, and I've said yes to the "
                "offer",
                "The choice was easier after what you said about {topic}",
            ),
            _Opening(
                "I'm joining[ {joining}| the team] soon, and I wanted to thank you for your "
                "part in my interviews",
                "I learned a lot from our talk about {topic}",
            ),
        ),
        (
            (
                "If there's anything you'd suggest I read before I start, I'd welcome it.",
                "Any reading you'd suggest before I start is welcome.",
                "Tips before I start are welcome.",
            ),
            (
                "Thank you, and I hope to learn a lot from you once I start.",
                "I hope to learn from you once I start.",
                "Hoping to learn from you.",
            ),
            (
                "Thanks for making the process a good one for me.",
                "Thanks for a good process.",
                "Thanks again.",
            ),
        ),
    ),
    # Never met: no meeting, conversation or thanks, and no "meet" even about the future.
    "colleague": _Variant(
        "Hello as a new colleague",
        (
            _Opening(
                "I'm joining[ {joining}| the team] and wanted to introduce myself",
                "I'd like to hear your view on {topic}",
            ),
            _Opening(
                "I've accepted[ {job}| an offer to join the team] and will be starting soon",
                "I'd value your take on {topic}",
            ),
            _Opening(
                "a quick hello from a new colleague: I'm joining[ {joining}| the team] soon",
                "I'm keen to learn more about {topic}",
            ),
        ),
        (
            (
                "I look forward to working with you.",
                "Looking forward to working together.",
                "Glad to be colleagues soon.",
            ),
            (
                "It will be good to work together, and I wanted to say hello before I start.",
                "Glad to say hello before I start.",
                "Hello from a future colleague.",
            ),
            (
                "I'm looking forward to working alongside you.",
                "Looking forward to working alongside you.",
                "Keen to work alongside you.",
            ),
        ),
    ),
    "colleague_brief": _Variant(
        "Short hello, no reply needed",
        (
            _Opening(
                "just a short note to say I'm joining[ {joining}| the team]",
                "I hope to learn from you about {topic}",
            ),
            _Opening(
                "I'm connecting ahead of my first day, as I'll soon be joining"
                "[ {joining}| the team]",
                "I'd be glad to hear your thoughts on {topic}",
            ),
            _Opening(
                "I've accepted[ {job}| an offer] and wanted to connect before I start",
                "Once I'm there, I'd like to learn about {topic}",
            ),
        ),
        (
            (
                "No need to reply; I simply wanted to say hello before I start.",
                "No need to reply; just saying hello.",
                "No need to reply.",
            ),
            (
                "There's no need to reply; I'll say hello properly once I start.",
                "No reply needed; I'll say hello once I start.",
                "No reply needed.",
            ),
            (
                "Please don't feel you need to answer; a connection is plenty.",
                "No answer needed; a connection is plenty.",
                "No answer needed.",
            ),
        ),
    ),
    "closed": _Variant(
        "Gracious close-out note",
        (
            _Opening(
                "thank you for your time[ {day}][ talking about {job}]",
                "I enjoyed our talk about {topic}",
            ),
            _Opening(
                "although the process[ for {job}] has ended, I'm glad we met[ {day}]",
                "A highlight was our exchange on {topic}",
            ),
            _Opening(
                "thanks again for the interview[ {day}][ for {job}]",
                "I keep coming back to what you said about {topic}",
            ),
        ),
        (
            (
                "No expectations now that the process is over; I'd be glad to stay in touch.",
                "No expectations, just glad to stay in touch.",
                "No expectations; glad to connect.",
            ),
            (
                "Whatever the outcome was, I'd like to stay in touch.",
                "I'd still like to stay in touch, with no expectations.",
                "No expectations, just staying in touch.",
            ),
            (
                "I'd be glad to stay connected, with no expectations either way.",
                "Glad to stay connected, no expectations.",
                "No expectations; happy to connect.",
            ),
        ),
    ),
    "closed_learned": _Variant(
        "Close-out note on what you learned",
        (
            _Opening(
                "I'm grateful for all I learned in our interview[ {day}][ for {job}]",
                "I'll take with me your view on {topic}",
            ),
            _Opening(
                "whatever the outcome, the interview[ {day}][ for {job}] taught me a lot",
                "I came away with plenty to think about on {topic}",
            ),
            _Opening(
                "our conversation[ {day}][ about {job}] gave me a clearer idea of what I want next",
                "Especially useful was what you said about {topic}",
            ),
        ),
        (
            (
                "I wish you and the team well; no expectations, I'd just like to stay in touch.",
                "I wish the team well; no expectations.",
                "All the best, with no expectations.",
            ),
            (
                "Either way, I'd be glad to follow your work and stay in touch.",
                "Either way, glad to follow your work.",
                "Either way, glad to keep in touch.",
            ),
            (
                "No expectations; I'd be glad to keep in touch and hear how the team gets on.",
                "No expectations; glad to keep in touch.",
                "No expectations, with thanks.",
            ),
        ),
    ),
}

NOTE_KINDS: dict[str, tuple[str, ...]] = {
    "met": ("warm", "candid"),
    "hired": ("hired", "hired_thanks"),
    "colleague": ("colleague", "colleague_brief"),
    "closed": ("closed", "closed_learned"),
}
NOTE_VARIANTS = tuple(variant for variants in NOTE_KINDS.values() for variant in variants)

_EMAILS: dict[str, _Variant] = {
    "thank_you": _Variant(
        "Thank-you email",
        (
            _Opening(
                "Thank you for taking the time to speak with me[ {day}][ about {job}]",
                "I especially enjoyed our discussion of {topic}",
            ),
            _Opening(
                "Thank you for meeting me[ {day}][ to discuss {job}]",
                "I particularly valued what you shared about {topic}",
            ),
            _Opening(
                "I appreciated the chance to talk with you[ {day}][ about {job}]",
                "A highlight for me was our conversation about {topic}",
            ),
        ),
        (
            (
                "I came away even more interested in the role. If it would help to see more of "
                "my work or to follow up on anything we covered, just let me know.",
            ),
            (
                "The conversation made me keener still on the role. I'd be happy to send "
                "examples of my work or answer any further questions.",
            ),
            (
                "I'm even more enthusiastic about the role now. Please tell me if anything "
                "else from me would be useful.",
            ),
        ),
        sign_off="Best regards,",
        subject=("Thank you", "Thank you for your time"),
    ),
    "thank_you_short": _Variant(
        "Short thank-you email",
        (
            _Opening(
                "Thanks again for our conversation[ {day}][ about {job}]",
                "It was good to hear your thoughts on {topic}",
            ),
            _Opening(
                "Many thanks for your time[ {day}][ talking about {job}]",
                "I found it especially helpful to hear about {topic}",
            ),
            _Opening(
                "Thank you for the interview[ {day}][ for {job}]",
                "I'm still thinking about {topic}",
            ),
        ),
        (
            ("I enjoyed it and hope we speak again.",),
            ("It was a pleasure, and I wish you a good week.",),
            ("I appreciated your openness and wish you a good rest of the week.",),
        ),
        sign_off="Best,",
        subject=("Thanks", "Thanks for your time"),
    ),
}
EMAIL_VARIANTS = tuple(_EMAILS)

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
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# ---------------------------------------------------------------------------------------------
# Days


def format_date(value: date | None) -> str:
    """E.g. "20 November" (no year: notes go out within weeks of the meeting)."""
    return "" if value is None else f"{value.day} {_MONTHS[value.month - 1]}"


def day_phrase(meeting_date: date | None, today: date | None = None) -> str:
    """The meeting's day as the candidate would say it on ``today`` (their local date).

    "today", "yesterday", "on Tuesday" within the last six days, else "on 20 November" (also
    without ``today``, or for a date after it); "" without a date.
    """
    if meeting_date is None:
        return ""
    if today is not None:
        days = (today - meeting_date).days
        if days == 0:
            return "today"
        if days == 1:
            return "yesterday"
        if 2 <= days <= 6:
            return f"on {_WEEKDAYS[meeting_date.weekday()]}"
    return f"on {format_date(meeting_date)}"


# ---------------------------------------------------------------------------------------------
# Tidying the candidate's fields

_PAIRS = {"(": ")", "[": "]", "{": "}", "\u201c": "\u201d", "\u00ab": "\u00bb", "\u2039": "\u203a"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}
_EDGE_SEPARATORS = " ,;:/\\|&+\u00b7-\u2013\u2014"
_TERMINAL = ".!?…"


def _balanced(text: str) -> str:
    """The text without brackets or quotes that have no partner (each becomes a space between
    two letters, else nothing), so no draft leaves one open."""
    stack: list[tuple[str, int]] = []
    unmatched: set[int] = set()
    for index, char in enumerate(text):
        if char == '"':
            if stack and stack[-1][0] == '"':
                stack.pop()
            else:
                stack.append((char, index))
        elif char in _PAIRS:
            stack.append((char, index))
        elif char in _CLOSERS:
            if stack and stack[-1][0] == _CLOSERS[char]:
                stack.pop()
            else:
                unmatched.add(index)
    unmatched.update(index for _, index in stack)
    if not unmatched:
        return text
    out = []
    for index, char in enumerate(text):
        if index not in unmatched:
            out.append(char)
        elif 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum():
            out.append(" ")
    return clean("".join(out))


def _field(value: str | None) -> str:
    """Collapsed, balanced, and without separators at either end ("Acme," -> "Acme")."""
    text = _balanced(clean(value))
    while text and (text[0] in _EDGE_SEPARATORS or text[-1] in _EDGE_SEPARATORS):
        text = text.strip(_EDGE_SEPARATORS)
    return text


def _topic(value: str | None) -> str:
    """The topic without its own closing punctuation: the sentence adds a full stop."""
    text = _field(value)
    while text and text[-1] in _TERMINAL + _EDGE_SEPARATORS:
        text = text.rstrip(_TERMINAL + _EDGE_SEPARATORS)
    return text


def _sentence(text: str) -> str:
    return text if text.endswith(tuple(_TERMINAL)) else f"{text}."


# ---------------------------------------------------------------------------------------------
# Grammar

_LETTERS_SAID_WITH_A_VOWEL = frozenset("AEFHILMNORSX")  # "an SRE", "an MBA", "a UX"
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")  # "an hour"
_SAID_WITH_Y_OR_W = ("uni", "use", "usu", "uti", "ure", "uro", "uk", "ubi", "eu", "one", "once")
_UN_PREFIXED = ("unin", "unim", "unid")  # "an uninsured", unlike "a unique"
_ROLE_WORDS = ("role", "position", "job", "post", "vacancy", "opening")
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+(?=\S)", re.IGNORECASE)


def indefinite_article(phrase: str) -> str:
    """ "a" or "an" for the phrase's first word, by how it is said (a reasonable heuristic):
    "an Analyst", "a User Researcher", "an hour", "an SRE", "a UX Designer", "a NASA team"."""
    match = re.search(r"\w+", phrase)
    if match is None:
        return "a"
    word = match.group()
    if "0" <= word[0] <= "9":
        digits = re.match(r"[0-9]+", word).group()
        eighteen = len(digits) in (2, 5) and digits[:2] in ("11", "18")
        return "an" if digits[0] == "8" or eighteen else "a"
    # Short or vowel-less capitals are said letter by letter: "an SRE", "an HTML", "a VP".
    if word.isupper() and (len(word) <= 3 or not any(c in "AEIOU" for c in word)):
        return "an" if word[0] in _LETTERS_SAID_WITH_A_VOWEL else "a"
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    if not plain:
        return "a"
    if plain.startswith(_SILENT_H):
        return "an"
    if plain.startswith(_SAID_WITH_Y_OR_W) and not plain.startswith(_UN_PREFIXED):
        return "a"
    return "an" if plain[0] in "aeiou" else "a"


def _says_role(role: str) -> bool:
    """Whether the role already names itself as one ("Product role", "Analyst (contract
    post)"), so that "role" is not added a second time."""
    words = re.findall(r"\w+", role.lower())
    bracketed = re.findall(r"\w+", " ".join(re.findall(r"[(\[]([^)\]]*)[)\]]", role.lower())))
    return bool(words) and (words[-1] in _ROLE_WORDS or any(w in _ROLE_WORDS for w in bracketed))


def _role_noun(role: str) -> str:
    """ "Data Engineer role", "Product role" (not "Product role role"), and "Engineer
    (Platform) position" (no "role" after a bracket)."""
    if _says_role(role):
        return role
    if any(c in role for c in "()[]"):
        return f"{role} position"
    return f"{role} role"


def _job(role: str, company: str) -> str:
    """What the meeting was about: "the Analyst role at Acme", "the Analyst role", "the role
    at Acme" or ""."""
    if role and company:
        return f"the {_role_noun(role)} at {company}"
    if role:
        return f"the {_role_noun(role)}"
    if company:
        return f"the role at {company}"
    return ""


def _joining(role: str, company: str) -> str:
    """What follows "joining": "Acme as an Analyst", "in the Product role", "Acme" or ""."""
    if role:
        as_role = f"in the {role}" if _says_role(role) else f"as {indefinite_article(role)} {role}"
        return f"{company} {as_role}" if company else as_role
    return company


# ---------------------------------------------------------------------------------------------
# Filling the templates

_SEGMENT = re.compile(r"\[([^\[\]|]*)(?:\|([^\[\]]*))?\]")
_SLOT = re.compile(r"\{(\w+)\}")


def _fill(template: str, fields: dict[str, str]) -> str:
    def filled(text: str) -> bool:
        return all(fields[name] for name in _SLOT.findall(text))

    def segment(match: re.Match) -> str:
        if filled(match.group(1)):
            return match.group(1)
        fallback = match.group(2) or ""
        return fallback if filled(fallback) else ""

    # Fields are put in after the segments are chosen, so a "[" or "{" typed by the candidate
    # is text, never template syntax.
    return _SLOT.sub(lambda m: fields[m.group(1)], _SEGMENT.sub(segment, template))


@dataclass(frozen=True, slots=True)
class _Facts:
    name: str
    company: str
    role: str
    day: str
    topic: str
    signature: str


@dataclass(frozen=True, slots=True)
class _Keep:
    """What a note keeps; the shortening steps turn these off one by one."""

    closing: int = 0
    day: bool = True
    company: bool = True
    role: bool = True
    topic: bool = True
    name: bool = True
    signature: bool = True


_STEPS: tuple[dict, ...] = (
    {"closing": 1},
    {"day": False},
    {"company": False},
    {"role": False},
    {"closing": 2},
    {"topic": False},
    {"name": False},
    {"signature": False},
)


def _greeting_name(meeting: Meeting) -> str:
    """``address_as`` as typed (tidied), else the guessed first name; "" greets with "Hello,"."""
    chosen = _field(meeting.address_as).rstrip("!?…")
    return chosen or _field(first_name(meeting.interviewer_name))


def _facts(candidate: Candidate, meeting: Meeting, today: date | None) -> _Facts:
    return _Facts(
        name=_greeting_name(meeting),
        company=_field(meeting.company),
        role=_LEADING_ARTICLE.sub("", _field(meeting.role)),
        day=day_phrase(meeting.round_date, today),
        topic=_topic(meeting.topic),
        signature=_field(candidate.display_name),
    )


def _phrasing(variant: _Variant, position: int) -> tuple[_Opening, tuple[str, ...]]:
    """Opening p mod n and closing (p + p div n) mod n: distinct pairs for n * n people."""
    n = len(variant.openings)
    opening = variant.openings[position % n]
    closing = variant.closings[(position + position // n) % len(variant.closings)]
    return opening, closing


def _fields(f: _Facts, keep: _Keep) -> dict[str, str]:
    role = f.role if keep.role else ""
    company = f.company if keep.company else ""
    return {
        "day": f.day if keep.day else "",
        "job": _job(role, company),
        "joining": _joining(role, company),
        "topic": f.topic if keep.topic else "",
    }


def _greeting(name: str) -> str:
    return f"Hi {name}," if name else "Hello,"


def _render_note(opening: _Opening, closings: tuple[str, ...], f: _Facts, keep: _Keep) -> str:
    fields = _fields(f, keep)
    greeting = _greeting(f.name if keep.name else "")
    parts = [_sentence(f"{greeting} {_fill(opening.sentence, fields)}")]
    if fields["topic"]:
        parts.append(_sentence(_fill(opening.topic, fields)))
    parts.append(closings[min(keep.closing, len(closings) - 1)])
    if keep.signature and f.signature:
        parts.append(f"Best, {f.signature}")
    return " ".join(parts)


def _note(variant: str, candidate: Candidate, meeting: Meeting, today: date | None) -> Draft:
    spec = _NOTES[variant]
    limit = note_limit(candidate)
    f = _facts(candidate, meeting, today)
    opening, closings = _phrasing(spec, meeting.position)
    keep = _Keep()
    full = text = _render_note(opening, closings, f, keep)
    for step in _STEPS:
        if len(text) <= limit:
            break
        keep = replace(keep, **step)
        text = _render_note(opening, closings, f, keep)
    return _draft(
        "linkedin_note",
        variant,
        text,
        limit=limit,
        shortened=text != full,
        label=spec.label,
    )


def linkedin_notes(
    kind: str, candidate: Candidate, meeting: Meeting, *, today: date | None = None
) -> tuple[Draft, ...]:
    """The LinkedIn notes of one kind ("met", "hired", "colleague", "closed"): two variants
    that differ in what they say, each within the candidate's note limit."""
    if kind not in NOTE_KINDS:
        raise ValueError(f"unknown note kind {kind!r}")
    return tuple(_note(v, candidate, meeting, today) for v in NOTE_KINDS[kind])


def linkedin_note(
    variant: str, candidate: Candidate, meeting: Meeting, *, today: date | None = None
) -> Draft:
    """One LinkedIn note by variant name (any of ``NOTE_VARIANTS``)."""
    if variant not in _NOTES:
        raise ValueError(f"unknown note variant {variant!r}")
    return _note(variant, candidate, meeting, today)


# ---------------------------------------------------------------------------------------------
# Emails


def _subject(spec: _Variant, role: str, company: str) -> str:
    """ "Thank you \u2013 Staff Engineer interview"; the round's own name is never used."""
    if role:
        words = role.split(" ")
        if len(words) > 1 and _says_role(role) and words[-1].lower() in _ROLE_WORDS:
            role = " ".join(words[:-1]).rstrip(_EDGE_SEPARATORS)
        return f"{spec.subject[0]} \u2013 {role} interview"
    if company:
        return f"{spec.subject[0]} \u2013 {company} interview"
    return spec.subject[1]


def _email(variant: str, candidate: Candidate, meeting: Meeting, today: date | None) -> Draft:
    spec = _EMAILS[variant]
    f = _facts(candidate, meeting, today)
    opening, closings = _phrasing(spec, meeting.position)
    fields = _fields(f, _Keep())
    sentences = [_sentence(_fill(opening.sentence, fields))]
    if fields["topic"]:
        sentences.append(_sentence(_fill(opening.topic, fields)))
    sentences.append(closings[0])
    blocks = [_greeting(f.name), " ".join(sentences)]
    if f.signature:
        blocks.append(f"{spec.sign_off}\n{f.signature}")
    return _draft(
        "email",
        variant,
        "\n\n".join(blocks),
        subject=_subject(spec, f.role, f.company),
        label=spec.label,
    )


def thank_you_emails(
    candidate: Candidate, meeting: Meeting, *, today: date | None = None
) -> tuple[Draft, ...]:
    """Both thank-you emails (``EMAIL_VARIANTS``): four sentences at most, naming the topic if
    there is one. ``today`` is the candidate's local date, to name the meeting's day."""
    return tuple(_email(v, candidate, meeting, today) for v in EMAIL_VARIANTS)


def thank_you_email(
    candidate: Candidate,
    meeting: Meeting,
    *,
    today: date | None = None,
    variant: str = "thank_you",
) -> Draft:
    """One thank-you email, by default the fuller one."""
    if variant not in _EMAILS:
        raise ValueError(f"unknown email variant {variant!r}")
    return _email(variant, candidate, meeting, today)


# ---------------------------------------------------------------------------------------------
# Comments


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
