"""The morning summary: what the advice says is due today, emailed to the candidate.

`build` gathers one user's summary from the board's next actions (advisor.board) and the
interviews of today and tomorrow, in a fixed number of queries; `render` makes the email (plain
text and HTML); `send_due` sends every summary due at the time it runs and records each one
after the mail server accepted it. The signed tokens of the confirmation and unsubscribe links
are made and read here too.
"""

import contextlib
import logging
import re
import smtplib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, transaction
from django.db.models import F, JSONField, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from advisor.board import (
    ACTION_PIPELINES,
    RECENT_MEETING,
    RESEARCH_HORIZON,
    NextAction,
    keep_latest_thank_yous,
    next_actions,
    people_for_actions,
    with_company_research,
)
from advisor.models import Pipeline, Round, SummarySent, User, with_rounds

log = logging.getLogger("advisor")

LIST_NAME = "summary"
CONFIRM_SALT = "advisor.summary.confirm-email"
UNSUBSCRIBE_SALT = "advisor.summary.unsubscribe"
CONFIRM_MAX_AGE = timedelta(days=3)
# Research is worth a reminder for interviews this close; the board looks further ahead.
RESEARCH_WITHIN = timedelta(hours=48)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


# Tokens: signed, naming the user (and the address or the list), so one cannot serve another.


def confirm_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> tuple[User, str] | None:
    """The user and the address a confirmation link names, or None for a forged link or a
    deleted user. An expired link raises signing.SignatureExpired."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    return (user, data.get("email", "")) if user else None


def unsubscribe_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "list": LIST_NAME}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> User | None:
    """The user an unsubscribe link names; it never expires, as the emails that carry it stay."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if data.get("list") != LIST_NAME:
        return None
    return User.objects.filter(pk=data.get("user")).first()


# The confirmation email


