"""Profiles: handles and addresses checked per platform, links derived from handles."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from advisor.models import Profile

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
