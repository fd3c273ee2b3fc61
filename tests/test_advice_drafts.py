"""Draft texts a person would send: names, grammar, topics, days, limits, variants, subjects."""

import itertools
import os
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from advisor.advice import (
    EMAIL_VARIANTS,
    FREE_NOTE_LIMIT,
    NO_EXPECTATION_PHRASES,
    NOTE_KINDS,
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
    linkedin_notes,
    thank_you_email,
    thank_you_emails,
)
from advisor.advice.drafts import day_phrase, indefinite_article
from advisor.advice.facts import HONORIFICS, SUFFIXES
from tests.strategies import printable_field

MEETING = Meeting(
    interviewer_name="Dana Ruiz",
    company="Acme Corp",
    role="Data Engineer",
    round_name="final interview",
    round_date=date(2026, 11, 20),  # a Friday
    topic="streaming pipelines",
)
SAM = Candidate(display_name="Sam Lee", stance=Stance.STRATEGIC, linkedin_premium=False)
SAM_PREMIUM = replace(SAM, linkedin_premium=True)
NOBODY = Candidate(display_name="", linkedin_premium=True)
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

MET_KINDS = ("met", "hired", "closed")  # notes to people the candidate has met
SOURCE_WORDS = frozenset(
    re.findall(
        r"\w+",
        (Path(__file__).resolve().parents[1] / "advisor/advice/drafts.py").read_text("utf-8"),
    )
)
BAD_FRAGMENTS = (
    "None",
    "{",
    "}",
    "  ",
    " ,",
    " .",
    " ;",
    " :",
    ",.",
    ", .",
    ",,",
    ";.",
    ":.",
    "..",
    "?.",
    "??",
    "!.",
    "?,",
    "!,",
    "()",
    "( )",
)
PAIRS = {"(": ")", "[": "]", "{": "}", "\u201c": "\u201d", "\u00ab": "\u00bb"}


# ---------------------------------------------------------------------------------------------
# What every draft must pass (shared with tests/test_drafts_property.py)


def assert_reads_cleanly(text):
    for fragment in BAD_FRAGMENTS:
        assert fragment not in text, (fragment, text)
    assert text == text.strip()
    assert not text.endswith((",", ";", ":")), text


def assert_nothing_left_open(text):
    stack = []
    for char in text:
        if char == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append(char)
        elif char in PAIRS:
            stack.append(char)
        elif char in PAIRS.values():
            assert stack and PAIRS.get(stack.pop()) == char, text
    assert not stack, text


def assert_no_cut_words(text, *inputs):
    """Every word is whole: it is a word of the inputs or of the drafts' own wording."""
    allowed = SOURCE_WORDS | {w for value in inputs for w in re.findall(r"\w+", value or "")}
    for word in re.findall(r"\w+", text):
        assert word in allowed or word.isdigit(), (word, text)


def meeting_inputs(meeting, candidate):
    return (
        meeting.interviewer_name,
        meeting.address_as,
        meeting.company,
        meeting.role,
        meeting.topic,
        candidate.display_name,
    )


def all_drafts(candidate, meeting, today=None):
    notes = [d for kind in NOTE_KINDS for d in linkedin_notes(kind, candidate, meeting)]
    return notes + list(thank_you_emails(candidate, meeting, today=today))


def greeted(draft):
    return re.match(r"(?:Hi (.+?),|Hello,)", draft.text).group(1)


# ---------------------------------------------------------------------------------------------
# Names


def test_greeting_strips_doctor_and_phd():
    meeting = replace(MEETING, interviewer_name="Dr. Maria Gonzalez PhD")
    assert first_name(meeting.interviewer_name) == "Maria"
    for draft in all_drafts(SAM_PREMIUM, meeting):
        assert draft.text.startswith("Hi Maria,"), draft.text


