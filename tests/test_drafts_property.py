"""Every draft, for any names, roles, companies and topics a candidate might type.

Words are built from any letters, marks and digits (very long ones too), with the punctuation
people type around them: brackets and quotes (sometimes left open), question marks, commas,
full stops. The inputs themselves never contain a broken fragment such as "?." or " ,", so
any such fragment in a draft is the drafts' own doing.
"""

import re
import unicodedata
from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from advisor.advice import (
    FREE_NOTE_LIMIT,
    NO_EXPECTATION_PHRASES,
    NOTE_KINDS,
    PREMIUM_NOTE_LIMIT,
    Candidate,
    Meeting,
    first_name,
    linkedin_notes,
    thank_you_emails,
)
from advisor.advice.drafts import format_date
from advisor.advice.facts import HONORIFICS, SUFFIXES
from tests.strategies import PLAIN_NAME, typed_names, typed_words
from tests.test_advice_drafts import (
    FORBIDDEN_FOR_STRANGERS,
    assert_no_cut_words,
    assert_nothing_left_open,
    assert_reads_cleanly,
)

MONTHS = [format_date(date(2026, month, 1)).split()[1] for month in range(1, 13)]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
BAD = (" ,", " .", " ;", " :", ",.", "..", "?.", "??", "!.", "?,", "!,", "  ", "None")


def clean_inputs(*values):
    """The inputs hold no broken fragment themselves, wherever they sit in a sentence."""
    for value in filter(None, values):
        padded = f" {value} "
        assume(not any(fragment in padded for fragment in BAD))


def _words(*values):
    return {w.lower() for value in values for w in re.findall(r"\w+", value)}


@settings(max_examples=400, deadline=None)
@given(
    interviewer=typed_names(),
    address_as=st.one_of(st.just(""), typed_words(3)),
    company=typed_words(6),
    role=typed_words(8),
    topic=typed_words(12),
    display_name=st.one_of(st.just(""), PLAIN_NAME.map(lambda s: s[:100])),
    round_date=st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 12, 31))),
    days_since=st.one_of(st.none(), st.integers(-3, 30)),
    premium=st.booleans(),
    position=st.integers(0, 12),
    kind=st.sampled_from(tuple(NOTE_KINDS)),
)
def test_every_draft_fits_reads_cleanly_and_keeps_words_whole(
    interviewer,
    address_as,
    company,
    role,
    topic,
    display_name,
    round_date,
    days_since,
    premium,
    position,
    kind,
):
    clean_inputs(interviewer, address_as, company, role, topic, display_name)
    today = None if round_date is None or days_since is None else round_date
    if today is not None:
        today += timedelta(days=days_since)
    meeting = Meeting(
        interviewer,
        company,
        role,
        "Round 2: System design",
        round_date,
        topic,
        address_as=address_as,
        position=position,
    )
    candidate = Candidate(display_name, linkedin_premium=premium)
    inputs = (interviewer, address_as, company, role, topic, display_name)
    limit = PREMIUM_NOTE_LIMIT if premium else FREE_NOTE_LIMIT
    signature = " ".join(display_name.split())

    notes = linkedin_notes(kind, candidate, meeting, today=today)
    emails = thank_you_emails(candidate, meeting, today=today)
    assert len(notes) >= 2 and len({n.text for n in notes}) == len(notes)
    for draft in (*notes, *emails):
        assert_reads_cleanly(draft.text)
        assert_reads_cleanly(draft.subject or "subject")
        assert_nothing_left_open(draft.text)
        assert_no_cut_words(draft.text, *inputs)
        assert "Round 2" not in draft.text and "Round 2" not in draft.subject
        greeting = re.match(r"(?:Hi (.+?),|Hello,)", draft.text)
        assert greeting is not None, draft.text
        if not address_as.strip() and greeting.group(1):
            assert greeting.group(1) == first_name(interviewer)
            key = greeting.group(1).replace(".", "").lower()
            assert key not in HONORIFICS | SUFFIXES, draft.text
        if signature:
            assert draft.text.endswith(signature), draft.text
        else:
            assert "Best," not in draft.text and "regards" not in draft.text
        if round_date is not None:  # never a day other than the meeting's
            typed = " ".join(inputs)
            for found in re.findall(rf"\b\d+ (?:{'|'.join(MONTHS)})\b", draft.text):
                assert found == format_date(round_date) or found.split()[1] in typed
            for weekday in re.findall(rf"\bon ({'|'.join(WEEKDAYS)})\b", draft.text):
                assert weekday == WEEKDAYS[round_date.weekday()] or weekday in typed

    for note in notes:
        assert note.limit == limit
        assert note.length == len(note.text) <= limit
        text = note.text.lower()
        if kind in ("met", "closed"):
            assert any(phrase in text for phrase in NO_EXPECTATION_PHRASES), note.text
        if kind == "colleague":
            ours = _words(note.text) - _words(*inputs)
            assert not ours & FORBIDDEN_FOR_STRANGERS, note.text


@settings(max_examples=300, deadline=None)
@given(name=typed_names())
def test_the_guessed_first_name_is_never_an_honorific_suffix_or_initial(name):
    guess = first_name(name)
    if guess:
        assert guess.replace(".", "").lower() not in HONORIFICS | SUFFIXES
        assert guess in name
        for edge in (guess[0], guess[-1]):
            assert unicodedata.category(edge)[0] not in "PS", guess
        assert not (len(guess) == 1 and guess.isascii()), guess
