"""A calendar invitation (.ics) read into a round: its time, place, meeting link and people.

`read` turns the file into an `Invite` (or raises `InviteError` with a message for the
candidate), `plan` matches its people to the candidate's contacts without writing anything (the
web page shows it as a preview), and `apply` writes the plan in one transaction.
"""

import functools
import hashlib
import re
import warnings
import zoneinfo
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from icalendar import Calendar
from icalendar.error import GloballyUniqueTZIDGuessed
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from advisor import quotas
from advisor.matching import fold, fold_email
from advisor.models import Interviewer, Pipeline, Round, User, fold_name

# icalendar warns when it guesses a vendor-prefixed TZID; _zone() resolves TZIDs itself.
warnings.filterwarnings("ignore", category=GloballyUniqueTZIDGuessed)

MAX_BYTES = 1024 * 1024
MAX_PEOPLE = 100  # more than this is a company-wide event, not an interview
# Hosts whose links in a description are meeting links (other links there are boilerplate).
MEETING_HOSTS = (
    "zoom.us",
    "zoom.com",
    "meet.google.com",
    "teams.microsoft.com",
    "teams.live.com",
    "webex.com",
    "whereby.com",
    "meet.jit.si",
    "chime.aws",
    "gotomeeting.com",
    "meet.goto.com",
    "bluejeans.com",
    "join.skype.com",
)
# Locations that only name the meeting service: the link itself says more.
SERVICE_NAMES = {"microsoft teams meeting", "teams", "zoom", "zoom meeting", "google meet"}
_URL = re.compile(r"https://[^\s<>\"'{}|\\^`\[\]]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KINDS = [  # words of a summary and the kind of round they suggest, first match wins
    ("final", Round.Kind.FINAL),
    ("onsite", Round.Kind.ONSITE),
    ("on-site", Round.Kind.ONSITE),
    ("technical", Round.Kind.TECHNICAL),
    ("coding", Round.Kind.TECHNICAL),
    ("system design", Round.Kind.TECHNICAL),
    ("screen", Round.Kind.SCREEN),
    ("phone", Round.Kind.PHONE),
]


class InviteError(ValueError):
    """The invitation cannot be imported; the message says why, in the candidate's words."""


class SeveralEvents(InviteError):
    """The file holds several events: the candidate picks one (`events`: uid, summary, start)."""

    def __init__(self, events: list[tuple[str, str, datetime | None]]):
        super().__init__(
            "This file holds several events; choose one: "
            + "; ".join(f"{summary or '(no title)'} (UID {uid})" for uid, summary, _ in events)
        )
        self.events = events


class RepeatingEvent(InviteError):
    """A repeating event, imported only when the candidate takes its first occurrence."""


@dataclass
class Invitee:
    """Someone the invitation lists: its organizer or an attendee."""

    email: str
    name: str
    organizer: bool = False

    @property
    def key(self) -> str:
        return fold_email(self.email) if self.email else "name:" + fold(self.name)


@dataclass
class Invite:
    uid: str
    summary: str
    start: datetime  # aware
    minutes: int
    all_day: bool = False
    location: str = ""
    link: str = ""
    people: list[Invitee] = field(default_factory=list)
    rooms: list[str] = field(default_factory=list)  # rooms and resources, left out
    cancelled: bool = False
    recurring: bool = False
    floating: bool = False  # no time zone given: read in the candidate's

    @property
    def kind(self) -> str:
        words = fold(self.summary)
        return next((kind for word, kind in _KINDS if word in words), Round.Kind.OTHER)


# ---------------------------------------------------------------------------------------------
# Reading the file


