"""Browser tests: Playwright drives Debian's Chromium against a live server.

They sign in through the real form, use the dashboard the way a candidate does, check a
phone-sized viewport, and run axe-core on every main page (the printed checklist:
tests/test_browser_print.py).
"""

import os
import re
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from advisor.models import ResearchTick, User
from tests.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in
# one unless told that it is safe, which it is here: the loop only waits for the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(settings.BASE_DIR) / ".cache/npm/node_modules/axe-core/axe.min.js"
AXE_URL_PATH = "/__axe__/axe.min.js"  # answered by page.route, never by the server
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path("/tmp/shots")


def missing(what: str) -> None:
    """Skip when a browser tool is missing, but fail under CI, where nothing may skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI=true: browser tests must run)")
    pytest.skip(what)


# Fixtures


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} is missing: install it with `apt-get install chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server, one_request_at_a_time, transactional_db, settings):
    # The live server answers /static/ from the source folders (as runserver does), not from
    # collectstatic's hashed copies, so pages must ask for the plain names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    yield context
    context.close()
    wait_for_the_live_server_to_finish()


def wait_for_the_live_server_to_finish(timeout: float = 10.0) -> None:
    """Wait until the live server has answered every request the browser sent.

    A request the browser gave up on (a reload during an htmx swap) still runs in its server
    thread; the database flush after the test must not run under it, or it fails and leaves
    this test's rows for the next one. Closing the context closes every connection, so every
    request thread ends soon after.
    """
    deadline = time.monotonic() + timeout
    while any(thread.name.endswith("(process_request_thread)") for thread in threading.enumerate()):
        assert time.monotonic() < deadline, "the live server still answers a request"
        time.sleep(0.02)


@pytest.fixture
def page(context):
    """A page that records console errors, CSP violations and uncaught exceptions."""
    page = context.new_page()
    page.problems = []

    def on_console(message) -> None:
        if "favicon.ico" in message.location.get("url", ""):
            return  # the site has no icon; browsers ask for one anyway
        if message.type == "error" or "Content Security Policy" in message.text:
            page.problems.append(f"console {message.type}: {message.text} {message.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    yield page
    assert page.problems == [], "\n".join(page.problems)


@pytest.fixture
def signed_in_page(page, user):
    sign_in(page, user)
    return page


# A panel with long names and titles: (name, title, how they relate to the job).
PANEL = [
    (
        "Margaret Okonkwo-Fairweather",
        "Director of Data Platform Engineering",
        "Owns the data platform budget and would be your skip-level manager.",
    ),
    (
        "Sebastián Villanueva Echeverría",
        "Principal Engineer, Streaming Infrastructure",
        "Leads the Kafka migration the job description keeps mentioning.",
    ),
    (
        "Priyanka Raghunathan",
        "Senior Technical Recruiter, EMEA",
        "Coordinates the loop and collects the panel's written feedback.",
    ),
]


@pytest.fixture
def panel(user, make_pipeline, make_round, make_interviewer, make_profile, make_touch):
    """An upcoming onsite with three interviewers, each with three profiles."""
    pipeline = make_pipeline(user, company="Contoso Pharmaceuticals", role="Staff Data Engineer")
    people = []
    for name, title, relation in PANEL:
        person = make_interviewer(
            user, name, title=title, company="Contoso Pharmaceuticals", role_relation=relation
        )
        make_profile(person, "linkedin", handle=name.lower().replace(" ", "-"))
        make_profile(person, "twitter", handle=name.split()[0].lower())
        make_profile(person, "github", handle=name.split()[-1].lower())
        people.append(person)
    make_round(
        pipeline,
        name="Phone screen",
        status="done",
        scheduled_at=timezone.now() - timedelta(days=6),
        interviewers=(people[2],),
    )
    onsite = make_round(
        pipeline,
        name="Final onsite loop",
        status="scheduled",
        scheduled_at=timezone.now() + timedelta(days=2),
        location="Contoso House, 4th floor, 12 Harbour Street, London",
        interviewers=tuple(people),
    )
    return people, onsite


# Helpers


def sign_in(page, user: User) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("log in", re.I)).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def verdict(page, platform: str):
    return page.locator(f"[data-platform={platform}][data-verdict]")


def unfold(page, section_id: str) -> None:
    """Open one of a card's folded sections, as a candidate would: by its summary."""
    page.locator(f"#{section_id} > summary").click()
    expect(page.locator(f"#{section_id}")).to_have_attribute("open", "")


