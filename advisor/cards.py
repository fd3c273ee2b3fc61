"""The round page's per-person cards: the advice for each interviewer, shaped for the page."""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property, lru_cache
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join

from advisor import advice
from advisor.advising import (
    candidate_facts,
    familiarity_for,
    meeting_facts,
    platform_rank,
    profile_facts,
    progress_for,
    touch_facts,
)
from advisor.models import Interviewer, Person, Pipeline, Profile, Round, Touch, User
from advisor.reversing import url_for

_PLATFORM_LABELS = dict(Profile.Platform.choices)
_TOUCH_KINDS = Touch.Kind.choices  # in the order a card's history lists them


@dataclass(frozen=True)
class RecordAction:
    """The button that records what the candidate did on a platform."""

    kind: str
    label: str
    secondary: bool = False


@dataclass(frozen=True)
class PlatformRow:
    """One profile on a card, with what it prints worked out once: a page shows a dozen rows,
    each printing the same name, link or rule links several times."""

    profile: Profile
    advice: advice.PlatformAdvice
    facts: advice.ProfileFacts
    next: tuple[advice.PlatformAdvice, ...]  # its changes once the round is done
    record_url: str
    rule_links: str  # to the rules the verdict cites
    other_rule_links: str  # to those the other stance's view cites

    @property
    def id(self) -> int:
        """The profile's id, for the page's ids."""
        return self.profile.pk

    @cached_property
    def platform_label(self) -> str:
        """get_platform_display(), for less: Django rebuilds the choices on every call."""
        return _PLATFORM_LABELS.get(self.profile.platform, self.profile.platform)

    @property
    def platform(self) -> str:
        """The platform's slug, for the page's data- attributes."""
        return self.profile.platform

    @property
    def verdict(self) -> str:
        """The verdict's slug, for the page's classes and data- attributes."""
        return self.advice.verdict

    @property
    def label(self) -> str:
        """The verdict in words (PlatformAdvice.label), printed on the chip and in the row."""
        return self.advice.label

    @cached_property
    def rule_ids(self) -> str:
        """The ids of the rules the verdict cites, for data-rules."""
        return " ".join(self.advice.rule_ids)

    @property
    def link(self) -> str:
        return self.profile.link

    @cached_property
    def drafts(self) -> tuple[tuple[str, advice.Draft], ...]:
        """Each draft with its key in the page's ids (draft-<key>, count-<key>, status-<key>)."""
        return tuple((f"{self.profile.pk}-{d.variant}", d) for d in self.advice.drafts)

    @cached_property
    def action(self) -> RecordAction | None:
        """Record following the advice, or the answer to a pending request."""
        if self.advice.verdict is advice.Verdict.CONNECT:
            return RecordAction(Touch.Kind.REQUEST_SENT, "Mark as sent")
        if self.advice.verdict is advice.Verdict.FOLLOW:
            return RecordAction(Touch.Kind.FOLLOWED, "Mark as followed")
        if self.profile.state == Profile.State.REQUESTED:
            return RecordAction(Touch.Kind.REQUEST_ACCEPTED, "They accepted", secondary=True)
        return None


@dataclass(frozen=True)
class Cell:
    """One cell of the risk picture: its text and its CSS classes."""

    text: str
    css: str