def test_greeting_strips_mister_and_junior():
    meeting = replace(MEETING, interviewer_name="Mr. John Smith Jr.")
    assert first_name(meeting.interviewer_name) == "John"
    for draft in all_drafts(SAM, meeting):
        assert greeted(draft) == "John", draft.text


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Dr. Maria Gonzalez PhD", "Maria"),
        ("Mr. John Smith Jr.", "John"),
        ("Smith,", "Smith"),
        ("O'Brien, Pat", "Pat"),
        ("Gonzalez, Dr. Maria", "Maria"),
        ("John Smith, Jr.", "John"),
        ("Smith, John, PhD", "John"),
        ("Prof. Dr. Ing. Klaus Weber", "Klaus"),
        ("Mrs Anne-Marie O'Neill MBA", "Anne-Marie"),
        ("J. Robert Oppenheimer", "Robert"),
        ("“Bob” Smith", "Bob"),
        ("Robert (Bob) Smith", "Robert"),
        ("  Dana   María Ruiz ", "Dana"),
        ("Madonna", "Madonna"),
        ("Li Wei", "Li"),
        ("Sir Ian McKellen", "Ian"),
        ("Dr. Ruiz", "Ruiz"),
        ("Dr.", ""),
        ("A. J.", ""),
        ("", ""),
    ],
)
def test_the_first_name_guess_leaves_out_honorifics_suffixes_and_initials(name, greeting):
    assert first_name(name) == greeting


def test_a_person_with_no_name_to_guess_is_greeted_with_hello():
    for name in ("Dr.", "Mr. Ms.", "PhD", ""):
        draft = linkedin_note("warm", SAM, replace(MEETING, interviewer_name=name))
        assert draft.text.startswith("Hello, "), draft.text
        email = thank_you_email(SAM, replace(MEETING, interviewer_name=name))
        assert email.text.startswith("Hello,\n\n")


def test_the_greeting_is_never_an_honorific_or_a_suffix():
    names = ["Dr. Smith", "Prof. Tanaka", "Mrs. Jones", "Sir", "Dame Judi", "Jr.", "Rev. Dr."]
    for name in names:
        for draft in all_drafts(SAM, replace(MEETING, interviewer_name=name)):
            word = greeted(draft)
            if word:
                assert word.rstrip(".").lower() not in HONORIFICS | SUFFIXES, draft.text


@pytest.mark.parametrize("address_as", ["Li Wei", "Professor Tanaka", "Dr. Okafor"])
def test_how_to_address_them_is_used_as_typed_instead_of_the_guess(address_as):
    meeting = replace(MEETING, interviewer_name="Wei Li", address_as=address_as)
    for draft in all_drafts(SAM_PREMIUM, meeting):
        assert draft.text.startswith(f"Hi {address_as},"), draft.text


def test_how_to_address_them_loses_a_stray_trailing_comma():
    meeting = replace(MEETING, address_as=" Li  Wei, ")
    assert linkedin_note("warm", SAM, meeting).text.startswith("Hi Li Wei, thank you")


def test_a_name_too_long_to_fit_falls_back_to_hello_and_keeps_the_signature():
    meeting = replace(MEETING, interviewer_name="Wolfeschlegelsteinhausenbergerdorff" * 4)
    for variant in NOTE_VARIANTS:
        draft = linkedin_note(variant, SAM, meeting)
        assert draft.text.startswith("Hello, "), draft.text
        assert draft.text.endswith("Best, Sam Lee")
        assert draft.length <= FREE_NOTE_LIMIT
        assert draft.shortened


# ---------------------------------------------------------------------------------------------
# Grammar


@pytest.mark.parametrize(
    ("role", "article"),
    [
        ("Analyst", "an"),
        ("analyst", "an"),
        ("Engineer (Platform)", "an"),
        ("Data Engineer", "a"),
        ("SRE", "an"),
        ("MBA Intern", "an"),
        ("HR Business Partner", "an"),
        ("ML Engineer", "an"),
        ("UX Designer", "a"),
        ("VP of Sales", "a"),
        ("QA Lead", "a"),
        ("NASA Liaison", "a"),
        ("User Researcher", "a"),
        ("University Relations Lead", "a"),
        ("European Sales Lead", "a"),
        ("One-off Contractor", "a"),
        ("Hourly Supervisor", "an"),
        ("Honest Broker", "an"),
        ("Uninsured Claims Handler", "an"),
        ("iOS Developer", "an"),
        ("Économiste", "an"),
        ("8-week Intern", "an"),
        ("Head of Data", "a"),
    ],
)
def test_the_article_follows_how_the_role_is_said(role, article):
    assert indefinite_article(role) == article