def set_marker(page) -> None:
    """A value that survives htmx swaps but not a reload."""
    page.evaluate("window.__marker = 1")


def assert_not_reloaded(page) -> None:
    assert page.evaluate("window.__marker") == 1, "the page reloaded"


def axe_violations(page) -> list[str]:
    """Run axe-core in the page; served from the page's origin so the CSP allows it."""
    if not AXE.exists():
        missing(f"{AXE} is missing: run `make test`, which installs axe-core")
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    page.context.route(
        f"{origin}{AXE_URL_PATH}",
        lambda route: route.fulfill(path=AXE, content_type="text/javascript"),
    )
    page.add_script_tag(url=f"{origin}{AXE_URL_PATH}")
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"])
        for v in results["violations"]
    ]


def screenshot(page, name: str, **options) -> None:
    """Screenshots for people to look at, only when SCREENSHOTS=1."""
    if os.environ.get("SCREENSHOTS"):
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / f"{name}.png", full_page=True, **options)


# The dashboard, used as a candidate would


def test_signing_in_opens_the_board_and_the_dashboard_shows_each_platform(
    signed_in_page, met_dana, live_server
):
    page = signed_in_page
    dana, screen = met_dana
    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("link", name="Log in").count() == 0
    page.goto(screen.get_absolute_url())
    card = page.locator(f"article#person-{dana.pk}")
    assert card.get_by_role("heading", name="Dana Lee", exact=True).is_visible()
    unfold(page, f"person-{dana.pk}-platforms")
    assert verdict(page, "linkedin").get_attribute("data-verdict") == "connect"
    assert verdict(page, "twitter").get_attribute("data-verdict") == "follow"
    assert verdict(page, "facebook").get_attribute("data-verdict") == "avoid"
    screenshot(page, "dashboard-desktop")


def test_copy_puts_the_draft_on_the_clipboard_and_the_counter_warns_past_the_limit(
    signed_in_page, met_dana, live_server
):
    page = signed_in_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(met_dana[1].get_absolute_url())
    unfold(page, f"person-{met_dana[0].pk}-platforms")
    draft = page.locator('textarea[data-draft="linkedin"][data-limit="200"]').first
    draft_id = draft.get_attribute("id")
    copy = page.locator(f'[data-copy="{draft_id}"]')
    copy.click()
    status = page.locator(f"#{copy.get_attribute('data-copy-status')}")
    expect(status).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == draft.input_value()

    draft.fill("x" * 229)
    draft.press_sequentially("y")
    counter = page.locator(f"#{draft.get_attribute('data-counter')}")
    expect(counter).to_have_text("230 / 200 characters")
    expect(counter).to_have_class(re.compile(r"\bover-limit\b"))


def test_mark_as_sent_turns_the_verdict_done_without_a_reload(signed_in_page, met_dana):
    page = signed_in_page
    dana, screen = met_dana
    page.goto(screen.get_absolute_url())
    set_marker(page)
    unfold(page, f"person-{dana.pk}-platforms")
    linkedin = page.locator("li.platform").filter(has=verdict(page, "linkedin"))
    linkedin.get_by_role("button", name="Mark as sent").click()
    page.locator("[data-platform=linkedin][data-verdict=done]").wait_for()
    assert_not_reloaded(page)
    assert dana.profiles.get(platform="linkedin").state == "requested"


def test_a_ticked_research_item_stays_ticked_after_a_reload(signed_in_page, panel):
    page = signed_in_page
    people, onsite = panel
    priya = people[2]  # met in the screen: her card has a thank-you to copy
    page.goto(onsite.get_absolute_url())
    set_marker(page)
    unfold(page, f"person-{priya.pk}-research")
    tick = page.locator(f"#person-{priya.pk}-research button.tick").first
    key = tick.get_attribute("data-research")
    assert tick.get_attribute("aria-pressed") == "false"
    tick.click()
    ticked = page.locator(
        f'#person-{priya.pk} button.tick[data-research="{key}"][aria-pressed="true"]'
    )
    ticked.wait_for()
    assert_not_reloaded(page)
    # The card htmx swapped in has its Copy buttons too, and the section stays open.
    copy = page.locator(f"article#person-{priya.pk} [data-copy]").first
    assert copy.evaluate("button => button.hidden") is False
    expect(page.locator(f"#person-{priya.pk}-research")).to_have_attribute("open", "")
    page.reload()
    expect(ticked).to_have_count(1)  # the reopened section's content arrives a moment later
    expect(page.locator(f"#person-{priya.pk}-research")).to_have_attribute("open", "")
    assert ResearchTick.objects.filter(interviewer=priya, item=key).exists()