def decode(raw: bytes | str) -> str:
    """The file as text, refused above MAX_BYTES. Outlook of old wrote Windows-1252."""
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise InviteError(
            f"This file is {size / 1024 / 1024:.1f} MB; an invitation is far smaller "
            "(at most 1 MB is read). Is it a whole calendar export?"
        )
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read(raw: bytes | str, tz: zoneinfo.ZoneInfo, *, uid: str | None = None) -> Invite:
    """The invitation's event (the one with `uid` when the file holds several)."""
    text = decode(raw)
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        calendars = []
    except IsADirectoryError:
        # icalendar looks each TZID up as a file of zones while it reads, and a region's name
        # ("America", "Antarctica") is a folder there.
        raise InviteError(
            "A time zone this invitation names is a region, not a zone (such as "
            "America/New_York), so its times cannot be read. Ask for the invitation again, or "
            "add the round by hand."
        ) from None
    calendar = next((c for c in calendars if c.name == "VCALENDAR"), None)
    if calendar is None:
        raise InviteError(
            "This is not a calendar invitation: expected an iCalendar (.ics) file, the kind "
            "attached to invitation emails, starting with BEGIN:VCALENDAR."
        )
    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if not events:
        raise InviteError("This calendar file holds no event, so there is no interview in it.")
    event = _choose(events, uid)
    method = _clean(str(calendar.get("METHOD", ""))).upper()
    status = _clean(str(event.get("STATUS", ""))).upper()

    if event.get("DTSTART") is None:
        raise InviteError("The event has no start time, so it cannot become a round.")
    start, all_day, floating = _moment(event, "DTSTART", calendar, tz)
    minutes = _minutes(event, calendar, tz, start, all_day)
    location = _line(str(event.get("LOCATION", "")))
    link = _meeting_link(event, location)
    if location == link or fold(location) in SERVICE_NAMES:
        location = ""
    people, rooms = _people(event)
    return Invite(
        uid=_uid(event),
        summary=_line(str(event.get("SUMMARY", "")))[:200],
        start=start,
        minutes=minutes,
        all_day=all_day,
        location=location[:500],
        link=link,
        people=people,
        rooms=rooms,
        cancelled=method == "CANCEL" or status == "CANCELLED",
        recurring=bool(event.get("RRULE") or event.get("RDATE")),
        floating=floating,
    )


def _clean(text: str) -> str:
    return _CONTROL.sub("", text).strip()


def _line(text: str) -> str:
    return " ".join(_clean(text).split())


def _uid(event) -> str:
    uid = _clean(str(event.get("UID", "")))
    if len(uid) > 255:  # the column's size; a digest keeps such a UID recognisable
        uid = "sha256:" + hashlib.sha256(uid.encode("utf-8", "surrogatepass")).hexdigest()
    return uid


def _choose(events: list, uid: str | None):
    by_uid: dict[str, list] = {}
    for event in events:
        by_uid.setdefault(_uid(event), []).append(event)
    if uid is not None:
        chosen = by_uid.get(uid.strip())
        if not chosen:
            raise InviteError(f"No event in this file has the UID {uid!r}.")
    elif len(by_uid) > 1:
        raise SeveralEvents(
            [
                (key, _line(str(group[0].get("SUMMARY", "")))[:200], _start_or_none(group[0]))
                for key, group in by_uid.items()
            ]
        )
    else:
        chosen = next(iter(by_uid.values()))
    # A series and its changed occurrences share a UID: the series itself comes first.
    return next((e for e in chosen if e.get("RECURRENCE-ID") is None), chosen[0])


def _start_or_none(event) -> datetime | None:
    try:
        value = event.get("DTSTART").dt
    except (AttributeError, ValueError, TypeError):
        return None
    return value if isinstance(value, datetime) else None


def _moment(event, name: str, calendar, tz) -> tuple[datetime, bool, bool]:
    """A DTSTART or DTEND as an aware datetime, whether it was a whole day, and whether it was
    floating (read in the candidate's zone `tz`)."""
    prop = event.get(name)
    try:
        value = prop.dt
    except (AttributeError, ValueError, TypeError):
        raise InviteError(f"The event's {_LABELS[name]} cannot be read.") from None
    if isinstance(value, datetime):
        tzid = prop.params.get("TZID")
        if tzid:  # read the wall time ourselves: icalendar caches zones across files
            return value.replace(tzinfo=_zone(str(tzid), calendar)), False, False
        if value.tzinfo is None:
            return value.replace(tzinfo=tz), False, True
        return value, False, False
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=tz), True, True
    raise InviteError(f"The event's {_LABELS[name]} is not a date or a time.")


