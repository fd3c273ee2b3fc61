"""The site is safe to run on the internet: production settings, headers, error pages, sign-in."""

import io
import json
import os
import re
import secrets
import subprocess
import threading
import time
from datetime import timedelta
from smtplib import SMTPException

import pytest
from axes.models import AccessAttempt
from conftest import PASSWORD
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, path, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from servers import python_process
from test_access import _walk as walk
from test_access import url_for

from advisor.models import User
from advisor.security import PasswordResetView
from advisor.security import in_background as start_in_background
from advisor.urls import urlpatterns as site_urlpatterns

LOGIN = "/accounts/login/"


def boom(request):
    raise RuntimeError("internal detail that must stay on the server")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [*site_urlpatterns, path("boom/", boom), path("forbidden/", forbidden)]


def production(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run Python code with the production settings (DEBUG off) in a fresh interpreter."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "advisor.example.org",
        "SITE_URL": "https://advisor.example.org",
        **env,
    }
    return python_process(code, environment, timeout=120)


def production_settings(*names: str, **env: str) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}))"
    )
    result = production(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def production_responses(*requests: tuple[str, dict], **env: str) -> list[dict]:
    """The status and headers of GET requests (path, keyword arguments of the test client's
    get) answered with the production settings read from the environment, in a fresh
    interpreter. The requests need no database: they are refused or sent elsewhere."""
    code = (
        "import django, json; django.setup(); from django.test import Client; "
        "client = Client(HTTP_HOST='advisor.example.org'); "
        "answers = [client.get(path, **extra) for path, extra in "
        f"{list(requests)!r}]; "
        "print(json.dumps([{'status': r.status_code, 'headers': dict(r.headers)} "
        "for r in answers]))"
    )
    result = production(code, DATABASE_URL="sqlite:////nonexistent/no-database.sqlite3", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Production configuration


def test_deploy_check_finds_no_issue_in_production_configuration():
    result = production(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy'])"
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = production("import django; django.setup()", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_sends_everything_over_https_with_host_only_cookies():
    values = production_settings(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_the_proxy_header_is_trusted_only_when_asked_for():
    values = production_settings("SECURE_PROXY_SSL_HEADER", BEHIND_PROXY="1")
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]

    forwarded = ("/", {"headers": {"X-Forwarded-Proto": "https"}})
    [trusted] = production_responses(forwarded, BEHIND_PROXY="1")
    [ignored] = production_responses(forwarded)
    assert trusted["status"] == 302
    assert trusted["headers"]["Location"] == "/accounts/login/?next=/"
    assert "Strict-Transport-Security" in trusted["headers"]
    assert ignored["status"] == 301
    assert ignored["headers"]["Location"] == "https://advisor.example.org/"


def test_the_old_name_of_behind_proxy_still_works_and_says_it_is_deprecated():
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.SECURE_PROXY_SSL_HEADER))"
    )
    result = production(code, SECURE_PROXY_SSL_HEADER="1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert "SECURE_PROXY_SSL_HEADER is deprecated: set BEHIND_PROXY=1" in result.stderr


def test_idle_session_length_comes_from_the_environment():
    assert production_settings("SESSION_COOKIE_AGE", SESSION_COOKIE_AGE="900") == {
        "SESSION_COOKIE_AGE": 900
    }


def test_plain_http_is_redirected_to_https_with_hsts():
    plain, secure = production_responses((LOGIN, {}), ("/", {"secure": True}))

    assert plain["status"] == 301
    assert plain["headers"]["Location"] == "https://advisor.example.org/accounts/login/"
    assert "Strict-Transport-Security" not in plain["headers"]  # only over HTTPS, as RFC 6797 says
    assert secure["status"] == 302
    assert (
        secure["headers"]["Strict-Transport-Security"]
        == "max-age=31536000; includeSubDomains; preload"
    )


# Headers on every page


def every_address(user, objects) -> list[str]:
    """Every address of the URLconf but the static files' and the admin's, with the user's
    objects as arguments (tests/test_access.py fills them), and two that find nothing."""
    addresses = []
    for name, _route, kwargs in walk(get_resolver().url_patterns, skipped=("admin/", "static/")):
        if name == "password_reset_confirm":
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
            addresses.append(reverse(name, kwargs={"uidb64": uid, "token": token}))
        else:
            addresses.append(url_for(name, kwargs, user, objects))
    return [*dict.fromkeys(addresses), "/no-such-page/", "/pipelines/999999/"]


def admin_addresses() -> list[str]:
    """The admin's index and, for each model it lists, its list, add and change pages."""
    addresses = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        addresses += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        if first := model.objects.first():
            addresses.append(reverse(f"{prefix}_change", args=[first.pk]))
    return addresses


@pytest.fixture
def pages(user, make_user, make_one_of_each, client_for) -> list[tuple[Client, str]]:
    """Every page of the site, each seen signed in and not, and the admin's seen by staff."""
    addresses = every_address(user, make_one_of_each(user))
    signed_in, anonymous = client_for(user), Client()
    staff = client_for(make_user("staffer", is_staff=True, is_superuser=True))
    return [(client, url) for url in addresses for client in (signed_in, anonymous)] + [
        (staff, url) for url in admin_addresses()
    ]


def test_every_address_of_the_site_is_checked(pages):
    checked = {url for _, url in pages}
    assert {LOGIN, "/accounts/signup/", "/accounts/password_reset/", "/", "/export/"} <= checked
    assert {"/admin/", "/admin/advisor/pipeline/"} <= checked
    assert len(checked) > 50


def csp_directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()
    }


def test_every_page_has_a_strict_content_security_policy(pages):
    for client, url in pages:
        response = client.get(url)
        directives = csp_directives(response)
        assert directives["object-src"] == "'none'", url
        assert directives["base-uri"] == "'none'", url
        assert directives["frame-ancestors"] == "'none'", url
        assert directives["form-action"] == "'self'", url
        assert directives["default-src"] == "'self'", url
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        policy = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in policy, url
        assert "unsafe-eval" not in policy, url


def test_every_page_isolates_itself_from_other_sites(pages):
    for client, url in pages:
        headers = client.get(url).headers
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert headers["Cross-Origin-Resource-Policy"] == "same-origin", url
        assert headers["Referrer-Policy"] == "same-origin", url
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert headers["X-Frame-Options"] == "DENY", url


def test_pages_with_private_data_are_never_cached(pages):
    for client, url in pages:
        cache_control = client.get(url).headers["Cache-Control"]
        assert "private" in cache_control, url
        assert "no-store" in cache_control, url


# Error pages


@pytest.mark.urls(__name__)
def test_a_crash_shows_our_500_page_and_no_details(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert "css/site" in page
    for leak in ["Traceback", "RuntimeError", "internal detail", settings.SECRET_KEY, "DEBUG"]:
        assert leak not in page


@pytest.mark.urls(__name__)
def test_a_refusal_shows_our_403_page(user, client_for):
    response = client_for(user).get("/forbidden/")
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


def test_a_missing_page_shows_our_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "URLconf" not in response.content.decode()


def test_a_form_without_its_csrf_token_shows_our_explanation(user):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "alex", "password": PASSWORD})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