@dataclass(frozen=True)
class InterviewerCard:
    """Everything one interviewer's card shows, computed once per request."""

    interviewer: Interviewer
    advice: advice.InterviewerAdvice
    rows: tuple[PlatformRow, ...]
    history: tuple[tuple[str, str], ...]  # touch counts by kind, e.g. (Met, 2)
    ticked: frozenset[str]
    candidate: advice.Candidate  # for the risk picture
    urls: dict[str, str]  # what its forms post to, and the person's page ("person")
    elsewhere: tuple[str, ...] = ()  # other open processes this person is part of
    open: str = ""  # the folded section the address asks to show open (views.FOLDED_SECTIONS)

    @property
    def id(self) -> int:
        return self.interviewer.pk

    @property
    def name(self) -> str:
        return self.interviewer.name

    @property
    def stages(self) -> list[tuple[advice.Progress, bool]]:
        """The stages left to right, each with whether this interviewer is at it."""
        return [(stage, stage is self.advice.progress) for stage in advice.Progress]

    @property
    def risk_rows(self) -> list[tuple[str, list[Cell]]]:
        """The risk picture (T2) as rows of cells, prepared here because a page shows one per
        interviewer: the risk at each stage, then each platform's verdict at each stage."""

        def here(stage: advice.Progress) -> str:
            return " here" if stage is self.advice.progress else ""

        rows = [
            (
                "Risk (T2)",
                [
                    Cell(risk.label, f"risk-cell risk-{risk.value}{here(stage)}")
                    for stage, risk in advice.RISK_BY_PROGRESS.items()
                ],
            )
        ]
        # Where each platform turns advisable, whatever link exists already.
        for row in self.rows:
            path = advice.stage_path(
                candidate=self.candidate, profile=replace(row.facts, state=advice.LinkState.NONE)
            )
            cells = [
                Cell(verdict.label, f"path-cell path-{verdict.value}{here(stage)}")
                for stage, verdict in path
            ]
            rows.append((row.platform_label, cells))
        return rows

    @cached_property
    def thank_you_mailto(self) -> str:
        """A mailto: link with the thank-you's subject and body, where their email is known."""
        draft, email = self.advice.thank_you, self.interviewer.email
        if draft is None or not email:
            return ""
        # RFC 6068: every reserved character percent-encoded, line breaks as CRLF.
        body = draft.text.replace("\r\n", "\n").replace("\n", "\r\n")
        return (
            f"mailto:{quote(email, safe='@')}"
            f"?subject={quote(draft.subject, safe='')}&body={quote(body, safe='')}"
        )

    @property
    def research_done(self) -> int:
        return len(self.ticked & {item.key for item in advice.PERSON_RESEARCH})

    @property
    def research_total(self) -> int:
        return len(advice.PERSON_RESEARCH)

    @property
    def research_left(self) -> int:
        return self.research_total - self.research_done

    @property
    def drafts_to_send_after(self) -> list[tuple[PlatformRow, advice.Draft]]:
        """For paper: per platform, the note to send once the round is done (it names this
        round), or failing that the one that applies now."""
        found = []
        for row in self.rows:
            later = [p for p in row.next if p.drafts]
            drafts = (later[-1].drafts if later else ()) or row.advice.drafts
            if drafts:
                found.append((row, drafts[0]))
        return found

    @property
    def research_items(self) -> list[tuple[advice.ResearchItem, bool]]:
        """The research about the person; the organisation's is the page's (RoundPage)."""
        return [(item, item.key in self.ticked) for item in advice.PERSON_RESEARCH]


@lru_cache(maxsize=512)  # the rule book's rules cite a few dozen sets between them
def rule_links(rules_url: str, rules: tuple[advice.Rule, ...]) -> str:
    """Links to the rules, each titled with its summary."""
    return format_html_join(
        " ",
        '<a class="rule-ref" href="{}#{}" title="{}">{} · {}</a>',
        ((rules_url, r.id, r.summary, r.id, r.source_label) for r in rules),
    )


@dataclass(frozen=True)
class PageLinks:
    """The round page's links, each reversed or built once a page: per person, per profile,
    and to the rules the verdicts cite (most cite the same few)."""

    rules: str
    person: dict[str, Callable[[object], str]]  # a card's, by name (InterviewerCard.urls)
    record_on_profile: Callable[[object], str]

    def to_rules(self, rules: tuple[advice.Rule, ...]) -> str:
        return rule_links(self.rules, rules)

    @classmethod
    def of(cls, round_: Round) -> "PageLinks":
        per_person = {
            "record": "record_on_interviewer",
            "research": "research_tick",
            "undo": "thank_you_undo",
            "topic": "interviewer_topic",
        }
        person = {key: url_for(name, round_.pk) for key, name in per_person.items()}
        person["person"] = url_for("interviewer")
        return cls(reverse("rules"), person, url_for("record_on_profile", round_.pk))


