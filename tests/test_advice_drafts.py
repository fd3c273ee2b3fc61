"""Draft texts: LinkedIn notes within the limit, the thank-you email, comment guidance."""

import itertools
import os
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from advisor.advice import (
    FREE_NOTE_LIMIT,
    NO_EXPECTATION_PHRASES,
    NOTE_VARIANTS,
    PREMIUM_NOTE_LIMIT,
    RESEARCH_ITEMS,
    RULES,
    Candidate,
    LinkState,
    Meeting,
    Platform,
    ProfileFacts,
    Progress,
    Stance,
    Tone,
    Visibility,
    advise_platform,
    comment_guidance,
    first_name,
    linkedin_note,
    thank_you_email,
)

MEETING = Meeting(
    interviewer_name="Dana Ruiz",
    company="Acme Corp",
    role="Data Engineer",
    round_name="final interview",
    round_date=date(2026, 11, 20),
    topic="streaming pipelines",
)
SAM = Candidate(display_name="Sam Lee", stance=Stance.STRATEGIC, linkedin_premium=False)
SAM_PREMIUM = replace(SAM, linkedin_premium=True)
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)

LONG_MEETING = Meeting(
    interviewer_name="Bartholomew-Maximilian Featherstonehaugh-Cholmondeley the Third",
    company="International Consolidated Holdings and Strategic Advisory Services Group Ltd.",
    role=(
        "Senior Principal Staff Distributed Systems Reliability Engineer, "
        "Platform Infrastructure and Tooling"
    ),
    round_name="technical deep-dive with the platform team",
    round_date=date(2026, 11, 20),
    topic="how the consensus protocol copes with partitions across regions",
)
LONG_NAME = Candidate(
    display_name="Alexandra Konstantinopoulou-Papadimitriou van der Berg",
    linkedin_premium=False,
)

TRIM = " ,;:-\u2013\u2014/&(+|\u00b7"
BAD_FRAGMENTS = ("None", "{", "}", "  ", " ,", " .", ",.", "..", "()", "( )", " ;")


def assert_reads_cleanly(text):
    for fragment in BAD_FRAGMENTS:
        assert fragment not in text, (fragment, text)
    assert text == text.strip()
    assert not text.endswith(","), text


def test_notes_name_the_interviewer_meeting_role_and_company_when_they_fit():
    for variant in NOTE_VARIANTS:
        draft = linkedin_note(variant, SAM_PREMIUM, MEETING)
        for part in ("Dana", "20 November", "Data Engineer", "Acme Corp"):
            assert part in draft.text, (variant, draft.text)
        # The meeting is named by its date: typed round names read badly in a sentence.
        assert "final interview" not in draft.text
        assert draft.text.endswith("Best, Sam Lee")
        assert not draft.shortened
        assert draft.kind == "linkedin_note"
        assert draft.limit == PREMIUM_NOTE_LIMIT
        assert draft.length == len(draft.text) <= PREMIUM_NOTE_LIMIT


def test_notes_say_plainly_that_nothing_is_expected_except_the_hired_one():
    for variant in ("warm", "candid", "closed"):
        for candidate, meeting in itertools.product((SAM, SAM_PREMIUM), (MEETING, LONG_MEETING)):
            text = linkedin_note(variant, candidate, meeting).text.lower()
            assert any(p in text for p in NO_EXPECTATION_PHRASES), text
    assert "no pressure to accept" in linkedin_note("candid", SAM, MEETING).text.lower()
    assert "working" in linkedin_note("hired", SAM, MEETING).text.lower()


def test_the_free_limit_drops_optional_clauses_before_anything_else():
    draft = linkedin_note("warm", SAM, MEETING)
    assert draft.limit == FREE_NOTE_LIMIT
    assert draft.shortened
    assert "streaming pipelines" not in draft.text  # the topic goes first
    assert "Data Engineer" in draft.text and "Acme Corp" in draft.text
    assert draft.length <= FREE_NOTE_LIMIT


