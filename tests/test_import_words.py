"""The JSON import's refusals read as plain words on the page, the file's path only after."""

import pytest

from advisor.import_words import for_people


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        (
            "pipelines[0].rounds[1].scheduled_at: expected a string, got a number",
            "Application 1, round 2, the date and time: should be text, but the file has a "
            "number. (Where in the file: pipelines[0].rounds[1].scheduled_at)",
        ),
        (
            "interviewers[2].name: must not be empty",
            "Person 3, the name: is empty. (Where in the file: interviewers[2].name)",
        ),
        (
            "settings: unknown key 'colour'",
            "Your settings: has an entry this site does not know: 'colour'. "
            "(Where in the file: settings)",
        ),
        (
            "interviewers[0]: missing required key 'name'",
            "Person 1: 'name' is missing. (Where in the file: interviewers[0])",
        ),
        (
            "the file is not valid gzip: it is cut short",
            "The file is not valid gzip: it is cut short",
        ),
    ],
)
def test_the_place_comes_first_in_words_then_the_path(message, shown):
    assert for_people(message) == shown


def test_no_path_opens_a_message(user, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "export.json",
        b'{"format": "interview-advisor/1", "interviewers": [{"name": ""}]}',
    )
    page = client_for(user).post("/import/", {"file": upload}).content.decode()
    assert "Person 1, the name: is empty." in page
    assert page.index("Person 1") < page.index("interviewers[0].name")
