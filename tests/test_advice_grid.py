"""The rule book's verdict grid, both stances, and the rules behind every verdict."""

import itertools
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from advisor.advice import (
    RESEARCH_ITEMS,
    RISK_BY_PROGRESS,
    RULES,
    WHEN_MET,
    WHEN_OFFER,
    WHEN_TOGETHER,
    WHEN_TOMORROW,
    WHEN_TOMORROW_THANKED,
    Candidate,
    Familiarity,
    LinkState,
    Meeting,
    Platform,
    PlatformClass,
    ProfileFacts,
    Progress,
    Risk,
    Source,
    Stance,
    Tone,
    TouchFacts,
    TouchKind,
    Verdict,
    Visibility,
    advise,
    advise_platform,
    preview_after_round,
    stage_path,
)

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
MET_AT = NOW - timedelta(hours=3)
MEETING = Meeting(
    interviewer_name="Dana Ruiz",
    company="Acme Corp",
    role="Data Engineer",
    round_name="final interview",
    met_at=MET_AT,
)

# Columns, in the rule book's order.
STAGES = (
    Progress.BEFORE_MEETING,
    Progress.JUST_MET,
    Progress.MET,
    Progress.ADVANCING,
    Progress.OFFER,
    Progress.HIRED,
    Progress.CLOSED,
)

S, C = Stance.STRATEGIC, Stance.CAUTIOUS
# Bluesky, Mastodon and Threads are Twitter-like; Instagram is treated like Facebook (P3).
SAME_ROW_AS = {
    "bluesky": "twitter",
    "mastodon": "twitter",
    "threads": "twitter",
    "instagram": "facebook",
}


def by_stance(table: dict) -> dict:
    """The table as {stance: {platform: row}}, with the rows P3 shares filled in."""
    grid = {}
    for (stance, platform), row in table.items():
        grid.setdefault(stance, {})[platform] = row
    for rows in grid.values():
        rows.update({platform: rows[like] for platform, like in SAME_ROW_AS.items()})
    return grid


# The rule book's grid for a public, professional profile with no link yet.
#                    before    just_met  met       advancing offer     hired     closed
GRID = by_stance(
    {
        (S, "linkedin"): ("wait", "wait", "connect", "connect", "connect", "connect", "connect"),
        (S, "twitter"): ("follow", "follow", "follow", "follow", "follow", "follow", "follow"),
        (S, "facebook"): ("avoid", "avoid", "avoid", "avoid", "avoid", "wait", "avoid"),
        (S, "wechat"): ("avoid", "avoid", "avoid", "avoid", "avoid", "connect", "avoid"),
        (S, "github"): ("follow", "follow", "follow", "follow", "follow", "follow", "follow"),
        (C, "linkedin"): ("wait", "wait", "wait", "wait", "wait", "connect", "connect"),
        (C, "twitter"): ("wait", "wait", "wait", "wait", "wait", "follow", "follow"),
        (C, "facebook"): ("avoid", "avoid", "avoid", "avoid", "avoid", "wait", "avoid"),
        (C, "wechat"): ("avoid", "avoid", "avoid", "avoid", "avoid", "connect", "avoid"),
        (C, "github"): ("wait", "wait", "wait", "wait", "wait", "follow", "follow"),
    }
)

# People the candidate has never met, at the stages where the process has moved on without
# them (T5, T6): offer, hired, closed. Follow platforms keep their grid rows.
#                    offer     hired     closed
NEVER_MET_GRID = by_stance(
    {
        (S, "linkedin"): ("wait", "connect", "avoid"),
        (S, "twitter"): ("follow", "follow", "follow"),
        (S, "facebook"): ("avoid", "wait", "avoid"),
        (S, "wechat"): ("avoid", "connect", "avoid"),
        (S, "github"): ("follow", "follow", "follow"),
        (C, "linkedin"): ("wait", "connect", "avoid"),
        (C, "twitter"): ("wait", "follow", "follow"),
        (C, "facebook"): ("avoid", "wait", "avoid"),
        (C, "wechat"): ("avoid", "connect", "avoid"),
        (C, "github"): ("wait", "follow", "follow"),
    }
)
DECIDED = (Progress.OFFER, Progress.HIRED, Progress.CLOSED)

