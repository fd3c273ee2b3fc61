"""Small guards around signing in: who the client is, rate limits, and a sign-in log."""

import functools
import logging
import threading
from collections.abc import Callable

from axes.utils import reset as reset_sign_in_failures
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connections
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
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


def _slots(key: str, limit: int) -> list[str]:
    return [f"{key}:{number}" for number in range(limit)]


def events_within_window(key: str, limit: int) -> int:
    """How many events `take_slot` recorded for `key` that have not expired yet (up to `limit`)."""
    return len(cache.get_many(_slots(key, limit)))


def take_slot(key: str, limit: int, seconds: int) -> bool:
    """Record one event for `key`; False when `limit` events already happened within `seconds`.

    Each event claims its own cache entry with `cache.add`, which is atomic on every backend
    (a primary key in the database cache, SET NX in Redis), so processes and servers sharing
    the cache never lose a count; each entry expires on its own, so the window slides.
    """
    slots = _slots(key, limit)
    taken = cache.get_many(slots)
    return any(slot not in taken and cache.add(slot, 1, timeout=seconds) for slot in slots)


@receiver(post_migrate, dispatch_uid="advisor-cache-table")
def create_cache_table(sender, using: str, **kwargs) -> None:
    """`migrate` also makes the database cache's table, where these counts live by default."""
    if sender.name == "advisor":
        call_command("createcachetable", database=using, verbosity=0)


def _address_failures_key(request: HttpRequest) -> str:
    return f"sign-in-failures:{client_ip(request)}"


@receiver(user_login_failed, dispatch_uid="advisor-count-address-failures")
def count_failed_sign_in(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    """Count each failed sign-in against its address, whatever the name; no success resets it."""
    if request is not None:
        seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
        take_slot(_address_failures_key(request), settings.SIGN_IN_FAILURES_PER_ADDRESS, seconds)


class AddressThrottleBackend:
    """First authentication backend: refuses every sign-in from an address that failed too often.

    django-axes locks a (name, address) pair; this stops one address from guessing many names.
    It authenticates no one and has no get_user, so sessions never name it as their backend.
    """

    def authenticate(self, request: HttpRequest | None, **credentials):
        if request is None:
            return None
        limit = settings.SIGN_IN_FAILURES_PER_ADDRESS
        if events_within_window(_address_failures_key(request), limit) >= limit:
            log.warning("Sign-ins refused from %s: too many failures", client_ip(request))
            # AxesMiddleware answers a request flagged so with the lockout page (locked_out).
            request.axes_locked_out = True
            raise PermissionDenied
        return None


def in_background(work: Callable[[], object]) -> threading.Thread:
    """Run `work` in a thread of its own and log its failure (the tests run it inline)."""

    def run() -> None:
        try:
            work()
        except Exception:
            log.exception("Work after a response failed")
        finally:
            connections.close_all()  # this thread's own connections only

    thread = threading.Thread(target=run, name="after-response")
    thread.start()
    return thread


class RedirectThen(HttpResponseRedirect):
    """A redirect that starts `work` only once the server has sent it (WSGI calls close())."""

    def __init__(self, url: str, work: Callable[[], object]):
        super().__init__(url)
        self.work = work

    def close(self) -> None:
        in_background(self.work)
        super().close()


class PasswordResetView(auth_views.PasswordResetView):
    """Looks up the account and sends the email after answering, in the background, so the
    answer takes as long whether or not the address has an account."""

    def form_valid(self, form):
        options = {
            "use_https": self.request.is_secure(),
            "token_generator": self.token_generator,
            "from_email": self.from_email,
            "email_template_name": self.email_template_name,
            "subject_template_name": self.subject_template_name,
            "request": self.request,
            "html_email_template_name": self.html_email_template_name,
            "extra_email_context": self.extra_email_context,
        }
        # A failed send is logged by the form (logger django.contrib.auth), anything else here.
        return RedirectThen(self.get_success_url(), functools.partial(form.save, **options))


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password through the emailed link also lifts the account's sign-in lock."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_sign_in_failures(username=form.user.get_username())
        return response


def rate_limited(name: str) -> Callable:
    """Allow RATE_LIMIT_PER_HOUR form submissions per address per hour; GETs are free."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                key = f"rate-limit:{name}:{client_ip(request)}"
                if not take_slot(key, settings.RATE_LIMIT_PER_HOUR, 3600):
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
