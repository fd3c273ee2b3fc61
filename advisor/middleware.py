"""Per-request behaviour that every page shares."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control


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

    Saving the session once a day instead of on every request (SESSION_SAVE_EVERY_REQUEST)
    spares a write per page; an idle session still ends SESSION_COOKIE_AGE after its last day.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            today = timezone.now().date().isoformat()
            if session.get("last_seen_day") != today:
                session["last_seen_day"] = today
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