NEVER_MET_CASES = [
    pytest.param(stance, platform, stage, expected, id=f"never-met-{stance}-{platform}-{stage}")
    for stance, rows in NEVER_MET_GRID.items()
    for platform, row in rows.items()
    for stage, expected in zip(DECIDED, row, strict=True)
]

GRID_CASES = [
    pytest.param(stance, platform, stage, expected, id=f"{stance}-{platform}-{stage}")
    for stance, rows in GRID.items()
    for platform, row in rows.items()
    for stage, expected in zip(STAGES, row, strict=True)
]

MET_ELSEWHERE_CASES = [
    pytest.param(stance, platform, stage, expected, id=f"met-elsewhere-{stance}-{platform}-{stage}")
    for stance, rows in GRID.items()
    for platform, row in rows.items()
    for stage, expected in zip(STAGES, row, strict=True)
    if stage not in (Progress.BEFORE_MEETING, Progress.JUST_MET)
]

TWITTER_LIKE = (Platform.TWITTER, Platform.BLUESKY, Platform.MASTODON, Platform.THREADS)


def candidate(stance=Stance.STRATEGIC, premium=False):
    return Candidate(display_name="Sam Lee", stance=stance, linkedin_premium=premium)


def platform_advice(stance, platform, stage, familiarity=None, **profile):
    return advise_platform(
        candidate=candidate(stance),
        progress=stage,
        meeting=MEETING,
        profile=ProfileFacts(Platform(platform), **profile),
        touches=(),
        now=NOW,
        familiarity=familiarity,
    )


def every_profile():
    for platform, visibility, tone, state in itertools.product(
        Platform, Visibility, Tone, LinkState
    ):
        yield ProfileFacts(platform, visibility, tone, state)


def test_the_grid_covers_every_platform_and_stage_for_both_stances():
    for rows in GRID.values():
        assert set(rows) == {p.value for p in Platform}
    assert tuple(Progress) == STAGES


@pytest.mark.parametrize(("stance", "platform", "stage", "expected"), GRID_CASES)
def test_verdict_matches_the_rule_book_grid(stance, platform, stage, expected):
    assert platform_advice(stance, platform, stage).verdict == expected


@pytest.mark.parametrize(("stance", "platform", "stage", "expected"), NEVER_MET_CASES)
def test_verdict_for_someone_never_met_matches_the_rule_book(stance, platform, stage, expected):
    advice = platform_advice(stance, platform, stage, Familiarity.NEVER_MET)
    assert advice.verdict == expected


@pytest.mark.parametrize(("stance", "platform", "stage", "expected"), MET_ELSEWHERE_CASES)
def test_someone_met_in_an_earlier_application_gets_the_met_columns(
    stance, platform, stage, expected
):
    # Familiarity belongs to the person: met elsewhere is met here, whatever this pipeline says.
    assert platform_advice(stance, platform, stage, Familiarity.MET).verdict == expected


def test_never_met_at_an_offer_waits_for_the_acceptance_under_t6():
    advice = platform_advice(Stance.STRATEGIC, "linkedin", Progress.OFFER, Familiarity.NEVER_MET)
    assert advice.when == WHEN_OFFER
    assert advice.rule_ids == ("T6", "T1")
    assert advice.drafts == ()
    assert advice.risk is Risk.HIGH


def test_never_met_once_hired_connects_with_a_new_colleague_note_that_names_no_meeting():
    advice = platform_advice(Stance.STRATEGIC, "linkedin", Progress.HIRED, Familiarity.NEVER_MET)
    assert advice.verdict is Verdict.CONNECT
    assert "T6" in advice.rule_ids
    assert advice.drafts
    for draft in advice.drafts:
        text = draft.text.lower()
        assert not any(word in text for word in ("meeting", "conversation", "our talk", "speak"))


