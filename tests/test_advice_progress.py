"""Progress with an interviewer, derived from the pipeline and the clock passed in."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from advisor.advice import (
    Candidate,
    Meeting,
    Platform,
    ProfileFacts,
    Progress,
    ThankYou,
    TouchFacts,
    TouchKind,
    Verdict,
    advise,
    advise_platform,
    derive_progress,
    thank_you_state,
)

LA = ZoneInfo("America/Los_Angeles")
TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def progress(status="active", meetings=(), later_round=False, now=NOW):
    return derive_progress(
        pipeline_status=status, meetings=meetings, later_round=later_round, now=now
    )


def test_no_finished_round_means_before_meeting():
    assert progress() is Progress.BEFORE_MEETING
    assert progress(later_round=True) is Progress.BEFORE_MEETING


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("offer", Progress.OFFER),
        ("hired", Progress.HIRED),
        ("rejected", Progress.CLOSED),
        ("withdrawn", Progress.CLOSED),
    ],
)
def test_pipeline_status_wins_over_rounds(status, expected):
    for meetings in ((), (NOW - timedelta(hours=1),), (NOW - timedelta(days=9),)):
        for later_round in (False, True):
            assert progress(status, meetings, later_round) is expected


def test_just_met_until_one_minute_before_the_24_hour_mark():
    assert progress(meetings=[NOW - timedelta(hours=23, minutes=59)]) is Progress.JUST_MET


def test_exactly_24_hours_after_the_meeting_is_met():
    assert progress(meetings=[NOW - timedelta(hours=24)]) is Progress.MET


def test_a_later_round_after_the_first_day_means_advancing():
    assert progress(meetings=[NOW - timedelta(days=3)], later_round=True) is Progress.ADVANCING


def test_just_met_comes_before_advancing_on_the_day_of_a_round():
    assert progress(meetings=[NOW - timedelta(hours=2)], later_round=True) is Progress.JUST_MET


def test_the_latest_meeting_counts_whatever_the_order():
    meetings = [NOW - timedelta(hours=5), NOW - timedelta(days=10), NOW - timedelta(days=2)]
    assert progress(meetings=meetings) is Progress.JUST_MET
    assert progress(meetings=iter(meetings[1:])) is Progress.MET


def test_an_evening_interview_in_los_angeles_ends_the_next_day_in_utc():
    end = datetime(2026, 11, 21, 22, 30, tzinfo=LA)
    assert end.astimezone(UTC) == datetime(2026, 11, 22, 6, 30, tzinfo=UTC)
    assert progress(meetings=[end], now=datetime(2026, 11, 22, 20, 0, tzinfo=UTC)) is (
        Progress.JUST_MET
    )
    assert progress(meetings=[end], now=datetime(2026, 11, 23, 6, 29, tzinfo=UTC)) is (
        Progress.JUST_MET
    )
    assert progress(meetings=[end], now=datetime(2026, 11, 23, 6, 30, tzinfo=UTC)) is (Progress.MET)


def test_now_and_meetings_may_be_in_different_time_zones():
    end = datetime(2026, 11, 21, 22, 30, tzinfo=LA)  # 06:30 UTC on the 22nd
    tokyo_just_before = datetime(2026, 11, 23, 15, 29, tzinfo=TOKYO)  # 06:29 UTC on the 23rd
    tokyo_at_mark = datetime(2026, 11, 23, 15, 30, tzinfo=TOKYO)
    assert progress(meetings=[end], now=tokyo_just_before) is Progress.JUST_MET
    assert progress(meetings=[end], now=tokyo_at_mark) is Progress.MET


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        progress(meetings=[datetime(2026, 11, 21, 10, 0)])
    with pytest.raises(ValueError):
        progress(meetings=[NOW], now=datetime(2026, 11, 22, 12, 0))


def test_an_unknown_pipeline_status_is_refused():
    with pytest.raises(ValueError):
        progress("paused")


def _meeting(met_at):
    return Meeting(
        interviewer_name="Dana Ruiz", company="Acme", role="Data Engineer", met_at=met_at
    )


def _advise(stage, met_at, touches=(), now=NOW, brief=False):
    return advise(
        candidate=Candidate(display_name="Sam Lee"),
        progress=stage,
        meeting=_meeting(met_at),
        profiles=[ProfileFacts(Platform.LINKEDIN)],
        touches=touches,
        now=now,
        brief=brief,
    )


def test_thank_you_is_due_within_24_hours_of_the_meeting():
    met_at = datetime(2026, 11, 21, 22, 30, tzinfo=LA)
    result = _advise(Progress.JUST_MET, met_at)
    assert result.thank_you is not None
    assert result.thank_you.kind == "email"
    assert result.thank_you_due == met_at + timedelta(hours=24)
    linkedin = result.platforms[0]
    assert linkedin.verdict is Verdict.WAIT
    assert linkedin.available_at == result.thank_you_due


def test_no_thank_you_draft_once_one_was_sent_after_the_meeting():
    met_at = NOW - timedelta(hours=4)
    sent = [TouchFacts(TouchKind.THANK_YOU_SENT, NOW - timedelta(hours=1))]
    result = _advise(Progress.JUST_MET, met_at, sent)
    assert result.thank_you is None
    assert result.thank_you_due is None


def test_brief_advice_drafts_the_first_linkedin_note_alone():
    met_at = NOW - timedelta(days=2)
    sent = [TouchFacts(TouchKind.THANK_YOU_SENT, met_at + timedelta(hours=2))]
    full = _advise(Progress.HIRED, met_at, sent)
    brief = _advise(Progress.HIRED, met_at, sent, brief=True)
    assert brief.platforms[0].verdict is Verdict.CONNECT
    assert len(full.platforms[0].drafts) == 2
    assert brief.platforms[0].drafts == full.platforms[0].drafts[:1]


def test_brief_advice_keeps_the_thank_you_due_but_drafts_no_email_or_note_before_it():
    met_at = NOW - timedelta(hours=4)
    full = _advise(Progress.MET, met_at)
    brief = _advise(Progress.MET, met_at, brief=True)
    assert (brief.thank_you_state, brief.thank_you_due) == (ThankYou.DUE, full.thank_you_due)
    assert brief.thank_you_first
    assert full.thank_you is not None
    assert brief.thank_you is None
    assert brief.platforms[0].verdict is full.platforms[0].verdict is Verdict.CONNECT
    assert brief.platforms[0].drafts == ()


def test_a_thank_you_sent_for_an_earlier_round_does_not_count():
    met_at = NOW - timedelta(hours=4)
    old = [TouchFacts(TouchKind.THANK_YOU_SENT, NOW - timedelta(days=8))]
    assert _advise(Progress.JUST_MET, met_at, old).thank_you is not None


def test_a_thank_you_not_sent_within_a_day_is_overdue_and_stays_until_sent_or_skipped():
    late = _advise(Progress.MET, NOW - timedelta(hours=30))
    assert late.thank_you_state is ThankYou.OVERDUE
    assert late.thank_you is not None
    assert late.thank_you_first
    weeks_late = _advise(Progress.MET, NOW - timedelta(days=20))
    assert weeks_late.thank_you_state is ThankYou.OVERDUE
    assert _advise(Progress.BEFORE_MEETING, None).thank_you is None
    assert _advise(Progress.BEFORE_MEETING, None).thank_you_state is None


def test_a_thank_you_within_a_day_is_due_and_comes_first():
    result = _advise(Progress.JUST_MET, NOW - timedelta(hours=2))
    assert result.thank_you_state is ThankYou.DUE
    assert result.thank_you_first


def test_a_skipped_thank_you_ends_it_and_undoing_the_skip_brings_it_back():
    met_at = NOW - timedelta(hours=30)
    skipped = [TouchFacts(TouchKind.THANK_YOU_SKIPPED, NOW - timedelta(hours=1))]
    result = _advise(Progress.MET, met_at, skipped)
    assert result.thank_you_state is ThankYou.SKIPPED
    assert result.thank_you is None
    assert not result.thank_you_first
    assert _advise(Progress.MET, met_at, ()).thank_you_state is ThankYou.OVERDUE


def test_a_sent_thank_you_wins_over_a_skip():
    met_at = NOW - timedelta(hours=30)
    touches = [
        TouchFacts(TouchKind.THANK_YOU_SKIPPED, NOW - timedelta(hours=2)),
        TouchFacts(TouchKind.THANK_YOU_SENT, NOW - timedelta(hours=1)),
    ]
    assert _advise(Progress.MET, met_at, touches).thank_you_state is ThankYou.SENT


def test_the_thank_you_turns_overdue_at_exactly_24_hours_whatever_the_time_zones():
    met_at = datetime(2026, 11, 21, 23, 30, tzinfo=LA)  # 07:30 UTC the next day
    assert (
        thank_you_state(met_at=met_at, touches=(), now=met_at + timedelta(hours=23, minutes=59))
        is ThankYou.DUE
    )
    assert (
        thank_you_state(
            met_at=met_at, touches=(), now=(met_at + timedelta(hours=24)).astimezone(UTC)
        )
        is ThankYou.OVERDUE
    )


def test_scheduling_the_next_round_does_not_hide_a_late_thank_you():
    assert _advise(Progress.ADVANCING, NOW - timedelta(hours=30)).thank_you is not None


def test_no_thank_you_once_hired_or_turned_down():
    for stage in (Progress.HIRED, Progress.CLOSED):
        assert _advise(stage, NOW - timedelta(hours=3)).thank_you is None


def test_just_met_without_a_known_end_time_has_no_concrete_time():
    advice = advise_platform(
        candidate=Candidate(display_name="Sam"),
        progress=Progress.JUST_MET,
        meeting=_meeting(None),
        profile=ProfileFacts(Platform.LINKEDIN),
        touches=(),
        now=NOW,
    )
    assert advice.when == "from tomorrow, once your thank-you is sent"
    assert advice.available_at is None
