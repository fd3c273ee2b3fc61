"""The pages and actions: short function views that fetch, check ownership, act, render."""

import re
import secrets
from dataclasses import replace
from datetime import datetime
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.middleware import HtmxDetails

from advisor import (
    advice,
    advising,
    dataformat,
    ics,
    import_words,
    invites,
    jinja,
    linkedin_import,
    sample,
    spreadsheet,
    summary,
)
from advisor.board import board_page
from advisor.cards import read_their_rounds, round_page
from advisor.forms import (
    AttachInterviewerForm,
    DeleteAccountForm,
    ImportForm,
    InterviewerForm,
    InterviewerTouchForm,
    InviteForm,
    LinkedInForm,
    MergeForm,
    MoveForm,
    PipelineForm,
    PipelineStatusForm,
    ProfileForm,
    ProfileTouchForm,
    ResearchTickForm,
    RoundForm,
    RoundStatusForm,
    SettingsForm,
    SignupForm,
    StanceForm,
    SummaryForm,
    TopicForm,
    TouchForm,
    saved,
)
from advisor.models import (
    Interviewer,
    Pipeline,
    Profile,
    ResearchTick,
    Round,
    Touch,
    User,
    interviewers_with_details,
    with_people,
)
from advisor.reversing import url_for


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# One helper per type: the only way a view reaches an object, scoped to its owner.


def _get_pipeline(request: HtmxHttpRequest, pipeline_id: int) -> Pipeline:
    return get_object_or_404(Pipeline, pk=pipeline_id, owner=request.user)


def _get_round(request: HtmxHttpRequest, round_id: int) -> Round:
    return get_object_or_404(
        Round.objects.select_related("pipeline"), pk=round_id, pipeline__owner=request.user
    )


def _get_interviewer(request: HtmxHttpRequest, interviewer_id: int) -> Interviewer:
    return get_object_or_404(Interviewer, pk=interviewer_id, owner=request.user)


def _get_profile(request: HtmxHttpRequest, profile_id: int) -> Profile:
    return get_object_or_404(
        Profile.objects.select_related("interviewer"),
        pk=profile_id,
        interviewer__owner=request.user,
    )


def _get_touch(request: HtmxHttpRequest, touch_id: int) -> Touch:
    return get_object_or_404(
        Touch.objects.select_related("interviewer"), pk=touch_id, interviewer__owner=request.user
    )


# htmx swaps one part of a page: the element whose id the part's {% partialdef %} is named after.


def htmx_asks_for(request: HtmxHttpRequest, part: str) -> bool:
    """Whether htmx asked for the element with id `part` alone. A boosted link or form, a
    history restore after a cache miss, or a request aimed at another part wants the page."""
    htmx = request.htmx
    if not htmx or htmx.boosted or htmx.history_restore_request:
        return False
    return htmx.target in (None, part)


def render_page(
    request: HtmxHttpRequest, template: str, context: dict, *, partial: str, status: int = 200
) -> HttpResponse:
    """The page, or for htmx asking for that part only its `{% partialdef partial %}`."""
    if htmx_asks_for(request, partial):
        template = f"{template}#{partial}"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])  # one address, two answers: caches keep both
    return response


