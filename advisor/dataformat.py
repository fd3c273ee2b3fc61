"""The account's data as one JSON document: export it, and import it back all-or-nothing.

The format is described in docs/data-format.md. Import reads and checks the whole file first
(types, slugs, lengths, the models' own validation, references between parts) and only then
writes everything in one transaction, so a refused file leaves the account untouched.
"""

import functools
import itertools
import json
import re
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from django.conf import settings as django_settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Case, F, Q, QuerySet, When
from django.utils import timezone

from advisor import quotas
from advisor.advice import COMPANY_RESEARCH
from advisor.models import (
    TIME_ZONES,
    Interviewer,
    Pipeline,
    Profile,
    ResearchItem,
    ResearchTick,
    Round,
    Stance,
    Touch,
    User,
    fold_name,
)

FORMAT = "interview-advisor/1"
COMPANY_KEYS = tuple(item.key for item in COMPANY_RESEARCH)
_TIME_ZONES = frozenset(TIME_ZONES)


class DataFormatError(ValueError):
    """The file cannot be imported; the message says what is wrong and where."""


# ---------------------------------------------------------------------------------------------
# Export


def _when(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def export_account(user: User) -> dict:
    """The whole account in the interview-advisor/1 format, in a fixed number of queries."""
    round_refs = _round_refs(user)
    return {
        "format": FORMAT,
        "settings": _settings(user),
        "interviewers": list(_interviewers(user, round_refs)),
        "pipelines": list(_pipelines(user)),
    }


def export_chunks(user: User) -> Iterator[str]:
    """dumps(export_account(user)), the same text, written piece by piece as the rows are read:
    one interviewer or pipeline is held at a time, whatever the account's size."""
    round_refs = _round_refs(user)
    yield f'{{\n  "format": {_string(FORMAT)},\n  "settings": {_indented(_settings(user), "  ")}'
    yield ',\n  "interviewers": '
    yield from _list_items(_interviewers(user, round_refs))
    yield ',\n  "pipelines": '
    yield from _list_items(_pipelines(user))
    yield "\n}\n"


# Every query reads only the account's rows, ordered as the file lists them, fetched this many
# at a time; the rows that belong to an interviewer or a round are merged with theirs as they
# come (a merge join), so memory holds one of each, not the account.
_FETCH_ROWS = 2000


def _settings(user: User) -> dict:
    return {
        "display_name": user.display_name,
        "stance": user.stance,
        "linkedin_premium": user.linkedin_premium,
        "time_zone": user.time_zone,
        "summary_enabled": user.summary_enabled,
        "summary_hour": user.summary_hour,
    }


def _round_refs(user: User) -> dict[int, tuple[int, int]]:
    """Each round's place in the file, (pipeline index, round index), for the touches that
    name their round: the only thing held for the whole export, two numbers a round."""
    rows = (
        Pipeline.objects.filter(owner=user)
        .order_by("created", "pk", "rounds__position", "rounds__pk")
        .values_list("pk", "rounds__pk")
    )
    refs, p_index, r_index, last = {}, -1, 0, None
    for pipeline_id, round_id in rows.iterator(_FETCH_ROWS):
        if pipeline_id != last:
            p_index, r_index, last = p_index + 1, 0, pipeline_id
        if round_id is not None:
            refs[round_id] = (p_index, r_index)
            r_index += 1
    return refs


class _RowsOf:
    """Rows sorted as their parents are, each starting with its parent's sort key, handed out
    parent by parent. A row whose parent was not read (added meanwhile) is passed over."""

    def __init__(self, rows: Iterable[tuple], key_length: int):
        self._rows = iter(rows)
        self._key_length = key_length
        self._next = next(self._rows, None)

    def of(self, key: tuple) -> list[tuple]:
        found = []
        while self._next is not None:
            row_key = self._next[: self._key_length]
            if row_key > key:
                break
            if row_key == key:
                found.append(self._next[self._key_length :])
            self._next = next(self._rows, None)
        return found


_PERSON = ("interviewer__created", "interviewer_id")
_PROFILE_KEYS = ("platform", "handle", "url", "visibility", "tone", "state")
_INTERVIEWER_KEYS = (
    "name",
    "address_as",
    "title",
    "company",
    "role_relation",
    "email",
    "notes",
    "topic",
)


def _interviewers(user: User, round_refs: dict[int, tuple[int, int]]) -> Iterator[dict]:
    def of_people(model: type[models.Model], *order: str) -> QuerySet:
        return model.objects.filter(interviewer__owner=user).order_by(*_PERSON, *order)

    profiles = _RowsOf(
        of_people(Profile, "pk").values_list(*_PERSON, *_PROFILE_KEYS).iterator(_FETCH_ROWS), 2
    )
    touches = _RowsOf(
        of_people(Touch, "at", "pk")
        .values_list(*_PERSON, "kind", "at", "text", "platform", "round_id")
        .iterator(_FETCH_ROWS),
        2,
    )
    ticks = _RowsOf(
        of_people(ResearchTick, "item").values_list(*_PERSON, "item").iterator(_FETCH_ROWS), 2
    )
    people = (
        Interviewer.objects.filter(owner=user)
        .order_by("created", "pk")
        .values_list("created", "pk", *_INTERVIEWER_KEYS)
    )
    for created, pk, *fields in people.iterator(_FETCH_ROWS):
        key = (created, pk)
        yield {
            **dict(zip(_INTERVIEWER_KEYS, fields, strict=True)),
            "created": _when(created),
            "research": [item for (item,) in ticks.of(key)],
            "profiles": [dict(zip(_PROFILE_KEYS, row, strict=True)) for row in profiles.of(key)],
            "touches": [_touch(row, round_refs) for row in touches.of(key)],
        }


def _touch(row: tuple, refs: dict[int, tuple[int, int]]) -> dict:
    kind, at, text, platform, round_id = row
    item = {"kind": kind, "at": _when(at), "text": text}
    if platform:
        item["platform"] = platform
    if round_id in refs:
        p_index, r_index = refs[round_id]
        item["round"] = {"pipeline": p_index, "round": r_index}
    return item


_ROUND = ("round__pipeline__created", "round__pipeline_id", "round__position", "round_id")
_PIPELINE_KEYS = ("company", "role", "url", "location", "status")
_ROUND_KEYS = ("name", "kind", "status", "scheduled_at", "duration_minutes", "location", "notes")


def _pipelines(user: User) -> Iterator[dict]:
    # The round-person links as one join from the account's rounds to the names: no query
    # reads other accounts' people. A round lists its people in the file's order of people
    # (anyone else's, which the site never links, last).
    own = Q(interviewer__owner=user)
    names = _RowsOf(
        Round.interviewers.through.objects.filter(round__pipeline__owner=user)
        .order_by(
            *_ROUND,
            Case(When(own, then=0), default=1),
            Case(When(own, then=F("interviewer__created"))),
            "interviewer_id",
        )
        .values_list(*_ROUND, "interviewer__name")
        .iterator(_FETCH_ROWS),
        4,
    )
    # A pipeline's fields come again with each of its rounds (one query, not two); a pipeline
    # without rounds comes once, its round columns empty.
    rows = (
        Pipeline.objects.filter(owner=user)
        .order_by("created", "pk", "rounds__position", "rounds__pk")
        .values_list(
            "created",
            "pk",
            *_PIPELINE_KEYS,
            "applied_on",
            "salary",
            "source",
            "notes",
            "researched",
            "rounds__position",
            "rounds__pk",
            *(f"rounds__{key}" for key in _ROUND_KEYS),
        )
    )
    for _pk, group in itertools.groupby(rows.iterator(_FETCH_ROWS), key=lambda row: row[1]):
        pipeline_rows = list(group)
        created, pk, *fields, applied_on, salary, source, notes, researched = pipeline_rows[0][:12]
        rounds = []
        for position, round_id, *round_fields in (row[12:] for row in pipeline_rows):
            if round_id is None:
                continue
            item = dict(zip(_ROUND_KEYS, round_fields, strict=True))
            if item["scheduled_at"]:
                item["scheduled_at"] = _when(item["scheduled_at"])
            item["interviewers"] = [name for (name,) in names.of((created, pk, position, round_id))]
            rounds.append(item)
        yield {
            **dict(zip(_PIPELINE_KEYS, fields, strict=True)),
            **_job_details(applied_on, salary, source),
            "notes": notes,
            "created": _when(created),
            "research": list(researched),
            "rounds": rounds,
        }


def _job_details(applied_on: date | None, salary: str, source: str) -> dict:
    """applied_on, salary and source, added later to interview-advisor/1: written only when
    set, so the files of accounts that leave them empty stay readable by earlier versions."""
    details = {}
    if applied_on:
        details["applied_on"] = applied_on.isoformat()
    if salary:
        details["salary"] = salary
    if source:
        details["source"] = source
    return details


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# What json.dumps(ensure_ascii=False) writes for a string (its C encoder).
_string = json.encoder.encode_basestring


def _indented(value: Any, indent: str) -> str:
    """The value as dumps() writes it at this indent: json.dumps indents in Python, token by
    token; this writes an interviewer or a pipeline several times faster, the same text."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict | list):
        if not value:
            return "{}" if isinstance(value, dict) else "[]"
        inner = indent + "  "
        if isinstance(value, dict):
            items = [f"{inner}{_string(k)}: {_indented(v, inner)}" for k, v in value.items()]
            return "{\n" + ",\n".join(items) + f"\n{indent}}}"
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + f"\n{indent}]"
    return json.dumps(value)  # numbers, true, false, null


def _list_items(items: Iterable[dict]) -> Iterator[str]:
    """A list of the top object, written as its items come."""
    opening = "[\n    "
    for item in items:
        yield opening + _indented(item, "    ")
        opening = ",\n    "
    yield "[]" if opening == "[\n    " else "\n  ]"


def export_file(user: User) -> tuple[Iterator[bytes], bool]:
    """The account's export as a file's pieces, and whether it is gzip-compressed: one that
    might not fit an upload (MAX_UPLOAD_BYTES, with the form around it) is, so that it can be
    imported again. JSON compresses about tenfold. Only the first MAX_UPLOAD_BYTES / 2 are
    held, to decide before the first byte is sent."""
    limit = django_settings.MAX_UPLOAD_BYTES // 2
    pieces = _pieces(export_chunks(user))
    head: deque[bytes] = deque()
    size = 0
    for piece in pieces:
        head.append(piece)
        size += len(piece)
        if size > limit:
            return _gzipped(itertools.chain(_drain(head), pieces)), True
    return _drain(head), False


def _pieces(texts: Iterable[str], size: int = 64 * 1024) -> Iterator[bytes]:
    """The text as UTF-8 in pieces of about `size` bytes: fewer, larger writes to the client."""
    buffer: list[str] = []
    length = 0
    for text in texts:
        buffer.append(text)
        length += len(text)
        if length >= size:
            yield "".join(buffer).encode()
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode()


def _drain(pieces: deque[bytes]) -> Iterator[bytes]:
    while pieces:
        yield pieces.popleft()


def _gzipped(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """gzip.compress(content, 6, mtime=0)'s bytes, compressed as the pieces come."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: with gzip's header and trailer
    for piece in pieces:
        if packed := packer.compress(piece):
            yield packed
    yield packer.flush()


# ---------------------------------------------------------------------------------------------
# A small validating reader. Each function takes the value and where it is in the file
# (like "pipelines[0].rounds[1].name") and returns the checked value or raises DataFormatError.


class _Object(dict):
    """A JSON object, remembering a key given twice (json.loads would keep only the last)."""

    duplicate: str | None = None


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    for key, value in pairs:
        if key in result and result.duplicate is None:
            result.duplicate = key
        result[key] = value
    return result


def _show(value: Any, limit: int = 60) -> str:
    """A value quoted for an error message: short, and printable even if it is hostile."""
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _wrong(value: Any, where: str, expected: str) -> DataFormatError:
    return DataFormatError(f"{where}: expected {expected}, got {_type_name(value)}")


def _object(value: Any, where: str, *, required: tuple = (), optional: tuple = ()) -> dict:
    if not isinstance(value, dict):
        raise _wrong(value, where, "an object")
    if getattr(value, "duplicate", None) is not None:
        raise DataFormatError(f"{where}: key {_show(value.duplicate)} is given twice")
    for key in value:
        if key not in required and key not in optional:
            raise DataFormatError(f"{where}: unknown key {_show(key)}")
    for key in required:
        if key not in value:
            raise DataFormatError(f"{where}: missing required key {_show(key)}")
    return value


def _of_type(value: Any, where: str, kind: type, expected: str) -> Any:
    """The value if it is a `kind`, else the error saying what was expected there."""
    if not isinstance(value, kind):
        raise _wrong(value, where, expected)
    return value


def _list(value: Any, where: str) -> list:
    return _of_type(value, where, list, "a list")


def _text(value: Any, where: str, max_length: int | None = None, *, required: bool = False) -> str:
    _of_type(value, where, str, "a string")
    if "\x00" in value:
        raise DataFormatError(
            f"{where}: contains a NUL character (\\u0000), which cannot be stored"
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise DataFormatError(
            f"{where}: contains a lone surrogate (an invalid \\ud800-\\udfff escape)"
        ) from None
    if required and not value.strip():
        raise DataFormatError(f"{where}: must not be empty")
    if max_length is not None and len(value) > max_length:
        raise DataFormatError(
            f"{where}: is {len(value)} characters long; the most allowed is {max_length}"
        )
    return value


def _field_text(model: type[models.Model], field: str, value: Any, where: str, **kw) -> str:
    return _text(value, where, model._meta.get_field(field).max_length, **kw)


@functools.cache
def _allowed(choices: type[models.TextChoices]) -> frozenset[str]:
    """A slug list's values, read once: TextChoices.values builds a new list at every use."""
    return frozenset(choices.values)


def _choice(value: Any, where: str, choices: type[models.TextChoices]) -> str:
    _of_type(value, where, str, "a string")
    if value not in _allowed(choices):
        raise DataFormatError(f"{where}: {_show(value)} is not one of {', '.join(choices.values)}")
    return value


def _bool(value: Any, where: str) -> bool:
    return _of_type(value, where, bool, "true or false")


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong(value, where, "a whole number")
    return value


def _date(value: Any, where: str) -> date | None:
    """A date written YYYY-MM-DD, or null (or absent) for none."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _wrong(value, where, 'a date string like "2026-11-20", or null')
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise DataFormatError(
            f'{where}: {_show(value)} is not a date written YYYY-MM-DD, like "2026-11-20"'
        ) from None


def _datetime(value: Any, where: str, *, nullable: bool = False) -> datetime | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise _wrong(
            value, where, "an ISO 8601 date and time string" + (" or null" if nullable else "")
        )
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise DataFormatError(
            f"{where}: {_show(value)} is not an ISO 8601 date and time, "
            'like "2026-11-20T10:00:00+00:00"'
        ) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise DataFormatError(
            f"{where}: {_show(value)} has no UTC offset; add one, like +00:00 or +01:00"
        )
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        raise DataFormatError(f"{where}: {_show(value)} is out of range") from None


def _full_clean(instance: models.Model, where: str, exclude: list[str]) -> None:
    """Apply the model's own validation (lengths, URLs, e-mail, clean()) to the instance.
    `exclude` also names the fields the reader has checked as strictly (slugs against their
    list, dates and times parsed): the model would only check them again."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        place = where if field == NON_FIELD_ERRORS else f"{where}.{field}"
        raise DataFormatError(f"{place}: {' '.join(messages)}") from None


# ---------------------------------------------------------------------------------------------
# Reading the parts of the file into unsaved model instances


def _read_settings(value: Any, where: str) -> dict:
    data = _object(
        value,
        where,
        optional=(
            "display_name",
            "stance",
            "linkedin_premium",
            "time_zone",
            "summary_enabled",
            "summary_hour",
        ),
    )
    result = {}
    if "display_name" in data:
        result["display_name"] = _field_text(
            User, "display_name", data["display_name"], f"{where}.display_name"
        )
    if "stance" in data:
        result["stance"] = _choice(data["stance"], f"{where}.stance", Stance)
    if "linkedin_premium" in data:
        result["linkedin_premium"] = _bool(data["linkedin_premium"], f"{where}.linkedin_premium")
    if "time_zone" in data:
        zone = _text(data["time_zone"], f"{where}.time_zone")
        if zone not in _TIME_ZONES:
            raise DataFormatError(
                f"{where}.time_zone: {_show(zone)} is not a time zone; use one like Europe/London"
            )
        result["time_zone"] = zone
    if "summary_enabled" in data:
        result["summary_enabled"] = _bool(data["summary_enabled"], f"{where}.summary_enabled")
    if "summary_hour" in data:
        hour = _int(data["summary_hour"], f"{where}.summary_hour")
        if not 0 <= hour <= 23:
            raise DataFormatError(f"{where}.summary_hour: {hour} is not an hour from 0 to 23")
        result["summary_hour"] = hour
    return result


def _read_profile(value: Any, where: str) -> Profile:
    data = _object(
        value,
        where,
        required=("platform",),
        optional=("handle", "url", "visibility", "tone", "state"),
    )
    profile = Profile(
        platform=_choice(data["platform"], f"{where}.platform", Profile.Platform),
        handle=_field_text(Profile, "handle", data.get("handle", ""), f"{where}.handle"),
        url=_field_text(Profile, "url", data.get("url", ""), f"{where}.url"),
    )
    for key, choices in (
        ("visibility", Profile.Visibility),
        ("tone", Profile.Tone),
        ("state", Profile.State),
    ):
        if key in data:
            setattr(profile, key, _choice(data[key], f"{where}.{key}", choices))
    _full_clean(profile, where, exclude=["interviewer", "platform", "visibility", "tone", "state"])
    return profile


class _ReadTouch:
    def __init__(self, touch: Touch, round_ref: tuple[int, int] | None, where: str):
        self.touch, self.round_ref, self.where = touch, round_ref, where


def _read_touch(value: Any, where: str) -> _ReadTouch:
    data = _object(value, where, required=("kind", "at"), optional=("text", "platform", "round"))
    touch = Touch(
        kind=_choice(data["kind"], f"{where}.kind", Touch.Kind),
        at=_datetime(data["at"], f"{where}.at"),
        text=_field_text(Touch, "text", data.get("text", ""), f"{where}.text"),
    )
    if data.get("platform", "") != "":
        touch.platform = _choice(data["platform"], f"{where}.platform", Profile.Platform)
    round_ref = None
    if "round" in data:
        ref = _object(data["round"], f"{where}.round", required=("pipeline", "round"))
        round_ref = (
            _int(ref["pipeline"], f"{where}.round.pipeline"),
            _int(ref["round"], f"{where}.round.round"),
        )
    _full_clean(touch, where, exclude=["interviewer", "round", "kind", "at", "platform"])
    return _ReadTouch(touch, round_ref, f"{where}.round")


class _ReadInterviewer:
    def __init__(self, interviewer: Interviewer, profiles: list, touches: list, research: list):
        self.interviewer, self.profiles, self.touches = interviewer, profiles, touches
        self.research = research


def _read_interviewer(value: Any, where: str, now: datetime) -> _ReadInterviewer:
    data = _object(
        value,
        where,
        required=("name",),
        optional=(
            *_INTERVIEWER_KEYS[1:],
            "created",
            "research",
            "profiles",
            "touches",
        ),
    )
    fields = {
        "name": _field_text(Interviewer, "name", data["name"], f"{where}.name", required=True)
    }
    for key in ("address_as", "title", "company", "role_relation", "email", "notes", "topic"):
        fields[key] = _field_text(Interviewer, key, data.get(key, ""), f"{where}.{key}")
    interviewer = Interviewer(**fields)
    interviewer.created = (
        _datetime(data["created"], f"{where}.created") if "created" in data else now
    )
    _full_clean(interviewer, where, exclude=["owner", "created"])

    profiles = []
    platforms_seen = set()
    for index, item in enumerate(_list(data.get("profiles", []), f"{where}.profiles")):
        profile = _read_profile(item, f"{where}.profiles[{index}]")
        if profile.platform in platforms_seen:
            raise DataFormatError(
                f"{where}.profiles[{index}].platform: a second {profile.platform} profile; "
                "each interviewer has at most one profile per platform"
            )
        platforms_seen.add(profile.platform)
        profiles.append(profile)
    touches = [
        _read_touch(item, f"{where}.touches[{index}]")
        for index, item in enumerate(_list(data.get("touches", []), f"{where}.touches"))
    ]
    research = _research(data, where, ResearchItem)
    return _ReadInterviewer(interviewer, profiles, touches, research)


# The research items about the organisation: a pipeline's, no longer a person's.
_COMPANY_RESEARCH = models.TextChoices(
    "CompanyResearch", [(key.upper(), key) for key in ResearchItem.values if key in COMPANY_KEYS]
)


def _research(data: dict, where: str, choices: type[models.TextChoices]) -> list[str]:
    research = []
    for index, item in enumerate(_list(data.get("research", []), f"{where}.research")):
        key = _choice(item, f"{where}.research[{index}]", choices)
        if key in research:
            raise DataFormatError(f"{where}.research[{index}]: {key!r} is listed twice")
        research.append(key)
    return research


def _read_round(value: Any, where: str, position: int, known_names: set[str]) -> tuple:
    data = _object(
        value,
        where,
        required=("name",),
        optional=(
            "kind",
            "status",
            "scheduled_at",
            "duration_minutes",
            "location",
            "notes",
            "interviewers",
        ),
    )
    round_ = Round(
        name=_field_text(Round, "name", data["name"], f"{where}.name", required=True),
        position=position,
        location=_field_text(Round, "location", data.get("location", ""), f"{where}.location"),
        notes=_field_text(Round, "notes", data.get("notes", ""), f"{where}.notes"),
    )
    if "kind" in data:
        round_.kind = _choice(data["kind"], f"{where}.kind", Round.Kind)
    if "status" in data:
        round_.status = _choice(data["status"], f"{where}.status", Round.Status)
    if "scheduled_at" in data:
        round_.scheduled_at = _datetime(
            data["scheduled_at"], f"{where}.scheduled_at", nullable=True
        )
    if "duration_minutes" in data:
        round_.duration_minutes = _int(data["duration_minutes"], f"{where}.duration_minutes")
    _full_clean(round_, where, exclude=["pipeline", "kind", "status", "scheduled_at"])

    keys = []  # names as compared: "jose garcia" names José García
    for index, name in enumerate(_list(data.get("interviewers", []), f"{where}.interviewers")):
        place = f"{where}.interviewers[{index}]"
        key = fold_name(_text(name, place))
        if key not in known_names:
            raise DataFormatError(
                f"{place}: {_show(name)} is not the name of an interviewer in this file"
            )
        if key in keys:
            raise DataFormatError(f"{place}: {_show(name)} is listed twice")
        keys.append(key)
    return round_, keys


def _read_pipeline(value: Any, where: str, known_names: set[str], now: datetime) -> tuple:
    data = _object(
        value,
        where,
        required=("company", "role"),
        optional=(*Pipeline.EDITABLE[2:], "created", "research", "rounds"),
    )
    pipeline = Pipeline(
        company=_field_text(
            Pipeline, "company", data["company"], f"{where}.company", required=True
        ),
        role=_field_text(Pipeline, "role", data["role"], f"{where}.role", required=True),
        url=_field_text(Pipeline, "url", data.get("url", ""), f"{where}.url"),
        location=_field_text(Pipeline, "location", data.get("location", ""), f"{where}.location"),
        notes=_field_text(Pipeline, "notes", data.get("notes", ""), f"{where}.notes"),
        created=_datetime(data["created"], f"{where}.created") if "created" in data else now,
        applied_on=_date(data.get("applied_on"), f"{where}.applied_on"),
        salary=_field_text(Pipeline, "salary", data.get("salary", ""), f"{where}.salary"),
        source=_field_text(Pipeline, "source", data.get("source", ""), f"{where}.source"),
    )
    if "status" in data:
        pipeline.status = _choice(data["status"], f"{where}.status", Pipeline.Status)
    pipeline.researched = _research(data, where, _COMPANY_RESEARCH)
    _full_clean(pipeline, where, exclude=["owner", "status", "created", "applied_on", "researched"])
    rounds = [
        _read_round(item, f"{where}.rounds[{index}]", index, known_names)
        for index, item in enumerate(_list(data.get("rounds", []), f"{where}.rounds"))
    ]
    return pipeline, rounds


def _gunzip(raw: bytes, limit: int) -> bytes:
    """A .json.gz file's JSON, uncompressed no further than one byte past `limit`."""
    inflate = zlib.decompressobj(wbits=31)  # gzip's header and trailer
    try:
        content = inflate.decompress(raw, limit + 1)
    except zlib.error:
        raise DataFormatError("the file is not valid gzip (a .json.gz file)") from None
    if len(content) > limit:
        raise DataFormatError(
            f"the file is more than {limit:,} bytes uncompressed; "
            f"the most that can be imported is {limit:,} bytes"
        )
    if not inflate.eof:
        raise DataFormatError("the file is not valid gzip: it is cut short")
    return content


def _parse(raw: bytes | str) -> Any:
    limit = django_settings.IMPORT_MAX_BYTES
    if isinstance(raw, bytes) and raw.startswith(b"\x1f\x8b"):  # gzip's signature
        raw = _gunzip(raw, limit)
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise DataFormatError(
            f"the file is {size:,} bytes; the most that can be imported is {limit:,} bytes"
        )
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DataFormatError(
                f"the file is not UTF-8 text (bad byte at offset {error.start})"
            ) from None
    try:
        return json.loads(raw, object_pairs_hook=_pairs, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise DataFormatError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise DataFormatError("not importable: the JSON is nested too deeply") from None
    except ValueError as error:  # for example an integer with thousands of digits
        raise DataFormatError(f"not importable: {error}") from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _already_on_file(where: str, name: str, on_file: str) -> DataFormatError:
    also = "" if on_file == name else f" ({_show(on_file)})"
    return DataFormatError(
        f"{where}: you already have an interviewer called {_show(name)}{also}; "
        "rename or delete one of them, then import again"
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# ---------------------------------------------------------------------------------------------
# Import


# Rows per INSERT: SQLite parses many small statements faster than one huge one.
_BATCH_SIZE = 100


class _Leaves(NamedTuple):
    """Rows that no other row points at, their values ready for the database but for the rows
    they point at (model instances here), whose ids are known only once inserted."""

    model: type[models.Model]
    fields: list[models.Field]
    rows: list[list]


def _leaves(model: type[models.Model], objects: list[models.Model]) -> _Leaves:
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    rows = [
        [
            getattr(obj, field.name)
            if field.is_relation
            else field.get_db_prep_save(field.pre_save(obj, True), connection)
            for field in fields
        ]
        for obj in objects
    ]
    return _Leaves(model, fields, rows)


def _rows(
    user: User,
    interviewers: list[_ReadInterviewer],
    pipelines: list[tuple],
    by_name: dict[str, Interviewer],
) -> tuple[dict[type[models.Model], list[models.Model]], list[_Leaves]]:
    """Everything import_account writes, prepared so that the transaction only inserts: the
    rows others point at, by table, parents first (bulk_create copies a parent's new id into
    its children), and the others, their values ready."""
    people = [read.interviewer for read in interviewers]
    for person in people:
        person.owner = user
    # Older files tick company items per person: they count for that person's pipelines.
    company_ticks = {
        fold_name(read.interviewer.name): about
        for read in interviewers
        if (about := [key for key in read.research if key in COMPANY_KEYS])
    }
    link = Round.interviewers.through
    rounds, links = [], []
    for pipeline, read_rounds in pipelines:
        pipeline.owner = user
        done = set(pipeline.researched)
        for round_, keys in read_rounds:
            round_.pipeline = pipeline
            rounds.append(round_)
            links += [[round_, by_name[key]] for key in keys]
            done.update(tick for key in keys for tick in company_ticks.get(key, ()))
        if not done <= set(pipeline.researched):
            pipeline.researched = [key for key in COMPANY_KEYS if key in done]
    profiles, touches = [], []
    for read in interviewers:
        for profile in read.profiles:
            profile.interviewer = read.interviewer
            profiles.append(profile)
        for item in read.touches:
            item.touch.interviewer = read.interviewer
            if item.round_ref is not None:
                p_index, r_index = item.round_ref
                item.touch.round = pipelines[p_index][1][r_index][0]
            touches.append(item.touch)
    ticks = [
        ResearchTick(interviewer=read.interviewer, item=key)
        for read in interviewers
        for key in read.research
        if key not in COMPANY_KEYS
    ]
    parents = {
        Interviewer: people,
        Pipeline: [pipeline for pipeline, _rounds in pipelines],
        Round: rounds,
    }
    # A link is its two rows' ids, ready as they are: no model instance for each.
    links_table = _Leaves(
        link, [link._meta.get_field("round"), link._meta.get_field("interviewer")], links
    )
    leaves = [links_table, _leaves(Profile, profiles), _leaves(Touch, touches)]
    return parents, [*leaves, _leaves(ResearchTick, ticks)]


def _check_quotas(user: User, adding: dict[quotas.Quota, int]) -> None:
    for quota, count in adding.items():
        try:
            quota.check(user, count)
        except ValidationError as error:
            raise DataFormatError(error.messages[0]) from None


def _write(user: User, user_settings: dict, parents: dict, leaves: list[_Leaves]) -> None:
    """Store what _rows prepared: inserts only, as the database's write lock is held."""
    if user_settings:
        for key, value in user_settings.items():
            setattr(user, key, value)
        user.save(update_fields=list(user_settings))
    for model, objects in parents.items():
        model.objects.bulk_create(objects, batch_size=_BATCH_SIZE)
    for table in leaves:
        if table.rows:
            _insert_many(table)


def _insert_many(table: _Leaves) -> None:
    """INSERT the rows with one prepared statement run for each: SQLite runs that several
    times faster than bulk_create's statements, which it parses anew with a hundred rows'
    values in each."""
    pointers = [index for index, field in enumerate(table.fields) if field.is_relation]
    for row in table.rows:
        for index in pointers:
            if row[index] is not None:
                row[index] = row[index].pk
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in table.fields)
    values = ", ".join(["%s"] * len(table.fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(table.model._meta.db_table)} ({columns}) VALUES ({values})",
            table.rows,
        )


def import_account(user: User, raw: bytes | str) -> str:
    """Check the whole file, then add its contents to the account in one transaction.

    Returns a short summary like "2 pipelines, 5 rounds, 3 interviewers".
    """
    data = _object(
        _parse(raw),
        "the file",
        required=("format",),
        optional=("settings", "interviewers", "pipelines"),
    )
    if data["format"] != FORMAT:
        raise DataFormatError(
            f'format: {_show(data["format"])} is not a format this site reads; expected "{FORMAT}"'
        )
    now = timezone.now()
    user_settings = _read_settings(data["settings"], "settings") if "settings" in data else {}

    # Names are compared folded (advisor.matching): "jose garcia" is José García.
    existing = dict(Interviewer.objects.filter(owner=user).values_list("name_key", "name"))
    interviewers: list[_ReadInterviewer] = []
    by_name: dict[str, Interviewer] = {}
    for index, item in enumerate(_list(data.get("interviewers", []), "interviewers")):
        where = f"interviewers[{index}]"
        read = _read_interviewer(item, where, now)
        name = read.interviewer.name
        key = fold_name(name)
        if key in by_name:
            first = by_name[key].name
            also = "" if first == name else f" (as {_show(first)}: capitals and accents aside)"
            raise DataFormatError(f"{where}.name: {_show(name)} appears twice in the file{also}")
        if key in existing:
            raise _already_on_file(f"{where}.name", name, existing[key])
        by_name[key] = read.interviewer
        interviewers.append(read)

    pipelines = [
        _read_pipeline(item, f"pipelines[{index}]", set(by_name), now)
        for index, item in enumerate(_list(data.get("pipelines", []), "pipelines"))
    ]
    for read in interviewers:
        for touch in read.touches:
            if touch.round_ref is None:
                continue
            p_index, r_index = touch.round_ref
            if not (0 <= p_index < len(pipelines) and 0 <= r_index < len(pipelines[p_index][1])):
                raise DataFormatError(
                    f"{touch.where}: there is no round {r_index} in pipeline {p_index} of this file"
                )

    parents, leaves = _rows(user, interviewers, pipelines, by_name)
    adding = {
        quotas.PIPELINES: len(pipelines),
        quotas.PEOPLE: len(interviewers),
        quotas.ROUNDS: len(parents[Round]),
        quotas.TOUCHES: sum(len(read.touches) for read in interviewers),
    }
    try:
        with transaction.atomic():
            _check_quotas(user, adding)  # in the transaction: two imports at once count both
            _write(user, user_settings, parents, leaves)
    except IntegrityError:  # someone of the same name added meanwhile, as by the file sent twice
        existing = dict(Interviewer.objects.filter(owner=user).values_list("name_key", "name"))
        for index, read in enumerate(interviewers):
            if (key := fold_name(read.interviewer.name)) in existing:
                where = f"interviewers[{index}].name"
                raise _already_on_file(where, read.interviewer.name, existing[key]) from None
        raise DataFormatError(
            "nothing was imported: it clashes with something stored at the same moment; "
            "import again"
        ) from None

    return ", ".join(
        [
            _plural(len(pipelines), "pipeline"),
            _plural(len(parents[Round]), "round"),
            _plural(len(interviewers), "interviewer"),
        ]
    )
