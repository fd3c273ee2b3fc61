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


def meeting_facts(
    interviewer: Interviewer,
    pipeline: Pipeline,
    round_: Round,
    rounds: Sequence[Round],
    position: int = 0,
) -> advice.Meeting:
    """What drafts may mention: the latest finished round with them in this pipeline, else
    this round; for someone met only in another application, that meeting. `position` is the
    person's place on the round's page, so two people on one round get different wording."""
    met_rounds = [r for r in _rounds_with(interviewer, rounds) if r.status == Round.Status.DONE]
    company, role = pipeline.company, pipeline.role
    round_name, day = round_.name, round_.scheduled_at
    if met_rounds and round_.status != Round.Status.DONE:
        shown = max(met_rounds, key=lambda r: r.ends_at)
        round_name, day = shown.name, shown.scheduled_at
    elif not met_rounds and interviewer.met_round_start is not None:
        # Met in an earlier application: the notes speak of that meeting.
        company, role = interviewer.met_round_company, interviewer.met_round_role
        round_name, day = "", interviewer.met_round_start
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