_LABELS = {"DTSTART": "start time", "DTEND": "end time"}


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _zone(tzid: str, calendar):
    """The zone a TZID names: a known (IANA or Windows) name, else the file's own VTIMEZONE."""
    name = tzid.strip().strip('"').strip("/")
    parts = name.split("/")
    # "/vendor/Europe/Berlin", as libical and Lightning write global ids, ends in a known name.
    for candidate in [name, WINDOWS_TO_OLSON.get(name, "")] + [
        "/".join(parts[i:]) for i in range(1, len(parts))
    ]:
        if candidate in _known_zones():
            return zoneinfo.ZoneInfo(candidate)
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE" and str(component.get("TZID", "")) == tzid:
            try:
                return component.to_tz(lookup_tzid=False)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
                break
    raise InviteError(
        f"The time zone {_line(tzid)[:80]!r} is not one we know, and the file does not describe it."
    )


def _minutes(event, calendar, tz, start: datetime, all_day: bool) -> int:
    end = None
    if event.get("DTEND") is not None:
        end, _all_day, _floating = _moment(event, "DTEND", calendar, tz)
    elif event.get("DURATION") is not None:
        try:
            end = start + event.get("DURATION").dt
        except (AttributeError, TypeError, ValueError, OverflowError):
            end = None
    if end is None:
        return 24 * 60 if all_day else 60
    minutes = round((end - start).total_seconds() / 60)
    return min(max(minutes, 1), 24 * 60)


def _meeting_link(event, location: str) -> str:
    """The meeting link: a conference property, a link as the location, the URL, or the
    first link to a meeting service in the description."""
    found = []
    for name in ("X-GOOGLE-CONFERENCE", "CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL"):
        values = event.get(name)
        for value in values if isinstance(values, list) else [values]:
            if value is not None:
                found += _links(str(value))
    found += _links(location)
    found += [link for link in _links(str(event.get("URL", ""))) if _is_meeting(link)]
    found += [link for link in _links(str(event.get("DESCRIPTION", ""))) if _is_meeting(link)]
    return next(iter(found), "")


def _links(text: str) -> list[str]:
    links = []
    for match in _URL.findall(_clean(text)):
        link = match.rstrip(".,;:!?)>")
        try:
            URLValidator(schemes=["https"])(link)
        except ValidationError:
            continue
        links.append(link)
    return links


def _is_meeting(link: str) -> bool:
    host = link.split("/", 3)[2].split(":")[0].lower()
    return any(host == known or host.endswith("." + known) for known in MEETING_HOSTS)


def _people(event) -> tuple[list[Invitee], list[str]]:
    """The organizer and the attendees, each once; rooms and resources apart."""
    people: dict[str, Invitee] = {}
    rooms = []
    listed = [(event.get("ORGANIZER"), True)]
    attendees = event.get("ATTENDEE")
    listed += [(a, False) for a in (attendees if isinstance(attendees, list) else [attendees])]
    for prop, organizer in listed:
        if prop is None:
            continue
        params = getattr(prop, "params", {})
        email = _address(str(prop))
        name = _line(str(params.get("CN", ""))).strip("'\"")
        if fold_email(name) == fold_email(email):
            name = ""  # Outlook repeats the address as the name
        if str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE"):
            rooms.append(name or email)
            continue
        name = name or _name_from(email)
        if not name:
            continue
        invitee = Invitee(email=email, name=name[:200], organizer=organizer)
        if invitee.key in people:
            people[invitee.key].organizer |= organizer
        else:
            people[invitee.key] = invitee
    if len(people) > MAX_PEOPLE:
        raise InviteError(
            f"This invitation lists {len(people)} people; one for an interview lists far "
            f"fewer (at most {MAX_PEOPLE} are read)."
        )
    return list(people.values()), rooms


