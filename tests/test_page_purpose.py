"""Every page tells a newcomer what it is for, in one line under its heading."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from advisor.management.commands.seed_demo import build_demo_data
from advisor.sample import add_sample

PURPOSE = re.compile(r'<p class="page-purpose">\s*\S')
LINK = re.compile(r'href="(/[^"#]*)')
# Downloads, signing out and what is not a page of the site.
NOT_PAGES = re.compile(r"/accounts/logout/|/export|\.csv$|\.ics$|/admin/|/static/")
# One-question steps (delete, merge into, password) say what they do in their first sentence.
CONFIRMATIONS = re.compile(r"/delete/|/merge/|/accounts/password")


def pages_linked_from(client: Client, start: str) -> dict[str, str]:
    """Every page reachable by links from `start`, each visited once, with its HTML."""
    queue, seen, pages = [start], {start}, {}
    while queue:
        path = queue.pop(0)
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        html = response.content.decode()
        pages[path] = html
        for found in LINK.findall(html):
            found = found.replace("&amp;", "&")
            if found not in seen and not NOT_PAGES.search(found):
                seen.add(found)
                queue.append(found)
    return pages


@pytest.fixture
def full_account(user):
    build_demo_data(user, now=timezone.now())
    add_sample(user, timezone.now())
    return user


def test_every_page_of_a_full_account_says_what_it_is_for(client_for, full_account):
    client = client_for(full_account)
    pages = pages_linked_from(client, "/")
    pages["/?closed=1"] = client.get("/?closed=1").content.decode()

    without = [path for path, html in pages.items() if not PURPOSE.search(html)]
    assert len(pages) > 40
    assert [path for path in without if not CONFIRMATIONS.search(path)] == []
    assert all(len(PURPOSE.findall(html)) <= 1 for html in pages.values())


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_the_pages_before_signing_in_say_what_the_site_is_for(client, path):
    assert PURPOSE.search(client.get(path).content.decode())