def test_switching_to_the_cautious_stance_makes_linkedin_wait(signed_in_page, met_dana, user):
    page = signed_in_page
    page.goto(met_dana[1].get_absolute_url())
    set_marker(page)
    page.get_by_role("radio", name=re.compile("cautious", re.I)).check()
    page.get_by_role("button", name="Switch stance").click()
    page.locator("[data-platform=linkedin][data-verdict=wait]").wait_for(state="attached")
    assert_not_reloaded(page)
    user.refresh_from_db()
    assert user.stance == "cautious"


# The checklist on paper: tests/test_browser_print.py


# The round page, actions first


def three_people(user, make_interviewer, make_profile, company: str) -> list:
    """Three interviewers with long names and four profiles each."""
    people = []
    for name, title, relation in PANEL:
        person = make_interviewer(
            user,
            f"{name} ({company.split()[0]})",
            title=title,
            company=company,
            role_relation=relation,
            email=f"{name.split()[0].lower()}@example.com",
        )
        slug = name.split()[0].lower()
        make_profile(person, "linkedin", handle=f"{slug}-{company.split()[0].lower()}")
        make_profile(person, "twitter", handle=slug[:15])
        make_profile(person, "github", handle=f"{slug}-dev")
        make_profile(person, "bluesky", handle=f"{slug}.bsky.social")
        people.append(person)
    return people


def scheduled(name: str, at, people) -> dict:
    """make_round's arguments for a scheduled round with these people."""
    return {"name": name, "status": "scheduled", "scheduled_at": at, "interviewers": tuple(people)}


@pytest.fixture
def round_pages(user, make_pipeline, make_round, make_interviewer, make_profile, make_touch):
    """Round pages of three people with four profiles each, at the moments that fill the Now
    list most: a first meeting ahead, a round just finished and the round after it, and a
    later round once the thank-yous are sent."""
    now = timezone.now()

    def with_panel(company: str, role: str):
        pipeline = make_pipeline(user, company=company, role=role)
        return pipeline, three_people(user, make_interviewer, make_profile, company)

    first, strangers = with_panel("Contoso Pharmaceuticals", "Staff Data Engineer")
    first_meeting = make_round(
        first,
        **scheduled("Final onsite loop", now + timedelta(days=2), strangers),
        location="Contoso House, 4th floor, 12 Harbour Street, London",
    )
    second, panel = with_panel("Fabrikam Logistics", "Principal Engineer")
    finished = make_round(
        second,
        **scheduled("Panel interview", now - timedelta(minutes=150), panel),
        duration_minutes=90,
    )
    finished.mark_done(at=now - timedelta(hours=1))
    after = make_round(
        second,
        **scheduled("Architecture deep dive", now + timedelta(days=2), panel),
        location="https://meet.example.com/fabrikam-architecture",
    )
    third, met = with_panel("Northwind Analytics", "Lead Data Engineer")
    earlier = make_round(
        third,
        name="Technical interview",
        status="done",
        scheduled_at=now - timedelta(days=5),
        interviewers=tuple(met),
    )
    for person in met:
        make_touch(person, "met", at=earlier.ends_at, round=earlier)
        make_touch(person, "thank_you_sent", at=earlier.ends_at + timedelta(hours=2))
    later = make_round(
        third,
        name="System design",
        status="scheduled",
        scheduled_at=now + timedelta(days=1),
        interviewers=tuple(met),
    )
    return {
        "first meeting ahead": first_meeting,
        "just finished": finished,
        "next round after a meeting": after,
        "later round, thank-yous sent": later,
    }


DESKTOP_FIGURE = {"width": 1280, "height": 800}
PHONE_FIGURE = {"width": 360, "height": 740}


