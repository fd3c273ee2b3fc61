"""In Chromium: htmx swaps in the part it asked for, and gets the whole page when it restores
an address from the history (the site keeps no history cache, so it asks the server)."""

import re

import pytest
from playwright.sync_api import expect

from tests import test_browser

pytestmark = pytest.mark.browser
browser = test_browser.browser
context = test_browser.context
page = test_browser.page
signed_in_page = test_browser.signed_in_page


def test_going_back_after_two_searches_shows_the_whole_people_page(
    signed_in_page, user, make_interviewer
):
    make_interviewer(user, "Dana Lee")
    make_interviewer(user, "Sam Park")
    page = signed_in_page
    page.goto("/interviewers/")
    search = page.get_by_label("Search by name, company or title")
    results = page.locator("#results")

    search.fill("Dana")
    expect(page).to_have_url(re.compile(r"q=Dana"))
    expect(results).to_contain_text("Dana Lee")
    search.fill("Sam")
    expect(page).to_have_url(re.compile(r"q=Sam"))
    expect(results).not_to_contain_text("Dana Lee")

    page.go_back()
    expect(page).to_have_url(re.compile(r"q=Dana"))
    expect(results).to_contain_text("Dana Lee")
    expect(page.get_by_role("heading", name="Interviewers", exact=True)).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.locator("#results")).to_have_count(1)
