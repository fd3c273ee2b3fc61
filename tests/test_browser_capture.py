"""Browser tests of capturing without typing: an invitation's preview, LinkedIn's export's
preview, and merging two entries of one person (Chromium through Playwright)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from advisor.models import Interviewer, Round
from tests import test_browser
from tests.test_browser import axe_violations

pytestmark = pytest.mark.browser
DATA = Path(__file__).parent / "data"
# The fixtures of tests/test_browser.py (Chromium, a live server, a signed-in page), shared.
browser = test_browser.browser
context = test_browser.context
page = test_browser.page
signed_in_page = test_browser.signed_in_page


def test_an_invitation_is_previewed_then_becomes_a_round(signed_in_page, user, make_pipeline):
    user.email = "alex.morgan@example.org"
    user.save()
    pipeline = make_pipeline(user, company="Northwind")
    tab = signed_in_page

    tab.goto(pipeline.get_absolute_url())
    tab.get_by_role("link", name="Add from a calendar invitation").click()
    tab.get_by_label("The invitation file (.ics)").set_input_files(DATA / "google.ics")
    tab.get_by_role("button", name="Show what it adds").click()

    expect(tab.get_by_role("heading", name="Add this round?")).to_be_visible()
    expect(tab.get_by_text("Thu 3 Dec 2026, 15:00 (Europe/London)")).to_be_visible()
    assert axe_violations(tab) == []
    assert not Round.objects.exists()
    tab.get_by_label("Leave out Maya Okafor").check()
    tab.get_by_role("button", name="Add the round").click()

    tab.wait_for_url(re.compile(r"/interviews/\d+/$"))
    round_ = Round.objects.get()
    assert list(round_.interviewers.values_list("name", flat=True)) == ["José García"]


def test_linkedins_export_is_previewed_then_marks_people_connected(
    signed_in_page, user, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee", company="Northwind")
    tab = signed_in_page

    tab.goto("/settings/")
    tab.get_by_role("link", name="Import LinkedIn connections").click()
    tab.get_by_label("Connections.csv from LinkedIn's data export").set_input_files(
        DATA / "Connections.csv"
    )
    tab.get_by_role("button", name="Show what it changes").click()

    counts = tab.locator(".linkedin-counts")
    expect(counts).to_contain_text("Your people to mark connected")
    expect(tab.get_by_role("listitem").filter(has_text="Dana Lee")).to_be_visible()
    assert axe_violations(tab) == []
    assert not dana.profiles.exists()
    tab.get_by_role("button", name="Mark 1 connected").click()

    expect(tab.get_by_text("Marked 1 of your people connected on LinkedIn.")).to_be_visible()
    assert dana.profiles.get(platform="linkedin").state == "connected"


def test_a_likely_duplicate_is_merged_from_the_person_page(signed_in_page, user, make_interviewer):
    jose = make_interviewer(user, "José García", company="Northwind")
    twin = make_interviewer(user, "jose garcia ruiz")
    tab = signed_in_page

    tab.goto(jose.get_absolute_url())
    expect(tab.get_by_role("heading", name="The same person?")).to_be_visible()
    tab.get_by_role("link", name=re.compile("Merge into this one")).click()
    expect(
        tab.get_by_role("heading", name=re.compile("Merge jose garcia ruiz into"))
    ).to_be_visible()
    tab.get_by_role("button", name="Merge into José García").click()

    tab.wait_for_url(f"**{jose.get_absolute_url()}")
    expect(tab.get_by_text("Merged jose garcia ruiz into José García.")).to_be_visible()
    assert not Interviewer.objects.filter(pk=twin.pk).exists()
