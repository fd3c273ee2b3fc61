"""Access control, proven for every route of the URLconf: new routes are picked up by themselves.

A route's `<x_id>` argument is filled with the owner's object of type x, `<secret>` with the
owner's calendar secret and `<token>` with the owner's signed token for that route (the morning
summary's links); a route with any other argument fails the walk until it is covered here.
"""

from urllib.parse import quote

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from advisor import dataformat, summary
from advisor.models import Pipeline, User

SKIPPED_PREFIXES = ("admin/", "accounts/", "static/")
# Pages with nothing of any account on them, open like a help page.
PUBLIC_PAGES = {"rules"}
# Routes that show a confirmation page on GET and act only on POST.
CONFIRMED_ON_POST = {
    "pipeline_delete",
    "interview_delete",
    "interviewer_delete",
    "profile_delete",
    "touch_delete",
}
# Any plausible field the site's forms take; a stranger's POST must change nothing anyway.
PLAUSIBLE_POSTS = [
    {
        "company": "Hijacked",
        "role": "Hijacked",
        "status": "rejected",
        "name": "Hijacked",
        "title": "Hijacked",
        "kind": "commented",
        "at": "2026-11-20T10:00",
        "text": "Hijacked",
        "platform": "github",
        "handle": "hijacked",
        "direction": "down",
        "item": "posts",
        "done": "on",
        "topic": "Hijacked",
        "stance": "cautious",
        "next": "interview",
    },
    {"status": "done", "kind": "request_sent", "direction": "up", "name": "Hijacked 2"},
]


def _walk(patterns, prefix="", outer=(), skipped=SKIPPED_PREFIXES):
    """(name, route, keyword arguments) of every URL, with those of the includes around it."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(skipped):
            continue
        kwargs = [*outer, *entry.pattern.converters]
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route, kwargs, skipped)
        elif isinstance(entry, URLPattern):
            yield entry.name, route, kwargs


ROUTES = sorted(_walk(get_resolver().url_patterns))
ROUTES_WITH_IDS = [r for r in ROUTES if any(kwarg.endswith("_id") for kwarg in r[2])]
# Calendar feeds are reached by their secret, not by signing in.
ROUTES_BY_SECRET = [r for r in ROUTES if "secret" in r[2]]
# The morning summary's links are reached by a signed token that names the user.
TOKENS = {"email_confirm": summary.confirm_token, "unsubscribe": summary.unsubscribe_token}
ROUTES_BY_TOKEN = [r for r in ROUTES if "token" in r[2]]
ROUTES_BY_SIGN_IN = [
    r for r in ROUTES if not {"secret", "token"} & set(r[2]) and r[0] not in PUBLIC_PAGES
]


@pytest.fixture
def owned(make_user, make_one_of_each):
    owner = make_user("owner")
    return owner, make_one_of_each(owner)


def url_for(name: str, kwarg_names: list[str], owner, objects, secret: str | None = None) -> str:
    kwargs = {}
    for kwarg in kwarg_names:
        if kwarg == "secret":
            kwargs[kwarg] = secret or owner.calendar_secret
        elif kwarg == "token" and name in TOKENS:
            kwargs[kwarg] = TOKENS[name](owner)
        elif kwarg.endswith("_id") and kwarg.removesuffix("_id") in objects:
            kwargs[kwarg] = objects[kwarg.removesuffix("_id")].pk
        else:
            pytest.fail(f"Route {name!r} takes {kwarg!r}: teach tests/test_access.py about it.")
    return reverse(name, kwargs=kwargs)


def address_and_data(owned, name: str, kwargs: list[str], secret: str | None = None) -> tuple:
    """The route's address on the owner's objects, and all the data as it is before the visit
    (taken once the visitor is signed in: signing in records when, in the user's row)."""
    owner, objects = owned
    return url_for(name, kwargs, owner, objects, secret), snapshot(owner)


def snapshot(owner) -> tuple:
    """The owner's export and every row the site stores, to compare before and after, but
    for the board's overview figures kept on the user's row: counted on reading, they are a
    cache of the data, not data (overview.py)."""
    rows = {
        model._meta.label: sorted(
            map(repr, model.objects.values(*(f.attname for f in stored_fields(model))))
        )
        for model in apps.get_app_config("advisor").get_models()
    }
    return dataformat.export_account(owner), rows


def stored_fields(model) -> list:
    # What the board keeps of its own figures and rows (overview.py, board.py) is not the data.
    kept = ("overview_counts", "board_content")
    return [f for f in model._meta.concrete_fields if f.name not in kept]


def test_every_route_with_arguments_is_covered():
    assert {"pipeline", "interview", "interviewer", "profile_edit", "touch_delete"} <= {
        name for name, _, _ in ROUTES_WITH_IDS
    }


@pytest.mark.parametrize(("name", "route", "kwargs"), ROUTES_WITH_IDS, ids=lambda r: str(r))
def test_stranger_gets_404_and_changes_nothing(name, route, kwargs, owned, stranger, client_for):
    owner, _ = owned
    client = client_for(stranger)
    url, before = address_and_data(owned, name, kwargs, secret=stranger.calendar_secret)

    refused_get = client.get(url).status_code
    posts = [client.post(url, data).status_code for data in PLAUSIBLE_POSTS]
    htmx_post = client.post(url, PLAUSIBLE_POSTS[0], headers={"HX-Request": "true"}).status_code

    get_only = set(posts) == {405}
    assert refused_get == 404 or (refused_get == 405 and not get_only), url
    assert all(status in (404, 405) for status in [*posts, htmx_post]), url
    assert get_only or set(posts) == {404}, url
    assert snapshot(owner) == before


@pytest.mark.parametrize(("name", "route", "kwargs"), ROUTES_BY_SIGN_IN, ids=lambda r: str(r))
def test_anonymous_visitor_is_sent_to_sign_in(name, route, kwargs, owned, client):
    owner, _ = owned
    url, before = address_and_data(owned, name, kwargs)

    responses = [client.get(url), client.post(url, PLAUSIBLE_POSTS[0])]

    to_login = f"/accounts/login/?next={quote(url)}"
    assert all(r.status_code == 405 or r.headers.get("Location") == to_login for r in responses)
    assert any(r.status_code == 302 for r in responses), url
    assert snapshot(owner) == before


@pytest.mark.parametrize(("name", "route", "kwargs"), ROUTES, ids=lambda r: str(r))
def test_owner_reading_a_page_changes_nothing(name, route, kwargs, owned, client_for):
    owner, _ = owned
    client = client_for(owner)
    url, before = address_and_data(owned, name, kwargs)

    response = client.get(url)

    assert response.status_code in (200, 302, 405), url
    if name in CONFIRMED_ON_POST:
        assert response.status_code == 200
        assert b"cannot be undone" in response.content
    assert snapshot(owner) == before


def test_a_wrong_secret_finds_nothing(owned, client):
    owner, objects = owned
    for name, _, kwargs in ROUTES_BY_SECRET:
        url = url_for(name, kwargs, owner, objects, secret="not-the-secret-" + "x" * 30)
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url).status_code in (404, 405), url