@pytest.mark.parametrize(
    "moment",
    [
        "first meeting ahead",
        "just finished",
        "next round after a meeting",
        "later round, thank-yous sent",
    ],
)
def test_the_round_page_is_short_and_its_first_action_is_in_view_on_a_phone(
    signed_in_page, round_pages, moment
):
    page = signed_in_page
    url = round_pages[moment].get_absolute_url()
    page.set_viewport_size(DESKTOP_FIGURE)
    page.goto(url)
    assert page.locator("#now").get_by_role("heading").first.text_content().startswith("Now")
    assert page.locator("details[open]").count() == 0
    height = page.evaluate("document.documentElement.scrollHeight")
    screenshot(page, f"round-{moment.replace(' ', '-').replace(',', '')}-desktop")
    assert height <= 1600, f"{moment}: {height} px tall at 1280x800"

    page.set_viewport_size(PHONE_FIGURE)
    page.goto(url)
    first = page.locator("#now li").first.locator("button:visible, a.button:visible").first
    box = first.bounding_box()
    screenshot(page, f"round-{moment.replace(' ', '-').replace(',', '')}-phone")
    assert box["y"] + box["height"] <= 740, f"{moment}: first button ends at {box}"


def test_a_section_named_in_the_address_opens_and_stays_open_for_the_page(
    signed_in_page, round_pages
):
    page = signed_in_page
    round_ = round_pages["next round after a meeting"]
    person = round_.interviewers.order_by("name").first()
    page.goto(f"{round_.get_absolute_url()}#person-{person.pk}-research")
    expect(page.locator(f"#person-{person.pk}-research")).to_have_attribute("open", "")
    assert page.locator("details[open]").count() == 1
    unfold(page, f"person-{person.pk}-risk")

    page.goto(round_.get_absolute_url())  # no fragment: what was open is open again
    expect(page.locator(f"#person-{person.pk}-risk")).to_have_attribute("open", "")
    expect(page.locator(f"#person-{person.pk}-research")).to_have_attribute("open", "")
    page.locator(f"#person-{person.pk}-risk > summary").click()
    page.reload()
    expect(page.locator(f"#person-{person.pk}-risk")).not_to_have_attribute("open", "")

    # A link of the Now list to a folded section opens it, in place.
    page.locator(f"#person-{person.pk}-research > summary").click()
    page.reload()
    set_marker(page)
    named = f"person-{person.pk}-research"
    page.locator(f'#now a[href="?section={named}#{named}"]').click()
    expect(page.locator(f"#{named}")).to_have_attribute("open", "")
    expect(page.locator(f"#{named} [data-research]").first).to_be_attached()  # its list loaded
    assert_not_reloaded(page)


def test_marking_a_thank_you_sent_from_the_now_list_updates_the_card_and_the_list(
    signed_in_page, round_pages
):
    page = signed_in_page
    round_ = round_pages["just finished"]
    page.goto(round_.get_absolute_url())
    set_marker(page)
    first = page.locator("#now li").first
    assert first.get_attribute("data-step") == "thank-you"
    name = first.get_attribute("data-interviewer")
    first.get_by_role("button", name=re.compile("^Mark sent")).click()
    expect(page.locator(f'article[data-interviewer="{name}"]')).to_have_attribute(
        "data-thank-you", "sent"
    )
    expect(
        page.locator(f'#now li[data-interviewer="{name}"][data-step="thank-you"]')
    ).to_have_count(0)
    assert_not_reloaded(page)
    # With the thank-you sent, the requests and follows for that person join the list.
    expect(page.locator(f'#now li[data-interviewer="{name}"]').first).to_be_attached()


def test_without_javascript_the_now_list_works_and_the_sections_open_by_a_click(
    browser, live_server, user, round_pages
):
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP_FIGURE, java_script_enabled=False
    )
    page = context.new_page()
    sign_in(page, user)
    round_ = round_pages["just finished"]
    page.goto(round_.get_absolute_url())
    assert page.locator("#now [data-copy]").first.is_hidden()  # copying needs JavaScript
    first = page.locator("#now li").first
    name = first.get_attribute("data-interviewer")
    first.get_by_role("button", name=re.compile("^Mark sent")).click()
    page.wait_for_load_state()
    article = page.locator(f'article[data-interviewer="{name}"]')
    assert article.get_attribute("data-thank-you") == "sent"
    person_id = article.get_attribute("id")
    page.locator(f"#{person_id}-platforms > summary").click()
    assert page.locator(f"#{person_id}-platforms").get_attribute("open") == ""
    context.close()
    wait_for_the_live_server_to_finish()


def test_unfolded_sections_never_widen_a_phone_screen(signed_in_page, round_pages):
    page = signed_in_page
    page.set_viewport_size(PHONE_FIGURE)
    page.goto(round_pages["next round after a meeting"].get_absolute_url())
    summaries = page.locator("details[data-remember] > summary")
    for index in range(summaries.count()):
        summaries.nth(index).click()
    assert page.locator("details[data-remember]:not([open])").count() == 0
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths


