"""Template filters: countdowns and time left in the candidate's words."""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@register.filter
def countdown(moment: datetime | None, now: datetime | None = None) -> str:
    """Say when something happens relative to now, in the candidate's calendar days:
    "in 3 hours", "tomorrow", "in 2 days", "yesterday", "5 days ago"."""
    if moment is None:
        return ""
    now = now or timezone.now()
    seconds = (moment - now).total_seconds()
    days = (timezone.localdate(moment) - timezone.localdate(now)).days
    if abs(seconds) < 60:
        return "now"
    if days == 0 or abs(seconds) < 6 * 3600:
        hours, minutes = divmod(round(abs(seconds) / 60), 60)
        amount = _plural(hours, "hour") if hours else _plural(minutes, "minute")
        return f"in {amount}" if seconds > 0 else f"{amount} ago"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


@register.filter
def time_left(deadline: datetime | None, now: datetime | None = None) -> str:
    """ "5 hours left" before a deadline, or "overdue by 2 hours" after it."""
    if deadline is None:
        return ""
    now = now or timezone.now()
    seconds = (deadline - now).total_seconds()
    hours, minutes = divmod(round(abs(seconds) / 60), 60)
    amount = _plural(hours, "hour") if hours else _plural(minutes, "minute")
    return f"{amount} left" if seconds >= 0 else f"overdue by {amount}"