def send_confirmation(user: User) -> bool:
    """Email the link that confirms the account's address; False (and logged) when the mail
    server could not be reached or refused it, so the page can say so."""
    context = {
        "user": user,
        "link": absolute(reverse("email_confirm", args=[confirm_token(user)])),
        "days": CONFIRM_MAX_AGE.days,
        "settings_url": absolute(reverse("settings")),
    }
    message = EmailMultiAlternatives(
        subject="Confirm your address for the morning summary",
        body=render_to_string("email/confirm.txt", context),
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    try:
        mailers.default.send_messages([message])
    except (smtplib.SMTPException, OSError, ValueError) as error:
        log.error("Confirmation email for %s not sent: %s", user.get_username(), error)
        return False
    return True


# One user's summary


@dataclass(frozen=True)
class Interview:
    """An interview today or tomorrow, with what the email says about it."""

    round: Round
    pipeline: Pipeline
    day: str  # "today" or "tomorrow"
    time: str  # "10:00", in the candidate's time zone
    people: list[str]

    @property
    def place_is_link(self) -> bool:
        return self.round.location.startswith(("https://", "http://"))


def advisable_key(action: NextAction) -> str:
    """Who and where: the same request on another day is the same key."""
    return f"{action.kind}:{action.interviewer}:{action.platform}"


@dataclass
class Summary:
    user: User
    now: datetime  # in the candidate's time zone
    thank_yous: list[NextAction] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    research: list[NextAction] = field(default_factory=list)
    advisable: list[NextAction] = field(default_factory=list)  # new since the last summary
    advisable_now: list[str] = field(default_factory=list)  # keys of all, new or not

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def is_empty(self) -> bool:
        return not (self.thank_yous or self.interviews or self.research or self.advisable)

    @property
    def subject(self) -> str:
        """What is in it, most pressing first: "2 thank-yous due, interview tomorrow at 10:00
        with Northwind"."""
        parts = []
        if self.thank_yous:
            parts.append(_count(len(self.thank_yous), "thank-you") + " due")
        if self.interviews:
            first = self.interviews[0]
            text = f"interview {first.day} at {first.time} with {first.pipeline.company}"
            if len(self.interviews) > 1:
                text += f" (and {_count(len(self.interviews) - 1, 'other')})"
            parts.append(text)
        if self.research:
            people = sum(1 for a in self.research if a.interviewer)
            counted = [
                _count(n, word, plural)
                for n, word, plural in [
                    (len(self.research) - people, "company", "companies"),
                    (people, "interviewer", ""),
                ]
                if n
            ]
            parts.append(" and ".join(counted) + " to research")
        requests = sum(1 for a in self.advisable if a.kind == "connect")
        follows = len(self.advisable) - requests
        if requests or follows:
            counted = [
                _count(n, word) for n, word in [(requests, "request"), (follows, "follow")] if n
            ]
            parts.append(" and ".join(counted) + " now advisable")
        subject = ", ".join(parts)
        return subject[:1].upper() + subject[1:]


def _count(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def build(user: User, now: datetime, *, seen: Collection[str] = ()) -> Summary:
    """What is due for `user` at `now`: thank-yous due or overdue, interviews today and
    tomorrow, research left for interviews within 48 hours, and requests or follows that became
    advisable since the summary whose advisable keys are `seen`. Six queries whatever the
    account holds (fewer when no round is near `now`)."""
    seen = set(seen)
    with timezone.override(user.tz):
        near = Round.objects.filter(
            pipeline__owner=user,
            scheduled_at__gte=now - RECENT_MEETING,
            scheduled_at__lte=now + RESEARCH_HORIZON,
        )
        thank_you_open = Pipeline.objects.thank_you_open_ids(user, ACTION_PIPELINES)
        chat_thank_you_open = Pipeline.objects.chat_thank_you_open_ids(user, ACTION_PIPELINES)
        hired = Pipeline.objects.hired_lately_ids(user, now, RECENT_MEETING)
        pipelines = with_rounds(
            user.pipelines.filter(
                Q(pk__in=user.pipelines.open().filter(pk__in=near.values("pipeline_id")))
                | Q(pk__in=thank_you_open)
                | Q(pk__in=chat_thank_you_open)
                | Q(pk__in=hired)
            )
        )
        rounds = [r for p in pipelines if not p.is_closed for r in p.round_list]
        keep_latest_thank_yous(rounds, ACTION_PIPELINES)
        actions = with_company_research(
            next_actions(user, pipelines, people_for_actions(pipelines, now), now), pipelines, now
        )
        local = timezone.localtime(now)
        summary = Summary(user=user, now=local)
        summary.thank_yous = [a for a in actions if a.kind == "thank-you"]
        summary.research = [
            a for a in actions if a.kind == "research" and a.due <= now + RESEARCH_WITHIN
        ]
        advisable = [a for a in actions if a.kind in ("connect", "follow")]
        summary.advisable_now = [advisable_key(a) for a in advisable]
        summary.advisable = [a for a in advisable if advisable_key(a) not in seen]
        tomorrow = local.date() + timedelta(days=1)
        coming = sorted(
            (
                r
                for r in rounds
                if r.is_upcoming
                and r.scheduled_at is not None
                and now <= r.scheduled_at
                and timezone.localdate(r.scheduled_at) <= tomorrow
            ),
            key=lambda r: r.scheduled_at,
        )
        summary.interviews = [
            Interview(
                round=r,
                pipeline=r.pipeline,
                day="today" if timezone.localdate(r.scheduled_at) == local.date() else "tomorrow",
                time=timezone.localtime(r.scheduled_at).strftime("%H:%M"),
                people=[person.name for person in r.people],
            )
            for r in coming
        ]
    return summary


def render(summary: Summary) -> EmailMultiAlternatives:
    """The email: plain text and HTML parts with the same content, and the one-click
    unsubscribe headers of RFC 8058."""
    user = summary.user
    unsubscribe = absolute(reverse("unsubscribe", args=[unsubscribe_token(user)]))
    context = {
        "summary": summary,
        "site_url": settings.SITE_URL,
        "settings_url": absolute(reverse("settings")),
        "unsubscribe_url": unsubscribe,
    }
    with timezone.override(user.tz):
        text = re.sub(r"\n{3,}", "\n\n", render_to_string("email/summary.txt", context))
        html = render_to_string("email/summary.html", context)
    message = EmailMultiAlternatives(
        subject=summary.subject,
        body=text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


# Sending every summary due


def day_start(local: datetime) -> datetime:
    """The moment the local day of `local` (an aware datetime in the user's zone) began."""
    return datetime.combine(local.date(), time(), tzinfo=local.tzinfo)


def due_users(now: datetime) -> list[User]:
    """Users whose summary is due at `now`: turned on, the address confirmed and not
    bouncing, the local hour at or past theirs, and no summary sent since today's midnight in
    the zone they have now: after a move east, nobody gets two in one day; after a move west,
    the new zone's morning gets its own, though its date may be the old zone's. One query."""
    latest = SummarySent.objects.filter(user=OuterRef("pk")).order_by("-sent_at")
    users = (
        User.objects.filter(
            summary_enabled=True,
            is_active=True,
            email_bouncing=False,
            email_confirmed=F("email"),
        )
        .exclude(email="")
        .annotate(
            last_sent_at=Subquery(latest.values("sent_at")[:1]),
            last_advisable=Subquery(latest.values("advisable")[:1], output_field=JSONField()),
        )
        .order_by("pk")
    )
    due = []
    for user in users:
        local = timezone.localtime(now, user.tz)
        if local.hour < user.summary_hour:
            continue
        if user.last_sent_at is not None and user.last_sent_at >= day_start(local):
            continue
        due.append(user)
    return due


def deliver(summary: Summary, connection) -> bool:
    """Claim today's record, send, and keep the record only if the server accepted the message:
    a failed send removes it, so the next run tries again. The claim is committed before the
    mail server is spoken to, so no database lock waits on it. False when it was not sent:
    another run claimed it first (the unique user and date), or the user was deleted or turned
    the summary off meanwhile. A run killed between claim and send loses that day's summary,
    rather than the site waiting on the mail server."""
    message = render(summary)
    user = summary.user
    try:
        with transaction.atomic():
            # Locks the user's row (PostgreSQL; SQLite locks the database for this short
            # transaction): a second run waits here, then finds today's record and stops.
            still_wanted = User.objects.select_for_update().filter(pk=user.pk, summary_enabled=True)
            if not list(still_wanted.values_list("pk", flat=True)):
                return False
            claim = SummarySent.objects.create(
                user=user,
                date=summary.today,
                day_start=day_start(summary.now),
                sent_at=summary.now,
                advisable=summary.advisable_now,
            )
    except IntegrityError:
        return False
    try:
        _send(connection, message)
    except BaseException:
        SummarySent.objects.filter(pk=claim.pk).delete()
        raise
    return True


def _send(connection, message: EmailMultiAlternatives) -> None:
    """Over the open connection, or a new one when the server has closed it (servers close a
    connection that has carried their limit of messages, with 421 or without a word)."""
    connection.open()
    try:
        connection.send_messages([message])
    except smtplib.SMTPServerDisconnected:
        pass
    except smtplib.SMTPResponseException as error:
        if error.smtp_code != 421:
            raise
    else:
        return
    _close(connection)
    connection.open()
    connection.send_messages([message])


@dataclass
class Run:
    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (username, why)
    bounced: list[str] = field(default_factory=list)
    nothing_due: int = 0
    skipped: int = 0  # sent by another run, deleted or turned off meanwhile


def send_due(
    now: datetime | None = None,
    *,
    dry_run: bool = False,
    show: Callable[[Summary, EmailMultiAlternatives], None] | None = None,
) -> Run:
    """Send every summary due at `now` over one SMTP connection, going on after a failure.
    A 5xx refusal of the address (on RCPT) marks it bouncing and turns the summary off; a
    server that is down or answers 4xx marks nobody, and the next run tries again. With
    `dry_run`, each summary is handed to `show` instead and nothing is sent or recorded."""
    now = now or timezone.now()
    run = Run()
    connection = mailers.default
    try:
        for user in due_users(now):
            name = user.get_username()
            try:
                summary = build(user, now, seen=user.last_advisable or ())
                if summary.is_empty:
                    run.nothing_due += 1
                    continue
                if dry_run:
                    if show is not None:
                        show(summary, render(summary))
                    run.sent.append(name)
                    continue
                if deliver(summary, connection):
                    run.sent.append(name)
                else:
                    run.skipped += 1
            except smtplib.SMTPRecipientsRefused as error:
                code, reply = next(iter(error.recipients.values()))
                reply = reply.decode(errors="replace") if isinstance(reply, bytes) else reply
                if 500 <= code < 600:
                    user.mark_bouncing()
                    run.bounced.append(name)
                    why = f"the server refused {user.email} ({code} {reply}): marked bouncing"
                else:
                    why = f"the server deferred {user.email} ({code} {reply})"
                run.failed.append((name, why))
                log.error("Morning summary for %s not sent: %s", name, why)
            except (smtplib.SMTPException, OSError, ValueError) as error:
                why = f"{type(error).__name__}: {error}"
                run.failed.append((name, why))
                log.error("Morning summary for %s not sent: %s", name, why)
                _close(connection)  # the next one starts on a fresh connection
            except Exception as error:
                # A fault of ours with this account's data: the others still get theirs.
                run.failed.append((name, f"{type(error).__name__}: {error}"))
                log.exception("Morning summary for %s not built", name)
    finally:
        _close(connection)
    return run


def _close(connection) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):
        connection.close()
