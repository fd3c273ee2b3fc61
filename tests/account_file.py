"""A small interview-advisor/1 file that imports cleanly, the same file broken in one place,
and the check that a refused file writes nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from advisor.dataformat import DataFormatError, import_account
from advisor.models import Interviewer, Pipeline, Profile, Round, Touch, User


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Pipeline, Round, Interviewer, Profile, Touch)
    }


def valid_file() -> dict:
    """A small hand-written file that imports cleanly; the bad-file cases each break one thing."""
    return {
        "format": "interview-advisor/1",
        "settings": {
            "display_name": "Sam Rivera",
            "stance": "cautious",
            "linkedin_premium": True,
            "time_zone": "Asia/Shanghai",
        },
        "interviewers": [
            {
                "name": "Dana Lee",
                "title": "Engineering Manager",
                "profiles": [
                    {"platform": "linkedin", "url": "https://www.linkedin.com/in/dana-lee/"},
                    {"platform": "wechat", "handle": "dana_lee88", "visibility": "private"},
                ],
                "touches": [{"kind": "commented", "at": "2026-11-20T10:00:00+00:00", "text": "Hi"}],
            },
            {
                "name": "Wei Zhang",
                "profiles": [{"platform": "mastodon", "handle": "@wei@hachyderm.io"}],
                "touches": [],
            },
        ],
        "pipelines": [
            {
                "company": "Northwind",
                "role": "Staff Engineer",
                "url": "https://jobs.example.com/42",
                "status": "active",
                "rounds": [
                    {
                        "name": "Phone screen",
                        "kind": "phone",
                        "status": "done",
                        "scheduled_at": "2026-11-18T15:00:00+00:00",
                        "duration_minutes": 45,
                        "interviewers": ["Dana Lee"],
                    },
                    {"name": "Onsite", "kind": "onsite", "interviewers": ["Dana Lee", "Wei Zhang"]},
                ],
            },
            {"company": "Contoso", "role": "Engineer"},
        ],
    }


def assert_refused(user: User, raw: bytes | str | dict, *message_parts: str) -> str:
    """The file is refused with a message containing every part, and nothing is written."""
    if isinstance(raw, dict):
        raw = json.dumps(raw)
    before = counts()
    settings_before = User.objects.values("display_name", "stance", "time_zone").get(pk=user.pk)
    with pytest.raises(DataFormatError) as caught:
        import_account(user, raw)
    message = str(caught.value)
    for part in message_parts:
        assert part in message
    assert counts() == before
    assert User.objects.values("display_name", "stance", "time_zone").get(pk=user.pk) == (
        settings_before
    )
    return message


DELETE = object()


def broken_file(path: str, value) -> dict:
    """valid_file() with the value at a dotted path (list indices as numbers) replaced or,
    with value DELETE, removed."""
    data = valid_file()
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target = data
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return data


def upload(data: dict | str) -> SimpleUploadedFile:
    raw = data if isinstance(data, str) else json.dumps(data)
    return SimpleUploadedFile("export.json", raw.encode(), content_type="application/json")