@pytest.mark.parametrize("variant", NOTE_VARIANTS)
@pytest.mark.parametrize("candidate", [LONG_NAME, replace(LONG_NAME, linkedin_premium=True)])
def test_realistic_long_names_still_fit_with_whole_words(variant, candidate):
    draft = linkedin_note(variant, candidate, LONG_MEETING)
    assert draft.length == len(draft.text) <= draft.limit
    assert draft.text.startswith("Hi Bartholomew-Maximilian,")
    assert draft.shortened
    assert_reads_cleanly(draft.text)
    assert_no_cut_words(draft.text, LONG_MEETING)


def assert_no_cut_words(text, meeting):
    words = {w.rstrip(TRIM) for w in f"{meeting.company} {meeting.role}".split()}
    for token in re.findall(r"(\S+)…", text):
        assert token in words, (token, text)


def test_missing_fields_leave_no_gaps():
    fields = ("company", "role", "round_name", "round_date", "topic")
    for blanks in itertools.chain.from_iterable(
        itertools.combinations(fields, n) for n in range(len(fields) + 1)
    ):
        meeting = replace(MEETING, **{f: (None if f == "round_date" else "") for f in blanks})
        for candidate in (SAM_PREMIUM, Candidate(display_name="", linkedin_premium=True)):
            texts = [linkedin_note(v, candidate, meeting).text for v in NOTE_VARIANTS]
            email = thank_you_email(candidate, meeting)
            for text in (*texts, email.text, email.subject):
                assert_reads_cleanly(text)
            for text in texts:
                assert "Dana" in text
                assert ("Best," in text) == bool(candidate.display_name)


def test_messy_whitespace_in_inputs_is_collapsed():
    meeting = Meeting("  Dana \t Ruiz ", " Acme\n Corp ", "Data   Engineer", " ", None, "\t")
    for variant in NOTE_VARIANTS:
        text = linkedin_note(variant, Candidate(" Sam  Lee "), meeting).text
        assert_reads_cleanly(text)
        assert "Acme Corp" in text and "Data Engineer role" in text


def test_first_name_is_the_first_word_of_the_name():
    assert first_name("Dana Ruiz") == "Dana"
    assert first_name("  Dana   María Ruiz ") == "Dana"
    assert first_name("Madonna") == "Madonna"
    assert first_name("Dr. Ana Ruiz") == "Dr. Ruiz"
    assert first_name("") == ""


def test_role_names_that_already_say_role_are_not_doubled():
    meeting = replace(MEETING, role="Product Manager role")
    assert "role role" not in linkedin_note("warm", SAM_PREMIUM, meeting).text


# Printable text without braces, control characters, surrogates or the ellipsis.
FIELD_CHARS = st.characters(
    blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="{}…"
)
words = st.text(FIELD_CHARS, min_size=1, max_size=30)


def field(max_size):
    return st.one_of(
        st.text(FIELD_CHARS, max_size=max_size),
        st.lists(words, max_size=12).map(" ".join).map(lambda s: s[:max_size]),
    )


names = field(60).filter(lambda s: s.split() and len(s.split()[0]) <= 60)


@settings(max_examples=300, deadline=None)
@given(
    interviewer=names,
    display_name=field(60),
    company=field(80),
    role=field(100),
    round_name=field(40),
    topic=field(80),
    round_date=st.one_of(st.none(), st.dates()),
    premium=st.booleans(),
    variant=st.sampled_from(NOTE_VARIANTS),
)
def test_every_note_fits_the_limit_and_names_the_interviewer(
    interviewer, display_name, company, role, round_name, topic, round_date, premium, variant
):
    assume("None" not in "".join((interviewer, display_name, company, role, round_name, topic)))
    meeting = Meeting(interviewer, company, role, round_name, round_date, topic)
    candidate = Candidate(display_name, Stance.STRATEGIC, premium)
    draft = linkedin_note(variant, candidate, meeting)
    limit = PREMIUM_NOTE_LIMIT if premium else FREE_NOTE_LIMIT
    assert draft.limit == limit
    assert draft.length == len(draft.text) <= limit
    assert first_name(interviewer) in draft.text
    for fragment in ("None", "{", "}", "  "):
        assert fragment not in draft.text
    assert_no_cut_words(draft.text, replace(meeting, company=" ".join(company.split())))