def test_never_met_after_a_rejection_is_left_alone_on_linkedin_under_t5():
    advice = platform_advice(Stance.STRATEGIC, "linkedin", Progress.CLOSED, Familiarity.NEVER_MET)
    assert advice.verdict is Verdict.AVOID
    assert advice.rule_ids == ("T5",)
    assert advice.drafts == ()


def test_met_after_a_rejection_connects_with_the_gracious_note_under_t5():
    advice = platform_advice(Stance.STRATEGIC, "linkedin", Progress.CLOSED)
    assert advice.verdict is Verdict.CONNECT
    assert advice.rule_ids == ("T5",)
    assert {s for r in advice.rules for s in r.sources} == {Source.APP}


def test_wechat_connects_once_hired_and_is_avoided_while_open_or_closed():
    for stance in Stance:
        assert platform_advice(stance, "wechat", Progress.HIRED).rule_ids == ("P2", "T4")
        for stage in (Progress.MET, Progress.OFFER, Progress.CLOSED):
            assert platform_advice(stance, "wechat", stage).verdict is Verdict.AVOID


def test_following_on_linkedin_is_not_a_connection():
    for stance, stage in itertools.product(Stance, Progress):
        following = platform_advice(stance, "linkedin", stage, state=LinkState.FOLLOWING)
        unlinked = platform_advice(stance, "linkedin", stage)
        assert following.verdict is unlinked.verdict
        assert following.rule_ids == unlinked.rule_ids
        assert "already follow them" in following.reason


def test_a_declined_request_after_hire_suggests_trying_again_in_person():
    advice = platform_advice(Stance.STRATEGIC, "linkedin", Progress.HIRED, state=LinkState.DECLINED)
    assert advice.verdict is Verdict.AVOID
    assert "in person" in advice.reason
    before = platform_advice(Stance.STRATEGIC, "linkedin", Progress.MET, state=LinkState.DECLINED)
    assert "in person" not in before.reason


def test_platform_labels_and_classes_follow_the_rule_book():
    labels = {p: p.label for p in Platform}
    assert labels[Platform.TWITTER] == "Twitter/X"
    assert labels[Platform.LINKEDIN] == "LinkedIn"
    assert labels[Platform.GITHUB] == "GitHub"
    assert labels[Platform.WECHAT] == "WeChat"
    assert {p for p in Platform if p.platform_class is PlatformClass.PUBLIC_FOLLOW} == set(
        TWITTER_LIKE
    )
    assert {p for p in Platform if p.platform_class is PlatformClass.PERSONAL_REQUEST} == {
        Platform.FACEBOOK,
        Platform.WECHAT,
        Platform.INSTAGRAM,
    }


def assert_avoided_until_hired(stance, platform, rule: str, **profile) -> None:
    """Avoid at every stage but hired, where it waits; `rule` is among the reasons each time."""
    for stage in Progress:
        advice = platform_advice(stance, platform, stage, **profile)
        expected = Verdict.WAIT if stage is Progress.HIRED else Verdict.AVOID
        assert advice.verdict is expected
        assert rule in advice.rule_ids


@pytest.mark.parametrize("stance", list(Stance))
@pytest.mark.parametrize("platform", TWITTER_LIKE)
def test_private_twitter_like_profiles_are_avoided_until_hired_then_left_to_them(stance, platform):
    assert_avoided_until_hired(stance, platform, "P4", visibility=Visibility.PRIVATE)
    hired = platform_advice(stance, platform, Progress.HIRED, visibility=Visibility.PRIVATE)
    assert hired.when == WHEN_TOGETHER


@pytest.mark.parametrize("stance", list(Stance))
@pytest.mark.parametrize("platform", TWITTER_LIKE)
def test_controversial_twitter_like_profiles_are_avoided_until_hired(stance, platform):
    assert_avoided_until_hired(stance, platform, "P5", tone=Tone.CONTROVERSIAL)


def test_casual_twitter_like_profiles_are_still_fine_to_follow():
    advice = platform_advice(Stance.STRATEGIC, "twitter", Progress.MET, tone=Tone.CASUAL)
    assert advice.verdict is Verdict.FOLLOW
    assert advice.rule_ids == ("P6",)


