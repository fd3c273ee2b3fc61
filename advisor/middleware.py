"""Per-request behaviour that every page shares."""

import logging
import re
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DEFAULT_DB_ALIAS, OperationalError, transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def user_time_zone(get_response: Callable[[HttpRequest], HttpResponse]):
    """Show every date in the candidate's own time zone."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.tz)
        else:
            timezone.deactivate()
        return get_response(request)

    return middleware


def idle_session_expiry(get_response: Callable[[HttpRequest], HttpResponse]):
    """Keep a session alive while it is used: SESSION_COOKIE_AGE counts from the last visit.

    The session is saved again, with a new expiry and cookie, once a tenth of its age has passed
    since the last save rather than on every request (SESSION_SAVE_EVERY_REQUEST), sparing a
    write per page: an idle session ends 0.9 to 1 SESSION_COOKIE_AGE after the last visit.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = time.time()
            if now - session.get("refreshed_at", 0) >= settings.SESSION_COOKIE_AGE / 10:
                session["refreshed_at"] = now
        return response

    return middleware


def private_pages_not_cached(get_response: Callable[[HttpRequest], HttpResponse]):
    """Pages about real people must not linger in shared or browser caches."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if not request.path.startswith("/static/"):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


def request_size_limit(get_response: Callable[[HttpRequest], HttpResponse]):
    """Refuse a body over MAX_UPLOAD_BYTES with 413 before anything reads it, uploads included
    (Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves files out), and one of unknown size with 411."""

    def middleware(request: HttpRequest) -> HttpResponse:
        limit = settings.MAX_UPLOAD_BYTES
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return render(request, "413.html", {"unknown_size": True}, status=411)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body at all then
        if length > limit:
            return render(request, "413.html", {"limit": limit}, status=413)
        return get_response(request)

    return middleware


def is_database_unavailable(error: BaseException | None) -> bool:
    """Busy, read-only or full: an OperationalError, or PostgreSQL's read-only transaction."""
    return isinstance(error, OperationalError) or (
        getattr(getattr(error, "__cause__", None), "sqlstate", None) == "25006"
    )


@receiver(got_request_exception, dispatch_uid="advisor-database-unavailable")
def note_database_unavailable(sender, request: HttpRequest | None = None, **kwargs) -> None:
    if request is not None and is_database_unavailable(sys.exception()):
        request.database_unavailable = True


def database_unavailable(get_response: Callable[[HttpRequest], HttpResponse]):
    """When the database is busy, read-only or full, say so in plain words with 503 and
    Retry-After rather than the 500 page. First in MIDDLEWARE, so that a failure in any later
    middleware (a session that cannot be saved) is answered the same way; the page needs no
    database."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if getattr(request, "database_unavailable", False) and not response.streaming:
            response.status_code = 503
            response.content = render_to_string("503.html")
            response.headers["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
            if "Content-Length" in response.headers:
                response.headers["Content-Length"] = str(len(response.content))
        return response

    return middleware


def writes_recount_overview(get_response: Callable[[HttpRequest], HttpResponse]):
    """After a signed-in visitor's request that may write, their data version moves on: the
    board's overview, kept until then, is counted again (overview.py). An answer of 400 or more
    wrote nothing (a 500's transaction was rolled back), so it leaves the version alone."""
    # Here, not at the top: logging imports this module before the models can be.
    from advisor.overview import data_changed

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method not in SAFE_METHODS
            and user is not None
            and user.is_authenticated
            and response.status_code < 400
            # The view's transaction was rolled back: nothing of theirs was written.
            and not getattr(request, "database_unavailable", False)
        ):
            data_changed(user.pk)
        return response

    return middleware


class AtomicWrites:
    """A signed-in visitor's request that may write runs its view in one transaction, so that a
    database failure half-way leaves nothing half-written. Reading requests are left alone, and
    so are views marked `transaction.non_atomic_requests`: hashing a password must not hold
    SQLite's write lock. Visitors who are not signed in have nothing of theirs to write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        if request.method in SAFE_METHODS:
            return None
        if not request.user.is_authenticated:
            return None
        if DEFAULT_DB_ALIAS in getattr(view, "_non_atomic_requests", set()):
            return None
        with transaction.atomic():
            return view(request, *args, **kwargs)


class RequestContext(logging.Filter):
    """Adds the request's path and user id to an error's log record; never its body."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.path = getattr(request, "path", "-")
        # The user the request already loaded (user_time_zone does); loading it here could
        # query a database that is just failing.
        user = getattr(request, "_cached_user", None)
        record.user_id = getattr(user, "pk", None) or "-"
        return True


class CalendarSecretMasked(logging.Filter):
    """Shortens a calendar feed's secret in a logged request line to its first four characters."""

    secret = re.compile(r"(/calendar/[^/?\s]{4})[^/?\s]*(\.ics)")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            record.args = {key: self.mask(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(self.mask(value) for value in record.args)
        record.msg = self.mask(record.msg)
        return True

    def mask(self, value):
        return self.secret.sub(r"\1…\2", value) if isinstance(value, str) else value


# Gunicorn's access log and runserver's request log. Django's LOGGING cannot add a filter to
# a logger without removing the handlers gunicorn gave it, so the filter is added here.
for _name in ("gunicorn.access", "django.server"):
    logging.getLogger(_name).addFilter(CalendarSecretMasked())
