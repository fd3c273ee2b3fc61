"""From the candidate's records to the advice engine's facts.

The engine (advisor.advice) decides; this module only translates objects that the views
fetched with their prefetches, so it asks the database nothing itself. The pages' shapes are
built from these facts in cards.py (the round page) and board.py (the board).
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.utils import timezone

from advisor import advice
from advisor.models import Interviewer, Pipeline, Profile, Round, Touch, User


def candidate_facts(user: User) -> advice.Candidate:
    return advice.Candidate(
        display_name=user.display_name,
        stance=advice.Stance(user.stance),
        linkedin_premium=user.linkedin_premium,
    )


def _rounds_with(interviewer: Interviewer, rounds: Sequence[Round]) -> list[Round]:
    return [r for r in rounds if any(i.pk == interviewer.pk for i in r.people)]


def meetings_with(interviewer: Interviewer) -> list[datetime]:
    """When the candidate last met this person, in any pipeline: the end of the latest finished
    round they were on and the latest `met` touch (models.with_latest_meeting annotates both)."""
    found = []
    if interviewer.met_round_start is not None:
        minutes = interviewer.met_round_minutes
        found.append(interviewer.met_round_start + timedelta(minutes=minutes))
    if interviewer.met_touch_at is not None:
        found.append(interviewer.met_touch_at)
    return found


def familiarity_for(interviewer: Interviewer, now: datetime) -> advice.Familiarity:
    return advice.derive_familiarity(meetings=meetings_with(interviewer), now=now)


def progress_for(
    interviewer: Interviewer, pipeline: Pipeline, rounds: Sequence[Round], now: datetime
) -> advice.Progress:
    """The grid's column for this person in this pipeline: the pipeline's stage, and the
    candidate's history with the person in every pipeline (rule book, "Inputs").

    `rounds` are the pipeline's rounds in order, with their `people` (models.with_people);
    "advancing" needs a later round of this pipeline after a meeting with them in it.
    """
    met_rounds = [r for r in _rounds_with(interviewer, rounds) if r.status == Round.Status.DONE]
    later_round = False
    if met_rounds:
        last_index = max(rounds.index(r) for r in met_rounds)
        later_round = any(
            r.status in (Round.Status.SCHEDULED, Round.Status.DONE)
            for r in rounds[last_index + 1 :]
        )
    return advice.derive_progress(
        pipeline_status=pipeline.status,
        meetings=meetings_with(interviewer),
        later_round=later_round,
        now=now,
    )


def last_met_elsewhere(interviewer: Interviewer, rounds: Sequence[Round]) -> bool:
    """Whether the latest meeting with them was a round of another application: its
    thank-you belongs to that application's page, not to this one (`rounds` are this
    pipeline's). A `met` touch of no round (a coffee chat) belongs to every application."""
    if interviewer.met_round_start is None:
        return False
    elsewhere_end = interviewer.met_round_start + timedelta(minutes=interviewer.met_round_minutes)
    done = Round.Status.DONE
    met_here = [r.ends_at for r in _rounds_with(interviewer, rounds) if r.status == done]
    if met_here and max(met_here) >= elsewhere_end:
        return False
    # A done round's own `met` touch is never later than its end; a later touch is a meeting
    # of its own.
    return interviewer.met_touch_at is None or interviewer.met_touch_at <= elsewhere_end


def meeting_facts(
    interviewer: Interviewer,
    pipeline: Pipeline,
    rounds: Sequence[Round],
    position: int = 0,
) -> advice.Meeting:
    """What drafts may mention: the latest finished round with them in this pipeline; for
    someone met only in another application, that meeting; else the latest `met` touch; never
    a round still to come. A note about joining or leaving names this application's job.
    `position` is the person's place on the round's page, so two people on one round get
    different wording."""
    met_rounds = [r for r in _rounds_with(interviewer, rounds) if r.status == Round.Status.DONE]
    company, role = pipeline.company, pipeline.role
    round_name, day = "", None
    if met_rounds:
        shown = max(met_rounds, key=lambda r: r.ends_at)
        round_name, day = shown.name, shown.scheduled_at
    elif interviewer.met_round_start is not None:
        # Met in an earlier application: notes in an open process speak of that meeting.
        if not pipeline.is_closed:
            company, role = interviewer.met_round_company, interviewer.met_round_role
        day = interviewer.met_round_start
    elif interviewer.met_touch_at is not None:
        day = interviewer.met_touch_at
    return advice.Meeting(
        interviewer_name=interviewer.name,
        company=company,
        role=role,
        round_name=round_name,
        round_date=timezone.localdate(day) if day else None,
        topic=interviewer.topic,
        met_at=max(meetings_with(interviewer), default=None),
        address_as=interviewer.address_as,
        position=position,
        thank_you_elsewhere=last_met_elsewhere(interviewer, rounds),
    )


def profile_facts(profile: Profile) -> advice.ProfileFacts:
    return advice.ProfileFacts(
        platform=advice.Platform(profile.platform),
        visibility=advice.Visibility(profile.visibility),
        tone=advice.Tone(profile.tone),
        state=advice.LinkState(profile.state),
    )


def touch_facts(touches: Sequence[Touch]) -> tuple[advice.TouchFacts, ...]:
    return tuple(advice.TouchFacts(kind=advice.TouchKind(t.kind), at=t.at) for t in touches)


_PLATFORM_ORDER = {platform.value: rank for rank, platform in enumerate(advice.Platform)}


def platform_rank(profile: Profile) -> int:
    """LinkedIn first, then the follow platforms, as the rule book lists them."""
    return _PLATFORM_ORDER[profile.platform]