def test_private_or_controversial_github_is_avoided_as_our_own_call():
    for kwargs in ({"visibility": Visibility.PRIVATE}, {"tone": Tone.CONTROVERSIAL}):
        advice = platform_advice(Stance.STRATEGIC, "github", Progress.MET, **kwargs)
        assert advice.verdict is Verdict.AVOID
        assert advice.own_call


def test_linkedin_ignores_visibility():
    for stance, stage in itertools.product(Stance, Progress):
        public = platform_advice(stance, "linkedin", stage)
        private = platform_advice(stance, "linkedin", stage, visibility=Visibility.PRIVATE)
        assert public.verdict is private.verdict


def test_controversial_linkedin_keeps_the_stage_verdict_with_a_warning():
    advice = platform_advice(Stance.STRATEGIC, "linkedin", Progress.MET, tone=Tone.CONTROVERSIAL)
    assert advice.verdict is Verdict.CONNECT
    assert advice.own_call
    assert "heated posts" in advice.reason


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (LinkState.CONNECTED, Verdict.DONE),
        (LinkState.FOLLOWING, Verdict.DONE),
        (LinkState.REQUESTED, Verdict.DONE),
        (LinkState.DECLINED, Verdict.AVOID),
    ],
)
def test_an_existing_link_state_decides_first(state, expected):
    platforms = [p for p in Platform if state is not LinkState.FOLLOWING or p != "linkedin"]
    for stance, platform, stage in itertools.product(Stance, platforms, Progress):
        advice = platform_advice(stance, platform, stage, state=state)
        assert advice.verdict is expected
        assert advice.rule_ids == ("S1",)
        assert advice.drafts == ()


def every_advice(**facts):
    """(profile, stance, stage, advice) for every profile, stance and stage, given these facts."""
    for profile, stance, stage in itertools.product(every_profile(), Stance, Progress):
        advice = advise_platform(
            candidate=candidate(stance),
            progress=stage,
            meeting=MEETING,
            profile=profile,
            now=NOW,
            **facts,
        )
        yield profile, stance, stage, advice


def test_every_verdict_has_at_least_one_rule_from_the_rule_book():
    for profile, stance, stage, advice in every_advice(touches=()):
        assert advice.rules, (profile, stance, stage)
        assert all(
            RULES[rid] is rule for rid, rule in zip(advice.rule_ids, advice.rules, strict=True)
        )
        assert advice.reason and "\n" not in advice.reason
        assert advice.risk is RISK_BY_PROGRESS[stage]


def test_every_verdict_for_someone_never_met_has_rules_and_never_a_meeting_note():
    for profile, stance, stage, advice in every_advice(familiarity=Familiarity.NEVER_MET):
        assert advice.rules, (profile, stance, stage)
        assert (advice.when is not None) == (advice.verdict is Verdict.WAIT)
        for draft in advice.drafts:
            assert "meeting" not in draft.text.lower(), draft.text


def test_every_wait_says_when_it_becomes_advisable_and_nothing_else_does():
    for _profile, _stance, _stage, advice in every_advice(touches=()):
        assert (advice.when is not None) == (advice.verdict is Verdict.WAIT)


def test_linkedin_waits_until_first_meeting():
    advice = platform_advice(Stance.STRATEGIC, "linkedin", Progress.BEFORE_MEETING)
    assert advice.when == WHEN_MET
    assert advice.rule_ids == ("T1",)


def test_linkedin_waits_a_day_after_meeting_and_says_when():
    advice = platform_advice(Stance.STRATEGIC, "linkedin", Progress.JUST_MET)
    assert advice.when == WHEN_TOMORROW
    assert advice.available_at == MET_AT + timedelta(hours=24)
    assert "T3" in advice.rule_ids
    assert {s for r in advice.rules for s in r.sources} == {Source.HAYS, Source.APP}


def test_cautious_stance_waits_for_the_offer_while_the_process_is_open():
    for stage in (Progress.BEFORE_MEETING, Progress.MET, Progress.OFFER):
        for platform in ("linkedin", "twitter", "github"):
            advice = platform_advice(Stance.CAUTIOUS, platform, stage)
            assert advice.when == WHEN_OFFER
            assert "P8" in advice.rule_ids