def test_marking_a_round_ahead_done_asks_first_then_undo_takes_it_back(signed_in_page, round_pages):
    page = signed_in_page
    round_ = round_pages["first meeting ahead"]
    planned = round_.scheduled_at
    page.goto(round_.pipeline.get_absolute_url())
    card = page.locator("li.round-card").filter(has_text=round_.name)
    card.get_by_role("button", name="Mark done").click()  # htmx: the question replaces the page
    expect(page.get_by_role("heading", name=f"Mark {round_.name} done?")).to_be_visible()
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at) == ("scheduled", planned)

    page.get_by_role("button", name=re.compile("keep the planned date")).click()
    message = page.locator(".message.with-undo")
    expect(message).to_contain_text(f"{round_.name} is now done")
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at) == ("done", planned)

    message.get_by_role("button", name="Undo").click()
    expect(page.locator(".message").first).to_contain_text("is scheduled again")
    round_.refresh_from_db()
    assert (round_.status, round_.scheduled_at) == ("scheduled", planned)


# Phones


def signed_in_pages(met_dana, panel) -> list[str]:
    """Every kind of signed-in page, filled with data."""
    dana, screen = met_dana
    return [
        "/",
        screen.pipeline.get_absolute_url(),
        screen.get_absolute_url(),
        panel[1].get_absolute_url(),
        panel[1].get_absolute_url() + "checklist/",
        "/interviewers/",
        dana.get_absolute_url(),
        panel[0][1].get_absolute_url(),
        "/settings/",
        "/rules/",
        screen.pipeline.get_absolute_url() + "invite/",
        "/settings/linkedin/",
        dana.get_absolute_url() + "merge/",
    ]


def test_no_page_scrolls_sideways_on_a_phone(signed_in_page, met_dana, panel):
    page = signed_in_page
    page.set_viewport_size(PHONE)
    for path in signed_in_pages(met_dana, panel):
        page.goto(path)
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path} scrolls sideways: {widths}"
        if path == met_dana[1].get_absolute_url():
            screenshot(page, "dashboard-phone")


# Accessibility


def test_axe_finds_no_violation_on_the_public_pages(page):
    for path in ["/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"]:
        page.goto(path)
        violations = axe_violations(page)
        assert violations == [], f"{path}:\n" + "\n".join(violations)


def test_axe_finds_no_violation_on_the_signed_in_pages(signed_in_page, met_dana, panel):
    page = signed_in_page
    found = []
    for path in signed_in_pages(met_dana, panel):
        page.goto(path)
        found += [f"{path}: {violation}" for violation in axe_violations(page)]
    assert found == [], "\n".join(found)


def test_axe_finds_no_violation_after_htmx_swaps(signed_in_page, met_dana):
    page = signed_in_page
    page.goto(met_dana[1].get_absolute_url())
    unfold(page, f"person-{met_dana[0].pk}-platforms")
    page.get_by_role("button", name="Mark as sent").first.click()
    page.locator("[data-platform=linkedin][data-verdict=done]").wait_for()
    page.get_by_role("button", name="Switch stance").click()
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


def test_every_control_has_a_label(signed_in_page, met_dana):
    page = signed_in_page
    page.goto(met_dana[1].get_absolute_url())
    unlabelled = page.evaluate(
        """[...document.querySelectorAll(
            'input:not([type=hidden]), select, textarea, button')]
          .filter(el => !el.hidden && !(el.labels && el.labels.length)
                        && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')
                        && !(el.tagName === 'BUTTON' && el.textContent.trim()))
          .map(el => el.outerHTML.slice(0, 120))"""
    )
    assert unlabelled == []


def test_keyboard_focus_is_visible(signed_in_page, met_dana):
    page = signed_in_page
    page.goto(met_dana[1].get_absolute_url())
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    style = page.evaluate(
        """(() => { const s = getComputedStyle(document.activeElement);
                   return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; })()"""
    )
    assert style[0] == "BUTTON"
    assert style[1] != "none" and style[2] != "0px", style


def test_verdicts_are_told_by_words_not_colour_alone(signed_in_page, met_dana):
    page = signed_in_page
    page.goto(met_dana[1].get_absolute_url())
    verdicts = page.locator("[data-verdict]")
    assert verdicts.count() == 3
    for index in range(verdicts.count()):
        element = verdicts.nth(index)
        word = element.get_attribute("data-verdict")
        assert element.text_content().strip().lower() == word, element.text_content()
