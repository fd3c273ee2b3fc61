"""Browser tests of a newcomer's first hour: signing up from another time zone, the sample
data in and out, every page of a full account on a 360 px phone, and no Content Security
Policy violation anywhere, htmx swaps included (Chromium through Playwright)."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from advisor.management.commands.seed_demo import build_demo_data
from advisor.models import Pipeline, User
from advisor.sample import add_sample
from tests import test_browser
from tests.test_browser import assert_not_reloaded, set_marker, sign_in

pytestmark = pytest.mark.browser
# The fixtures of tests/test_browser.py (Chromium, a live server, a page that fails the test
# on any console error or Content Security Policy violation), shared.
browser = test_browser.browser
context = test_browser.context
page = test_browser.page
signed_in_page = test_browser.signed_in_page

PHONE = {"width": 360, "height": 740}
# Links that download a file, sign out or leave the site's pages: not pages to look at.
NOT_PAGES = re.compile(r"/accounts/logout/|/export|\.csv$|\.ics$|/admin/|/static/")
MOST_PAGES = 300  # a full account has under 200


@pytest.fixture
def full_account(user, make_pipeline, make_round, make_interviewer, make_profile):
    """The demo's pipelines and the sample's, in one account: long handles, meeting links,
    rounds done and ahead, offers and rejections."""
    user.display_name, user.time_zone = "Alex Morgan", "Europe/London"
    user.save()
    build_demo_data(user, now=timezone.now())
    add_sample(user, timezone.now())
    # What widened phone pages before: long addresses, handles and a seven-round strip.
    long = make_pipeline(
        user,
        company="Vandenberghe-Oyelaran International Logistics",
        role="Principal Site Reliability Engineer, Observability",
        url="https://careers.example.com/jobs/2026/principal-site-reliability-engineer-observability-"
        "platform-and-incident-response?source=linkedin&utm_campaign=autumn",
    )
    person = make_interviewer(
        user,
        "Maximiliane Vandenberghe-Oyelaran",
        email="maximiliane.vandenberghe-oyelaran@recruiting.example.com",
    )
    make_profile(person, "mastodon", handle="@maximiliane_vandenberghe@infosec.exchange.example")
    make_profile(person, "linkedin", handle="maximiliane-vandenberghe-oyelaran-0a1b2c3d")
    for number in range(7):
        make_round(
            long,
            name=f"Round {number + 1}: systems design deep-dive",
            status="scheduled",
            scheduled_at=timezone.now() + timedelta(days=number + 1),
            location="https://meet.example.com/a-very-long-meeting-room-name-that-never-breaks-"
            "vandenberghe-oyelaran?pwd=0123456789abcdef",
            interviewers=(person,),
        )
    return user


def every_page(tab, start: str = "/") -> list[str]:
    """Visit every page reachable by a link from `start`, each once; yield after each visit
    with the page loaded (the caller checks it). Returns the paths visited."""
    origin = re.match(r"https?://[^/]+", tab.url).group(0)
    queue, seen = [start], {start}
    for _ in range(MOST_PAGES):
        if not queue:
            break
        path = queue.pop(0)
        response = tab.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        yield path
        for href in tab.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != origin:
                continue
            found = parts.path + (f"?{parts.query}" if parts.query else "")
            if found not in seen and not NOT_PAGES.search(parts.path):
                seen.add(found)
                queue.append(found)


def test_signing_up_in_shanghai_stores_its_time_zone_and_lands_on_the_board(
    browser, live_server, one_request_at_a_time, transactional_db, settings
):
    settings.STORAGES = {  # plain static names, as the shared context fixture does
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(base_url=live_server.url, timezone_id="Asia/Shanghai")
    tab = context.new_page()
    tab.goto("/accounts/signup/")
    expect(tab.get_by_label("Time zone")).to_have_value("Asia/Shanghai")
    tab.get_by_label("Username").fill("mei")
    tab.get_by_label("Your name, to sign notes with").fill("Mei Lin")
    tab.locator("#id_password1").fill("plum-orchard-river-42")
    tab.locator("#id_password2").fill("plum-orchard-river-42")
    tab.get_by_role("button", name="Create account").click()

    tab.wait_for_url(f"{live_server.url}/")
    expect(tab.get_by_text("Asia/Shanghai")).to_be_visible()
    expect(tab.get_by_role("link", name="Change the time zone")).to_be_visible()
    mei = User.objects.get(username="mei")
    assert (mei.time_zone, mei.display_name) == ("Asia/Shanghai", "Mei Lin")
    context.close()
    test_browser.wait_for_the_live_server_to_finish()


def test_sample_data_comes_in_and_goes_out_with_one_click_each(signed_in_page, user):
    tab = signed_in_page
    tab.goto("/")
    tab.get_by_role("button", name="Try it with sample data").click()

    expect(tab.get_by_text("Sample data added")).to_be_visible()
    expect(tab.get_by_role("link", name="Software Engineer")).to_be_visible()
    assert Pipeline.objects.filter(owner=user).count() == 1
    tab.get_by_role("button", name="Remove the sample data").click()

    expect(tab.get_by_text("The sample data is gone")).to_be_visible()
    expect(tab.get_by_role("link", name="Add your first interview")).to_be_visible()
    assert not Pipeline.objects.filter(owner=user).exists()
    assert not user.interviewers.exists()


def test_no_page_of_a_full_account_scrolls_sideways_at_360_px(page, full_account):
    tab = page
    tab.set_viewport_size(PHONE)
    sign_in(tab, full_account)
    wide = []
    visited = 0
    for path in every_page(tab):
        visited += 1
        widths = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            culprits = tab.evaluate(
                """[...document.querySelectorAll('body *')]
                  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
                  .slice(-3).map(el => el.tagName + '.' + el.className + ': '
                                  + (el.textContent || '').trim().slice(0, 40))"""
            )
            wide.append(f"{path} {widths}: {culprits}")
    assert visited > 40, f"only {visited} pages found"
    assert wide == [], "\n".join(wide)


def test_on_a_phone_the_next_actions_come_before_the_pipelines(page, full_account):
    tab = page
    tab.set_viewport_size(PHONE)
    sign_in(tab, full_account)
    tab.goto("/")
    actions = tab.locator("#actions-heading").bounding_box()
    pipelines = tab.locator(".pipeline-list").first.bounding_box()
    assert actions["y"] < pipelines["y"]


def test_no_signed_in_page_violates_the_content_security_policy(page, full_account):
    """The page fixture fails the test on any console error or CSP violation."""
    tab = page
    sign_in(tab, full_account)
    visited = list(every_page(tab))
    assert len(visited) > 40, "\n".join(visited)
    # htmx swaps: suggestions and a round moved on a pipeline, the stance switched and a
    # research item ticked on an interview page, the people list searched as one types.
    lumen = full_account.pipelines.get(company="Lumen Health")
    tab.goto(lumen.get_absolute_url())
    set_marker(tab)
    tab.locator(".attach > summary").first.click()
    with tab.expect_response(lambda r: "/interviewers/suggest/" in r.url):
        tab.locator(".attach-form input[hx-get]").first.fill("pri")
    swap(tab, tab.locator("form[hx-post*='/move/'] button").first)
    assert_not_reloaded(tab)
    tab.goto(lumen.rounds.get(name="Team onsite").get_absolute_url())
    set_marker(tab)
    swap(tab, tab.get_by_role("button", name="Switch stance"))
    swap(tab, tab.locator("form[hx-post] button:visible").first)
    assert_not_reloaded(tab)
    tab.goto("/interviewers/")
    set_marker(tab)
    with tab.expect_response(lambda r: "q=tom" in r.url):
        tab.locator("#q").fill("tom")
    expect(tab.get_by_role("link", name="Tom Okafor")).to_be_visible()
    assert_not_reloaded(tab)


def swap(tab, button) -> None:
    """Click a button that posts through htmx and wait for the server's answer."""
    with tab.expect_response(lambda r: r.request.method == "POST"):
        button.click()
    tab.wait_for_load_state("networkidle")
