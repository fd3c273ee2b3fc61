"""Hypothesis strategies for the open-ended inputs: what candidates type, hostile values, files."""

import json
from datetime import UTC, date, datetime, timedelta
from datetime import timezone as dt_timezone

from django.utils.datastructures import MultiValueDict
from hypothesis import strategies as st

from advisor import dataformat, forms
from advisor.advice import COMPANY_RESEARCH, PERSON_RESEARCH
from advisor.models import Pipeline, Profile, Round, Touch

# ---------------------------------------------------------------------------------------------
# Words and names as candidates type them, for the drafts (tests/test_drafts_property.py)

LETTERS = st.characters(categories=("L", "M", "N"))
CORE = st.one_of(
    st.text(LETTERS, min_size=1, max_size=12),
    st.text(LETTERS, min_size=1, max_size=12).map(lambda s: f"{s}-{s[::-1]}"),
    st.text(LETTERS, min_size=1, max_size=12).map(lambda s: f"O'{s}"),
    st.text(LETTERS, min_size=30, max_size=90),  # very long words
    st.sampled_from(["Kafka", "SRE", "MBA", "Analyst", "Engineer", "role", "position", "AT&T"]),
)
OPENERS = st.sampled_from(["", "", "", "", "(", "[", '"', "\u201c", "\u00ab", "'", "#", "\u00bf"])
CLOSING_MARKS = ("", "", "", "", ")", "]", '"', "\u201d", "\u00bb", "'", "%", ").", "?)")
ENDING_MARKS = ("?", "!", ".", ",", ";", ":", "?!", "\u2026")
CLOSERS = st.sampled_from((*CLOSING_MARKS, *ENDING_MARKS))
WORD = st.builds(lambda o, c, e: o + c + e, OPENERS, CORE, CLOSERS)
HONORIFIC_WORDS = st.sampled_from(["Dr.", "Mr", "Mrs.", "Ms", "Prof.", "Professor", "Sir"])
SUFFIX_WORDS = st.sampled_from(["Jr.", "Sr.", "PhD", "III", "MBA", "Esq."])
PLAIN_NAME = st.lists(st.text(LETTERS, min_size=1, max_size=15), min_size=1, max_size=3).map(
    " ".join
)


def typed_words(max_words):
    return st.lists(WORD, max_size=max_words).map(" ".join)


@st.composite
def typed_names(draw):
    """Names as people type them: honorifics, suffixes, initials, "Last, First" order."""
    before = draw(st.lists(HONORIFIC_WORDS, max_size=2))
    given = draw(st.lists(st.one_of(WORD, st.sampled_from(["J.", "A."])), max_size=3))
    after = draw(st.lists(SUFFIX_WORDS, max_size=2))
    name = " ".join(before + given + after)
    if draw(st.booleans()) and given:
        name = f"{given[-1]}, {' '.join(before + given[:-1] + after)}"
    return name[:200]


# ---------------------------------------------------------------------------------------------
# Printable fields for the engine's drafts (tests/test_advice_drafts.py)

# Printable text without braces, control characters, surrogates or the ellipsis.
FIELD_CHARS = st.characters(
    blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="{}…"
)
field_words = st.text(FIELD_CHARS, min_size=1, max_size=30)


def printable_field(max_size):
    return st.one_of(
        st.text(FIELD_CHARS, max_size=max_size),
        st.lists(field_words, max_size=12).map(" ".join).map(lambda s: s[:max_size]),
    )


# ---------------------------------------------------------------------------------------------
# Valid interview-advisor/1 files (tests/test_export.py)

_OFFSETS = [dt_timezone(timedelta(minutes=m)) for m in (-600, -300, 0, 60, 330, 345, 840)]
_datetimes = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2090, 1, 1),
    timezones=st.sampled_from(_OFFSETS),
)


def _text(max_size: int, *, required: bool = False):
    strategy = st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=max_size
    )
    return strategy.filter(str.strip) if required else strategy


def _line(max_size: int, *, required: bool = False):
    """Single-line text: the site stores line breaks in it as spaces (tests/test_single_line.py)."""
    breaks = "\x00\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
    strategy = st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters=breaks), max_size=max_size
    )
    return strategy.filter(str.strip) if required else strategy


