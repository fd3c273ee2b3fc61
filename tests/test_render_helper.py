"""htmx gets the part it asked for; every other request, htmx or not, gets the whole page."""

import pytest
from django.urls import reverse

WHOLE_PAGE = "<!doctype html>"


@pytest.fixture
def search(user, client_for, make_interviewer):
    make_interviewer(user, "Dana Lee")
    client = client_for(user)
    return lambda **headers: client.get(reverse("interviewers"), {"q": "dana"}, headers=headers)


def test_the_search_box_gets_only_the_results(search):
    response = search(**{"HX-Request": "true", "HX-Target": "results"})
    assert response.text.lstrip().startswith('<div id="results">')
    assert "Dana Lee" in response.text


def test_htmx_naming_no_target_gets_the_part(search):
    assert search(**{"HX-Request": "true"}).text.lstrip().startswith('<div id="results">')


def test_a_plain_visit_gets_the_whole_page(search):
    response = search()
    assert response.text.startswith(WHOLE_PAGE)
    assert "Dana Lee" in response.text


def test_caches_keep_the_page_and_the_part_apart(search):
    assert "HX-Request" in search().headers["Vary"]
    assert "HX-Request" in search(**{"HX-Request": "true"}).headers["Vary"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HX-Request": "true", "HX-Boosted": "true", "HX-Target": "results"},
        {"HX-Request": "true", "HX-History-Restore-Request": "true"},
        {"HX-Request": "true", "HX-Target": "main"},
    ],
    ids=["boosted", "history-restore", "aimed-elsewhere"],
)
def test_htmx_that_wants_more_than_the_part_gets_the_whole_page(search, headers):
    response = search(**headers)
    assert response.text.startswith(WHOLE_PAGE)
    assert "Dana Lee" in response.text


@pytest.fixture
def set_stance(user, client_for, met_dana):
    _dana, screen = met_dana
    client = client_for(user)
    url = reverse("interview_stance", args=[screen.pk])
    return screen, lambda target: client.post(
        url, {"stance": "cautious"}, headers={"HX-Request": "true", "HX-Target": target}
    )


def test_an_action_aimed_at_its_part_gets_that_part(set_stance):
    _screen, post = set_stance
    assert post("advice").text.lstrip().startswith('<div id="advice">')


def test_an_action_aimed_elsewhere_is_redirected_to_the_page(set_stance):
    screen, post = set_stance
    response = post("main")
    assert response.status_code == 302
    assert response.headers["Location"] == screen.get_absolute_url()


def test_a_message_shows_once_on_a_whole_page_given_to_htmx(user, client_for, make_round):
    round_ = make_round(owner=user)
    client = client_for(user)
    client.post(reverse("interview_status", args=[round_.pk]), {"status": "cancelled"})
    page = client.get(
        round_.pipeline.get_absolute_url(), headers={"HX-Request": "true", "HX-Boosted": "true"}
    )
    assert page.text.count(f"{round_.name} is now cancelled") == 1
