"""The benchmark's URL conf: the site's URLs plus the floor, and the pages it measures."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.test.utils import override_settings
from django.urls import include, path

from bench.data import Account


@login_required
def floor_view(request: HttpRequest) -> HttpResponse:
    """The floor: a signed-in request through every middleware, and nothing else."""
    return HttpResponse(f"ok {request.user.pk}")


# The site's URLs plus the floor, mounted only while the benchmark runs (ROOT_URLCONF).
FLOOR_PATH = "/__bench_floor__/"
urlpatterns = [
    path(FLOOR_PATH.strip("/") + "/", floor_view),
    path("", include("advisor.urls")),
]


def pages(account: Account) -> list[tuple[str, str]]:
    """(name, URL) of every measured page, the floor first."""
    return [
        ("floor", FLOOR_PATH),
        ("board", "/"),
        ("pipeline", f"/pipelines/{account.pipeline_id}/"),
        ("dashboard", f"/interviews/{account.round_id}/"),
        ("checklist", f"/interviews/{account.round_id}/checklist/"),
        ("interviewers", "/interviewers/"),
        ("interviewer", f"/interviewers/{account.interviewer_id}/"),
        ("export", "/export/"),
    ]


def bench_settings():
    """In-process requests as in production: DEBUG off (no query log), the floor mounted."""
    return override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        ROOT_URLCONF=__name__,
        SECURE_SSL_REDIRECT=False,
    )