# Sign-in hardening


def sign_in(client, username="alex", password=PASSWORD, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(user, client):
    for _ in range(4):
        assert sign_in(client, password="wrong-guess").status_code == 200
    assert sign_in(client, password="wrong-guess").status_code == 429

    locked = sign_in(client)

    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_in_to_ones_own_account_between_guesses_does_not_reset_them(user, make_user):
    make_user("mallory")
    attacker = "10.6.6.6"
    for _ in range(4):
        assert sign_in(Client(), password="wrong-guess", address=attacker).status_code == 200
        assert sign_in(Client(), username="mallory", address=attacker).status_code == 302

    assert sign_in(Client(), password="wrong-guess", address=attacker).status_code == 429
    assert sign_in(Client(), address=attacker).status_code == 429


def test_a_success_resets_only_its_own_account_and_address(user):
    for _ in range(4):
        sign_in(Client(), password="wrong-guess", address="10.6.6.6")

    assert sign_in(Client(), address="10.0.0.2").status_code == 302

    assert sign_in(Client(), password="wrong-guess", address="10.6.6.6").status_code == 429
    assert sign_in(Client(), address="10.6.6.6").status_code == 429


def test_the_owner_signs_in_from_another_address_while_one_is_locked(user):
    for _ in range(5):
        sign_in(Client(), password="wrong-guess", address="10.6.6.6")
    assert sign_in(Client(), address="10.6.6.6").status_code == 429

    owner = Client()
    assert sign_in(owner, address="10.0.0.2").status_code == 302
    assert owner.session["_auth_user_id"] == str(user.pk)


def test_choosing_a_new_password_by_email_lifts_the_lock(user):
    for _ in range(5):
        sign_in(Client(), password="wrong-guess")
    assert sign_in(Client()).status_code == 429

    owner = Client()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = owner.get(f"/accounts/reset/{uid}/{default_token_generator.make_token(user)}/")
    new_password = "a-new-long-password-2207"
    done = owner.post(
        link.headers["Location"], {"new_password1": new_password, "new_password2": new_password}
    )
    assert done.headers["Location"] == "/accounts/reset/done/"

    assert sign_in(Client(), password=new_password).status_code == 302


def test_guessing_many_accounts_from_one_address_locks_that_address(user, client):
    for number in range(settings.SIGN_IN_FAILURES_PER_ADDRESS):
        sign_in(client, username=f"guess{number}", password="wrong-guess")

    assert sign_in(Client()).status_code == 429
    assert sign_in(Client(), address="10.0.0.2").status_code == 302


def test_own_sign_ins_between_guesses_do_not_reset_the_address_limit(user, make_user):
    make_user("mallory")
    attacker = "10.6.6.6"
    for number in range(settings.SIGN_IN_FAILURES_PER_ADDRESS - 1):
        sign_in(Client(), username=f"guess{number}", password="wrong-guess", address=attacker)
        assert sign_in(Client(), username="mallory", address=attacker).status_code == 302

    sign_in(Client(), username="last-guess", password="wrong-guess", address=attacker)

    refused = sign_in(Client(), username="mallory", address=attacker)
    assert refused.status_code == 429
    assert "15 minutes" in refused.content.decode()
    assert sign_in(Client(), address="10.0.0.2").status_code == 302


def test_the_lockout_ends_after_the_cool_off(user, client):
    for _ in range(5):
        sign_in(client, password="wrong-guess")
    assert sign_in(client).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert sign_in(client).status_code == 302


def test_four_wrong_passwords_do_not_lock_anyone_out(user, client):
    for _ in range(4):
        sign_in(client, password="wrong-guess")
    assert sign_in(client).status_code == 302


def test_sign_ins_are_logged_without_passwords(user, client, caplog):
    caplog.set_level("INFO", logger="advisor.security")
    sign_in(client, password="wrong-guess-7731")
    sign_in(client)

    logged = caplog.text
    assert "Failed sign-in: 'alex' from 10.0.0.1" in logged
    assert "Sign-in: alex from 10.0.0.1" in logged
    assert "wrong-guess-7731" not in logged
    assert PASSWORD not in logged
    assert "wrong-guess-7731" not in repr(list(AccessAttempt.objects.values()))


@pytest.fixture
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_sign_ups_are_limited_per_address(fresh_rate_limits, client, db):
    for number in range(settings.RATE_LIMIT_PER_HOUR):
        response = client.post("/accounts/signup/", {"username": f"x{number}"})
        assert response.status_code == 200

    refused = client.post("/accounts/signup/", {"username": "one-more"})

    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert client.get("/accounts/signup/").status_code == 200
    other = client.post("/accounts/signup/", {"username": "y"}, REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 200


def test_password_reset_emails_are_limited_per_address(fresh_rate_limits, client, db):
    for _ in range(settings.RATE_LIMIT_PER_HOUR):
        client.post("/accounts/password_reset/", {"email": "someone@example.org"})

    refused = client.post("/accounts/password_reset/", {"email": "someone@example.org"})

    assert refused.status_code == 429


def test_behind_the_proxy_the_forwarded_address_is_the_client(settings, fresh_rate_limits):
    from advisor.security import client_ip

    class Request:
        META = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}

    settings.BEHIND_PROXY = False
    assert client_ip(Request()) == "127.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_ip(Request()) == "203.0.113.9"


def without_tokens(response) -> str:
    """The page without its CSRF token and CSP nonces, which differ on every response."""
    page = re.sub(r'nonce="[^"]*"', "nonce", response.content.decode())
    return re.sub(r'"[A-Za-z0-9]{64}"', '"token"', page)


def test_password_reset_does_not_tell_whether_an_address_has_an_account(
    make_user, client, fresh_rate_limits
):
    make_user("known", email="known@example.org")

    known = client.post("/accounts/password_reset/", {"email": "known@example.org"}, follow=True)
    unknown = client.post("/accounts/password_reset/", {"email": "nobody@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert without_tokens(known) == without_tokens(unknown)
    assert len(mail.outbox) == 1


def test_password_reset_answers_before_looking_up_the_address(
    make_user, client, fresh_rate_limits, monkeypatch
):
    make_user("known", email="known@example.org")
    left_for_later = []
    monkeypatch.setattr("advisor.security.in_background", left_for_later.append)

    for address in ["known@example.org", "nobody@example.org"]:
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/accounts/password_reset/", {"email": address})
        assert response.status_code == 302
        assert not [q for q in queries if User._meta.db_table in q["sql"]], address

    assert mail.outbox == []
    assert len(left_for_later) == 2
    for work in left_for_later:
        work()
    assert [message.to for message in mail.outbox] == [["known@example.org"]]


def test_the_reset_email_waits_until_the_answer_has_been_sent(make_user, fresh_rate_limits):
    make_user("known", email="known@example.org")
    request = RequestFactory().post("/accounts/password_reset/", {"email": "known@example.org"})
    request._dont_enforce_csrf_checks = True

    response = PasswordResetView.as_view()(request)
    assert response.status_code == 302
    assert mail.outbox == []

    response.close()  # what the WSGI server does once the answer is out
    assert len(mail.outbox) == 1


def test_a_failed_reset_email_is_logged(make_user, client, fresh_rate_limits, monkeypatch, caplog):
    user = make_user("known", email="known@example.org")

    def refuse(message, *args, **kwargs):
        raise SMTPException("mail server unreachable")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = client.post("/accounts/password_reset/", {"email": "known@example.org"})

    assert response.status_code == 302
    assert f"Failed to send password reset email to {user.pk}" in caplog.text
    assert "mail server unreachable" in caplog.text


def test_work_after_an_answer_runs_in_its_own_thread_and_its_failure_is_logged(caplog):
    threads = []

    def fail():
        threads.append(threading.current_thread().name)
        raise SMTPException("mail server unreachable")

    start_in_background(fail).join(timeout=10)

    assert threads == ["after-response"]
    assert "Work after a response failed" in caplog.text
    assert "mail server unreachable" in caplog.text


def test_a_failed_reset_email_reaches_standard_error_in_production():
    result = production(
        "import django, logging; django.setup(); "
        "logging.getLogger('django.contrib.auth').error('Failed to send password reset email')"
    )
    assert result.returncode == 0, result.stderr
    assert "Failed to send password reset email" in result.stderr


# Request size

MiB = 1024 * 1024


class Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")


def test_an_upload_over_the_limit_is_refused_with_413(user, client_for):
    upload = SimpleUploadedFile("big.json", b"[" + b" " * (10 * MiB) + b"]")

    response = client_for(user).post("/import/", {"file": upload})

    assert response.status_code == 413
    assert "larger than 10.0\xa0MB" in response.content.decode()
    assert not user.pipelines.exists()


def test_a_form_over_the_limit_is_refused_with_413(user, client_for):
    response = client_for(user).post("/pipelines/new/", {"company": "x" * (10 * MiB)})

    assert response.status_code == 413
    assert not user.pipelines.exists()


def test_a_body_over_the_limit_is_refused_before_it_is_read(user, client_for):
    response = client_for(user).generic(
        "POST",
        "/import/",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(100 * MiB),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413


def test_a_body_of_unknown_size_is_refused(user, client_for):
    response = client_for(user).generic(
        "POST",
        "/pipelines/new/",
        content_type="application/x-www-form-urlencoded",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 411
    assert "could not tell how large" in response.content.decode()


def test_the_size_limit_comes_from_the_environment():
    assert production_settings("MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES=str(MiB)) == {
        "MAX_UPLOAD_BYTES": MiB
    }


# Sessions


def test_signing_in_gives_a_new_session_key(user, client):
    old_key = client.session.session_key
    assert old_key

    sign_in(client)

    assert client.session.session_key != old_key
    assert client.session["_auth_user_id"] == str(user.pk)


def test_changing_the_password_signs_out_every_other_session(user, client_for):
    here, elsewhere = client_for(user), client_for(user)
    new_password = "another-long-password-5531"

    response = here.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )

    assert response.status_code == 302
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").headers["Location"] == "/accounts/login/?next=/"


def test_a_session_expires_after_the_configured_idle_time(user, client):
    sign_in(client)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_session_in_use_stays_while_an_idle_one_ends(user, settings):
    settings.SESSION_COOKIE_AGE = 2
    active, idle = Client(), Client()
    assert sign_in(active).status_code == 302
    assert sign_in(idle).status_code == 302

    started = time.monotonic()
    while time.monotonic() - started < 3:
        assert active.get("/").status_code == 200
        time.sleep(0.4)

    assert active.get("/").status_code == 200
    assert idle.get("/").headers["Location"] == "/accounts/login/?next=/"
