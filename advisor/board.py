"""The board: the next actions the advice suggests across the candidate's pipelines."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.formats import date_format

from advisor import advice
from advisor.advising import (
    candidate_facts,
    familiarity_for,
    meeting_facts,
    meetings_with,
    profile_facts,
    progress_for,
    touch_facts,
)
from advisor.models import (
    MEETING_OF_ITS_OWN,
    Interviewer,
    Pipeline,
    PipelineQuerySet,
    Profile,
    ResearchTick,
    Round,
    Touch,
    User,
    latest_met_rounds,
    with_rounds,
)
from advisor.overview import freshness, keep_on_row, kept_overview
from advisor.reversing import url_for
from advisor.sample import is_sample
from advisor.templatetags.advisor_tags import countdown, time_left


@dataclass(frozen=True)
class NextAction:
    """One thing the board suggests doing now, pointing at the interview page it concerns."""

    kind: str  # "thank-you", "connect", "follow" or "research" (the page's data-action)
    text: str
    round: Round
    due: datetime | None = None
    interviewer: str = ""
    overdue: bool = False
    platform: str = ""  # for "connect" and "follow": the platform's slug
    note: str = ""  # for "connect": the first drafted note, when there is one


class ProfileRow(NamedTuple):
    platform: str
    visibility: str
    tone: str
    state: str


class TouchRow(NamedTuple):
    kind: str
    at: datetime


@dataclass(slots=True)
class PersonDetails:
    """What the advice reads of a person (advising.py reads these names of an Interviewer),
    loaded as plain rows: the board advises some forty people on every visit."""

    pk: int
    name: str
    topic: str
    address_as: str
    met_round_start: datetime | None
    met_round_minutes: int | None
    met_round_company: str | None
    met_round_role: str | None
    met_touch_at: datetime | None
    # Their latest finished round in an open application, what a thank-you is for
    # (advising.meeting_facts): start, minutes, company, role and the round's id.
    open_round: dict | None
    research_done: int
    profiles: list[ProfileRow] = field(default_factory=list)  # by platform
    touches: list[TouchRow] = field(default_factory=list)  # the latest first


def days_ago(moment: datetime, now: datetime) -> str:
    """ "today", "yesterday" or "3 days ago", counted in calendar days of the active zone."""
    days = (timezone.localdate(now) - timezone.localdate(moment)).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


_ACTIONABLE = (advice.Verdict.CONNECT, advice.Verdict.FOLLOW)
RESEARCH_HORIZON = advice.RESEARCH_HORIZON  # the round page's Now list starts it as early
# A LinkedIn note "has become advisable" for people met this recently; older ones are old news.
RECENT_MEETING = timedelta(days=8)


def may_need_action(round_: Round, now: datetime) -> bool:
    """Whether this round's people can have a next action: met lately (a thank-you due, a
    LinkedIn note newly advisable) or longer ago with a thank-you still awaited, in a round
    or over coffee, or interviewing within the research horizon. The board loads and advises
    only them."""
    if round_.chat_awaited_at is not None and not round_.pipeline.is_closed:
        return True  # a coffee chat with one of its people awaits a thank-you, however old
    if round_.scheduled_at is None:
        return False
    if round_.status == Round.Status.DONE:
        # Met lately; among the latest meetings a thank-you is still awaited for, however old
        # (keep_latest_thank_yous); or in a pipeline just hired, whose people may be connected
        # with now (for_board loads it for them alone).
        return (
            round_.scheduled_at >= now - RECENT_MEETING
            or round_.thank_you_awaited
            or round_.pipeline.is_closed
        )
    return round_.is_upcoming and now <= round_.scheduled_at <= now + RESEARCH_HORIZON


def keep_latest_thank_yous(rounds: Iterable[Round], latest: int) -> set[int]:
    """The pipelines of the `latest` meetings among these rounds that a thank-you is still
    awaited for (with_rounds' `thank_you_awaited`, and `chat_awaited_at` for a coffee chat with
    one of a round's people), however old, counting only rounds that bring someone new; the
    others' marks are cleared, so that the board advises the people of these meetings only
    (may_need_action). The rounds are those of the open pipelines that
    PipelineQuerySet.thank_you_open_ids and chat_thank_you_open_ids picked, and more."""

    def meeting(round_: Round) -> datetime | None:
        """The latest meeting awaiting a thank-you that this round brings: itself, or a coffee
        chat with one of its people."""
        held = round_.status == Round.Status.DONE and round_.scheduled_at
        met = round_.scheduled_at if held and round_.thank_you_awaited else None
        return max((m for m in (met, round_.chat_awaited_at) if m is not None), default=None)

    awaited = [r for r in rounds if meeting(r) is not None]
    awaited.sort(key=lambda r: (meeting(r), r.pk), reverse=True)
    kept, seen = [], set()
    for round_ in awaited:
        people = {person.pk for person in round_.people}
        # A round whose people an earlier one already brings adds no thank-you: each person's
        # is for their latest meeting.
        if len(kept) < latest and not people <= seen:
            kept.append(round_)
            seen |= people
        else:
            round_.thank_you_awaited = False
            round_.chat_awaited_at = None
    return {r.pipeline_id for r in kept}


def next_actions(
    user: User, pipelines: Sequence[Pipeline], people: dict[int, PersonDetails], now: datetime
) -> list[NextAction]:
    """What the advice says to do now across these pipelines.

    `pipelines` come with their rounds and the people in them (models.with_rounds); `people`
    holds each person of a round that may need action (may_need_action) once, by id
    (people_for_actions).
    """
    candidate = candidate_facts(user)
    research, connects = [], []
    asked: set[tuple[int, str]] = set()
    thank_yous: dict[int, NextAction] = {}  # one per person, met in two pipelines too
    for pipeline in pipelines:
        rounds = pipeline.round_list
        rounds_of: dict[int, list[Round]] = {}
        for round_ in rounds:
            for person in round_.people:
                rounds_of.setdefault(person.pk, []).append(round_)
        for person_id, their_rounds in rounds_of.items():
            if not any(may_need_action(r, now) for r in their_rounds):
                continue
            person = people[person_id]
            # Finished rounds by their time, not their place in the pipeline: the latest last.
            done = sorted(
                (r for r in their_rounds if r.status == Round.Status.DONE and r.scheduled_at),
                key=lambda r: (r.scheduled_at, r.pk),
            )
            upcoming = [r for r in their_rounds if r.is_upcoming]
            anchor = done[-1] if done else (upcoming[0] if upcoming else their_rounds[-1])
            touches = touch_facts(person.touches)
            # Once hired, the decision is the news: its people may be connected with (T4).
            met_recently = bool(done) and (
                done[-1].scheduled_at >= now - RECENT_MEETING
                or (pipeline.is_closed and pipeline.updated >= now - RECENT_MEETING)
            )
            # Advising drafts notes and emails: skipped when it can suggest nothing here, with no
            # thank-you open (only then can one come first) and no meeting lately.
            if met_recently or _thank_you_open(person, touches, now):
                for action in _advised(
                    candidate, person, pipeline, rounds, anchor, touches, met_recently, now
                ):
                    if action.kind != "thank-you":
                        # One request or follow per person and platform, met in two
                        # pipelines too: the first pipeline's (offers first, then the latest).
                        if (person_id, action.platform) not in asked:
                            asked.add((person_id, action.platform))
                            connects.append(action)
                    elif person_id not in thank_yous or _links_better(
                        action, thank_yous[person_id], person
                    ):
                        # Asked for on every page of theirs (advice.Meeting.thanked): it links
                        # to the meeting it thanks for.
                        thank_yous[person_id] = action
            left = len(advice.PERSON_RESEARCH) - person.research_done
            soon = [
                r
                for r in upcoming
                if r.scheduled_at and now <= r.scheduled_at <= now + RESEARCH_HORIZON
            ]
            if soon and left and not pipeline.is_closed:
                research.append(
                    NextAction(
                        "research",
                        f"Research {person.name} before {soon[0].name} "
                        f"({left} item{'s' if left != 1 else ''} left)",
                        soon[0],
                        soon[0].scheduled_at,
                        person.name,
                    )
                )
    ordered = sorted(thank_yous.values(), key=lambda a: (not a.overdue, a.due))
    research.sort(key=lambda a: a.due)
    return ordered + research + connects


def _links_better(action: NextAction, other: NextAction, person: PersonDetails) -> bool:
    """Whether this thank-you's round is a better link than the other's: the round it thanks
    for (their latest in an open application), else the later meeting (a round still to come
    is none)."""
    thanked = person.open_round and person.open_round["round"]

    def rank(action: NextAction) -> tuple:
        done = action.round.status == Round.Status.DONE
        return (action.round.pk == thanked, done, action.round.scheduled_at if done else None)

    return rank(action) > rank(other)


def _thank_you_open(person: PersonDetails, touches: tuple, now: datetime) -> bool:
    """Whether no thank-you has followed the latest meeting with them: a cheap first look,
    never narrower than the engine's (the meeting a thank-you is for is never later than the
    latest, and counts from its start); advise() decides."""
    met_at = max(meetings_with(person), default=None)
    state = advice.thank_you_state(met_at=met_at, touches=touches, now=now)
    return state in (advice.ThankYou.DUE, advice.ThankYou.OVERDUE)


def _advised(
    candidate: advice.Candidate,
    person: PersonDetails,
    pipeline: Pipeline,
    rounds: list[Round],
    anchor: Round,
    touches: tuple,
    met_recently: bool,
    now: datetime,
) -> list[NextAction]:
    """The thank-you to send them, else the requests and follows advisable now."""
    facts = {
        "candidate": candidate,
        "progress": progress_for(person, pipeline, rounds, now),
        "familiarity": familiarity_for(person, now),
        "meeting": meeting_facts(person, pipeline, rounds),
        "touches": touches,
        "now": timezone.localtime(now),
        "brief": True,  # the list shows no email and one note
    }
    # Whether the thank-you comes first does not depend on the platforms: asked first without
    # them, the advice works each platform out only when the list can show it.
    result = advice.advise(profiles=[], **facts)
    if result.thank_you_first:
        overdue = result.thank_you_state is advice.ThankYou.OVERDUE
        met = days_ago(result.thank_you_due - advice.JUST_MET_WINDOW, now)
        text = f"Send {person.name} a thank-you email: you met {met}"
        # The thank-you comes first: no request or follow for them is shown before it.
        return [NextAction("thank-you", text, anchor, result.thank_you_due, person.name, overdue)]
    if not met_recently:
        return []  # requests and follows are suggested only after a recent meeting
    result = advice.advise(profiles=[profile_facts(p) for p in person.profiles], **facts)
    actions = []
    for platform_advice in result.platforms:
        if platform_advice.verdict not in _ACTIONABLE:
            continue
        platform = platform_advice.platform.label
        slug = platform_advice.platform.value
        if platform_advice.verdict is advice.Verdict.CONNECT:
            text = f"Connect with {person.name} on {platform}"
            note = ""
            if platform_advice.drafts:
                text += ": the note is ready"
                note = platform_advice.drafts[0].text
            actions.append(
                NextAction("connect", text, anchor, None, person.name, platform=slug, note=note)
            )
        else:
            text = f"Follow {person.name} on {platform}"
            actions.append(NextAction("follow", text, anchor, None, person.name, platform=slug))
    return actions


def with_company_research(
    actions: list[NextAction], pipelines: Sequence[Pipeline], now: datetime
) -> list[NextAction]:
    """The board's list: next_actions and, among the research, what is left to read about
    each organisation, once per pipeline, as the round page's Now list has it."""
    research = [a for a in actions if a.kind == "research"]
    for pipeline in pipelines:
        if not pipeline.is_closed:
            research += _company_research(pipeline, pipeline.round_list, now)
    research.sort(key=lambda a: (a.due, a.interviewer != ""))  # the company before its people
    thank_yous = [a for a in actions if a.kind == "thank-you"]
    return thank_yous + research + [a for a in actions if a.kind not in ("thank-you", "research")]