@pytest.mark.parametrize("role", ["Analyst", "Engineer", "SRE", "Operations Manager", "Intern"])
def test_a_new_colleague_joins_as_an_analyst_never_a_analyst(role):
    meeting = replace(MEETING, role=role)
    texts = [d.text for d in linkedin_notes("colleague", SAM_PREMIUM, meeting)]
    assert any(f"as an {role}" in text for text in texts), texts
    for draft in all_drafts(SAM_PREMIUM, meeting):
        assert f"a {role}" not in draft.text, draft.text


@pytest.mark.parametrize(
    ("role", "phrase"),
    [
        ("Product role", "the Product role at Acme Corp"),
        ("Senior Analyst position", "the Senior Analyst position at Acme Corp"),
        ("Engineer (Platform)", "the Engineer (Platform) position at Acme Corp"),
        ("Analyst (contract role)", "the Analyst (contract role) at Acme Corp"),
        ("Data Engineer", "the Data Engineer role at Acme Corp"),
    ],
)
def test_a_role_that_says_role_or_carries_a_bracket_gets_no_second_role(role, phrase):
    meeting = replace(MEETING, role=role)
    assert phrase in linkedin_note("warm", SAM_PREMIUM, meeting).text
    for position in range(9):
        for draft in all_drafts(SAM_PREMIUM, replace(meeting, position=position)):
            assert not re.search(r"\b(role|position)\)? (role|position)\b", draft.text)
            assert ") role" not in draft.text and "role) position" not in draft.text


def test_a_new_colleague_joins_in_the_product_role_not_as_a_product_role():
    meeting = replace(MEETING, role="Product role")
    text = linkedin_note("colleague", SAM_PREMIUM, meeting).text
    assert "joining Acme Corp in the Product role" in text


def test_the_company_appears_once_per_draft():
    for position, candidate in itertools.product(range(9), (SAM, SAM_PREMIUM)):
        for draft in all_drafts(candidate, replace(MEETING, position=position)):
            assert draft.text.count("Acme Corp") <= 1, draft.text
    for draft in all_drafts(SAM_PREMIUM, MEETING):
        assert draft.text.count("Acme Corp") == 1, draft.text


def test_a_leading_article_typed_in_the_role_is_not_doubled():
    meeting = replace(MEETING, role="an Analyst")
    for draft in all_drafts(SAM_PREMIUM, meeting):
        assert "an an" not in draft.text and "the an" not in draft.text, draft.text


# ---------------------------------------------------------------------------------------------
# Topics


@pytest.mark.parametrize(
    ("topic", "ending"),
    [
        ("why Kafka?", "why Kafka."),
        ("why Kafka??", "why Kafka."),
        ("Kafka!", "Kafka."),
        ("the move to the U.S.", "the move to the U.S."),
        ("schema registries...", "schema registries."),
        ("schema registries…", "schema registries."),
        ("on-call rotations;", "on-call rotations."),
        ("Kafka (and Flink)", "Kafka (and Flink)."),
        ("the “why Kafka?” debate", "the “why Kafka?” debate."),
        ("their post (on Kafka", "their post on Kafka."),
    ],
)
def test_topic_punctuation_stays_right_whatever_it_ends_with(topic, ending):
    meeting = replace(MEETING, topic=topic)
    warm = linkedin_note("warm", SAM_PREMIUM, meeting)
    assert f"I enjoyed our talk about {ending} " in warm.text
    assert f"I especially enjoyed our discussion of {ending} " in thank_you_email(SAM, meeting).text
    for position in range(3):
        for draft in all_drafts(SAM_PREMIUM, replace(meeting, position=position)):
            assert_reads_cleanly(draft.text)
            assert_nothing_left_open(draft.text)