_HANDLES = {
    "linkedin": st.from_regex(r"[a-z0-9][a-z0-9_-]{2,20}", fullmatch=True),
    "twitter": st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
    "facebook": st.from_regex(r"[a-z0-9.]{5,20}", fullmatch=True),
    "wechat": st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{5,19}", fullmatch=True),
    "instagram": st.from_regex(r"[a-z0-9._]{1,30}", fullmatch=True),
    "bluesky": st.sampled_from(["dana.bsky.social", "wei-zhang.example.org"]),
    "mastodon": st.sampled_from(["@dana@hachyderm.io", "@wei_1@mastodon.social"]),
    "threads": st.from_regex(r"[a-z0-9._]{1,30}", fullmatch=True),
    "github": st.sampled_from(["dana-lee", "w", "octo-cat-9"]),
}
_URLS = {
    "linkedin": "https://www.linkedin.com/in/{}/",
    "twitter": "https://x.com/{}",
    "github": "https://github.com/{}",
    "mastodon": "https://hachyderm.io/@{}",
}


@st.composite
def profiles(draw, platform: str) -> dict:
    handle = draw(_HANDLES[platform])
    url = ""
    if platform in _URLS and draw(st.booleans()):
        url = _URLS[platform].format(draw(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)))
        if draw(st.booleans()):
            handle = ""
    return {
        "platform": platform,
        "handle": handle,
        "url": url,
        "visibility": draw(st.sampled_from(Profile.Visibility.values)),
        "tone": draw(st.sampled_from(Profile.Tone.values)),
        "state": draw(st.sampled_from(Profile.State.values)),
    }


def _iso_sorted(values: list[datetime]) -> list[str]:
    return [value.isoformat() for value in sorted(values, key=lambda v: v.astimezone(UTC))]


# Research about the organisation is the pipeline's; the rest is each person's.
COMPANY_KEYS = [item.key for item in COMPANY_RESEARCH]
PERSON_KEYS = [item.key for item in PERSON_RESEARCH]


@st.composite
def _job_details(draw) -> dict:
    """Each of applied_on, salary and source, or not: export writes only those that are set."""
    details = {
        "applied_on": draw(st.dates(date(1990, 1, 1), date(2090, 1, 1))).isoformat(),
        "salary": draw(_line(30, required=True)),
        "source": draw(st.sampled_from(["referral", "job board", "a friend at Acme"])),
    }
    return {key: value for key, value in details.items() if draw(st.booleans())}


@st.composite
def account_files(draw) -> dict:
    names = draw(st.lists(_line(40, required=True), max_size=4, unique=True))
    pipelines = []
    for created in _iso_sorted(draw(st.lists(_datetimes, max_size=3))):
        rounds = []
        for _ in range(draw(st.integers(0, 3))):
            status = draw(st.sampled_from(Round.Status.values))
            needs_time = status in ("scheduled", "done")
            at = draw(_datetimes if needs_time else st.none() | _datetimes)
            chosen = set(draw(st.lists(st.sampled_from(names), unique=True))) if names else set()
            rounds.append(
                {
                    "name": draw(_line(30, required=True)),
                    "kind": draw(st.sampled_from(Round.Kind.values)),
                    "status": status,
                    "scheduled_at": at.isoformat() if at else None,
                    "duration_minutes": draw(st.integers(1, 1440)),
                    "location": draw(_line(30)),
                    "notes": draw(_text(60)),
                    "interviewers": [n for n in names if n in chosen],
                }
            )
        pipelines.append(
            {
                "company": draw(_line(30, required=True)),
                "role": draw(_line(30, required=True)),
                "url": draw(
                    st.sampled_from(["", "https://jobs.example.com/1", "http://example.org/j?id=7"])
                ),
                "location": draw(_line(20)),
                "status": draw(st.sampled_from(Pipeline.Status.values)),
                "notes": draw(_text(80)),
                "created": created,
                "research": [k for k in COMPANY_KEYS if draw(st.booleans())],
                "rounds": rounds,
                **draw(_job_details()),
            }
        )
    round_refs = [
        {"pipeline": p, "round": r}
        for p, pipeline in enumerate(pipelines)
        for r in range(len(pipeline["rounds"]))
    ]
    interviewers = []
    created_times = _iso_sorted(
        draw(st.lists(_datetimes, min_size=len(names), max_size=len(names)))
    )
    for name, created in zip(names, created_times, strict=True):
        platforms = draw(
            st.lists(st.sampled_from(Profile.Platform.values), unique=True, max_size=3)
        )
        touches = []
        for at in _iso_sorted(draw(st.lists(_datetimes, max_size=3))):
            touch = {
                "kind": draw(st.sampled_from(Touch.Kind.values)),
                "at": at,
                "text": draw(_line(40)),
            }
            if draw(st.booleans()):
                touch["platform"] = draw(st.sampled_from(Profile.Platform.values))
            if round_refs and draw(st.booleans()):
                touch["round"] = draw(st.sampled_from(round_refs))
            touches.append(touch)
        interviewers.append(
            {
                "name": name,
                "address_as": draw(_line(20)),
                "title": draw(_line(20)),
                "company": draw(_line(20)),
                "role_relation": draw(_line(40)),
                "email": draw(
                    st.sampled_from(["", "dana@example.com", "wei.zhang+jobs@mail.example.cn"])
                ),
                "notes": draw(_text(80)),
                "topic": draw(_line(40)),
                "created": created,
                "research": draw(
                    st.lists(st.sampled_from(PERSON_KEYS), unique=True, max_size=3).map(sorted)
                ),
                "profiles": [draw(profiles(p)) for p in platforms],
                "touches": touches,
            }
        )
    return {
        "format": "interview-advisor/1",
        "settings": {
            "display_name": draw(_line(100)),
            "stance": draw(st.sampled_from(["strategic", "cautious"])),
            "linkedin_premium": draw(st.booleans()),
            "time_zone": draw(st.sampled_from(["UTC", "Europe/London", "Asia/Kathmandu"])),
            "summary_enabled": draw(st.booleans()),
            "summary_hour": draw(st.integers(0, 23)),
        },
        "interviewers": interviewers,
        "pipelines": pipelines,
    }