def interviewer_card(
    candidate: advice.Candidate,
    interviewer: Interviewer,
    round_: Round,
    rounds: Sequence[Round],
    now: datetime,
    links: PageLinks,
    elsewhere: Sequence[str] = (),
    position: int = 0,
    checklist: bool = False,
) -> InterviewerCard:
    """The advice for one interviewer of a round. `interviewer` comes with profiles, touches and
    research ticks prefetched (models.interviewers_with_details); `position` is their place
    among the round's cards. The `checklist` prints one LinkedIn note per profile, today's or
    the one that applies once an upcoming round is done (InterviewerCard.drafts_to_send_after);
    the round page shows every note of today's and none of those after."""
    pipeline = round_.pipeline
    profiles = sorted(interviewer.profiles.all(), key=platform_rank)
    facts = [profile_facts(p) for p in profiles]
    situation = {
        "candidate": candidate,
        "progress": progress_for(interviewer, pipeline, rounds, now),
        "familiarity": familiarity_for(interviewer, now),
        "meeting": meeting_facts(interviewer, pipeline, rounds, position),
        "profiles": facts,
        "touches": touch_facts(list(interviewer.touches.all())),
        "now": timezone.localtime(now),  # drafts name the day in the candidate's zone
    }
    result = advice.advise(**situation, notes=1 if checklist else None)
    preview = ()
    if round_.is_upcoming:
        notes = 1 if checklist else 0
        # The notes for after this interview name it, not the meeting before it.
        this_one = replace(
            situation["meeting"],
            company=pipeline.company,
            role=pipeline.role,
            round_name=round_.name,
            round_date=round_.scheduled_at and timezone.localdate(round_.scheduled_at),
            thank_you_moot=False,
            thanked=None,
        )
        preview = advice.preview_after_round(
            **{**situation, "meeting": this_one}, current=result.platforms, notes=notes
        )
    rows = tuple(
        PlatformRow(
            profile,
            platform_advice,
            fact,
            tuple(p for p in preview if p.platform == platform_advice.platform),
            links.record_on_profile(profile.pk),
            links.to_rules(platform_advice.rules),
            links.to_rules(platform_advice.other_view.rules) if platform_advice.other_view else "",
        )
        for profile, platform_advice, fact in zip(profiles, result.platforms, facts, strict=True)
    )
    kinds = Counter(t.kind for t in interviewer.touches.all())
    history = tuple((label, kinds[value]) for value, label in _TOUCH_KINDS if kinds[value])
    ticked = frozenset(tick.item for tick in interviewer.research_ticks.all())
    urls = {key: url(interviewer.pk) for key, url in links.person.items()}
    return InterviewerCard(
        interviewer, result, rows, history, ticked, candidate, urls, tuple(elsewhere)
    )


