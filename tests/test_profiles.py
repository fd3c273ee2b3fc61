"""Profiles: handles and addresses checked per platform, links derived from handles; and how
to address the person."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from advisor.models import Interviewer, Profile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("platform", "handle", "link"),
    [
        ("linkedin", "dana-lee", "https://www.linkedin.com/in/dana-lee/"),
        ("twitter", "@dana_lee", "https://x.com/dana_lee"),
        ("github", "dana-lee", "https://github.com/dana-lee"),
        ("mastodon", "dana@hachyderm.io", "https://hachyderm.io/@dana"),
        ("bluesky", "dana.bsky.social", "https://bsky.app/profile/dana.bsky.social"),
        ("threads", "dana.lee", "https://www.threads.com/@dana.lee"),
        ("instagram", "dana.lee", "https://www.instagram.com/dana.lee/"),
        ("wechat", "dana_lee88", ""),
    ],
)
def test_a_valid_handle_gives_the_profile_link(make_interviewer, user, platform, handle, link):
    profile = Profile(interviewer=make_interviewer(user), platform=platform, handle=handle)
    profile.full_clean()
    assert profile.link == link


@pytest.mark.parametrize(
    ("platform", "handle", "url", "field"),
    [
        ("linkedin", "", "", "handle"),
        ("twitter", "this_handle_is_far_too_long", "", "handle"),
        ("github", "-dana", "", "handle"),
        ("mastodon", "dana", "", "handle"),
        ("wechat", "", "https://weixin.qq.com/dana", "url"),
        ("linkedin", "", "http://www.linkedin.com/in/dana", "url"),
        ("linkedin", "", "https://linkedin.com.evil.example/in/dana", "url"),
        ("twitter", "", "javascript:alert(1)", "url"),
        ("github", "", "https://github.com/", "url"),
        ("facebook", "", "https://user:pw@facebook.com/dana", "url"),
    ],
)
def test_a_bad_handle_or_address_is_refused_with_a_message(
    make_interviewer, user, platform, handle, url, field
):
    profile = Profile(interviewer=make_interviewer(user), platform=platform, handle=handle, url=url)
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert field in error.value.message_dict


def test_a_mastodon_address_may_be_on_any_server(make_interviewer, user):
    profile = Profile(
        interviewer=make_interviewer(user), platform="mastodon", url="https://fosstodon.org/@dana"
    )
    profile.full_clean()
    assert profile.link == "https://fosstodon.org/@dana"


def test_recording_a_request_moves_the_profile_state(make_interviewer, make_profile, user):
    profile = make_profile(make_interviewer(user), "linkedin")
    profile.record("request_sent", at=timezone.now())
    assert profile.state == "requested"
    profile.record("request_accepted", at=timezone.now())
    profile.refresh_from_db()
    assert profile.state == "connected"
    assert profile.interviewer.touches.count() == 2


def test_a_country_edition_of_linkedin_is_accepted(make_interviewer, user):
    profile = Profile(
        interviewer=make_interviewer(user),
        platform="linkedin",
        url="https://uk.linkedin.com/in/alex-kim",
    )
    profile.full_clean()


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        ("linkedin", "https://www.linkedin.com/company/acme"),
        ("mastodon", "https://evil.example.com/login"),
    ],
)
def test_an_address_that_is_not_a_persons_profile_is_refused(make_interviewer, user, platform, url):
    profile = Profile(interviewer=make_interviewer(user), platform=platform, url=url)
    with pytest.raises(ValidationError, match="not a profile address"):
        profile.full_clean()


# How to address them


def test_the_interviewer_form_asks_how_to_address_them(user, client_for, make_interviewer):
    dana = make_interviewer(user, "Dr. Maria Gonzalez PhD")
    html = client_for(user).get(reverse("interviewer_edit", args=[dana.pk])).text
    assert '<label for="id_address_as">How to address them:</label>' in html
    assert "Professor Tanaka" in html  # the help text gives examples


def test_how_to_address_them_is_saved_and_shown_on_their_page(user, client_for, make_interviewer):
    wei = make_interviewer(user, "Wei Li")
    client = client_for(user)
    response = client.post(
        reverse("interviewer_edit", args=[wei.pk]), {"name": "Wei Li", "address_as": "Li Wei"}
    )
    assert response.status_code == 302
    wei.refresh_from_db()
    assert wei.address_as == "Li Wei"
    assert wei.first_name == "Li Wei"
    html = client.get(wei.get_absolute_url()).text
    assert "<dt>How to address them</dt>" in html
    assert "<dd>Li Wei</dd>" in html


def test_without_it_their_page_shows_the_guessed_first_name(user, client_for, make_interviewer):
    maria = make_interviewer(user, "Dr. Maria Gonzalez PhD")
    assert maria.first_name == "Maria"
    html = client_for(user).get(maria.get_absolute_url()).text
    assert "Maria\n" in html and "guessed from their name" in html


def test_a_new_person_may_be_added_with_how_to_address_them(user, client_for):
    response = client_for(user).post(
        reverse("interviewer_new"), {"name": "Kenji Tanaka", "address_as": "Professor Tanaka"}
    )
    assert response.status_code == 302
    assert Interviewer.objects.get(owner=user, name="Kenji Tanaka").address_as == (
        "Professor Tanaka"
    )


# Adding a profile from the person's page


def add_linkedin_profile(client, interviewer, **address):
    """Post the new-profile form: a public, professional LinkedIn profile, not linked yet."""
    form = {"platform": "linkedin", "visibility": "public", "tone": "professional", "state": "none"}
    return client.post(reverse("profile_new", args=[interviewer.pk]), {**form, **address})


def test_adding_a_profile_checks_it_against_the_platform(user, client_for, make_interviewer):
    dana = make_interviewer(user)
    response = add_linkedin_profile(client_for(user), dana, url="https://evil.example.com/in/dana")
    assert "A LinkedIn profile address is on linkedin.com." in response.text
    assert not Profile.objects.exists()


def test_one_profile_per_platform(user, client_for, make_interviewer, make_profile):
    dana = make_interviewer(user)
    make_profile(dana, "linkedin")
    response = add_linkedin_profile(client_for(user), dana, handle="someone-else")
    assert "already has a profile on this platform" in response.text