def _company_research(pipeline: Pipeline, rounds: list[Round], now: datetime) -> list:
    """The research about the organisation, once per pipeline, before its next interview."""
    left = len(advice.COMPANY_RESEARCH) - len(pipeline.researched or ())
    soon = [
        r
        for r in rounds
        if r.is_upcoming
        and r.people
        and r.scheduled_at
        and now <= r.scheduled_at <= now + RESEARCH_HORIZON
    ]
    if not left or not soon:
        return []
    first = min(soon, key=lambda r: r.scheduled_at)
    text = (
        f"Research {pipeline.company} before {first.name} "
        f"({left} item{'s' if left != 1 else ''} left)"
    )
    return [NextAction("research", text, first, first.scheduled_at)]


def _json_moment(text: str | None) -> datetime | None:
    """A moment read from JSON: PostgreSQL writes it with its offset, SQLite in UTC without."""
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_ADVISED_TOUCHES = (Touch.Kind.THANK_YOU_SENT, Touch.Kind.THANK_YOU_SKIPPED, Touch.Kind.COMMENTED)


def people_for_actions(pipelines: Sequence[Pipeline], now: datetime) -> dict[int, PersonDetails]:
    """What next_actions needs of the people of these pipelines' rounds that may need action:
    each once, by id, with what the advice reads (meetings, thank-yous, comments, research
    done), in three queries. The pipelines come with their rounds and the rounds with their
    `people` (models.with_rounds)."""
    ids = {
        person.pk
        for p in pipelines
        for r in p.round_list
        if may_need_action(r, now)
        for person in r.people
    }
    latest_round = latest_met_rounds()
    # A round in one subquery, not four: Django takes longer to build each than the database
    # to run it.
    round_details = JSONObject(
        start="scheduled_at",
        minutes="duration_minutes",
        company="pipeline__company",
        role="pipeline__role",
        round="pk",
    )
    ticked = (
        ResearchTick.objects.filter(
            interviewer=OuterRef("pk"), item__in=[i.key for i in advice.PERSON_RESEARCH]
        )
        .values("interviewer")
        .annotate(count=Count("pk"))
        .values("count")
    )
    rows = (
        Interviewer.objects.filter(pk__in=ids)
        .annotate(
            met_round=Subquery(latest_round.values(details=round_details)[:1]),
            open_round=Subquery(
                latest_round.exclude(pipeline__status__in=PipelineQuerySet.CLOSED_STATUSES).values(
                    details=round_details
                )[:1]
            ),
            research_done=Subquery(ticked),
        )
        .values_list(
            "pk",
            "name",
            "topic",
            "address_as",
            "met_round",
            "open_round",
            "research_done",
        )
    )
    people = {}
    for pk, name, topic, address_as, met_round, open_round, research_done in rows:
        met_round = met_round or {}  # never met in a round
        if open_round:
            open_round["start"] = _json_moment(open_round["start"])
        people[pk] = PersonDetails(
            pk,
            name,
            topic,
            address_as,
            _json_moment(met_round.get("start")),
            met_round.get("minutes"),
            met_round.get("company"),
            met_round.get("role"),
            None,  # from the touches below
            open_round,
            research_done or 0,
        )
    profiles = Profile.objects.filter(interviewer__in=ids).order_by("platform", "pk")
    for person_id, *profile in profiles.values_list(
        "interviewer_id", "platform", "visibility", "tone", "state"
    ):
        people[person_id].profiles.append(ProfileRow(*profile))
    # The "met" touches of no finished round too, for the latest coffee chat: a few more rows
    # cost less than a subquery.
    touches = Touch.objects.filter(
        Q(kind__in=_ADVISED_TOUCHES) | Q(MEETING_OF_ITS_OWN, kind=Touch.Kind.MET),
        interviewer__in=ids,
    )
    for person_id, kind, at in touches.order_by("-at", "-pk").values_list(
        "interviewer_id", "kind", "at"
    ):
        person = people[person_id]
        if kind != Touch.Kind.MET:
            person.touches.append(TouchRow(kind, at))
        elif person.met_touch_at is None:  # the latest first
            person.met_touch_at = at
    return people


