"""Small guards around signing in: who the client is, a rate limit, and a sign-in log."""

import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

log = logging.getLogger("advisor.security")


def client_ip(request: HttpRequest) -> str:
    """The visitor's address; behind our proxy, the one it appended to X-Forwarded-For."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def too_many_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "429.html", {"wait": "an hour"}, status=429)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out account or address (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "429.html", {"wait": f"{minutes} minutes"}, status=429)


def rate_limited(name: str) -> Callable:
    """Allow RATE_LIMIT_PER_HOUR form submissions per address per hour; GETs are free."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                key = f"rate-limit:{name}:{client_ip(request)}"
                cache.add(key, 0, timeout=3600)
                if cache.incr(key) > settings.RATE_LIMIT_PER_HOUR:
                    log.warning("Rate limit for %s reached from %s", name, client_ip(request))
                    return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def log_sign_in(sender, request: HttpRequest, user, **kwargs) -> None:
    log.info("Sign-in: %s from %s", user.get_username(), client_ip(request))


def log_failed_sign_in(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    # Only the username: the password, even a wrong one, never reaches a log.
    address = client_ip(request) if request is not None else "?"
    log.warning("Failed sign-in: %r from %s", credentials.get("username", ""), address)