def read_their_rounds(
    pipeline: Pipeline, rounds: Sequence[Round], people: list[Interviewer]
) -> dict[int, list[str]]:
    """What the round page needs of its people's rounds in every pipeline, in one query: on
    each person, their latest meeting (the latest finished round and coffee chat, as
    advising.meetings_with reads them), and their latest in an open application
    (`open_round`, what a thank-you is for: advising.meeting_facts); on each of the
    pipeline's `rounds`, its `people` as models.with_people lists them, but only these people,
    all the advice asks about; and per person the other open pipelines they interview for
    (the advice here is for this process only; the stage may differ there). `people` come
    with all their touches (interviewers_with_details)."""
    links = Round.interviewers.through.objects.filter(interviewer__in=people).values_list(
        "interviewer_id",
        "round_id",
        "round__status",
        "round__scheduled_at",
        "round__duration_minutes",
        "round__pipeline_id",
        "round__pipeline__status",
        "round__pipeline__company",
        "round__pipeline__role",
    )
    latest: dict[int, tuple] = {}
    latest_open: dict[int, tuple] = {}  # in an open application: what a thank-you is for
    elsewhere: dict[int, set[tuple[str, str]]] = {}
    here: set[tuple[int, int]] = set()  # (round, person) in this pipeline
    finished: set[int] = set()  # their finished rounds: a `met` touch of one is its record
    open_statuses = (Pipeline.Status.ACTIVE, Pipeline.Status.OFFER)
    for person_id, round_id, status, at, minutes, pipeline_id, state, company, role in links:
        if status == Round.Status.DONE:
            finished.add(round_id)
        met = status == Round.Status.DONE and at is not None
        if met and (person_id not in latest or (at, round_id) > latest[person_id][:2]):
            latest[person_id] = (at, round_id, minutes, company, role)
        is_open = state in open_statuses
        if met and is_open and (at, round_id) > latest_open.get(person_id, (at, -1))[:2]:
            latest_open[person_id] = (at, round_id, minutes, company, role)
        if pipeline_id == pipeline.pk:
            here.add((round_id, person_id))
        elif is_open:
            elsewhere.setdefault(person_id, set()).add((company, role))
    for round_ in rounds:  # `people` in their order, as with_people's (by name)
        round_.people = [Person(p.pk, p.name) for p in people if (round_.pk, p.pk) in here]
    for person in people:
        at, _, minutes, company, role = latest.get(person.pk, (None,) * 5)
        person.met_round_start, person.met_round_minutes = at, minutes
        person.met_round_company, person.met_round_role = company, role
        person.open_round = None
        if person.pk in latest_open:
            at, round_id, minutes, company, role = latest_open[person.pk]
            person.open_round = {
                "start": at,
                "minutes": minutes,
                "company": company,
                "role": role,
                "round": round_id,
            }
        met = [
            t.at
            for t in person.touches.all()
            if t.kind == Touch.Kind.MET and t.round_id not in finished  # a coffee chat
        ]
        person.met_touch_at = max(met, default=None)
    return {
        person_id: [f"{role} at {company}" for company, role in sorted(processes)]
        for person_id, processes in elsewhere.items()
    }


@dataclass(frozen=True)
class NowLine:
    """One line of the round page's Now list: the engine's to-do and what its buttons need."""

    todo: advice.Todo
    card: InterviewerCard | None  # None for the research about the organisation
    rows: tuple[PlatformRow, ...] = ()  # the profiles of the request or the follows


@dataclass(frozen=True)
class RoundPage:
    """The round page: today's list first, then a card per person."""

    cards: list[InterviewerCard]
    now: tuple[NowLine, ...]
    later: advice.Later | None
    preparing: bool  # the meeting is ahead: research and comment guidance apply
    company_research: list[tuple[advice.ResearchItem, bool]]
    rules_url: str

    @property
    def company_done(self) -> int:
        return sum(ticked for _, ticked in self.company_research)


def round_page(
    user: User,
    round_: Round,
    rounds: Sequence[Round],
    interviewers: Sequence[Interviewer],
    now: datetime,
    elsewhere: dict[int, list] | None = None,
    checklist: bool = False,
) -> RoundPage:
    """The cards of the round's people and the engine's list of what to do today; the
    `checklist` drafts the notes it prints (interviewer_card)."""
    elsewhere = elsewhere or {}
    candidate = candidate_facts(user)
    links = PageLinks.of(round_)
    cards = [
        interviewer_card(
            candidate,
            person,
            round_,
            rounds,
            now,
            links,
            elsewhere=elsewhere.get(person.pk, ()),
            position=position,
            checklist=checklist,
        )
        for position, person in enumerate(interviewers)
    ]
    pipeline = round_.pipeline
    preparing = round_.is_upcoming and not pipeline.is_closed
    researched = set(pipeline.researched or ())
    company = [(item, item.key in researched) for item in advice.COMPANY_RESEARCH]
    plan = advice.agenda(
        [
            advice.PersonToday(
                card.interviewer.pk, card.interviewer.name, card.advice, card.research_left
            )
            for card in cards
        ],
        now=now,
        preparing=preparing,
        meeting_at=round_.scheduled_at,
        meeting_ends=round_.ends_at,
        company=pipeline.company,
        company_left=sum(not ticked for _, ticked in company),
    )
    by_person = {card.interviewer.pk: card for card in cards}
    lines = []
    for todo in plan.todos:
        card = by_person.get(todo.key)
        platforms = {p.platform for p in todo.platforms}
        rows = tuple(r for r in card.rows if r.advice.platform in platforms) if card else ()
        lines.append(NowLine(todo, card, rows))
    return RoundPage(cards, tuple(lines), plan.later, preparing, company, links.rules)