def test_every_kind_puts_the_topic_in_a_full_sentence():
    for kind, position in itertools.product(NOTE_KINDS, range(3)):
        meeting = replace(MEETING, topic="why Kafka?", position=position)
        for draft in linkedin_notes(kind, SAM_PREMIUM, meeting):
            sentence = re.search(r"[^.]*why Kafka\.", draft.text)
            assert sentence and sentence.group().strip()[0].isupper(), draft.text


# ---------------------------------------------------------------------------------------------
# Days


@pytest.mark.parametrize(
    ("today", "said"),
    [
        (date(2026, 11, 20), "today"),
        (date(2026, 11, 21), "yesterday"),
        (date(2026, 11, 22), "on Friday"),
        (date(2026, 11, 26), "on Friday"),
        (date(2026, 11, 27), "on 20 November"),
        (date(2026, 12, 20), "on 20 November"),
        (date(2026, 11, 19), "on 20 November"),  # a clock that is behind: say the date
        (None, "on 20 November"),
    ],
)
def test_the_thank_you_names_the_meetings_day_as_the_candidate_would(today, said):
    assert day_phrase(MEETING.round_date, today) == said
    for email in thank_you_emails(SAM, MEETING, today=today):
        assert f" {said} " in email.text, email.text


def test_the_thank_you_never_names_a_date_other_than_the_meetings():
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    for offset in range(-3, 40):
        today = MEETING.round_date + timedelta(days=offset)
        for email in thank_you_emails(SAM, MEETING, today=today):
            for found in re.findall(rf"\b(\d+ (?:{months}))\b", email.text):
                assert found == "20 November", (today, email.text)
            for weekday in re.findall(r"\bon (\w+day)\b", email.text):
                assert weekday == "Friday", (today, email.text)


def test_notes_can_name_the_day_too():
    note = linkedin_note("warm", SAM_PREMIUM, MEETING, today=date(2026, 11, 21))
    assert "thank you for meeting me yesterday about" in note.text


def test_without_a_date_no_day_is_named():
    meeting = replace(MEETING, round_date=None)
    drafts = [*thank_you_emails(SAM, meeting, today=NOW.date()), *all_drafts(SAM, meeting)]
    for draft in drafts:
        assert not re.search(r"\b(today|yesterday|on \w+day|on \d+ \w+)\b", draft.text)
        assert_reads_cleanly(draft.text)


# ---------------------------------------------------------------------------------------------
# Limits


def test_notes_name_the_interviewer_meeting_role_and_company_when_they_fit():
    for kind in MET_KINDS:
        for draft in linkedin_notes(kind, SAM_PREMIUM, MEETING):
            for part in ("Dana", "20 November", "Data Engineer", "Acme Corp"):
                assert part in draft.text, (draft.variant, draft.text)
            # The meeting is named by its date: typed round names read badly in a sentence.
            assert "final interview" not in draft.text
            assert draft.text.endswith("Best, Sam Lee")
            assert not draft.shortened
            assert draft.kind == "linkedin_note"
            assert draft.limit == PREMIUM_NOTE_LIMIT
            assert draft.length == len(draft.text) <= PREMIUM_NOTE_LIMIT
    for draft in linkedin_notes("colleague", SAM_PREMIUM, MEETING):
        for part in ("Dana", "Data Engineer", "Acme Corp", "streaming pipelines"):
            assert part in draft.text, (draft.variant, draft.text)


def test_the_free_limit_drops_the_day_company_and_role_before_the_topic():
    meeting = replace(
        MEETING,
        company="Northwind Traders International Holdings",
        role="Senior Data Platform Engineer",
        topic="how you test schema changes",
    )
    draft = linkedin_note("warm", SAM, meeting)
    assert draft.shortened and draft.length <= FREE_NOTE_LIMIT
    assert "how you test schema changes." in draft.text  # the topic outlasts the rest
    assert "20 November" not in draft.text
    assert "Northwind" not in draft.text
    assert draft.text.endswith("Best, Sam Lee")
    assert linkedin_note("warm", SAM_PREMIUM, meeting).text.count("Northwind") == 1


