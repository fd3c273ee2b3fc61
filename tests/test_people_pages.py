"""The people pages: the list and its search, name suggestions, a person's page, touches."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_interviewer_list_searches_and_paginates(user, client_for, make_interviewer):
    for number in range(55):
        make_interviewer(user, f"Person {number:02d}", company="Globex" if number == 7 else "")
    client = client_for(user)
    first = client.get(reverse("interviewers")).text
    assert "Person 00" in first and "Person 54" not in first and "Page 1 of 2" in first
    found = client.get(reverse("interviewers"), {"q": "globex"}).text
    assert "Person 07" in found and "Person 08" not in found


def test_searching_a_company_finds_the_people_met_there(
    user, client_for, make_pipeline, make_round, make_interviewer
):
    alex = make_interviewer(user, "Alex Kim")
    pipeline = make_pipeline(user, company="Acme Robotics")
    make_round(pipeline, interviewers=(alex,))
    make_round(pipeline, interviewers=(alex,))
    make_interviewer(user, "Sam Park")
    page = client_for(user).get(reverse("interviewers"), {"q": "acme"}).text
    assert page.count("Alex Kim") == 1 and "Sam Park" not in page


@pytest.mark.parametrize(
    ("name", "typed"),
    [("Dana Lee", "dana"), ("Łukasz Żuk", "lukasz")],
    ids=["from-ones-own-contacts", "accented-names-from-plain-typing"],
)
def test_name_suggestions_come_from_ones_own_contacts(
    name, typed, user, stranger, client_for, make_interviewer
):
    make_interviewer(user, name)
    make_interviewer(stranger, name.split()[0] + " Secret")
    response = client_for(user).get(reverse("interviewer_suggest"), {"name": typed})
    assert f'<option value="{name}">' in response.text
    assert "Secret" not in response.text


def test_interviewer_page_shows_profiles_and_history(
    user, client_for, make_interviewer, make_profile, make_touch
):
    dana = make_interviewer(user, "Dana Lee", title="Staff Engineer")
    make_profile(dana, "mastodon", handle="@dana@hachyderm.io")
    make_touch(dana, "commented", text="On her post about testing")
    page = client_for(user).get(dana.get_absolute_url()).text
    assert 'href="https://hachyderm.io/@dana"' in page
    assert "On her post about testing" in page


def test_interviewer_page_links_each_round_profile_entry_and_lookalike(
    user, client_for, make_round, make_interviewer, make_profile, make_touch
):
    dana = make_interviewer(user, "Dana Lee")
    twin = make_interviewer(user, "Dana Q. Lee", company="Globex")
    rounds = [make_round(owner=user, name=name, interviewers=(dana,)) for name in ("A", "B")]
    profiles = [make_profile(dana, "linkedin"), make_profile(dana, "github", handle="dana")]
    touches = [make_touch(dana, "commented", text=text) for text in ("First", "Second")]
    page = client_for(user).get(dana.get_absolute_url()).text
    for round_ in rounds:
        assert f'href="{round_.get_absolute_url()}">{round_.name}</a> · Northwind' in page
    for profile in profiles:
        assert f'href="{reverse("profile_edit", args=[profile.pk])}"' in page
        assert f'href="{reverse("profile_delete", args=[profile.pk])}"' in page
    for touch in touches:
        assert f'href="{reverse("touch_delete", args=[touch.pk])}"' in page
    merge = reverse("interviewer_merge", args=[twin.pk])
    keep = reverse("interviewer_merge", args=[dana.pk])
    assert f'href="{twin.get_absolute_url()}">Dana Q. Lee</a>' in page
    assert f'href="{merge}?into={dana.pk}"' in page and f'href="{keep}?into={twin.pk}"' in page


def test_recording_a_touch(user, client_for, make_interviewer):
    dana = make_interviewer(user)
    client_for(user).post(
        reverse("touch_new", args=[dana.pk]),
        {"kind": "commented", "at": "2026-11-20T10:00", "text": "Liked her talk"},
    )
    touch = dana.touches.get()
    assert (touch.kind, touch.text) == ("commented", "Liked her talk")


def test_a_bad_touch_keeps_what_was_typed(user, client_for, make_interviewer):
    dana = make_interviewer(user)
    response = client_for(user).post(
        reverse("touch_new", args=[dana.pk]), {"kind": "commented", "at": "", "text": "Kept"}
    )
    assert response.status_code == 400
    assert 'value="Kept"' in response.text
    assert not dana.touches.exists()
