"""A form sent twice at once never crashes: the second finds the first and says so.

A form's own checks run before its write; a second submission of the same form can store the
same thing in between. The `meanwhile` fixture stores it exactly there, so the unique
constraint, not the check, is what refuses the write.
"""

import json

import pytest

from advisor import dataformat, forms
from advisor.models import Interviewer, User


@pytest.fixture
def meanwhile(monkeypatch):
    """Run `store` once, right after a `form_class` form has passed all its checks."""

    def arrange(form_class, store) -> None:
        original = form_class._post_clean

        def post_clean(form) -> None:
            original(form)
            if not form._errors and not stored:
                stored.append(store())

        stored = []
        monkeypatch.setattr(form_class, "_post_clean", post_clean)

    return arrange


def assert_adding_dana_lee_shows(message: str, client, user) -> None:
    """The new-person form, sent for Dana Lee, comes back with the message; one person stays."""
    response = client.post("/interviewers/new/", {"name": "Dana Lee"})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Interviewer.objects.filter(owner=user).count() == 1


def test_adding_the_same_person_twice_at_once_shows_the_forms_message(user, client_for, meanwhile):
    meanwhile(
        forms.InterviewerForm, lambda: Interviewer.objects.create(owner=user, name="Dana Lee")
    )

    message = "You already have a contact with this name: Dana Lee"
    assert_adding_dana_lee_shows(message, client_for(user), user)


def test_renaming_someone_to_a_name_just_taken_shows_the_forms_message(
    user, make_interviewer, client_for, meanwhile
):
    dana = make_interviewer(user, "Dana")
    meanwhile(forms.InterviewerForm, lambda: make_interviewer(user, "Dana Lee"))

    response = client_for(user).post(f"/interviewers/{dana.pk}/edit/", {"name": "Dana Lee"})

    assert response.status_code == 200
    assert "You already have a contact with this name" in response.content.decode()
    dana.refresh_from_db()
    assert dana.name == "Dana"


def profile_post(platform="github", handle="dana-lee") -> dict:
    return {
        "platform": platform,
        "handle": handle,
        "visibility": "public",
        "tone": "professional",
        "state": "none",
    }


def test_adding_the_same_profile_twice_at_once_shows_the_forms_message(
    user, make_interviewer, make_profile, client_for, meanwhile
):
    dana = make_interviewer(user)
    meanwhile(forms.ProfileForm, lambda: make_profile(dana, "github"))

    response = client_for(user).post(f"/interviewers/{dana.pk}/profiles/new/", profile_post())

    assert response.status_code == 200
    assert "already has a profile on this platform" in response.content.decode()
    assert dana.profiles.count() == 1


def test_moving_a_profile_to_a_platform_just_taken_shows_the_forms_message(
    user, make_interviewer, make_profile, client_for, meanwhile
):
    dana = make_interviewer(user)
    profile = make_profile(dana, "twitter", handle="danalee")
    meanwhile(forms.ProfileForm, lambda: make_profile(dana, "github"))

    response = client_for(user).post(f"/profiles/{profile.pk}/edit/", profile_post())

    assert response.status_code == 200
    assert "already has a profile on this platform" in response.content.decode()
    profile.refresh_from_db()
    assert profile.platform == "twitter"


def test_attaching_a_new_person_twice_at_once_attaches_the_one_person(
    user, make_round, client_for, meanwhile
):
    round_ = make_round(owner=user)
    meanwhile(
        forms.AttachInterviewerForm,
        lambda: Interviewer.objects.create(owner=user, name="Dana Lee"),
    )

    response = client_for(user).post(f"/interviews/{round_.pk}/interviewers/", {"name": "Dana Lee"})

    assert response.status_code == 302
    dana = Interviewer.objects.get(owner=user)
    assert list(round_.interviewers.all()) == [dana]


def test_signing_up_twice_at_once_shows_the_forms_message(client, db, meanwhile):
    meanwhile(forms.SignupForm, lambda: User.objects.create_user("dana", password="x" * 20))
    password = "a-long-test-password-9481"
    data = {"username": "dana", "email": "", "password1": password, "password2": password}

    response = client.post("/accounts/signup/", data)

    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.filter(username="dana").count() == 1


def test_a_refusal_the_checks_cannot_explain_still_gets_a_message(
    user, make_interviewer, client_for
):
    # A person whose folded name is out of step with their name escapes the form's check.
    hidden = make_interviewer(user, "Dana Lee")
    Interviewer.objects.filter(pk=hidden.pk).update(name_key="")

    assert_adding_dana_lee_shows("Nothing was saved", client_for(user), user)


def test_importing_the_same_person_twice_at_once_names_them(
    user, client_for, monkeypatch, make_interviewer
):
    read_pipeline = dataformat._read_pipeline

    def read_while_another_import_adds_dana(*args, **kwargs):
        if not Interviewer.objects.filter(owner=user).exists():
            make_interviewer(user, "Dana Lee")
        return read_pipeline(*args, **kwargs)

    monkeypatch.setattr(dataformat, "_read_pipeline", read_while_another_import_adds_dana)
    upload = {
        "format": dataformat.FORMAT,
        "interviewers": [{"name": "Dana Lee"}],
        "pipelines": [{"company": "Northwind", "role": "Engineer"}],
    }

    with pytest.raises(dataformat.DataFormatError, match="already have an interviewer"):
        dataformat.import_account(user, json.dumps(upload))

    assert Interviewer.objects.filter(owner=user).count() == 1
    assert not user.pipelines.exists()