@pytest.mark.parametrize("variant", NOTE_VARIANTS)
@pytest.mark.parametrize("position", range(3))
def test_the_topic_is_the_last_clause_to_go(variant, position):
    for length in range(5, 200, 7):
        meeting = replace(MEETING, topic="x" * length, position=position)
        text = linkedin_note(variant, SAM, meeting).text
        if "x" * length not in text:
            for clause in ("20 November", "Acme Corp", "Data Engineer"):
                assert clause not in text, text


@pytest.mark.parametrize("variant", NOTE_VARIANTS)
@pytest.mark.parametrize("candidate", [LONG_NAME, replace(LONG_NAME, linkedin_premium=True)])
def test_realistic_long_names_still_fit_with_whole_words(variant, candidate):
    draft = linkedin_note(variant, candidate, LONG_MEETING)
    assert draft.length == len(draft.text) <= draft.limit
    assert draft.text.startswith("Hi Bartholomew-Maximilian,")
    assert draft.text.endswith(f"Best, {candidate.display_name}")
    assert draft.shortened
    assert "…" not in draft.text
    assert_reads_cleanly(draft.text)
    assert_nothing_left_open(draft.text)
    assert_no_cut_words(draft.text, *meeting_inputs(LONG_MEETING, candidate))


def test_long_bracketed_and_quoted_fields_are_dropped_whole_never_left_open():
    meeting = replace(
        LONG_MEETING,
        interviewer_name="Dana Ruiz",
        role="Engineer (Platform Reliability, Developer Experience and Internal Tooling)",
        company="“Northwind Traders” (a Contoso Group company, formerly Fabrikam)",
        topic="the “build versus buy” question (and what it cost them in 2024)",
    )
    for position, candidate in itertools.product(range(3), (SAM, SAM_PREMIUM)):
        for draft in all_drafts(candidate, replace(meeting, position=position)):
            assert draft.limit is None or draft.length <= draft.limit
            assert_reads_cleanly(draft.text)
            assert_nothing_left_open(draft.text)
            assert_no_cut_words(draft.text, *meeting_inputs(meeting, candidate))


def test_missing_fields_leave_no_gaps():
    fields = ("company", "role", "round_name", "round_date", "topic")
    for blanks in itertools.chain.from_iterable(
        itertools.combinations(fields, n) for n in range(len(fields) + 1)
    ):
        meeting = replace(MEETING, **{f: (None if f == "round_date" else "") for f in blanks})
        for candidate in (SAM_PREMIUM, NOBODY):
            drafts = all_drafts(candidate, meeting, today=date(2026, 11, 21))
            for draft in drafts:
                assert_reads_cleanly(draft.text)
                assert_reads_cleanly(draft.subject or "x")
                assert "Dana" in draft.text
            for draft in drafts[:-2]:
                assert ("Best," in draft.text) == bool(candidate.display_name)


def test_messy_whitespace_in_inputs_is_collapsed():
    meeting = Meeting("  Dana \t Ruiz ", " Acme\n Corp ", "Data   Engineer", " ", None, "\t")
    for draft in all_drafts(Candidate(" Sam  Lee "), meeting):
        assert_reads_cleanly(draft.text)
        assert "Acme Corp" in draft.text and "Data Engineer" in draft.text
    assert "Data Engineer role" in linkedin_note("warm", Candidate(" Sam  Lee "), meeting).text


def test_separators_typed_at_the_ends_of_fields_are_dropped():
    meeting = replace(MEETING, company="Acme Corp, ", role="- Data Engineer:", topic="Kafka;")
    text = linkedin_note("warm", SAM_PREMIUM, meeting).text
    assert "about the Data Engineer role at Acme Corp." in text
    assert_reads_cleanly(text)