PAGE_SIZE = 20
# Next actions look at the few pipelines with the most recent and the nearest rounds, so the
# board costs the same for a long search as for a short one.
ACTION_PIPELINES = 6


# The board's rows are kept on the user's row beside the overview's figures (overview.py), for
# their data version, time zone, page and five minutes: a visit after no write of theirs reads
# them instead of loading and advising again. What time alone changes (a thank-you turning
# overdue, an interview coming into the two weeks) shows up to five minutes late; how far off
# each moment is ("in 3 hours", "2 hours left") is worked out at every visit.
# One more whenever the rows change shape: rows kept by an earlier version are worked out again.
CONTENT_FORMAT = 2


def board_page(user: User, page_number: str | None, now: datetime) -> dict:
    """Everything the board shows: open pipelines a page at a time, the interviews coming up,
    the next actions and the search's overview, in a fixed number of queries; none but the
    session's and the user's while what is kept holds."""
    overview, counted = kept_overview(user, now)
    paginator = Paginator(range(overview.active), PAGE_SIZE)  # counted by the overview
    page = paginator.get_page(page_number)
    key = f"{CONTENT_FORMAT} {freshness(user, now)} {page.number}"
    content = _kept_content(user.board_content, key)
    worked_out = content is None
    if worked_out:
        content = board_content(user, page.number, now)
        user.board_content = json.dumps({"key": key, "content": content})
    if counted or worked_out:
        keep_on_row(user, *(["overview_counts"] if counted else []), "board_content")
    return {
        "groups": [
            (label, [{**row, "next": _far(row["next"], now)} for row in rows])
            for label, rows in content["groups"]
        ],
        "sample_shown": content["sample_shown"],
        "page": page,
        "upcoming": [_far(row, now) for row in content["upcoming"]],
        "to_confirm": [_far(row, now) for row in content["to_confirm"]],
        "actions": [
            shown for row in content["actions"] if (shown := _shown_action(row, now)) is not None
        ],
        "overview": overview,
        "closed_count": overview.closed_total,
        "has_pipelines": overview.active > 0,
        "now": now,
    }