def test_personal_platforms_at_hired_are_left_for_the_interviewer_to_suggest():
    for platform in ("facebook", "instagram"):
        advice = platform_advice(Stance.STRATEGIC, platform, Progress.HIRED)
        assert advice.when == WHEN_TOGETHER
        assert advice.own_call


def test_other_view_appears_where_the_stances_disagree_on_the_verdict_or_its_timing():
    for stance, platform in itertools.product(Stance, Platform):
        other = Stance.CAUTIOUS if stance is Stance.STRATEGIC else Stance.STRATEGIC
        for i, stage in enumerate(STAGES):
            advice = platform_advice(stance, platform, stage)
            theirs = GRID[other][platform.value][i]
            timing = platform == "linkedin" and stage in (
                Progress.BEFORE_MEETING,
                Progress.JUST_MET,
            )
            if theirs == GRID[stance][platform.value][i] and not timing:
                assert advice.other_view is None
            else:
                assert advice.other_view is not None
                assert advice.other_view.stance is other
                assert advice.other_view.verdict == theirs
                assert advice.other_view.reason
                assert advice.other_view.rules


def test_right_after_a_meeting_both_wait_on_linkedin_but_until_different_times():
    strategic = platform_advice(Stance.STRATEGIC, "linkedin", Progress.JUST_MET)
    assert (strategic.verdict, strategic.when) == (Verdict.WAIT, WHEN_TOMORROW)
    assert strategic.other_view.verdict is Verdict.WAIT
    assert strategic.other_view.when == WHEN_OFFER
    assert strategic.other_view.source == "HAYS"
    assert "P8" in [r.id for r in strategic.other_view.rules]
    cautious = platform_advice(Stance.CAUTIOUS, "linkedin", Progress.JUST_MET)
    assert cautious.when == WHEN_OFFER
    assert (cautious.other_view.when, cautious.other_view.source) == (WHEN_TOMORROW, "EC")


def test_stances_differ_on_linkedin_after_meeting_and_on_follows_before_hire():
    differing = {
        (platform.value, stage)
        for platform, stage in itertools.product(Platform, Progress)
        if platform_advice(Stance.STRATEGIC, platform, stage).other_view is not None
    }
    before_hire = set(STAGES[:5])
    # LinkedIn: the verdicts differ after meeting, the timings before and right after it.
    expected = {("linkedin", s) for s in before_hire} | {
        (p.value, s) for p in (*TWITTER_LIKE, Platform.GITHUB) for s in before_hire
    }
    assert differing == expected


def test_risk_falls_as_the_candidate_progresses():
    assert [RISK_BY_PROGRESS[s] for s in STAGES] == [
        Risk.HIGH,
        Risk.MEDIUM,
        Risk.MEDIUM,
        Risk.LOW,
        Risk.VERY_LOW,
        Risk.NONE,
        Risk.NONE,
    ]
    assert Risk.VERY_LOW.label == "Very low"


def test_stage_path_lists_the_grid_row_in_order():
    for stance, platform in itertools.product(Stance, Platform):
        path = stage_path(candidate=candidate(stance), profile=ProfileFacts(platform))
        assert [s for s, _ in path] == list(STAGES)
        assert tuple(v.value for _, v in path) == GRID[stance][platform.value]


def test_rules_are_exactly_the_rule_books_ids_with_their_sources():
    ec, hays, app = Source.EC, Source.HAYS, Source.APP
    expected = {
        "R1": {ec, hays},
        "T1": {ec, hays},
        "T2": {ec, app},
        "T3": {hays, app},
        "T4": {hays},
        "T5": {app},
        "T6": {app},
        "P1": {ec},
        "P2": {hays, app},
        "P3": {app},
        "P4": {ec, app},
        "P5": {ec, app},
        "P6": {ec},
        "P7": {ec},
        "P8": {hays, app},
        "P9": {app},
        "C1": {hays},
        "S1": {app},
    }
    assert {rid: set(rule.sources) for rid, rule in RULES.items()} == expected
    assert all(rule.id == rid and rule.summary for rid, rule in RULES.items())


