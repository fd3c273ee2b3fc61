"""LinkedIn's own export (Connections.csv) read against the candidate's people, to mark whom
they are already connected with.

`read` turns the file into rows (or raises `ConnectionsError` with a message for the
candidate), `match` finds each row's person without writing anything, and `apply` marks the
matched people connected in one transaction. It creates no people: the export lists everyone
the candidate knows, the site keeps only the people who interview them.
"""

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from urllib.parse import unquote, urlsplit

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from advisor import platforms, quotas
from advisor.matching import fold, fold_email
from advisor.models import Interviewer, Profile, Round, Touch, User

MAX_BYTES = 10 * 1024 * 1024  # the web upload's limit; 30,000 connections take about 4 MB
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
_REQUIRED = ("First Name", "Last Name")
_DATE_FORMATS = ("%d %b %Y", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%y")
_EDITION = re.compile(r"^(?:www|[a-z]{2})\.")  # www.linkedin.com, uk.linkedin.com, ...
TOUCH_TEXT = "Connected on LinkedIn (from LinkedIn's export)"


class ConnectionsError(ValueError):
    """The file cannot be read; the message says why, in the candidate's words."""


@dataclass(frozen=True)
class Row:
    line: int  # in the file, for messages
    name: str
    url: str
    email: str
    company: str
    connected_on: date | None


def url_key(url: str) -> str:
    """A LinkedIn address as compared: no scheme, www. or country edition, letter case,
    trailing slash, query or fragment. "" when it is no address."""
    text = url.strip()
    if not text:
        return ""
    parts = urlsplit(text if "://" in text else "https://" + text)
    host = _EDITION.sub("", (parts.hostname or "").lower())
    path = unquote(parts.path).rstrip("/").casefold()
    return f"{host}{path}" if host and path else ""


def read(raw: bytes) -> list[Row]:
    """The connections in LinkedIn's Connections.csv: a few lines of notes, then the header
    First Name,Last Name,URL,Email Address,Company,Position,Connected On, then the rows."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConnectionsError(
            f"This file is not UTF-8 text (an unreadable byte on line {line}). LinkedIn's "
            "export is UTF-8: download Connections.csv again rather than saving it from a "
            "spreadsheet program."
        ) from None
    lines = csv.reader(io.StringIO(text, newline=""))
    columns = None
    try:
        for cells in lines:
            cleaned = [cell.strip() for cell in cells]
            if all(name in cleaned for name in _REQUIRED):
                columns = {name: cleaned.index(name) for name in HEADER if name in cleaned}
                break
        if columns is None:
            raise ConnectionsError(
                "This is not LinkedIn's Connections.csv: no line starts with the columns "
                + ",".join(HEADER)
                + ". In LinkedIn, Settings → Data privacy → Get a copy of your data gives it."
            )
        return [row for cells in lines if (row := _row(cells, columns, lines.line_num))]
    except csv.Error as error:
        raise ConnectionsError(f"Line {lines.line_num} cannot be read: {error}.") from None


def _row(cells: list[str], columns: dict[str, int], line: int) -> Row | None:
    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    name = " ".join(f"{cell('First Name')} {cell('Last Name')}".split())
    if not name and not cell("URL"):
        return None  # a blank line
    return Row(
        line=line,
        name=name,
        url=cell("URL"),
        email=cell("Email Address"),
        company=cell("Company"),
        connected_on=_date(cell("Connected On")),
    )


@functools.lru_cache(maxsize=4096)  # thousands of rows share a few hundred days
def _date(text: str) -> date | None:
    for format_ in _DATE_FORMATS:
        try:
            return datetime.strptime(text, format_).date()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass
class Outcome:
    """What the file means for the candidate's people."""

    rows: int = 0
    to_connect: list[tuple[int, Row]] = field(default_factory=list)  # (person's id, row)
    already: int = 0  # matched someone already connected on LinkedIn
    ambiguous: list[Row] = field(default_factory=list)  # pointed at two people or more
    unmatched: int = 0
    names: dict[int, str] = field(default_factory=dict)  # the matched people's names

    @property
    def matched(self) -> int:
        return len(self.to_connect)

    @property
    def named(self) -> list[tuple[str, Row]]:
        """The people to mark connected, by name, for the preview."""
        return [(self.names[person_id], row) for person_id, row in self.to_connect]


def match(user: User, rows: list[Row]) -> Outcome:
    """Each row's person, found by LinkedIn address, then email, then name and company
    (their own, or a company they interviewed the candidate for), in a fixed number of
    queries. A row whose address, email or name point at different people, or whose name
    fits two people, is ambiguous and changes nothing."""
    people = Interviewer.objects.filter(owner=user)
    names = dict(people.values_list("pk", "name"))
    by_url: dict[str, set[int]] = {}
    connected = set()
    for person_id, handle, url, state in Profile.objects.filter(
        interviewer__owner=user, platform=Profile.Platform.LINKEDIN
    ).values_list("interviewer_id", "handle", "url", "state"):
        link = url or (f"https://www.linkedin.com/in/{handle}/" if handle else "")
        if key := url_key(link):
            by_url.setdefault(key, set()).add(person_id)
        if state == Profile.State.CONNECTED:
            connected.add(person_id)
    by_email: dict[str, set[int]] = {}
    by_name: dict[tuple[str, str], set[int]] = {}
    for person_id, name_key, email, company in people.values_list(
        "pk", "name_key", "email", "company"
    ):
        if email:
            by_email.setdefault(fold_email(email), set()).add(person_id)
        if company:
            by_name.setdefault((name_key, fold(company)), set()).add(person_id)
    interviewed_for = Round.interviewers.through.objects.filter(interviewer__owner=user)
    for person_id, name_key, company in interviewed_for.values_list(
        "interviewer_id", "interviewer__name_key", "round__pipeline__company"
    ).distinct():
        by_name.setdefault((name_key, fold(company)), set()).add(person_id)

    outcome = Outcome(rows=len(rows), names=names)
    known_names = {name_key for name_key, _company in by_name}
    for row in rows:
        found = set()
        if key := url_key(row.url):
            found |= by_url.get(key, set())
        if row.email:
            found |= by_email.get(fold_email(row.email), set())
        if row.name and row.company and (name_key := fold(row.name)) in known_names:
            found |= by_name.get((name_key, fold(row.company)), set())
        if not found:
            outcome.unmatched += 1
        elif len(found) > 1:
            outcome.ambiguous.append(row)
        else:
            person_id = found.pop()
            if person_id in connected:
                outcome.already += 1
            else:
                connected.add(person_id)  # the same person twice in the file counts once
                outcome.to_connect.append((person_id, row))
    return outcome


# ---------------------------------------------------------------------------------------------
# Writing


def apply(user: User, connections: list[tuple[int, str, date | None]], *, now: datetime) -> int:
    """Mark each (person's id, LinkedIn address, connected on) connected: the LinkedIn profile
    (made with the address if they have none) and a `request_accepted` touch on that day.
    People already connected, or not the user's, are left alone. Returns how many changed."""
    ids = {person_id for person_id, _url, _on in connections}
    mine = set(Interviewer.objects.filter(owner=user, pk__in=ids).values_list("pk", flat=True))
    profiles = {
        p.interviewer_id: p
        for p in Profile.objects.filter(interviewer_id__in=mine, platform=Profile.Platform.LINKEDIN)
    }
    new_profiles, changed_profiles, touches = [], [], []
    for person_id, url, connected_on in connections:
        profile = profiles.get(person_id)
        if person_id not in mine or (profile and profile.state == Profile.State.CONNECTED):
            continue
        url = url if len(url) <= 500 and not platforms.url_error("linkedin", url) else ""
        if profile is None:
            profile = Profile(interviewer_id=person_id, platform=Profile.Platform.LINKEDIN, url=url)
            new_profiles.append(profile)
        else:
            changed_profiles.append(profile)
            profile.url = profile.url or ("" if profile.handle else url)
        profile.state = Profile.State.CONNECTED
        profiles[person_id] = profile
        touches.append(
            Touch(
                interviewer_id=person_id,
                kind=Touch.Kind.REQUEST_ACCEPTED,
                platform=Profile.Platform.LINKEDIN,
                at=_when(connected_on, user, now),
                text=TOUCH_TEXT,
            )
        )
    with transaction.atomic():
        try:  # the account's limit on history entries holds here too
            quotas.TOUCHES.check(user, adding=len(touches))
        except ValidationError as error:
            raise ConnectionsError(" ".join(error.messages)) from None
        Profile.objects.bulk_create(new_profiles, batch_size=500)
        Profile.objects.bulk_update(changed_profiles, ["state", "url"], batch_size=500)
        Touch.objects.bulk_create(touches, batch_size=500)
    return len(touches)


def _when(connected_on: date | None, user: User, now: datetime) -> datetime:
    """Midday of the day they connected, in the candidate's zone; now when the day is unknown."""
    if connected_on is None:
        return now
    return min(datetime.combine(connected_on, time(12, 0), tzinfo=user.tz), now)


def seal(user: User, outcome: Outcome) -> str:
    """The preview's matches, signed for the confirming form: the file is not sent twice."""
    rows = [
        [person_id, row.url, row.connected_on.isoformat() if row.connected_on else None]
        for person_id, row in outcome.to_connect
    ]
    return signing.dumps({"user": user.pk, "rows": rows}, salt=_SALT, compress=True)


def unseal(user: User, sealed: str) -> list[tuple[int, str, date | None]]:
    """What seal() signed, if it is this user's and less than an hour old."""
    try:
        data = signing.loads(sealed, salt=_SALT, max_age=3600)
    except signing.BadSignature:
        raise ConnectionsError(
            "This preview is more than an hour old or was changed: upload the file again."
        ) from None
    if data.get("user") != user.pk:
        raise ConnectionsError("This preview is not yours: upload the file again.")
    return [(pid, url, date.fromisoformat(on) if on else None) for pid, url, on in data["rows"]]


_SALT = "advisor.linkedin_import"


def import_connections(user: User, raw: bytes, *, now: datetime | None = None) -> Outcome:
    """Read, match and apply in one go, as the command line does."""
    outcome = match(user, read(raw))
    connections = [(person_id, row.url, row.connected_on) for person_id, row in outcome.to_connect]
    apply(user, connections, now=now or timezone.now())
    return outcome


def summary(outcome: Outcome) -> str:
    return (
        f"{outcome.rows:,} connections read: {outcome.matched} of your people marked "
        f"connected, {outcome.already} already connected, {len(outcome.ambiguous)} ambiguous "
        f"(nothing changed), {outcome.unmatched:,} not among your people."
    )
