"""Interviews as iCalendar events, built with the icalendar library."""

from collections.abc import Iterable
from datetime import datetime, time, timedelta

from django.utils import timezone
from icalendar import Alarm, Calendar, Event, vCalAddress

from advisor.fields import one_line
from advisor.models import Interviewer, Round, User

PRODID = "-//Interview Advisor//Interviews//EN"


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # Unlike the events' text, icalendar does not escape line breaks in this one.
    calendar.add("x-wr-calname", one_line(name))
    return calendar


def _alarm(description: str, trigger, **parameters: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", trigger, parameters=parameters or None)
    return alarm


def attendee(person: Interviewer) -> vCalAddress:
    """A person of the round, by email when known. RSVP=FALSE and no organizer: a calendar app
    has no one to send an invitation or a reply to."""
    email = person.email.strip()
    address = vCalAddress(f"mailto:{email}" if email else f"urn:x-interview-advisor:{person.pk}")
    address.params["CN"] = person.name
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["RSVP"] = "FALSE"
    return address


def round_event(
    round_: Round, user: User, dashboard_url: str, now: datetime, *, attendees: bool = False
) -> Event:
    """One round as an event, with reminders a day before, the evening before (research) and
    an hour after it ends (the thank-you); with `attendees`, its people as ATTENDEE lines.
    `round_` has its pipeline and interviewers loaded."""
    pipeline = round_.pipeline
    interviewers = list(round_.interviewers.all())
    people = ", ".join(person.name for person in interviewers)
    event = Event()
    event.add("uid", f"round-{round_.pk}@interview-advisor")
    event.add("dtstamp", now)
    event.add("summary", f"{round_.name}: {pipeline.role} at {pipeline.company}")
    event.add("dtstart", round_.scheduled_at)
    event.add("duration", timedelta(minutes=round_.duration_minutes))
    if round_.location:
        event.add("location", round_.location)
    event.add("url", dashboard_url)
    lines = [f"Interviewers: {people}" if people else "Interviewers: not recorded yet"]
    lines.append(f"Advice, drafts and checklist: {dashboard_url}")
    event.add("description", "\n".join(lines))
    if round_.status == Round.Status.CANCELLED:
        event.add("status", "CANCELLED")
    if attendees:
        for person in interviewers:
            event.add("attendee", attendee(person))
    if round_.scheduled_at - timedelta(days=1) > now:
        heads_up = f"Tomorrow: {round_.name} with {pipeline.company}"
        event.add_component(_alarm(heads_up, timedelta(days=-1)))
    # The evening before, at 19:00 in the candidate's time zone.
    day_before = timezone.localtime(round_.scheduled_at, user.tz).date() - timedelta(days=1)
    evening = datetime.combine(day_before, time(19, 0), tzinfo=user.tz)
    # Reminders only for what is still ahead; an absolute trigger must say it is a DATE-TIME.
    if now < evening < round_.scheduled_at:
        reminder = "Tomorrow's interview: go through the research checklist"
        event.add_component(_alarm(reminder, evening.astimezone(timezone.UTC), VALUE="DATE-TIME"))
    if round_.ends_at > now:
        thank_you = "Thank-you email due within 24 hours"
        event.add_component(_alarm(thank_you, timedelta(hours=1), RELATED="END"))
    return event


def calendar_for(
    rounds: Iterable[Round],
    user: User,
    url_for,
    name: str,
    now: datetime,
    *,
    attendees: bool = False,
) -> bytes:
    calendar = new_calendar(name)
    for round_ in rounds:
        event = round_event(round_, user, url_for(round_), now, attendees=attendees)
        calendar.add_component(event)
    return calendar.to_ical()