def _address(value: str) -> str:
    value = _clean(value)
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:") :]
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value if len(value) <= 254 else ""


def _name_from(email: str) -> str:
    """A name for someone known only by their address: "priya.raman@..." is Priya Raman."""
    local = email.split("@")[0]
    parts = [p for p in re.split(r"[._-]+", local) if p]
    if len(parts) >= 2 and all(p.isalpha() for p in parts):
        return " ".join(p.capitalize() for p in parts)
    return local


# ---------------------------------------------------------------------------------------------
# Matching people and writing the round


@dataclass
class Match:
    index: int  # the invitee's position in invite.people, which the preview's form sends back
    invitee: Invitee
    person: Interviewer | None  # a known contact, or None for someone new
    on_round: bool = False  # already on the round being updated
    left_out: bool = False  # the candidate unticked them (the recruiter, say)


@dataclass
class Plan:
    user: User
    pipeline: Pipeline
    invite: Invite
    round: Round | None  # the round an earlier import of this invitation made
    matches: list[Match]  # everyone but the candidate, each person once
    yourself: list[Invitee]  # the candidate's own addresses
    not_invited: list[Interviewer]  # on the round, no longer in the invitation: kept

    @property
    def moved_from(self) -> datetime | None:
        """The time the round had before this update, when the invitation moves it."""
        if self.round and self.round.scheduled_at and self.round.scheduled_at != self.invite.start:
            return self.round.scheduled_at
        return None

    @property
    def problem(self) -> str:
        """Why the plan cannot be written as it stands, or ""."""
        if self.invite.cancelled and self.round is None:
            return (
                "This invitation cancels an interview that was never imported here, "
                "so there is nothing to cancel."
            )
        return ""


def plan(user: User, pipeline: Pipeline, invite: Invite, *, leave_out=frozenset()) -> Plan:
    """What importing the invitation would do, without writing anything. `leave_out` holds
    the positions (in invite.people) of people the candidate leaves out."""
    round_ = None
    if invite.uid:
        round_ = (
            Round.objects.select_related("pipeline")
            .filter(pipeline__owner=user, invite_uid=invite.uid)
            .order_by("pk")
            .first()
        )
    own = user.own_addresses()
    yourself = [p for p in invite.people if p.email and fold_email(p.email) in own]
    others = [(i, p) for i, p in enumerate(invite.people) if p not in yourself]

    contacts = Interviewer.objects.filter(owner=user)
    emails = {fold_email(p.email) for _, p in others if p.email}
    by_email = {}
    for person in contacts.annotate(lower=Lower("email")).filter(lower__in=emails).order_by("-pk"):
        by_email[person.lower] = person  # the oldest wins
    by_name = {}
    keys = {fold_name(p.name) for _, p in others}
    for person in contacts.filter(name_key__in=keys).order_by("-pk"):
        by_name[person.name_key] = person
    on_round = set(round_.interviewers.values_list("pk", flat=True)) if round_ else set()

    matches, seen = [], set()
    for index, invitee in others:
        person = by_email.get(fold_email(invitee.email)) if invitee.email else None
        person = person or by_name.get(fold_name(invitee.name))
        identity = person.pk if person else fold_name(invitee.name)
        if identity in seen:  # two addresses of one person, or two new people of one name
            continue
        seen.add(identity)
        matches.append(
            Match(
                index,
                invitee,
                person,
                on_round=person is not None and person.pk in on_round,
                left_out=index in leave_out,
            )
        )
    invited = {m.person.pk for m in matches if m.person}
    not_invited = list(round_.interviewers.exclude(pk__in=invited)) if round_ else []
    return Plan(user, pipeline, invite, round_, matches, yourself, not_invited)