def _kept_content(text: str, key: str) -> dict | None:
    if not text:
        return None
    kept = json.loads(text)
    return kept["content"] if kept["key"] == key else None


def board_content(user: User, page_number: int, now: datetime) -> dict:
    """What board_page shows, as plain data (kept as JSON): the open pipelines of one page,
    the interviews coming up and passed, and the next actions."""
    loaded = with_rounds(
        Pipeline.objects.for_board(
            user,
            first=(page_number - 1) * PAGE_SIZE,
            size=PAGE_SIZE,
            now=now,
            recent=RECENT_MEETING,
            actions=ACTION_PIPELINES,
        )
    )
    # Hired lately, a pipeline is here only for its people (for_board): none of its rounds is
    # coming up, awaited or a reason to pick it.
    rounds = [r for p in loaded if not p.is_closed for r in p.round_list]
    shown = [p for p in loaded if p.on_page]
    coming_up = sorted(
        (r for r in rounds if r.is_coming_up(now) and not r.is_awaiting_outcome(now)),
        key=lambda r: r.scheduled_at,
    )
    upcoming = coming_up[:10]
    awaiting = [r for r in rounds if r.is_awaiting_outcome(now)]
    awaiting.sort(key=lambda r: r.scheduled_at, reverse=True)
    next_interviews: dict[int, Round] = {}  # each pipeline's earliest, in the same window
    for round_ in coming_up:
        next_interviews.setdefault(round_.pipeline_id, round_)
    urls = {name: url_for(name) for name in ("pipeline", "interview")}
    groups = [
        (
            label,
            [
                _pipeline_row(p, next_interviews.get(p.pk), urls)
                for p in shown
                if p.status == status
            ],
        )
        for status, label in [(Pipeline.Status.OFFER, "Offers"), (Pipeline.Status.ACTIVE, "Active")]
    ]
    chosen = Round.for_actions(rounds, now, RECENT_MEETING, ACTION_PIPELINES)
    chosen |= keep_latest_thank_yous(rounds, ACTION_PIPELINES)
    chosen |= {p.pk for p in loaded if p.is_closed}  # hired lately (for_board)
    for_actions = [p for p in loaded if p.pk in chosen]
    actions = with_company_research(
        next_actions(user, for_actions, people_for_actions(for_actions, now), now),
        for_actions,
        now,
    )
    return {
        "groups": [(label, rows) for label, rows in groups if rows],
        "sample_shown": any(is_sample(p) for p in shown),
        "upcoming": [_round_row(r, urls) for r in upcoming],
        "to_confirm": [_round_row(r, urls) for r in awaiting[:ACTION_PIPELINES]],
        "actions": [_action_row(a, urls) for a in actions],
    }


