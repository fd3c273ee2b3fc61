"""The printed checklist: Chromium prints a round's checklist to PDF through Playwright, and
the tests read the PDF back page by page, as a candidate holding the paper would."""

import os
import re
import unicodedata
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.text import slugify

from tests import test_browser
from tests.test_browser import scheduled, screenshot, three_people

pytestmark = pytest.mark.browser
# The fixtures of tests/test_browser.py (Chromium, a live server, a page that fails the test
# on any console error or Content Security Policy violation), shared.
browser = test_browser.browser
context = test_browser.context
page = test_browser.page
signed_in_page = test_browser.signed_in_page
panel = test_browser.panel

MM = 96 / 25.4  # CSS pixels in a millimetre


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF printed by Chromium, in page order.

    Chromium writes plain objects, Flate-compressed content streams and fonts that carry a
    ToUnicode map; that is all this reads, so no PDF library is needed."""
    objects = {int(n): body for n, body in re.findall(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}

    def stream(number: int) -> bytes:
        body = objects[number]
        # The dictionary's /Length says where the data ends: compressed data can itself end
        # in a carriage return, which a pattern for the line break before "endstream" eats.
        start = re.search(rb"stream\r?\n", body).end()
        length = int(re.search(rb"/Length (\d+)\b(?! 0 R)", body).group(1))
        data = body[start : start + length]
        return zlib.decompress(data) if b"/FlateDecode" in body else data

    def characters(font: int) -> tuple[int, dict[int, str]]:
        """How many bytes a glyph code takes in this font, and each code's characters."""
        body = objects[font]
        found = re.search(rb"/ToUnicode (\d+) 0 R", body)
        cmap = stream(int(found.group(1))) if found else b""
        codes = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, text in re.findall(rb"<(\w+)>\s*<(\w+)>", block):
                codes[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
            for first, last, text in re.findall(rb"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
                for offset in range(int(last, 16) - int(first, 16) + 1):
                    codes[int(first, 16) + offset] = chr(int(text, 16) + offset)
        return (2 if b"/Type0" in body else 1), codes

    pages = []
    kids = re.search(rb"/Type\s*/Pages\b.*?/Kids\s*\[([^\]]*)\]", pdf, re.S).group(1)
    for number in map(int, re.findall(rb"(\d+) 0 R", kids)):
        body = objects[number]
        fonts_used = re.search(rb"/Font\s*<<(.*?)>>", body, re.S)
        font_refs = re.findall(rb"/(\w+) (\d+) 0 R", fonts_used.group(1)) if fonts_used else []
        fonts = {name: characters(int(ref)) for name, ref in font_refs}
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
        text, width, codes = [], 1, {}
        for ref in re.findall(rb"(\d+) 0 R", contents.group(1) if contents else b""):
            for font, shown, array, end in re.findall(
                rb"/(\w+)\s+[-\d.]+\s+Tf|<(\w*)>\s*Tj|\[([^\]]*)\]\s*TJ|\b(ET)\b", stream(int(ref))
            ):
                if font:
                    width, codes = fonts[font]
                for hexes in [shown] if shown else re.findall(rb"<(\w*)>", array):
                    glyphs = bytes.fromhex(hexes.decode())
                    text += [
                        codes.get(int.from_bytes(glyphs[i : i + width]), "")
                        for i in range(0, len(glyphs), width)
                    ]
                if end:
                    text.append("\n")
        # Ligatures come out as one character (ﬀ); NFKC spells them out again.
        pages.append(unicodedata.normalize("NFKC", "".join(text)))
    return pages


def print_checklist(tab, round_, paper: str = "A4") -> list[str]:
    """Print the round's checklist as the browser's Print command would; each page's text."""
    tab.goto(round_.get_absolute_url() + "checklist/")
    tab.emulate_media(media="print")
    pdf = tab.pdf(format=paper)
    if os.environ.get("SCREENSHOTS"):  # for people to look at
        name = f"checklist-{slugify(round_.name)}-{len(round_.interviewers.all())}-{paper}"
        screenshot(tab, name)
        Path(f"/tmp/shots/{name}.pdf").write_bytes(pdf)
    return pdf_pages(pdf)


def squeezed(text: str) -> str:
    """Text without its spaces and line breaks, which the PDF places rather than writes."""
    return re.sub(r"\s+", "", text)


def pages_of(pages: list[str], name: str) -> list[int]:
    return [number for number, text in enumerate(pages, 1) if squeezed(name) in squeezed(text)]


@pytest.fixture
def finished_panel(user, make_pipeline, make_round, make_interviewer, make_profile):
    """A panel of three, each with four profiles, that ended an hour ago: the sheet carries a
    thank-you email and a note for each, the longest a checklist gets."""
    user.display_name = "Alex Morgan"
    user.save()
    pipeline = make_pipeline(user, company="Fabrikam Logistics", role="Principal Engineer")
    people = three_people(user, make_interviewer, make_profile, pipeline.company)
    now = timezone.now()
    finished = make_round(
        pipeline,
        **scheduled("Panel interview", now - timedelta(minutes=150), people),
        duration_minutes=90,
        location="https://meet.example.com/fabrikam-panel-interview-with-the-platform-team",
    )
    finished.mark_done(at=now - timedelta(hours=1))
    return people, finished


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_panel_of_three_ahead_prints_on_two_pages_each_person_on_one_page(
    signed_in_page, panel, paper
):
    people, onsite = panel
    pages = print_checklist(signed_in_page, onsite, paper)

    assert 1 <= len(pages) <= 2, f"{paper}: {len(pages)} pages"
    assert all(text.strip() for text in pages), f"{paper}: a page is blank"
    for person in people:
        assert len(pages_of(pages, person.name)) == 1, f"{person.name} split or missing"


def test_a_panel_of_three_just_met_with_every_draft_still_fits_two_a4_pages(
    signed_in_page, finished_panel
):
    people, finished = finished_panel
    pages = print_checklist(signed_in_page, finished)

    assert len(pages) <= 2, f"{len(pages)} pages"
    assert all(text.strip() for text in pages), "a page is blank"
    for person in people:
        on = pages_of(pages, person.name)
        assert len(on) == 1, f"{person.name} split or missing"
        assert f"Hi {person.name.split()[0]}," in pages[on[0] - 1], "the thank-you is not with them"


def test_a_round_with_one_person_prints_on_one_page_and_nothing_blank_after_it(
    signed_in_page, met_dana
):
    dana, screen = met_dana
    pages = print_checklist(signed_in_page, screen)

    assert len(pages) == 1
    assert dana.name in pages[0]


def test_each_person_gets_ruled_lines_for_handwritten_notes_on_paper(signed_in_page, panel):
    people, onsite = panel
    tab = signed_in_page
    tab.goto(onsite.get_absolute_url() + "checklist/")
    tab.emulate_media(media="print")

    ruled = tab.locator(".sheet-person .notes-space")
    assert ruled.count() == len(people)
    for index in range(len(people)):
        lines = ruled.nth(index)
        assert lines.bounding_box()["height"] >= 20 * MM
        style = lines.evaluate(
            "el => [getComputedStyle(el).backgroundImage, getComputedStyle(el).printColorAdjust]"
        )
        # Printed even when the browser's "background graphics" option is off.
        assert style[0].startswith("repeating-linear-gradient") and style[1] == "exact"


def test_paper_shows_no_navigation_buttons_or_link_addresses(signed_in_page, panel):
    tab = signed_in_page
    tab.goto(panel[1].get_absolute_url() + "checklist/")
    assert tab.locator("[data-print]").is_visible()
    tab.emulate_media(media="print")

    for hidden in [".site-header", ".site-footer", ".checklist-tools", ".page-purpose"]:
        assert tab.locator(hidden).first.is_hidden(), hidden
    assert tab.locator("button:visible, .button:visible").count() == 0
    added_after_links = tab.eval_on_selector_all(
        "a[href]", "links => links.map(a => getComputedStyle(a, '::after').content)"
    )
    assert set(added_after_links) <= {"none", "normal"}