def test_company_names_ending_in_punctuation_end_the_sentence_once():
    for company in ("Acme Inc.", "Yahoo!", "Acme Ltd.", "Ask Jeeves?"):
        meeting = replace(MEETING, company=company, role="")
        text = linkedin_note("warm", SAM_PREMIUM, meeting).text
        assert f"the role at {company} I enjoyed" in text, text
        assert_reads_cleanly(text)


# ---------------------------------------------------------------------------------------------
# Signatures


def test_without_a_display_name_drafts_are_signed_with_nothing():
    for position in range(3):
        meeting = replace(MEETING, position=position)
        for draft in all_drafts(NOBODY, meeting):
            assert "Best" not in draft.text and "regards" not in draft.text, draft.text
            assert draft.text.endswith("."), draft.text
        for draft in all_drafts(SAM, meeting):
            assert draft.text.endswith("Sam Lee"), draft.text


def test_the_signature_is_kept_while_everything_else_shortens():
    for variant in NOTE_VARIANTS:
        draft = linkedin_note(variant, LONG_NAME, LONG_MEETING)
        assert draft.text.endswith(f"Best, {LONG_NAME.display_name}")


# ---------------------------------------------------------------------------------------------
# Variants


def test_every_kind_has_two_variants():
    assert set(NOTE_KINDS) == {"met", "hired", "colleague", "closed"}
    for kind, variants in NOTE_KINDS.items():
        drafts = linkedin_notes(kind, SAM_PREMIUM, MEETING)
        assert len(drafts) >= 2 and tuple(d.variant for d in drafts) == variants
        assert len({d.label for d in drafts}) == len(drafts)
    assert len(thank_you_emails(SAM, MEETING)) == len(EMAIL_VARIANTS) >= 2


def _words_without_inputs(draft, meeting):
    text = draft.text
    for value in (meeting.company, meeting.role, meeting.topic, "Dana", "Sam Lee", "20 November"):
        text = text.replace(value, " ")
    return set(re.findall(r"[a-z']+", text.lower()))


def test_the_two_variants_of_a_kind_differ_in_substance_not_just_a_word():
    for position, candidate in itertools.product(range(9), (SAM, SAM_PREMIUM)):
        meeting = replace(MEETING, position=position)
        groups = [linkedin_notes(kind, candidate, meeting) for kind in NOTE_KINDS]
        groups.append(thank_you_emails(candidate, meeting))
        for first, second in groups:
            a, b = _words_without_inputs(first, meeting), _words_without_inputs(second, meeting)
            assert len(a ^ b) >= 8, (first.text, second.text)


@pytest.mark.parametrize("candidate", [SAM, SAM_PREMIUM, NOBODY])
def test_two_people_on_the_same_round_never_get_the_same_text(candidate):
    names = ["Dana Ruiz", "Dana Ruiz", "Ana Ruiz", "Dr. Dana Ruiz", "Wei Zhang", "Dana Ruiz"]
    names += ["Pat O'Brien", "Dana Ruiz", "Maria Gonzalez"]
    for variant in (*NOTE_VARIANTS, *EMAIL_VARIANTS):
        texts = set()
        for position, name in enumerate(names):
            meeting = replace(MEETING, interviewer_name=name, position=position)
            if variant in EMAIL_VARIANTS:
                text = thank_you_email(candidate, meeting, variant=variant).text
            else:
                text = linkedin_note(variant, candidate, meeting).text
            for part in [*name.replace(".", "").split(), "Dr.", "Hello"]:
                text = text.replace(part, "")
            texts.add(text)
        assert len(texts) == len(names), variant


def test_notes_say_plainly_that_nothing_is_expected_except_when_joining():
    for kind in ("met", "closed"):
        for candidate, meeting, position in itertools.product(
            (SAM, SAM_PREMIUM), (MEETING, LONG_MEETING), range(9)
        ):
            for draft in linkedin_notes(kind, candidate, replace(meeting, position=position)):
                text = draft.text.lower()
                assert any(p in text for p in NO_EXPECTATION_PHRASES), text
    for position in range(9):
        meeting = replace(MEETING, position=position)
        assert "no pressure to accept" in linkedin_note("candid", SAM, meeting).text.lower()
        assert "work" in linkedin_note("hired", SAM, meeting).text.lower()