def test_research_is_fine_at_every_stage_with_the_checklist_in_order():
    keys = [item.key for item in RESEARCH_ITEMS]
    assert keys == [
        "role_relation",
        "culture",
        "projects_clients",
        "shared_connections",
        "published_writing",
        "interests",
        "comments",
        "own_profile",
    ]
    assert all(rid in RULES for item in RESEARCH_ITEMS for rid in item.rule_ids)
    for stage in Progress:
        result = advise(
            candidate=candidate(), progress=stage, meeting=MEETING, profiles=(), now=NOW
        )
        assert result.research.rule_ids == ("R1",)
        assert result.research.items == RESEARCH_ITEMS
        assert result.risk is RISK_BY_PROGRESS[stage]


@pytest.mark.parametrize(("count", "allowed"), [(0, True), (1, True), (2, False), (3, False)])
def test_comments_stop_after_two(count, allowed):
    touches = [TouchFacts(TouchKind.COMMENTED, NOW - timedelta(days=i + 1)) for i in range(count)]
    touches.append(TouchFacts(TouchKind.FOLLOWED, NOW))
    result = advise(
        candidate=candidate(),
        progress=Progress.MET,
        meeting=MEETING,
        profiles=(),
        touches=touches,
        now=NOW,
    )
    assert result.comments.count == count
    assert result.comments.limit == 2
    assert result.comments.allowed is allowed
    assert result.comments.rule_ids == ("C1",)
    assert f"Comments so far: {count}" in result.comments.text


def test_advise_keeps_the_input_order_of_profiles():
    profiles = [ProfileFacts(Platform.GITHUB), ProfileFacts(Platform.LINKEDIN)]
    result = advise(
        candidate=candidate(), progress=Progress.MET, meeting=MEETING, profiles=profiles, now=NOW
    )
    assert [a.platform for a in result.platforms] == [Platform.GITHUB, Platform.LINKEDIN]


def test_linkedin_connect_carries_the_note_variants_for_the_stage():
    variants = {
        Progress.MET: ("warm", "candid"),
        Progress.ADVANCING: ("warm", "candid"),
        Progress.OFFER: ("warm", "candid"),
        Progress.HIRED: ("hired", "hired_thanks"),
        Progress.CLOSED: ("closed", "closed_learned"),
    }
    for stage, expected in variants.items():
        advice = platform_advice(Stance.STRATEGIC, "linkedin", stage)
        assert tuple(d.variant for d in advice.drafts) == expected
    assert platform_advice(Stance.CAUTIOUS, "linkedin", Progress.MET).drafts == ()
    assert platform_advice(Stance.STRATEGIC, "twitter", Progress.MET).drafts == ()


def test_preview_shows_linkedin_becoming_connect_from_the_next_day():
    profiles = [ProfileFacts(p) for p in Platform]
    changes = preview_after_round(
        candidate=candidate(),
        progress=Progress.BEFORE_MEETING,
        meeting=MEETING,
        profiles=profiles,
        touches=(),
        now=NOW,
    )
    assert [(c.platform, c.verdict, c.when) for c in changes] == [
        (Platform.LINKEDIN, Verdict.CONNECT, "from the next day")
    ]
    assert changes[0].drafts


def test_preview_from_todays_advice_drafts_only_the_notes_asked_for():
    situation = {
        "candidate": candidate(),
        "progress": Progress.BEFORE_MEETING,
        "meeting": MEETING,
        "profiles": [ProfileFacts(p) for p in Platform],
        "now": NOW,
    }
    today = advise(**situation).platforms
    full = preview_after_round(**situation)
    first_note = preview_after_round(**situation, current=today, notes=1)
    no_notes = preview_after_round(**situation, current=today, notes=0)
    assert [replace(c, drafts=c.drafts[:1]) for c in full] == list(first_note)
    assert [replace(c, drafts=()) for c in full] == list(no_notes)
    assert len(full[0].drafts) > 1