@dataclass
class Result:
    round: Round
    created: bool
    cancelled: bool
    added: list[Interviewer]
    new: list[Interviewer]

    def __str__(self) -> str:
        where = f"{self.round.name} ({self.round.pipeline.company})"
        if self.cancelled:
            return f"Cancelled {where}, as the invitation says."
        verb = "Added" if self.created else "Updated"
        text = f"{verb} {where}"
        if self.added:
            names = ", ".join(p.name + (" (new)" if p in self.new else "") for p in self.added)
            text += f" with {names}"
        return text + "."


def apply(plan: Plan, *, now: datetime, first_only: bool = False) -> Result:
    """Write the plan: create the round (or update the one this invitation made before),
    create the new people and put everyone on it. Nothing is written if anything fails."""
    invite = plan.invite
    if plan.problem:
        raise InviteError(plan.problem)
    if invite.recurring and not first_only:
        raise RepeatingEvent(
            "This is a repeating event, which is not supported: only its first occurrence "
            f"({when(invite, plan.user)}) can be imported. Confirm to import just that one."
        )
    with transaction.atomic():
        round_ = plan.round
        try:  # the account's limits hold for invitations too
            quotas.ROUNDS.check(plan.user, adding=int(round_ is None and not invite.cancelled))
            newcomers = sum(1 for m in plan.matches if m.person is None and not m.left_out)
            quotas.PEOPLE.check(plan.user, adding=newcomers)
        except ValidationError as error:
            raise InviteError(" ".join(error.messages)) from None
        if invite.cancelled:
            round_.set_status(Round.Status.CANCELLED, at=now)
            return Result(round_, created=False, cancelled=True, added=[], new=[])
        created = round_ is None
        if created:
            round_ = Round(
                pipeline=plan.pipeline,
                position=plan.pipeline.next_position(),
                name=invite.summary or "Interview",
                kind=invite.kind,
                invite_uid=invite.uid,
            )
        _set_time_and_place(round_, invite)
        try:
            round_.full_clean(exclude=["pipeline", "interviewers"])
        except ValidationError as error:
            raise InviteError(" ".join(error.messages)) from None
        round_.save()
        new, added = [], []
        for match in plan.matches:
            if match.left_out:
                continue
            person = match.person
            if person is None:
                person = Interviewer.objects.create(
                    owner=plan.user, name=match.invitee.name, email=match.invitee.email
                )
                new.append(person)
            elif match.invitee.email and not person.email:
                person.email = match.invitee.email
                person.save(update_fields=["email"])
            if not match.on_round:
                round_.attach(person, at=now)
                added.append(person)
        Pipeline.mark_updated_by_id(round_.pipeline_id)
    return Result(round_, created=created, cancelled=False, added=added, new=new)


def _set_time_and_place(round_: Round, invite: Invite) -> None:
    if round_.status != Round.Status.DONE:  # a finished round keeps the time it happened
        round_.scheduled_at = invite.start.astimezone(UTC)
        round_.duration_minutes = invite.minutes
        round_.status = Round.Status.PLANNED if invite.all_day else Round.Status.SCHEDULED
    if invite.location:
        round_.location = invite.location
    link = invite.link
    if link and link not in (round_.location, *round_.notes.split()):
        if not round_.location and len(link) <= 500:
            round_.location = link
        else:
            round_.notes = f"{round_.notes}\n\nMeeting link: {link}".strip()[:20_000]
    note = "The invitation is for the whole day; set the time once you know it."
    if invite.all_day and note not in round_.notes:
        round_.notes = f"{round_.notes}\n\n{note}".strip()[:20_000]


def when(invite: Invite, user: User) -> str:
    """The invitation's start as the candidate reads it: in their zone, with its name."""
    local = timezone.localtime(invite.start, user.tz)
    if invite.all_day:
        return f"{local:%a %-d %b %Y}, all day"
    return f"{local:%a %-d %b %Y, %H:%M} ({user.time_zone.replace('_', ' ')})"
