"""The site's slugs and the advice engine's are one list: a new slug on one side fails here."""

import pytest

from advisor import advice
from advisor.models import Pipeline, Profile, Stance, Touch


@pytest.mark.parametrize(
    ("site", "engine"),
    [
        (Profile.Platform, advice.Platform),
        (Profile.Visibility, advice.Visibility),
        (Profile.Tone, advice.Tone),
        (Profile.State, advice.LinkState),
        (Touch.Kind, advice.TouchKind),
        (Stance, advice.Stance),
    ],
    ids=lambda choices: choices.__name__,
)
def test_site_and_engine_share_their_slugs(site, engine):
    assert set(site.values) == {member.value for member in engine}


def test_every_pipeline_status_is_one_the_engine_knows():
    assert set(Pipeline.Status.values) == set(advice.PIPELINE_STATUSES)