# The board's rows are plain dictionaries of what each line prints: a page shows a hundred
# of them, and a template reads a dictionary's key for less than a model's property.


def _when(moment: datetime) -> dict:
    """A moment as the board prints it: machine-readable and for reading (_far adds how far
    off it is)."""
    local = timezone.localtime(moment)
    return {
        "iso": local.isoformat(),  # date_format's "c", for less
        "text": date_format(local, "D j M, H:i"),
    }


def _far(row: dict | None, now: datetime) -> dict | None:
    """The row of a moment (_when) with how far off it is now."""
    if row is None:
        return None
    return {**row, "countdown": countdown(datetime.fromisoformat(row["iso"]), now)}


def current_round(rounds: list[Round]) -> Round | None:
    """Where a pipeline stands: its first round still to come, else its last one, leaving
    out the cancelled."""
    kept = [r for r in rounds if r.status != Round.Status.CANCELLED]
    return next((r for r in kept if r.is_upcoming), kept[-1] if kept else None)


def _pipeline_row(pipeline: Pipeline, next_: Round | None, urls: dict) -> dict:
    """`next_` is its next interview, the earliest of its rounds in the board's Upcoming
    window (Round.is_coming_up), so the two never disagree."""
    round_url = urls["interview"]
    current = current_round(pipeline.round_list)
    return {
        "url": urls["pipeline"](pipeline.pk),
        "role": pipeline.role,
        "company": pipeline.company,
        "location": pipeline.location,
        "status": pipeline.status,
        "status_label": pipeline.get_status_display(),
        "current": current
        and {
            "url": round_url(current.pk),
            "name": current.name,
            "status": current.get_status_display().lower(),
        },
        "next": next_ and {"url": round_url(next_.pk), **_when(next_.scheduled_at)},
    }