def test_advice_for_a_printed_sheet_drafts_the_first_linkedin_note_only():
    situation = {
        "candidate": candidate(),
        "progress": Progress.MET,
        "meeting": MEETING,
        "profiles": [ProfileFacts(p) for p in Platform],
        "now": NOW,
    }
    full = advise(**situation)
    sheet = advise(**situation, notes=1)
    assert len(full.platforms[0].drafts) > 1
    assert sheet.platforms == tuple(replace(p, drafts=p.drafts[:1]) for p in full.platforms)
    assert sheet.thank_you == full.thank_you


def test_preview_after_a_later_round_pauses_linkedin_for_a_day():
    changes = preview_after_round(
        candidate=candidate(),
        progress=Progress.MET,
        meeting=MEETING,
        profiles=[ProfileFacts(Platform.LINKEDIN)],
        touches=(),
        now=NOW,
    )
    assert [(c.verdict, c.when) for c in changes] == [
        (Verdict.WAIT, "right after this interview"),
        (Verdict.CONNECT, "from the next day"),
    ]


def test_preview_is_empty_once_the_decision_is_made_or_for_the_cautious_stance():
    for stage in (Progress.OFFER, Progress.HIRED, Progress.CLOSED):
        assert (
            preview_after_round(
                candidate=candidate(),
                progress=stage,
                meeting=MEETING,
                profiles=[ProfileFacts(p) for p in Platform],
                now=NOW,
            )
            == ()
        )
    cautious = preview_after_round(
        candidate=candidate(Stance.CAUTIOUS),
        progress=Progress.BEFORE_MEETING,
        meeting=MEETING,
        profiles=[ProfileFacts(p) for p in Platform],
        now=NOW,
    )
    assert cautious == ()


def test_preview_at_an_offer_shows_linkedin_opening_after_a_first_meeting():
    changes = preview_after_round(
        candidate=candidate(),
        progress=Progress.OFFER,
        meeting=MEETING,
        profiles=[ProfileFacts(Platform.LINKEDIN)],
        now=NOW,
        familiarity=Familiarity.NEVER_MET,
    )
    assert [(c.verdict, c.when) for c in changes] == [
        (Verdict.CONNECT, "right after this interview")
    ]


def test_preview_is_empty_in_a_closed_process_even_for_someone_never_met():
    changes = preview_after_round(
        candidate=candidate(),
        progress=Progress.CLOSED,
        meeting=MEETING,
        profiles=[ProfileFacts(p) for p in Platform],
        now=NOW,
        familiarity=Familiarity.NEVER_MET,
    )
    assert changes == ()


@pytest.mark.parametrize("done", [TouchKind.THANK_YOU_SENT, TouchKind.THANK_YOU_SKIPPED])
def test_once_the_thank_you_is_dealt_with_linkedin_still_waits_but_no_longer_asks_for_it(done):
    def linkedin(touches):
        return advise_platform(
            candidate=candidate(),
            progress=Progress.JUST_MET,
            meeting=MEETING,
            profile=ProfileFacts(Platform.LINKEDIN),
            touches=touches,
            now=NOW,
        )

    before = linkedin(())
    after = linkedin((TouchFacts(done, MET_AT + timedelta(hours=1)),))

    assert "thank-you" in before.reason and "thank-you" in before.other_view.reason
    assert (after.verdict, after.rules) == (before.verdict, before.rules)
    assert (before.when, after.when) == (WHEN_TOMORROW, WHEN_TOMORROW_THANKED)
    assert after.available_at == before.available_at == MET_AT + timedelta(days=1)
    assert "thank-you" not in after.reason, after.reason
    assert "thank-you" not in after.other_view.reason, after.other_view.reason
    assert "a full day has passed" in after.reason


def test_the_advice_package_imports_no_django():
    root = Path(__file__).resolve().parents[1]
    code = (
        "import sys; import advisor.advice; "
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    importing = re.compile(r"^\s*(import|from)\s+django\b", re.MULTILINE)
    for path in (root / "advisor" / "advice").glob("*.py"):
        assert not importing.search(path.read_text(encoding="utf-8")), path