FORBIDDEN_FOR_STRANGERS = {
    "met",
    "meet",
    "meeting",
    "conversation",
    "talk",
    "talked",
    "spoke",
    "speak",
    "interview",
    "interviewed",
    "interviews",
    "chat",
    "thank",
    "thanks",
}


def test_notes_to_people_never_met_mention_no_meeting_or_conversation():
    meeting = replace(MEETING, topic="event sourcing")
    for position, candidate in itertools.product(range(9), (SAM, SAM_PREMIUM, LONG_NAME)):
        for m in (replace(meeting, position=position), replace(LONG_MEETING, position=position)):
            for draft in linkedin_notes("colleague", candidate, m):
                words = set(re.findall(r"[a-z]+", draft.text.lower()))
                assert not words & FORBIDDEN_FOR_STRANGERS, draft.text


def test_linkedin_note_still_serves_each_variant_by_name():
    for kind, variants in NOTE_KINDS.items():
        for variant, draft in zip(variants, linkedin_notes(kind, SAM, MEETING), strict=True):
            assert linkedin_note(variant, SAM, MEETING) == draft
    with pytest.raises(ValueError):
        linkedin_note("grovelling", SAM, MEETING)
    with pytest.raises(ValueError):
        linkedin_notes("stranger", SAM, MEETING)


# ---------------------------------------------------------------------------------------------
# Emails and subjects


@pytest.mark.parametrize(
    ("role", "company", "subject"),
    [
        ("Staff Engineer", "Acme Corp", "Thank you \u2013 Staff Engineer interview"),
        ("Product role", "Acme Corp", "Thank you \u2013 Product interview"),
        ("Engineer (Platform)", "Acme Corp", "Thank you \u2013 Engineer (Platform) interview"),
        ("", "Acme Corp", "Thank you \u2013 Acme Corp interview"),
        ("", "", "Thank you for your time"),
    ],
)
def test_the_subject_reads_thank_you_dash_role_interview(role, company, subject):
    meeting = replace(MEETING, role=role, company=company, round_name="Round 2: System design")
    assert thank_you_email(SAM, meeting).subject == subject
    for email in thank_you_emails(SAM, meeting):
        assert ":" not in email.subject and "Round 2" not in email.subject


def _sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def test_thank_you_emails_are_short_name_the_topic_and_are_signed():
    for position in range(3):
        for email in thank_you_emails(SAM, replace(MEETING, position=position)):
            assert email.kind == "email" and email.variant in EMAIL_VARIANTS
            assert email.subject and email.limit is None
            assert email.text.startswith("Hi Dana,\n\n")
            assert "streaming pipelines" in email.text
            assert email.text.endswith(",\nSam Lee")
            body = email.text.split("\n\n")[1]
            assert len(_sentences(body)) <= 6
            assert email.length == len(email.text)


def test_thank_you_email_without_a_topic_does_not_invent_one():
    email = thank_you_email(NOBODY, replace(MEETING, topic=""))
    assert "discussion of" not in email.text
    assert email.text.endswith("just let me know.")
    assert_reads_cleanly(email.text)


# ---------------------------------------------------------------------------------------------
# The engine and comments


@settings(max_examples=150, deadline=None)
@given(
    interviewer=printable_field(40),
    company=printable_field(80),
    role=printable_field(100),
    stage=st.sampled_from([p for p in Progress if p not in (Progress.BEFORE_MEETING,)]),
    premium=st.booleans(),
)
def test_every_draft_the_engine_attaches_fits_at_every_stage(
    interviewer, company, role, stage, premium
):
    assume("None" not in interviewer + company + role)
    assume(not set(interviewer) & set('()[]{}"\u201c\u201d\u00ab\u00bb'))  # tidied, see below
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
    for position, candidate in itertools.product(range(9), (SAM, SAM_PREMIUM)):
        ours += [d.text for d in all_drafts(candidate, replace(MEETING, position=position))]
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
