"""The export is written as it is read: a streamed download with the same text as before and
files that import back (its query counts are in test_query_counts.py)."""

import gzip
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.http import StreamingHttpResponse
from django.urls import reverse

from advisor import dataformat
from advisor.dataformat import DataFormatError, dumps, export_account, import_account
from tests.conftest import NOW


@pytest.fixture
def unicode_account(user, make_pipeline, make_interviewer, make_round, make_profile, make_touch):
    """Names and notes in several scripts, with quotes, backslashes, new lines and emoji; a
    pipeline without rounds between two with rounds; people linked out of their order."""
    first = make_interviewer(user, "Wei Zhang 张伟", created=NOW - timedelta(days=30))
    second = make_interviewer(
        user, "Ana Núñez", notes='Said "see you" \\ then left.\nLine two 👋', created=NOW
    )
    third = make_interviewer(user, "Zoë Ødegård", email="zoe@example.com", topic="Ταχύτητα")
    make_profile(first, "wechat", handle="wei_zhang", visibility="private", tone="casual")
    make_profile(second, "linkedin", url="https://www.linkedin.com/in/ana-nunez/")
    make_profile(second, "github", handle="ana-n")
    make_touch(second, "followed", platform="github", at=NOW - timedelta(days=2), text="🙂")
    alpha = make_pipeline(user, company="Ålesund AS", role="Développeuse", notes="Tab\there")
    make_pipeline(user, company="Без раундов", role="SRE")
    omega = make_pipeline(user, company="Omega", role="Staff", salary="€90k", source="referral")
    screen = make_round(alpha, name="Écran", interviewers=(third, first))
    make_round(alpha, name="Onsite", kind="onsite", notes="Ask about \u2028 separators")
    final = make_round(omega, name="Final", status="done", interviewers=(second, first, third))
    make_touch(first, "met", round=screen, at=NOW - timedelta(days=1))
    make_touch(third, "met", round=final, at=NOW)
    return user


def streamed_text(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_the_export_page_streams_the_same_text_as_before(unicode_account, client_for):
    response = client_for(unicode_account).get(reverse("export"))

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="interview-advisor-')
    assert streamed_text(response) == dumps(export_account(unicode_account))


def test_the_streamed_text_keeps_unicode_as_written(unicode_account):
    text = "".join(dataformat.export_chunks(unicode_account))

    assert "Wei Zhang 张伟" in text
    assert '"Said \\"see you\\" \\\\ then left.\\nLine two 👋"' in text
    assert json.loads(text) == export_account(unicode_account)


def test_an_empty_account_streams_empty_lists(user):
    text = "".join(dataformat.export_chunks(user))

    assert text == dumps(export_account(user))
    assert '"interviewers": [],\n  "pipelines": []\n}\n' in text


def test_a_large_export_streams_compressed_and_imports_again(
    unicode_account, make_user, client_for, settings
):
    settings.MAX_UPLOAD_BYTES = 2_000  # the file is larger than half of it

    response = client_for(unicode_account).get(reverse("export"))

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/gzip"
    assert response["Content-Disposition"].endswith('.json.gz"')
    packed = b"".join(response.streaming_content)
    assert gzip.decompress(packed).decode() == dumps(export_account(unicode_account))
    again = make_user("again")
    import_account(again, packed)
    assert export_account(again) == export_account(unicode_account)


def test_the_export_command_writes_the_streamed_text(unicode_account):
    out = io.StringIO()
    call_command("export_data", "--user", unicode_account.username, stdout=out)
    assert out.getvalue() == dumps(export_account(unicode_account))


# ---------------------------------------------------------------------------------------------
# Its cost is the account's own


# ---------------------------------------------------------------------------------------------
# Rounds and their people


def test_a_rounds_people_are_listed_in_the_order_of_the_people_list(unicode_account):
    exported = export_account(unicode_account)

    people = [person["name"] for person in exported["interviewers"]]
    assert people == ["Wei Zhang 张伟", "Ana Núñez", "Zoë Ødegård"]
    rounds = {
        round_["name"]: round_["interviewers"]
        for pipeline in exported["pipelines"]
        for round_ in pipeline["rounds"]
    }
    assert rounds == {
        "Écran": ["Wei Zhang 张伟", "Zoë Ødegård"],
        "Onsite": [],
        "Final": ["Wei Zhang 张伟", "Ana Núñez", "Zoë Ødegård"],
    }


def test_a_touch_names_its_round_counting_pipelines_without_rounds(unicode_account):
    exported = export_account(unicode_account)

    pipelines = [pipeline["company"] for pipeline in exported["pipelines"]]
    assert pipelines == ["Ålesund AS", "Без раундов", "Omega"]
    met = {
        person["name"]: [touch.get("round") for touch in person["touches"]]
        for person in exported["interviewers"]
    }
    assert met["Wei Zhang 张伟"] == [{"pipeline": 0, "round": 0}]
    assert met["Zoë Ødegård"] == [{"pipeline": 2, "round": 0}]
    assert met["Ana Núñez"] == [None]


def test_a_person_added_to_a_round_later_keeps_their_place_in_the_list(
    user, make_pipeline, make_interviewer, make_round
):
    early = make_interviewer(user, "Early Bird", created=NOW - timedelta(days=9))
    late = make_interviewer(user, "Late Comer", created=NOW)
    round_ = make_round(make_pipeline(user), interviewers=(late,))
    round_.interviewers.add(early)

    exported = export_account(user)

    assert exported["pipelines"][0]["rounds"][0]["interviewers"] == ["Early Bird", "Late Comer"]


# ---------------------------------------------------------------------------------------------
# Importing what it wrote


def test_the_streamed_export_imports_into_a_fresh_account_unchanged(unicode_account, make_user):
    fresh = make_user("fresh")

    summary = import_account(fresh, "".join(dataformat.export_chunks(unicode_account)))

    assert summary == "3 pipelines, 3 rounds, 3 interviewers"
    assert export_account(fresh) == export_account(unicode_account)


def test_a_streamed_export_naming_an_unknown_person_is_still_refused(unicode_account, make_user):
    data = json.loads("".join(dataformat.export_chunks(unicode_account)))
    data["pipelines"][0]["rounds"][0]["interviewers"].append("Nobody Known")

    with pytest.raises(DataFormatError, match=r"pipelines\[0\]\.rounds\[0\]\.interviewers\[2\]"):
        import_account(make_user("fresh"), json.dumps(data))