# Sign-up and the account


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HtmxHttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("board")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and saved(form):
        user = form.instance
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome! Start by adding the job you are interviewing for.")
        if user.summary_enabled:
            _send_confirmation(request, user)
        return redirect("board")
    return render(request, "registration/signup.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def account_settings(request: HtmxHttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("settings")
    summary_form = SummaryForm(instance=request.user)
    return render(request, "account/settings.html", {"form": form, "summary_form": summary_form})


# The morning summary: its settings, and the links its emails carry (no sign-in needed)


@require_POST
@login_required
def summary_settings(request: HtmxHttpRequest) -> HttpResponse:
    summary_form = SummaryForm(request.POST, instance=request.user)
    if not summary_form.is_valid():
        form = SettingsForm(instance=request.user)
        context = {"form": form, "summary_form": summary_form}
        return render(request, "account/settings.html", context, status=400)
    user = summary_form.save()
    messages.success(request, "Morning summary settings saved.")
    if summary_form.needs_confirmation:
        _send_confirmation(request, user)
    return redirect("settings")


def _send_confirmation(request: HtmxHttpRequest, user: User) -> None:
    if summary.send_confirmation(user):
        messages.info(
            request,
            f"We sent a link to {user.email}: open it within {summary.CONFIRM_MAX_AGE.days} "
            "days to confirm the address, and the morning summary can start.",
        )
    else:
        messages.error(
            request, "The confirmation email could not be sent just now: try “Send it again”."
        )


@require_POST
@login_required
def email_confirm_send(request: HtmxHttpRequest) -> HttpResponse:
    if not request.user.email:
        messages.error(request, "Add your email address first.")
    elif request.user.email_is_confirmed:
        messages.info(request, "Your address is already confirmed.")
    else:
        _send_confirmation(request, request.user)
    return redirect("settings")


@require_http_methods(["GET", "HEAD", "POST"])
def email_confirm(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """GET shows a button and changes nothing (mail scanners open links); POST confirms."""
    try:
        found = summary.read_confirm_token(token)
    except signing.SignatureExpired:
        return render(request, "account/email_confirm.html", {"expired": True}, status=410)
    if found is None:
        raise Http404("No such confirmation link.")
    user, address = found
    context = {"address": address, "current": address == user.email}
    if request.method == "POST" and context["current"]:
        user.confirm_email(address)
        context["confirmed"] = True
    return render(request, "account/email_confirm.html", context)


# Mail clients post the one-click unsubscribe (RFC 8058) with no form of ours, so no CSRF
# token: the signed token in the address is the key.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """GET shows a button; POST, from it or from the mail client, turns the summary off."""
    user = summary.read_unsubscribe_token(token)
    if user is None:
        raise Http404("No such unsubscribe link.")
    if request.method == "POST":
        user.stop_summary()
        return render(request, "account/unsubscribe.html", {"address": user.email, "done": True})
    context = {"address": user.email, "enabled": user.summary_enabled}
    return render(request, "account/unsubscribe.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def account_delete(request: HtmxHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()
        # Nobody can be served them (their key names the user), but nothing of theirs is kept
        # in this process's memory either. Other processes drop theirs as newer pages come.
        caches["round_pages"].clear()
        messages.success(request, "Your account and all its data are deleted.")
        return redirect("login")
    return render(request, "account/delete.html", {"form": form})


def _confirm_then_delete(
    request: HtmxHttpRequest, obj, *, what: str, back, done: str, then
) -> HttpResponse:
    """GET shows what will go; POST deletes it, says so and goes to `then`."""
    if request.method == "POST":
        obj.delete()
        messages.success(request, done)
        return redirect(then)
    return render(request, "confirm_delete.html", {"object": obj, "what": what, "back": back})


# The board


@require_safe
@login_required
def board(request: HtmxHttpRequest) -> HttpResponse:
    if request.GET.get("closed"):
        closed = request.user.pipelines.closed().order_by("-updated", "pk")
        page = Paginator(closed, 50).get_page(request.GET.get("page"))
        return render(request, "board/closed.html", {"page": page})
    context = board_page(request.user, request.GET.get("page"), timezone.now())
    return render(request, "board/board.html", context)


@require_POST
@login_required
def sample_add(request: HtmxHttpRequest) -> HttpResponse:
    if sample.has_sample(request.user):  # a second click, or another tab
        messages.info(request, "The sample is already on your board.")
    else:
        sample.add_sample(request.user, timezone.now())
        messages.success(
            request,
            "Sample data added: one application with three rounds and three people, each "
            "marked (sample). Remove it from the board when you are done.",
        )
    return redirect("board")


@require_POST
@login_required
def sample_remove(request: HtmxHttpRequest) -> HttpResponse:
    if sample.remove_sample(request.user):
        messages.success(request, "The sample data is gone, with everything it added.")
    else:
        messages.info(request, "There was no sample data to remove.")
    return redirect("board")


# Pipelines


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pipeline_new(request: HtmxHttpRequest) -> HttpResponse:
    form = PipelineForm(
        request.POST or None,
        instance=Pipeline(owner=request.user),
        initial=PipelineForm.prefill(request.GET),
    )
    if request.method == "POST" and form.is_valid():
        pipeline = form.save()
        messages.success(request, "Pipeline added. Now add its first round.")
        return redirect(pipeline)
    return render(request, "pipelines/form.html", {"form": form})


@require_safe
@login_required
def pipeline_detail(request: HtmxHttpRequest, pipeline_id: int) -> HttpResponse:
    pipeline = _get_pipeline(request, pipeline_id)
    return render(request, "pipelines/detail.html", _pipeline_context(request, pipeline))


def _pipeline_context(request: HtmxHttpRequest, pipeline: Pipeline) -> dict:
    rounds = _round_rows(with_people(pipeline.rounds.order_by("position", "pk")))
    details = [
        pipeline.applied_on and f"Applied on {date_format(pipeline.applied_on, 'j M Y')}",
        pipeline.salary and f"Salary: {pipeline.salary}",
        pipeline.source and f"Found through {pipeline.source}",
    ]
    return {
        "pipeline": pipeline,
        "rounds": rounds,
        "job_details": " · ".join(filter(None, details)),  # escaped in the template
        "status_form": PipelineStatusForm(instance=pipeline),
    }


# The rounds are plain rows, every address reversed once per page: a url tag per form and
# person, and model instances read in the template, were a third of the page's time.
PIPELINE_PAGE_URLS = (
    "interview",
    "interview_status",
    "interview_move",
    "interview_attach",
    "interview_edit",
    "interview_delete",
    "interviewer",
)


def _round_rows(rounds: list[Round]) -> list[dict]:
    url = {name: url_for(name) for name in PIPELINE_PAGE_URLS}
    return [_round_row(round_, url) for round_ in rounds]


def _round_row(round_: Round, url: dict) -> dict:
    pk = round_.pk
    detach_url = url_for("interview_detach", pk)  # once a round, not once a person
    return {
        "pk": pk,
        "name": round_.name,
        "status": round_.status,
        "status_label": round_.get_status_display(),
        "kind_label": round_.get_kind_display(),
        "scheduled_at": round_.scheduled_at,
        "duration_minutes": round_.duration_minutes,
        "location": round_.location,
        "url": url["interview"](pk),
        "status_url": url["interview_status"](pk),
        "move_url": url["interview_move"](pk),
        "attach_url": url["interview_attach"](pk),
        "edit_url": url["interview_edit"](pk),
        "delete_url": url["interview_delete"](pk),
        "people": [
            {
                "name": person.name,
                "url": url["interviewer"](person.pk),
                "detach_url": detach_url(person.pk),
            }
            for person in round_.people
        ],
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pipeline_edit(request: HtmxHttpRequest, pipeline_id: int) -> HttpResponse:
    pipeline = _get_pipeline(request, pipeline_id)
    form = PipelineForm(request.POST or None, instance=pipeline)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Pipeline saved.")
        return redirect(pipeline)
    return render(request, "pipelines/form.html", {"form": form, "pipeline": pipeline})


@require_POST
@login_required
def pipeline_status(request: HtmxHttpRequest, pipeline_id: int) -> HttpResponse:
    pipeline = _get_pipeline(request, pipeline_id)
    before = {"status": pipeline.status}
    form = PipelineStatusForm(request.POST, instance=pipeline)
    if form.is_valid():
        form.save()
        text = f"Status is now {pipeline.get_status_display().lower()}."
        _offer_undo(request, text, pipeline, before)
    else:
        messages.error(request, "Choose one of the listed statuses.")
    return redirect(pipeline)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pipeline_delete(request: HtmxHttpRequest, pipeline_id: int) -> HttpResponse:
    pipeline = _get_pipeline(request, pipeline_id)
    return _confirm_then_delete(
        request,
        pipeline,
        what="this pipeline and all its rounds",
        back=pipeline,
        done=f"Deleted {pipeline}.",
        then="board",
    )


# Rounds


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def round_new(request: HtmxHttpRequest, pipeline_id: int) -> HttpResponse:
    pipeline = _get_pipeline(request, pipeline_id)
    round_ = Round(pipeline=pipeline, position=pipeline.next_position())
    form = RoundForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        form.save()
        if round_.status == Round.Status.DONE:
            round_.mark_done(at=timezone.now(), as_typed=True)
        pipeline.mark_updated()
        messages.success(request, f"Added {round_.name}. Attach the people you will meet.")
        return redirect(pipeline)
    return render(request, "interviews/form.html", {"form": form, "pipeline": pipeline})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def invite_import(request: HtmxHttpRequest, pipeline_id: int) -> HttpResponse:
    """A round from a calendar invitation: upload or paste it, see what it would do, confirm.
    Nothing is written before the candidate confirms on the preview."""
    pipeline = _get_pipeline(request, pipeline_id)
    form = InviteForm(request.POST if request.method == "POST" else None, request.FILES or None)
    context = {"pipeline": pipeline, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            context["text"] = invites.decode(data["raw"])
            invite = invites.read(context["text"], request.user.tz, uid=data["uid"] or None)
            plan = invites.plan(request.user, pipeline, invite, leave_out=set(data["leave_out"]))
            context.update(plan=plan, when=invites.when(invite, request.user))
            if data["confirm"]:
                result = invites.apply(plan, now=timezone.now(), first_only=data["first_only"])
                messages.success(request, str(result))
                return redirect(result.round)
        except invites.SeveralEvents as several:
            context["events"] = several.events
        except invites.InviteError as error:
            form.add_error(None, str(error))
    status = 400 if form.errors else 200
    return render(request, "pipelines/invite.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def round_edit(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    form = RoundForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        initial = form.initial
        before = _round_state(
            initial["status"], initial["scheduled_at"], initial["duration_minutes"]
        )
        round_ = form.save(commit=False)
        if "duration_minutes" in form.changed_data:
            round_.planned_minutes = None  # the length typed is the one to keep
        round_.save()
        met = []
        if round_.status == Round.Status.DONE and before["status"] != Round.Status.DONE:
            # The date and length as typed, never moved.
            met = round_.mark_done(at=timezone.now(), as_typed=True)
        elif before["status"] == Round.Status.DONE and round_.status != Round.Status.DONE:
            round_.undo_done()
            round_.save(update_fields=["duration_minutes", "planned_minutes"])
        elif {"scheduled_at", "duration_minutes"} & set(form.changed_data):
            round_.sync_meetings(now=timezone.now())  # history and advice follow the new time
        if round_.status != before["status"]:
            status = round_.get_status_display().lower()
            _offer_undo(request, f"Saved {round_.name}: it is now {status}.", round_, before, met)
        else:
            messages.success(request, f"Saved {round_.name}.")
        return redirect(round_)
    return render(
        request,
        "interviews/form.html",
        {"form": form, "pipeline": round_.pipeline, "round": round_},
    )


def _back_to_pipeline(request: HtmxHttpRequest, round_: Round) -> HttpResponse:
    pipeline = round_.pipeline
    if htmx_asks_for(request, "rounds"):
        return render(request, "pipelines/detail.html#rounds", _pipeline_context(request, pipeline))
    if request.POST.get("next") == "interview":
        return redirect(round_)
    return redirect(pipeline)


@require_POST
@login_required
def round_status(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    form = RoundStatusForm(request.POST)
    now = timezone.now()
    if not form.is_valid():
        messages.error(request, "Choose one of the listed statuses.")
    elif form.cleaned_data["status"] == Round.Status.SCHEDULED and not round_.scheduled_at:
        messages.error(request, "Give the round a date and time before marking it scheduled.")
    elif (
        form.cleaned_data["status"] == Round.Status.DONE
        and round_.is_ahead(now)
        and not form.confirmed
    ):
        return _confirm_done(request, round_, now)
    else:
        before = _round_state(round_.status, round_.scheduled_at, round_.duration_minutes)
        ended_at = now if form.cleaned_data["ended"] == "now" else None
        met = round_.set_status(form.cleaned_data["status"], at=now, ended_at=ended_at)
        text = f"{round_.name} is now {round_.get_status_display().lower()}"
        if ended_at is not None:
            text += f", ended at {date_format(timezone.localtime(now), 'H:i')} as you said"
        _offer_undo(request, f"{text}.", round_, before, met)
    return _back_to_pipeline(request, round_)


def _confirm_done(request: HtmxHttpRequest, round_: Round, now) -> HttpResponse:
    """A round not started yet is marked done only once the candidate confirms, and says
    whether it ended now or keeps its planned time. Nothing has changed yet."""
    context = {
        "round": round_,
        "pipeline": round_.pipeline,
        "now": now,
        "next": request.POST.get("next", ""),
        "people": with_people([round_])[0].people,
    }
    response = render(request, "interviews/confirm_done.html", context)
    if request.htmx:  # the page in place of whatever part asked
        response["HX-Retarget"] = "body"
        response["HX-Reswap"] = "innerHTML"
    return response


def _round_state(status: str, scheduled_at, duration_minutes: int) -> dict:
    return {
        "status": status,
        "scheduled_at": scheduled_at.isoformat() if scheduled_at else None,
        "duration_minutes": duration_minutes,
    }


def _offer_undo(request, text: str, obj: Round | Pipeline, before: dict, met=()) -> None:
    """Say what a status change did, with an Undo button (status_undo takes it back)."""
    what = "round" if isinstance(obj, Round) else "pipeline"
    touches = [touch.pk for touch in met]
    _keep_undo(request, text, {"what": what, "id": obj.pk, "touches": touches, **before})


def _keep_undo(request, text: str, change: dict) -> None:
    """Say what changed, with an Undo button (templates/messages.html). The session keeps the
    latest change only, with a token: an older message's button cannot undo a newer change."""
    request.session["undo"] = {"token": secrets.token_urlsafe(12), **change}
    messages.success(request, text, extra_tags="undo")


@require_POST
@login_required
def status_undo(request: HtmxHttpRequest) -> HttpResponse:
    """Take back the latest status change (or a person taken off a round), if the button is
    the one of its message."""
    change = request.session.get("undo") or {}
    target = request.POST.get("next", "")
    # A path of this site only: redirect() would take a bare word for a URL name.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    if not change or request.POST.get("token") != change.get("token"):
        messages.error(request, "That change can no longer be undone; change the status again.")
        return redirect(target or "board")
    del request.session["undo"]
    if change["what"] == "detach":
        round_ = _get_round(request, change["id"])
        interviewer = _get_interviewer(request, change["interviewer"])
        round_.attach(interviewer, at=timezone.now())
        messages.success(request, f"Undone: {interviewer.name} is in {round_.name} again.")
        return redirect(target or round_.pipeline)
    if change["what"] == "round":
        round_ = _get_round(request, change["id"])
        when = change["scheduled_at"]
        round_.restore(
            status=change["status"],
            scheduled_at=datetime.fromisoformat(when) if when else None,
            touches=change["touches"],
            duration_minutes=change.get("duration_minutes"),  # kept since it could change
        )
        status = round_.get_status_display().lower()
        messages.success(request, f"Undone: {round_.name} is {status} again.")
        return redirect(target or round_)
    pipeline = _get_pipeline(request, change["id"])
    pipeline.status = change["status"]
    pipeline.save(update_fields=["status", "updated"])
    status = pipeline.get_status_display().lower()
    messages.success(request, f"Undone: the pipeline is {status} again.")
    return redirect(target or pipeline)


@require_POST
@login_required
def round_move(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    form = MoveForm(request.POST)
    if form.is_valid():
        round_.pipeline.move_round(round_, -1 if form.cleaned_data["direction"] == "up" else 1)
    return _back_to_pipeline(request, round_)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def round_delete(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    return _confirm_then_delete(
        request,
        round_,
        what="this round",
        back=round_.pipeline,
        done=f"Deleted {round_.name}.",
        then=round_.pipeline,
    )


@require_POST
@login_required
def round_attach(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    form = AttachInterviewerForm(request.user, request.POST)
    if form.is_valid():
        with transaction.atomic():
            interviewer = form.interviewer()
            round_.attach(interviewer, at=timezone.now())
        messages.success(request, f"{interviewer.name} is in {round_.name}.")
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return _back_to_pipeline(request, round_)


@require_POST
@login_required
def round_detach(request: HtmxHttpRequest, round_id: int, interviewer_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    interviewer = _get_interviewer(request, interviewer_id)
    round_.detach(interviewer)
    # One click on a small button, which may take a meeting and its thank-you away: undoable.
    _keep_undo(
        request,
        f"{interviewer.name} is no longer in {round_.name}.",
        {"what": "detach", "id": round_.pk, "interviewer": interviewer.pk},
    )
    return _back_to_pipeline(request, round_)


# A card's folded sections that come only when unfolded (?section=person-<id>-<name>): most of
# the page's markup and time. The thank-you and the platforms hold what the Now list copies.
FOLDED_SECTIONS = ("research", "comments", "risk")
# What the address may name to show open: without JavaScript, a link to a fold opens nothing.
OPENABLE_SECTIONS = (*FOLDED_SECTIONS, "thank-you", "platforms")
_OPEN_SECTION = re.compile(r"person-(\d+)-([a-z-]+)")


class RoundPageData(NamedTuple):
    """What a round page and its checklist load: the round, its pipeline's rounds, its people
    with their profiles, touches, research and meetings (read_their_rounds), and the other
    open applications each person interviews for."""

    round: Round
    rounds: list[Round]
    interviewers: list[Interviewer]
    elsewhere: dict[int, list[str]]


def round_page_data(round_: Round) -> RoundPageData:
    """The round page's data, in a fixed number of queries whatever its size."""
    rounds = list(round_.pipeline.rounds.order_by("position", "pk"))
    interviewers = list(interviewers_with_details().filter(rounds=round_).order_by("name", "pk"))
    elsewhere = read_their_rounds(round_.pipeline, rounds, interviewers)
    return RoundPageData(round_, rounds, interviewers, elsewhere)


def kept_round_page_data(request: HtmxHttpRequest, round_id: int) -> RoundPageData:
    """The round page's data as kept for the user's data version, else loaded and kept.
    Only the candidate's writes change it, and each moves their version on in the database
    (overview.data_changed), so kept data is never old and every process can keep its own.
    Reading the page again, unfolding a section or printing the checklist loads nothing; the
    advice, which time changes, is worked out at every visit. Not for a view that writes:
    its version moves on only once it has answered."""
    user = request.user
    key = f"{user.pk}:{user.data_version}:{round_id}"
    data = caches["round_pages"].get(key)
    if data is None:
        data = round_page_data(_get_round(request, round_id))  # a 404 unless theirs
        caches["round_pages"].set(key, data)
    return data


def _dashboard_context(
    request: HtmxHttpRequest, data: RoundPageData, open_section: str = "", checklist: bool = False
) -> dict:
    """The per-interview page's context. `open_section` ("person-12-risk") is the folded
    section to render unfolded; the `checklist` prints fewer notes than the page shows, and
    some the page does not."""
    now = timezone.now()
    round_ = data.round
    page = round_page(
        request.user, round_, data.rounds, data.interviewers, now, data.elsewhere, checklist
    )
    cards = page.cards
    if (named := _OPEN_SECTION.fullmatch(open_section)) and named[2] in OPENABLE_SECTIONS:
        person_id, section = int(named[1]), named[2]
        cards = [replace(c, open=section) if c.interviewer.pk == person_id else c for c in cards]
    return {
        "round": round_,
        "pipeline": round_.pipeline,
        "cards": cards,
        "page": page,
        "page_url": round_.get_absolute_url(),
        "rules_url": page.rules_url,
        "now": now,
        "stance_form": StanceForm(instance=request.user),
    }


def render_jinja_page(
    request: HtmxHttpRequest, name: str, context: dict, part: str = "content"
) -> HttpResponse:
    """A page whose content Jinja2 renders (advisor/jinja.py): the macro `content` of
    `name`.jinja in the layout of `name`.html, base.html's; or the `part` htmx asked for, one
    macro alone. The round page and its checklist: they print the most values."""
    context["user"] = request.user  # as Django's context processor adds it
    # The token as text, once: the round page's thirty-odd forms would each ask for it.
    context["csrf_token"] = SafeString(get_token(request))
    context["csrf_input"] = jinja.csrf_input(context["csrf_token"])
    # A page shows the messages at its top (base.html); a part swapped in shows its own.
    if part == "content":
        context["messages_here"] = lambda: ""
        context["content"] = jinja.render_macro(f"{name}.jinja", part, context)
        return render(request, f"{name}.html", context)
    context["messages_here"] = lambda: render_to_string("messages.html", request=request)
    return HttpResponse(jinja.render_macro(f"{name}.jinja", part, context))


@require_safe
@login_required
def round_detail(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    section = request.GET.get("section", "")
    context = _dashboard_context(request, kept_round_page_data(request, round_id), section)
    context["company_open"] = section == "company-research"
    if request.htmx and "section" in request.GET:  # a folded section, unfolded: its content
        card = next((c for c in context["cards"] if c.open), None)
        if (
            card is None
            or card.open not in FOLDED_SECTIONS
            or (card.open != "risk" and not context["page"].preparing)
        ):
            raise Http404("This page has no such section.")
        context["card"] = card
        part = "section"
    else:
        part = "advice" if htmx_asks_for(request, "advice") else "content"
    response = render_jinja_page(request, "interviews/dashboard", context, part)
    patch_vary_headers(response, ["HX-Request"])  # one address, page or part: caches keep each
    return response


@require_safe
@login_required
def round_checklist(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    data = kept_round_page_data(request, round_id)
    context = _dashboard_context(request, data, checklist=True)
    return render_jinja_page(request, "interviews/checklist", context)


def _card_or_dashboard(
    request: HtmxHttpRequest, round_: Round, interviewer_id: int, section: str = ""
):
    """After an action on one interviewer: for htmx their card, with the Now list swapped
    out of band (the action may have done one of its lines); else the whole page, with the
    folded `section` the action came from open again (without JavaScript it would fold)."""
    if htmx_asks_for(request, f"person-{interviewer_id}"):
        context = _dashboard_context(request, round_page_data(round_))
        cards = [c for c in context["cards"] if c.interviewer.pk == interviewer_id]
        context["card"] = cards[0] if cards else None
        context["card_alone"] = True  # its messages go in the card; on a page, at the top
        return render_jinja_page(request, "interviews/dashboard", context, "card_update")
    if section:
        named = f"person-{interviewer_id}-{section}"
        return redirect(f"{round_.get_absolute_url()}?section={named}#{named}")
    return redirect(f"{round_.get_absolute_url()}#person-{interviewer_id}")


@require_POST
@login_required
def record_on_profile(request: HtmxHttpRequest, round_id: int, profile_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    profile = _get_profile(request, profile_id)
    form = ProfileTouchForm(request.POST, owner=request.user)
    if form.is_valid():
        profile.record(form.cleaned_data["kind"], at=timezone.now())
        messages.success(request, f"Recorded on {profile.get_platform_display()}.")
    else:
        for error in form.non_field_errors() or ["That action is not one we can record here."]:
            messages.error(request, error)
    return _card_or_dashboard(request, round_, profile.interviewer_id)


@require_POST
@login_required
def record_on_interviewer(
    request: HtmxHttpRequest, round_id: int, interviewer_id: int
) -> HttpResponse:
    round_ = _get_round(request, round_id)
    interviewer = _get_interviewer(request, interviewer_id)
    form = InterviewerTouchForm(request.POST, owner=request.user)
    if form.is_valid():
        Touch.objects.create(
            interviewer=interviewer,
            kind=form.cleaned_data["kind"],
            at=timezone.now(),
            text=form.cleaned_data["text"],
            round=round_,
        )
        messages.success(request, "Recorded.")
    else:
        for error in form.non_field_errors() or ["That action is not one we can record here."]:
            messages.error(request, error)
    return _card_or_dashboard(request, round_, interviewer.pk)


@require_POST
@login_required
def thank_you_undo(request: HtmxHttpRequest, round_id: int, interviewer_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    interviewer = _get_interviewer(request, interviewer_id)
    if interviewer.undo_thank_you():
        messages.success(request, f"Undone: the thank-you to {interviewer.name} is open again.")
    return _card_or_dashboard(request, round_, interviewer.pk)


@require_POST
@login_required
def research_tick(request: HtmxHttpRequest, round_id: int, interviewer_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    interviewer = _get_interviewer(request, interviewer_id)
    form = ResearchTickForm(request.POST)
    if form.is_valid():
        # An item about the organisation, sent here, is the pipeline's (company_research).
        keys, ticked = form.change(item.key for item in advice.RESEARCH_ITEMS)
        if form.cleaned_data["every"]:
            keys = [item.key for item in advice.PERSON_RESEARCH]
        about_company = {item.key for item in advice.COMPANY_RESEARCH}
        if set(keys) & about_company:
            round_.pipeline.set_researched(set(keys) & about_company, ticked)
        for key in keys:
            if key not in about_company:
                ResearchTick.set(interviewer, key, ticked)
    return _card_or_dashboard(request, round_, interviewer.pk, section="research")


@require_POST
@login_required
def company_research(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    """Tick research about the organisation: once for the pipeline, whoever the people are."""
    round_ = _get_round(request, round_id)
    form = ResearchTickForm(request.POST)
    if form.is_valid():
        keys, ticked = form.change(item.key for item in advice.COMPANY_RESEARCH)
        round_.pipeline.set_researched(keys, ticked)
    if htmx_asks_for(request, "company-research"):
        context = _dashboard_context(request, round_page_data(round_))
        return render_jinja_page(request, "interviews/dashboard", context, "company_update")
    return redirect(f"{round_.get_absolute_url()}?section=company-research#company-research")


@require_POST
@login_required
def interviewer_topic(request: HtmxHttpRequest, round_id: int, interviewer_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    interviewer = _get_interviewer(request, interviewer_id)
    form = TopicForm(request.POST, instance=interviewer)
    if form.is_valid():
        form.save()
        messages.success(request, "Topic saved: the drafts now mention it.")
    return _card_or_dashboard(request, round_, interviewer.pk)


@require_POST
@login_required
def round_stance(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    form = StanceForm(request.POST, instance=request.user)
    if form.is_valid():
        form.save()
        stance = request.user.get_stance_display().split(":")[0].lower()
        messages.success(request, f"Stance set to {stance} for all your interviews.")
    if htmx_asks_for(request, "advice"):
        context = _dashboard_context(request, round_page_data(round_))
        return render_jinja_page(request, "interviews/dashboard", context, "advice")
    return redirect(round_)


# Interviewers, their profiles and touches


@require_safe
@login_required
def interviewer_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").replace("\x00", "").strip()
    interviewers = request.user.interviewers.all()
    if query:
        interviewers = interviewers.search(query)
    # Paginate the ids, then read the rows and count history only for the page: cost follows
    # what is shown.
    ids = interviewers.order_by("name", "pk").values_list("pk", flat=True)
    page = Paginator(ids, 50).get_page(request.GET.get("page"))
    rows = Interviewer.objects.filter(pk__in=list(page)).list_rows()
    person_url = url_for("interviewer")  # reversed once, not once a row
    for row in rows:
        row["url"] = person_url(row["pk"])
    context = {"page": page, "rows": rows, "query": query}
    return render_page(request, "interviewers/list.html", context, partial="results")


@require_safe
@login_required
def interviewer_suggest(request: HtmxHttpRequest) -> HttpResponse:
    """Names for the "add an interviewer" field, as the candidate types."""
    typed = (request.GET.get("name") or request.GET.get("q") or "").replace("\x00", "").strip()
    names = []
    if typed:
        names = (
            request.user.interviewers.name_contains(typed)
            .order_by("name")
            .values_list("name", flat=True)[:20]
        )
    return render(request, "interviewers/suggest.html", {"names": names})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def interviewer_new(request: HtmxHttpRequest) -> HttpResponse:
    form = InterviewerForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid() and saved(form):
        interviewer = form.instance
        messages.success(request, f"Added {interviewer.name}. Add their profiles below.")
        return redirect(interviewer)
    return render(request, "interviewers/form.html", {"form": form})


@require_safe
@login_required
def interviewer_detail(request: HtmxHttpRequest, interviewer_id: int) -> HttpResponse:
    interviewer = _get_interviewer(request, interviewer_id)
    section = request.GET.get("section", "")
    if request.htmx and section in FOLDED_FORMS:  # a folded form, unfolded: the form alone
        context = _folded_forms(interviewer, unfolded=section)
        template = f"interviewers/detail.html#{section}"
    else:
        context = _interviewer_context(interviewer, unfolded=section)
        template = "interviewers/detail.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# The page's two forms, folded until wanted, come as a link (?section=<name>): their widgets
# cost more to render than the rest of the page.
FOLDED_FORMS = ("add-profile", "add-touch")


def _folded_forms(
    interviewer: Interviewer, touch_form: TouchForm | None = None, unfolded: str = ""
) -> dict:
    """The person, and the forms that are open: unfolded, or refused and shown again."""
    context = {"interviewer": interviewer, "unfolded": unfolded}
    if unfolded == "add-profile":
        context["profile_form"] = ProfileForm(interviewer=interviewer)
    if touch_form or unfolded == "add-touch":
        context["touch_form"] = touch_form or TouchForm()
    return context


# The lists are plain rows, every address reversed once per page: prefetched model instances
# and a reverse() per row were a third of the page's time.
PERSON_PAGE_URLS = (
    "interviewer",
    "interviewer_merge",
    "interview",
    "profile_edit",
    "profile_delete",
    "touch_delete",
)


def _interviewer_context(
    interviewer: Interviewer, touch_form: TouchForm | None = None, unfolded: str = ""
) -> dict:
    url = {name: url_for(name) for name in PERSON_PAGE_URLS}
    rounds = interviewer.rounds.order_by("position", "pk")
    touches = interviewer.touches.order_by("-at", "-pk")
    duplicates = interviewer.likely_duplicates().order_by("name", "pk")[:5]
    return {
        **_folded_forms(interviewer, touch_form, unfolded),
        "page_url": url["interviewer"](interviewer.pk),
        "profiles": [
            {
                "platform_label": profile.get_platform_display(),
                "handle": profile.handle,
                "link": profile.link,
                "visibility_label": profile.get_visibility_display(),
                "tone_label": profile.get_tone_display(),
                "state_label": profile.get_state_display(),
                "edit_url": url["profile_edit"](profile.pk),
                "delete_url": url["profile_delete"](profile.pk),
            }
            for profile in sorted(interviewer.profiles.all(), key=advising.platform_rank)
        ],
        "rounds": [
            {
                "url": url["interview"](pk),
                "name": name,
                "company": company,
                "status_label": Round.Status(status).label,
            }
            for pk, name, status, company in rounds.values_list(
                "pk", "name", "status", "pipeline__company"
            )
        ],
        "touches": [
            {
                "at": at,
                "kind_label": Touch.Kind(kind).label,
                "text": text,
                "delete_url": url["touch_delete"](pk),
            }
            for pk, at, kind, text in touches.values_list("pk", "at", "kind", "text")
        ],
        "duplicates": [
            {
                **person,
                "url": url["interviewer"](person["pk"]),
                "merge_url": url["interviewer_merge"](person["pk"]),
            }
            for person in duplicates.values("pk", "name", "company", "email")
        ],
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def interviewer_edit(request: HtmxHttpRequest, interviewer_id: int) -> HttpResponse:
    interviewer = _get_interviewer(request, interviewer_id)
    form = InterviewerForm(request.POST or None, instance=interviewer, owner=request.user)
    if request.method == "POST" and form.is_valid() and saved(form):
        messages.success(request, f"Saved {interviewer.name}.")
        return redirect(interviewer)
    return render(request, "interviewers/form.html", {"form": form, "interviewer": interviewer})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def interviewer_delete(request: HtmxHttpRequest, interviewer_id: int) -> HttpResponse:
    interviewer = _get_interviewer(request, interviewer_id)
    return _confirm_then_delete(
        request,
        interviewer,
        what="this contact, their profiles and their history",
        back=interviewer,
        done=f"Deleted {interviewer.name}.",
        then="interviewers",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def interviewer_merge(request: HtmxHttpRequest, interviewer_id: int) -> HttpResponse:
    """Merge a duplicate into the person to keep (`into`). GET with `into` shows what will
    move; GET without it lists the likely duplicates and finds others by name."""
    merged = _get_interviewer(request, interviewer_id)
    form = MergeForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        if request.method == "POST":
            messages.error(request, "Choose the person to keep.")
            return redirect("interviewer_merge", merged.pk)
        query = form.cleaned_data.get("q", "")
        found = merged.likely_duplicates()
        if query:
            found = request.user.interviewers.name_contains(query)
        found = found.exclude(pk=merged.pk).order_by("name", "pk")[:20]
        context = {"merged": merged, "found": found, "query": query}
        return render(request, "interviewers/merge.html", context)
    kept = _get_interviewer(request, form.cleaned_data["into"])
    if kept.pk == merged.pk:
        messages.error(request, "Choose someone else: a person cannot be merged into themselves.")
        return redirect("interviewer_merge", merged.pk)
    if request.method == "POST":
        merged.merge_into(kept)
        messages.success(request, f"Merged {merged.name} into {kept.name}.")
        return redirect(kept)
    context = {"merged": merged, "kept": kept, "moves": merged.merge_preview(kept)}
    return render(request, "interviewers/merge.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile_new(request: HtmxHttpRequest, interviewer_id: int) -> HttpResponse:
    interviewer = _get_interviewer(request, interviewer_id)
    form = ProfileForm(request.POST or None, interviewer=interviewer)
    if request.method == "POST" and form.is_valid() and saved(form):
        profile = form.instance
        messages.success(request, f"Added {profile.get_platform_display()} for {interviewer.name}.")
        return redirect(interviewer)
    return render(request, "profiles/form.html", {"form": form, "interviewer": interviewer})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile_edit(request: HtmxHttpRequest, profile_id: int) -> HttpResponse:
    profile = _get_profile(request, profile_id)
    form = ProfileForm(request.POST or None, instance=profile, interviewer=profile.interviewer)
    if request.method == "POST" and form.is_valid() and saved(form):
        messages.success(request, f"Saved the {profile.get_platform_display()} profile.")
        return redirect(profile.interviewer)
    return render(
        request,
        "profiles/form.html",
        {"form": form, "interviewer": profile.interviewer, "profile": profile},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile_delete(request: HtmxHttpRequest, profile_id: int) -> HttpResponse:
    profile = _get_profile(request, profile_id)
    return _confirm_then_delete(
        request,
        profile,
        what="this profile",
        back=profile.interviewer,
        done=f"Removed the {profile.get_platform_display()} profile.",
        then=profile.interviewer,
    )


@require_POST
@login_required
def touch_new(request: HtmxHttpRequest, interviewer_id: int) -> HttpResponse:
    interviewer = _get_interviewer(request, interviewer_id)
    form = TouchForm(request.POST, instance=Touch(interviewer=interviewer))
    if form.is_valid():
        form.save()
        messages.success(request, "Recorded.")
        return redirect(interviewer)
    return render(
        request, "interviewers/detail.html", _interviewer_context(interviewer, form), status=400
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def touch_delete(request: HtmxHttpRequest, touch_id: int) -> HttpResponse:
    touch = _get_touch(request, touch_id)
    return _confirm_then_delete(
        request,
        touch,
        what="this entry of the history",
        back=touch.interviewer,
        done="Removed from the history.",
        then=touch.interviewer,
    )


@require_safe
def rules(request: HtmxHttpRequest) -> HttpResponse:
    """The rule book behind every verdict, with its sources: public, like a help page."""
    return render(request, "rules.html", {"rules": advice.RULES.values()})


# Import and export


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def linkedin_connections(request: HtmxHttpRequest) -> HttpResponse:
    """Mark the people the candidate is connected with on LinkedIn, from LinkedIn's own export:
    upload, see what it would change, confirm."""
    is_post = request.method == "POST"
    form = LinkedInForm(request.user, request.POST if is_post else None, request.FILES or None)
    context = {"form": form}
    if is_post and form.is_valid():
        if "connections" in form.cleaned_data:
            try:
                changed = linkedin_import.apply(
                    request.user, form.cleaned_data["connections"], now=timezone.now()
                )
            except linkedin_import.ConnectionsError as error:
                form.add_error(None, str(error))
                return render(request, "account/linkedin.html", context, status=400)
            messages.success(request, f"Marked {changed} of your people connected on LinkedIn.")
            return redirect("settings")
        try:
            rows = linkedin_import.read(form.cleaned_data["file"].read())
        except linkedin_import.ConnectionsError as error:
            form.add_error("file", str(error))
        else:
            outcome = linkedin_import.match(request.user, rows)
            context.update(outcome=outcome, plan=linkedin_import.seal(request.user, outcome))
    status = 400 if form.errors else 200
    return render(request, "account/linkedin.html", context, status=status)


@require_safe
@login_required
def export_json(request: HtmxHttpRequest) -> StreamingHttpResponse:
    pieces, compressed = dataformat.export_file(request.user)
    name = f"interview-advisor-{timezone.localdate().isoformat()}.json"
    if compressed:
        name += ".gz"
    # Sent as it is written: the whole file is never held in memory.
    response = StreamingHttpResponse(
        pieces, content_type="application/gzip" if compressed else "application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@transaction.non_atomic_requests  # reading the file must not hold the write lock: see dataformat
def import_json(request: HtmxHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            summary = dataformat.import_account(request.user, form.cleaned_data["file"].read())
        except dataformat.DataFormatError as error:
            form.add_error("file", import_words.for_people(str(error)))
        else:
            messages.success(request, f"Imported {summary}.")
            return redirect("board")
    return render(
        request, "account/import.html", {"form": form}, status=400 if form.errors else 200
    )


# Calendar and spreadsheet


@require_safe
@login_required
def round_ics(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    if round_.scheduled_at is None:
        messages.error(request, "Give the round a date and time to add it to a calendar.")
        return redirect(round_)
    body = ics.calendar_for(
        [round_],
        request.user,
        lambda r: request.build_absolute_uri(r.get_absolute_url()),
        name=f"{round_.pipeline.company} interview",
        now=timezone.now(),
        attendees=True,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{round_.pk}.ics"'
    return response


@require_safe
def calendar_feed(request: HtmxHttpRequest, secret: str) -> HttpResponse:
    """The subscribable feed: no sign-in, the long random secret in the URL is the key."""
    user = get_object_or_404(User, calendar_secret=secret, is_active=True)
    rounds = Round.objects.for_calendar(user, timezone.now())
    body = ics.calendar_for(
        rounds,
        user,
        lambda r: request.build_absolute_uri(r.get_absolute_url()),
        name="Interviews",
        now=timezone.now(),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_POST
@login_required
def calendar_regenerate(request: HtmxHttpRequest) -> HttpResponse:
    request.user.regenerate_calendar_secret()
    messages.success(request, "New calendar address made: the old one no longer works.")
    return redirect("settings")


@require_safe
@login_required
def export_csv(request: HtmxHttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interviews.csv"'
    spreadsheet.write_rounds(response, request.user)
    return response
