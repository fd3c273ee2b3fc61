"""The round page's folded research, comments and risk sections: they come with the page as a
link, load when unfolded (htmx), and open in the page when the address names them (no JS)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def design(met_dana):
    """The round after the screen, with Dana on it: research and comments apply."""
    dana, screen = met_dana
    design = screen.pipeline.rounds.get(name="System design")
    design.interviewers.add(dana)
    return dana, design


def section_url(round_, person, name: str) -> str:
    return f"{round_.get_absolute_url()}?section=person-{person.pk}-{name}"


def test_the_page_holds_a_link_to_each_folded_section_instead_of_its_content(
    user, client_for, design
):
    dana, round_ = design
    html = client_for(user).get(round_.get_absolute_url()).text
    for name in ("research", "comments", "risk"):
        link = f'href="{section_url(round_, dana, name)}#person-{dana.pk}-{name}"'
        assert link in html, name
    assert "risk-table" not in html
    assert 'name="done" value="published_writing"' not in html
    assert "Log a comment" not in html
    assert "0 of 6 done" in html  # the summary still counts


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("research", 'name="done" value="published_writing"'),
        ("comments", "Log a comment"),
        ("risk", '<table class="risk-table">'),
    ],
)
def test_unfolding_a_section_fetches_its_content_alone(user, client_for, design, name, content):
    dana, round_ = design
    response = client_for(user).get(section_url(round_, dana, name), **HTMX)
    assert response.status_code == 200
    assert content in response.text
    assert "<html" not in response.text and "<details" not in response.text
    assert "HX-Request" in response["Vary"]


def test_without_javascript_the_link_opens_the_page_with_that_section_unfolded(
    user, client_for, design
):
    dana, round_ = design
    html = client_for(user).get(section_url(round_, dana, "research")).text
    opened = re.findall(r'<details[^>]*\bid="([^"]+)"[^>]*\bopen\b', html)
    assert opened == [f"person-{dana.pk}-research"]
    assert 'name="done" value="published_writing"' in html
    assert 'id="now"' in html  # the whole page, the Now list first


def test_a_ticked_item_shows_in_the_section_when_it_is_unfolded(user, client_for, design):
    dana, round_ = design
    client = client_for(user)
    tick = f"{round_.get_absolute_url()}interviewers/{dana.pk}/research/"
    client.post(tick, {"done": "published_writing"})
    html = client.get(section_url(round_, dana, "research"), **HTMX).text
    assert 'name="undone" value="published_writing"' in html
    assert "1 of 6" in html


def test_someone_elses_round_section_is_404(stranger, client_for, design):
    dana, round_ = design
    client = client_for(stranger)
    assert client.get(section_url(round_, dana, "risk"), **HTMX).status_code == 404
    assert client.get(section_url(round_, dana, "risk")).status_code == 404


def test_a_section_of_someone_not_on_the_round_is_404_and_a_made_up_one_is_ignored(
    user, client_for, design, make_interviewer
):
    _dana, round_ = design
    outsider = make_interviewer(user, "Oli Outsider")
    client = client_for(user)
    assert client.get(section_url(round_, outsider, "risk"), **HTMX).status_code == 404
    response = client.get(f"{round_.get_absolute_url()}?section=person-1-nonsense")
    assert response.status_code == 200  # the page, with everything folded
    assert not re.search(r"<details[^>]*\bopen\b", response.text)


def test_research_and_comments_are_not_offered_once_the_round_is_done(user, client_for, met_dana):
    dana, screen = met_dana  # the screen is done: no research before it
    client = client_for(user)
    assert "-research#" not in client.get(screen.get_absolute_url()).text
    response = client.get(section_url(screen, dana, "research"), **HTMX)
    assert response.status_code == 404
    assert client.get(section_url(screen, dana, "risk"), **HTMX).status_code == 200


def test_without_javascript_the_now_lists_thank_you_link_opens_the_email_on_the_page(
    user, client_for, met_dana
):
    dana, screen = met_dana
    screen.scheduled_at = timezone.now() - timedelta(hours=3)  # met today: a thank-you due
    screen.save()
    client = client_for(user)
    named = f"person-{dana.pk}-thank-you"

    html = client.get(screen.get_absolute_url()).text
    assert f'href="?section={named}#{named}" data-open-here' in html

    opened = client.get(f"{screen.get_absolute_url()}?section={named}").text
    assert re.findall(r'<details[^>]*\bid="([^"]+)"[^>]*\bopen\b', opened) == [named]
    # Not a section that loads alone: it comes with the page.
    assert client.get(f"{screen.get_absolute_url()}?section={named}", **HTMX).status_code == 404