# ---------------------------------------------------------------------------------------------
# Hostile values for every form, page and file (tests/test_hostile_input.py)

SCRIPT = "<script>alert(1)</script>"
PAYLOAD = SCRIPT + '{{ 7|add:1 }}{% now "Y" %}<img src=x onerror=alert(2)>'
NASTY = [
    "",
    " ",
    PAYLOAD,
    "javascript:alert(1)",
    "https://evil.example/\x00",
    "\x00",
    "a\x00b",
    "\u202e\u200b\ufeff",
    "\r\n\t\x07\x1b[31m",
    "x" * 1_000_000,
    SCRIPT * 20_000,
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "2026-02-30T25:61",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "NaN",
    "Robert'); DROP TABLE advisor_pipeline;--",
    "../../etc/passwd",
    "%s%n{0}",
    "🙂" * 300,
]
hostile_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=300))

# Values accepted by the fields of these names, whatever their type.
PLAUSIBLE_BY_NAME = {"handle": "dana-lee", "url": "", "other_emails": "dana@example.org"}


def plausible(name: str, field: forms.forms.Field) -> st.SearchStrategy[str]:
    """A value the field accepts, so that the hostile values beside it are stored and shown."""
    if name in PLAUSIBLE_BY_NAME:
        return st.just(PLAUSIBLE_BY_NAME[name])
    if isinstance(field, forms.forms.ChoiceField):
        values = [str(value) for value, _ in field.choices if value not in ("", None)]
        return st.sampled_from(values) if values else st.just("")
    accepted = {
        forms.forms.DateTimeField: "2026-11-20T10:00",
        forms.forms.DateField: "2026-11-20",
        forms.forms.IntegerField: "60",
        forms.forms.BooleanField: "on",
        forms.forms.EmailField: "dana@example.com",
        forms.forms.URLField: "https://example.com/dana",
    }
    return st.just(next((v for t, v in accepted.items() if isinstance(field, t)), "Dana Lee"))


def field_values(name: str, field: forms.forms.Field) -> st.SearchStrategy[list[str]]:
    """Missing, plausible, or one or two hostile values (the last one counts, as in a POST).
    Plausible most often, so that many forms pass and store the hostile values beside."""
    one_plausible = plausible(name, field).map(lambda value: [value])
    hostile = st.lists(hostile_text, min_size=1, max_size=2)
    return st.one_of(*[one_plausible] * 4, st.just([]), hostile)


def form_data(draw, form_class) -> MultiValueDict:
    data = MultiValueDict()
    for name, field in form_class.base_fields.items():
        if values := draw(field_values(name, field)):
            data.setlist(name, values)
    return data


@st.composite
def import_files(draw) -> bytes:
    """A file the import may accept, with hostile names, companies and titles."""
    name, text = draw(hostile_text), draw(hostile_text)
    rounds = [{"name": text, "location": name, "interviewers": [name]}]
    return json.dumps(
        {
            "format": dataformat.FORMAT,
            "settings": {"display_name": text},
            "interviewers": [{"name": name, "title": text, "company": text}],
            "pipelines": [{"company": name, "role": text, "rounds": rounds}],
        }
    ).encode()