def _round_row(round_: Round, urls: dict) -> dict:
    return {
        "id": round_.pk,
        "url": urls["interview"](round_.pk),
        "name": round_.name,
        "company": round_.pipeline.company,
        "people": ", ".join(person.name for person in round_.people),
        **_when(round_.scheduled_at),
    }


_ACTION_LABELS = {
    "thank-you": "Thank-you due",  # or overdue, as of each visit (_shown_action)
    "research": "Research",
    "follow": "Follow",
    "connect": "Connect",
}


def _action_row(action: NextAction, urls: dict) -> dict:
    return {
        "kind": action.kind,
        "interviewer": action.interviewer,
        "label": _ACTION_LABELS.get(action.kind, "Connect"),
        "url": urls["interview"](action.round.pk),
        "text": action.text,
        "due": action.due and action.due.isoformat(),
        "overdue": action.overdue,
    }


def _shown_action(row: dict, now: datetime) -> dict | None:
    """The action's row as of now (kept rows are up to five minutes old): a thank-you's label
    and the time left, how soon the interview researched for is; None for research once its
    interview has begun."""
    if row["due"] is None:
        return {**row, "after": None}
    due = datetime.fromisoformat(row["due"])
    if row["kind"] == "research":
        return {**row, "after": countdown(due, now)} if due > now else None
    if row["kind"] == "thank-you":
        if row["overdue"] or due <= now:
            return {**row, "label": "Thank-you overdue", "after": None}
        return {**row, "label": "Thank-you due", "after": time_left(due, now)}
    return {**row, "after": None}
