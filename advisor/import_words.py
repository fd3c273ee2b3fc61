"""The JSON import's refusals in a person's words for the web page.

advisor.dataformat names the place in the file as a path ("pipelines[0].rounds[1].name"), which
suits the command line and the format's documentation. On the page the place comes first in
plain words ("Application 1, round 2, the name"), and the path only after, as a detail for
whoever edits the file by hand.
"""

import re

# "pipelines[0].rounds[1].name: must not be empty"; messages without a path have no match.
_PLACED = re.compile(
    r"^(?P<path>[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): (?P<rest>.+)$", re.S
)
_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")

_LISTS = {
    "pipelines": "application {n}",
    "rounds": "round {n}",
    "interviewers": "person {n}",
    "profiles": "profile {n}",
    "touches": "contact {n}",
    "research": "research item {n}",
}
_FIELDS = {
    "settings": "your settings",
    "display_name": "the name to sign with",
    "linkedin_premium": "LinkedIn Premium",
    "time_zone": "the time zone",
    "summary_enabled": "the morning summary",
    "summary_hour": "the morning summary's hour",
    "scheduled_at": "the date and time",
    "duration_minutes": "the length in minutes",
    "role_relation": "their relation to the role",
    "url": "the web address",
    "at": "the date and time",
    "applied_on": "the date applied",
    "created": "the date it was added",
    "round": "the round it belongs to",
    "format": "the format line",
}
# JSON's names for kinds of value, as a person would say them.
_KINDS = {"a string": "text", "an object": "a group of entries", "a list": "a list of entries"}
_REST = [
    (re.compile(r"^expected (.+), got (.+)$"), r"should be \1, but the file has \2"),
    (re.compile(r"^missing required key (.+)$"), r"\1 is missing"),
    (re.compile(r"^unknown key (.+)$"), r"has an entry this site does not know: \1"),
    (re.compile(r"^key (.+) is given twice$"), r"\1 is given twice"),
    (re.compile(r"^must not be empty$"), "is empty"),
]


def place(path: str) -> str:
    """ "pipelines[0].rounds[1].scheduled_at" -> "Application 1, round 2, the date and time"."""
    parts = []
    for name, index in _STEP.findall(path):
        if index:
            parts.append(_LISTS.get(name, name.replace("_", " ") + " {n}").format(n=int(index) + 1))
        elif name in _LISTS:
            parts.append(f"the list of {_LISTS[name].split()[0]}s")
        else:
            parts.append(_FIELDS.get(name, "the " + name.replace("_", " ")))
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def for_people(message: str) -> str:
    """A DataFormatError's message for the import page: what is wrong and where, in words,
    then the exact place in the file."""
    match = _PLACED.match(message)
    if match is None:
        return message[:1].upper() + message[1:]
    rest = match["rest"]
    for pattern, replacement in _REST:
        rest = pattern.sub(replacement, rest)
    for kind, words in _KINDS.items():
        rest = rest.replace(kind, words)
    rest = rest.rstrip(".")
    return f"{place(match['path'])}: {rest}. (Where in the file: {match['path']})"