@settings(max_examples=150, deadline=None)
@given(
    interviewer=names,
    company=field(80),
    role=field(100),
    stage=st.sampled_from([p for p in Progress if p not in (Progress.BEFORE_MEETING,)]),
    premium=st.booleans(),
)
def test_every_draft_the_engine_attaches_fits_at_every_stage(
    interviewer, company, role, stage, premium
):
    assume("None" not in interviewer + company + role)
    advice = advise_platform(
        candidate=Candidate("Sam Lee", Stance.STRATEGIC, premium),
        progress=stage,
        meeting=Meeting(interviewer, company, role, "final interview", date(2026, 11, 20)),
        profile=ProfileFacts(Platform.LINKEDIN),
        touches=(),
        now=NOW,
    )
    for draft in advice.drafts:
        assert draft.length <= draft.limit
        assert first_name(interviewer) in draft.text
        assert "  " not in draft.text and "None" not in draft.text


def _sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def test_thank_you_email_is_short_names_the_topic_and_is_signed():
    email = thank_you_email(SAM, MEETING)
    assert email.kind == "email" and email.variant == "thank_you"
    assert email.subject and email.limit is None
    assert email.text.startswith("Hi Dana,")
    assert "streaming pipelines" in email.text
    assert email.text.endswith("Sam Lee")
    body = email.text.split("\n\n")[1]
    assert len(_sentences(body)) <= 6
    assert email.length == len(email.text)


def test_thank_you_email_without_a_topic_does_not_invent_one():
    email = thank_you_email(Candidate(""), replace(MEETING, topic=""))
    assert "discussion of" not in email.text
    assert email.text.endswith("Best regards")
    assert_reads_cleanly(email.text)


def test_comment_guidance_counts_and_says_stop_at_two():
    assert comment_guidance(0).variant == "open"
    assert comment_guidance(1).variant == "open"
    assert comment_guidance(2).variant == "stop"
    assert "Comments so far: 1 (at most 2)." in comment_guidance(1).text
    assert comment_guidance(2).kind == "comment_guidance"


def _eight_grams(text):
    tokens = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
    return {tuple(tokens[i : i + 8]) for i in range(len(tokens) - 7)}


SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"


def test_no_text_shares_eight_words_in_a_row_with_the_sources():
    if not SOURCES.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the source texts are missing from {SOURCES}")
        pytest.skip(f"the source texts are not beside the checkout ({SOURCES})")
    source_grams = set()
    for path in SOURCES.glob("*.txt"):
        source_grams |= _eight_grams(path.read_text(encoding="utf-8"))
    ours = [r.summary for r in RULES.values()] + [i.label for i in RESEARCH_ITEMS]
    ours += [comment_guidance(n).text for n in range(3)]
    for variant, candidate in itertools.product(NOTE_VARIANTS, (SAM, SAM_PREMIUM)):
        ours.append(linkedin_note(variant, candidate, MEETING).text)
    ours.append(thank_you_email(SAM, MEETING).text)
    for stance, stage, platform, vis, tone, state in itertools.product(
        Stance, Progress, Platform, Visibility, Tone, LinkState
    ):
        advice = advise_platform(
            candidate=Candidate("Sam", stance),
            progress=stage,
            meeting=MEETING,
            profile=ProfileFacts(platform, vis, tone, state),
            touches=(),
            now=NOW,
        )
        ours.append(advice.reason)
    package = Path(__file__).resolve().parents[1] / "advisor" / "advice"
    ours += [p.read_text(encoding="utf-8") for p in package.glob("*.py")]
    for text in ours:
        shared = _eight_grams(text) & source_grams
        assert not shared, (shared, text[:80])
