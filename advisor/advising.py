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
    round they were on and the latest `met` touch of no finished round (cards.read_their_rounds
    and board.people_for_actions load both)."""
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
    rounds: Sequence[Round],
    position: int = 0,
) -> advice.Meeting:
    """What drafts may mention: the latest meeting with them, never a round still to come.
    That is the latest finished round with them in this pipeline; else a meeting in another
    application, named as such in an open process, and neither its day nor its job in a note
    about this one's outcome (hired or closed), which would pair them wrongly; and a later
    `met` touch of no round (a coffee chat) by its day. `position` is the person's place on
    the round's page, so two people on one round get different wording."""
    met_rounds = [r for r in _rounds_with(interviewer, rounds) if r.status == Round.Status.DONE]
    company, role = pipeline.company, pipeline.role
    round_name, day, last_end = "", None, None
    if met_rounds:
        shown = max(met_rounds, key=lambda r: r.ends_at)
        round_name, day, last_end = shown.name, shown.scheduled_at, shown.ends_at
    elif interviewer.met_round_start is not None:
        last_end = interviewer.met_round_start + timedelta(minutes=interviewer.met_round_minutes)
        if pipeline.is_closed:
            company = role = ""
        else:
            company, role = interviewer.met_round_company, interviewer.met_round_role
            day = interviewer.met_round_start
    touch = interviewer.met_touch_at
    if touch is not None and (last_end is None or touch > last_end):
        # A meeting of no round (a coffee chat): about this application, unless the note is
        # about this one's outcome and they met only in another.
        round_name, day = "", touch
        if met_rounds or not pipeline.is_closed:
            company, role = pipeline.company, pipeline.role
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
        **_thanked(interviewer, pipeline, rounds, position),
    )


def _thanked(
    interviewer: Interviewer, pipeline: Pipeline, rounds: Sequence[Round], position: int
) -> dict:
    """The meeting a thank-you is for, as advice.Meeting's `thanked` (or `thank_you_moot`
    when there is none): the latest meeting with them that was not a round of an application
    since closed (hired or turned down, there is no interview left to thank for), in any
    pipeline: a round of an open application (`open_round`, as cards.read_their_rounds and
    board.people_for_actions load it) or a coffee chat. It names that meeting; a coffee chat
    is about this application, unless this one is closed."""
    chat = interviewer.met_touch_at
    latest = interviewer.open_round
    facts = {
        "interviewer_name": interviewer.name,
        "topic": interviewer.topic,
        "address_as": interviewer.address_as,
        "position": position,
    }
    # A coffee chat after the round began is the later meeting (models.thanks_counted_from).
    if chat is not None and (latest is None or chat > latest["start"]):
        job = {} if pipeline.is_closed else {"company": pipeline.company, "role": pipeline.role}
        thanked = advice.Meeting(
            **facts, **job, round_date=timezone.localdate(chat), met_at=chat, met_from=chat
        )
    elif latest is not None:
        here = {r.pk: r.name for r in rounds}.get(latest["round"], "")
        thanked = advice.Meeting(
            **facts,
            company=latest["company"],
            role=latest["role"],
            round_name=here,  # its name only on its own application's page
            round_date=timezone.localdate(latest["start"]),
            met_at=latest["start"] + timedelta(minutes=latest["minutes"]),
            met_from=latest["start"],  # a thank-you from its start on is for it
        )
    else:
        return {"thank_you_moot": True}
    return {"thanked": thanked}


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
