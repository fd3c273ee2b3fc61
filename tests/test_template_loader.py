"""The site's templates lose their indentation as they load (advisor/template_loaders.py):
pages are smaller, and nothing the candidate reads or copies changes."""

import re

import pytest
from django.template.loader import get_template

pytestmark = pytest.mark.django_db


def test_a_page_comes_without_its_templates_indentation(user, client_for, met_dana):
    html = client_for(user).get(met_dana[1].get_absolute_url()).text
    outside_drafts = re.sub(r"<textarea.*?</textarea>", "", html, flags=re.S)
    assert not re.search(r"\n[ \t]", outside_drafts)


def test_the_drafts_keep_their_line_breaks(user, client_for, met_dana):
    html = client_for(user).get(met_dana[1].get_absolute_url()).text
    email = re.search(r'<textarea id="ty-body-\d+"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "\n\n" in email  # paragraphs, as the engine wrote them


def test_text_templates_keep_their_indentation():
    source = get_template("email/summary.txt").template.source
    assert re.search(r"\n +\S", source)