def test_a_forged_token_finds_nothing(owned, client):
    owner, _ = owned
    for name, _, _ in ROUTES_BY_TOKEN:
        forged = TOKENS[name](owner)[:-2] + "xx"
        url = reverse(name, kwargs={"token": forged})
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_state_changing_actions_refuse_get(owned, client_for):
    owner, objects = owned
    client = client_for(owner)
    actions = {
        "pipeline_status": {"pipeline_id": objects["pipeline"].pk},
        "interview_status": {"round_id": objects["round"].pk},
        "interview_move": {"round_id": objects["round"].pk},
        "interview_attach": {"round_id": objects["round"].pk},
        "interview_detach": {
            "round_id": objects["round"].pk,
            "interviewer_id": objects["interviewer"].pk,
        },
        "touch_new": {"interviewer_id": objects["interviewer"].pk},
        "research_tick": {
            "round_id": objects["round"].pk,
            "interviewer_id": objects["interviewer"].pk,
        },
        "record_on_profile": {"round_id": objects["round"].pk, "profile_id": objects["profile"].pk},
        "interview_stance": {"round_id": objects["round"].pk},
        "calendar_regenerate": {},
    }
    for name, kwargs in actions.items():
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 405, name


def test_the_owner_can_use_their_own_objects(owned, client_for):
    owner, objects = owned
    client = client_for(owner)
    for name, obj in [
        ("pipeline", "pipeline"),
        ("interview", "round"),
        ("interviewer", "interviewer"),
    ]:
        assert client.get(reverse(name, args=[objects[obj].pk])).status_code == 200


def test_admin_is_refused_to_a_signed_in_non_staff_user(user, client_for):
    response = client_for(user).get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")
    assert client_for(user).get("/admin/advisor/pipeline/").status_code == 302


@pytest.mark.parametrize(("name", "route", "kwargs"), ROUTES, ids=lambda r: str(r))
def test_every_page_answers_head_like_get_without_a_body(name, route, kwargs, owned, client_for):
    owner, objects = owned
    url = url_for(name, kwargs, owner, objects)
    client = client_for(owner)

    got, head = client.get(url), client.head(url)

    assert head.status_code == got.status_code, url
    assert head.getvalue() == b"", url


def test_admin_opens_for_staff(make_user, client_for):
    staff = make_user("staffer", is_staff=True, is_superuser=True)
    assert client_for(staff).get("/admin/").status_code == 200


def test_a_change_made_in_the_admin_shows_on_the_owners_board_at_once(
    user, make_user, client_for, make_pipeline, make_interviewer
):
    gone = make_pipeline(user, company="Gone Ltd")
    renamed = make_interviewer(user, "Pat Doe")
    owner = client_for(user)
    assert "Gone Ltd" in owner.get("/").text  # worked out and kept
    staff = client_for(make_user("staffer", is_staff=True, is_superuser=True))

    staff.post(reverse("admin:advisor_pipeline_delete", args=[gone.pk]), {"post": "yes"})

    assert not Pipeline.objects.filter(pk=gone.pk).exists()
    assert "Gone Ltd" not in owner.get("/").text
    before = User.objects.get(pk=user.pk).data_version
    staff.post(
        reverse("admin:advisor_interviewer_changelist"),
        {"action": "delete_selected", "_selected_action": [renamed.pk], "post": "yes"},
    )
    assert User.objects.get(pk=user.pk).data_version > before


def test_pipelines_deleted_together_take_the_meetings_their_rounds_recorded(
    user, make_user, client_for, make_pipeline, make_round, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")
    round_ = make_round(
        make_pipeline(user), status="scheduled", scheduled_at=timezone.now(), interviewers=(dana,)
    )
    round_.mark_done(at=timezone.now())
    staff = client_for(make_user("staffer", is_staff=True, is_superuser=True))

    staff.post(
        reverse("admin:advisor_pipeline_changelist"),
        {"action": "delete_selected", "_selected_action": [round_.pipeline_id], "post": "yes"},
    )

    assert not Pipeline.objects.filter(pk=round_.pipeline_id).exists()
    assert not dana.touches.exists()  # no "met" left behind to pass for a coffee chat


@pytest.mark.parametrize("name", sorted(PUBLIC_PAGES))
def test_public_pages_open_without_signing_in_and_refuse_posts(name, client):
    assert client.get(reverse(name)).status_code == 200
    assert client.post(reverse(name)).status_code == 405
