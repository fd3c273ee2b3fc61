"""The pages and actions: short function views that fetch, check ownership, act, render."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.middleware import HtmxDetails

from advisor import advice, advising, dataformat, ics, spreadsheet
from advisor.board import board_page
from advisor.cards import interviewer_card, other_open_processes
from advisor.forms import (
    AttachInterviewerForm,
    DeleteAccountForm,
    ImportForm,
    InterviewerForm,
    InterviewerTouchForm,
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
    TopicForm,
    TouchForm,
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


# Sign-up and the account


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HtmxHttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("board")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome! Start by adding the job you are interviewing for.")
        return redirect("settings")
    return render(request, "registration/signup.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def account_settings(request: HtmxHttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("settings")
    return render(request, "account/settings.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def account_delete(request: HtmxHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()
        messages.success(request, "Your account and all its data are deleted.")
        return redirect("login")
    return render(request, "account/delete.html", {"form": form})


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


# Pipelines


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pipeline_new(request: HtmxHttpRequest) -> HttpResponse:
    form = PipelineForm(request.POST or None, instance=Pipeline(owner=request.user))
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
    rounds = list(pipeline.rounds.order_by("position", "pk").prefetch_related("interviewers"))
    return {
        "pipeline": pipeline,
        "rounds": rounds,
        "status_form": PipelineStatusForm(instance=pipeline),
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
    form = PipelineStatusForm(request.POST, instance=pipeline)
    if form.is_valid():
        form.save()
        messages.success(request, f"Status is now {pipeline.get_status_display().lower()}.")
    else:
        messages.error(request, "Choose one of the listed statuses.")
    return redirect(pipeline)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pipeline_delete(request: HtmxHttpRequest, pipeline_id: int) -> HttpResponse:
    pipeline = _get_pipeline(request, pipeline_id)
    if request.method == "POST":
        pipeline.delete()
        messages.success(request, f"Deleted {pipeline}.")
        return redirect("board")
    return render(
        request,
        "confirm_delete.html",
        {"object": pipeline, "what": "this pipeline and all its rounds", "back": pipeline},
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
            round_.mark_done(at=timezone.now())
        Pipeline.objects.filter(pk=pipeline.pk).update(updated=timezone.now())
        messages.success(request, f"Added {round_.name}. Attach the people you will meet.")
        return redirect(pipeline)
    return render(request, "rounds/form.html", {"form": form, "pipeline": pipeline})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def round_edit(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    form = RoundForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        was_done = form.initial["status"] == Round.Status.DONE
        round_ = form.save(commit=False)
        if round_.status == Round.Status.DONE and not was_done:
            round_.save()
            round_.mark_done(at=timezone.now())
        else:
            round_.save()
        messages.success(request, f"Saved {round_.name}.")
        return redirect(round_)
    return render(
        request, "rounds/form.html", {"form": form, "pipeline": round_.pipeline, "round": round_}
    )


def _back_to_pipeline(request: HtmxHttpRequest, round_: Round) -> HttpResponse:
    pipeline = round_.pipeline
    if request.htmx:
        return render(request, "pipelines/detail.html#rounds", _pipeline_context(request, pipeline))
    if request.POST.get("next") == "interview":
        return redirect(round_)
    return redirect(pipeline)


@require_POST
@login_required
def round_status(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    form = RoundStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the listed statuses.")
    elif form.cleaned_data["status"] == Round.Status.SCHEDULED and not round_.scheduled_at:
        messages.error(request, "Give the round a date and time before marking it scheduled.")
    else:
        planned_for = round_.scheduled_at
        moved = round_.set_status(form.cleaned_data["status"], at=timezone.now())
        messages.success(request, f"{round_.name} is now {round_.get_status_display().lower()}.")
        if moved:
            planned = date_format(timezone.localtime(planned_for), "D j M, H:i")
            messages.info(
                request,
                f"It was planned for {planned}; its time is now when you marked it done. "
                "Edit the round if it happened at another time.",
            )
    return _back_to_pipeline(request, round_)


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
    if request.method == "POST":
        round_.delete()
        messages.success(request, f"Deleted {round_.name}.")
        return redirect(round_.pipeline)
    return render(
        request,
        "confirm_delete.html",
        {"object": round_, "what": "this round", "back": round_.pipeline},
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
    round_.interviewers.remove(interviewer)
    messages.success(request, f"{interviewer.name} is no longer in {round_.name}.")
    return _back_to_pipeline(request, round_)


def _dashboard_context(request: HtmxHttpRequest, round_: Round, only: int | None = None) -> dict:
    """The per-interview page's data: a fixed number of queries whatever its size."""
    now = timezone.now()
    rounds = with_people(round_.pipeline.rounds.order_by("position", "pk"))
    interviewers = interviewers_with_details().filter(rounds=round_).order_by("name", "pk")
    if only is not None:
        interviewers = interviewers.filter(pk=only)
    interviewers = list(interviewers)
    elsewhere = other_open_processes(round_.pipeline, interviewers)
    cards = [
        interviewer_card(
            request.user,
            person,
            round_,
            rounds,
            now,
            elsewhere=elsewhere.get(person.pk, ()),
            position=position,
        )
        for position, person in enumerate(interviewers)
    ]
    return {
        "round": round_,
        "pipeline": round_.pipeline,
        "rounds": rounds,
        "cards": cards,
        "now": now,
        "stance_form": StanceForm(instance=request.user),
    }


@require_safe
@login_required
def interview(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    template = "interviews/dashboard.html"
    if request.htmx:
        template += "#advice"
    return render(request, template, _dashboard_context(request, round_))


@require_safe
@login_required
def checklist(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    return render(request, "interviews/checklist.html", _dashboard_context(request, round_))


def _card_or_dashboard(request: HtmxHttpRequest, round_: Round, interviewer_id: int):
    """After an action on one interviewer: their card for htmx, else the whole page."""
    if request.htmx:
        context = _dashboard_context(request, round_, only=interviewer_id)
        context["card"] = context["cards"][0] if context["cards"] else None
        context["card_alone"] = True  # its messages go in the card; on a page, at the top
        return render(request, "interviews/dashboard.html#card", context)
    return redirect(f"{round_.get_absolute_url()}#person-{interviewer_id}")


@require_POST
@login_required
def record_on_profile(request: HtmxHttpRequest, round_id: int, profile_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    profile = _get_profile(request, profile_id)
    form = ProfileTouchForm(request.POST)
    if form.is_valid():
        profile.record(form.cleaned_data["kind"], at=timezone.now())
        messages.success(request, f"Recorded on {profile.get_platform_display()}.")
    else:
        messages.error(request, "That action is not one we can record here.")
    return _card_or_dashboard(request, round_, profile.interviewer_id)


@require_POST
@login_required
def record_on_interviewer(
    request: HtmxHttpRequest, round_id: int, interviewer_id: int
) -> HttpResponse:
    round_ = _get_round(request, round_id)
    interviewer = _get_interviewer(request, interviewer_id)
    form = InterviewerTouchForm(request.POST)
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
        messages.error(request, "That action is not one we can record here.")
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
        ticked = bool(form.cleaned_data["done"])
        item = form.cleaned_data["done"] or form.cleaned_data["undone"]
        ResearchTick.set(interviewer, item, ticked)
    return _card_or_dashboard(request, round_, interviewer.pk)


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
def interview_stance(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
    round_ = _get_round(request, round_id)
    form = StanceForm(request.POST, instance=request.user)
    if form.is_valid():
        form.save()
        stance = request.user.get_stance_display().split(":")[0].lower()
        messages.success(request, f"Stance set to {stance} for all your interviews.")
    if request.htmx:
        return render(
            request, "interviews/dashboard.html#advice", _dashboard_context(request, round_)
        )
    return redirect(round_)


# Interviewers, their profiles and touches


@require_safe
@login_required
def interviewer_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").replace("\x00", "").strip()
    interviewers = Interviewer.objects.filter(owner=request.user)
    if query:
        interviewers = interviewers.filter(
            Q(name__icontains=query)
            | Q(company__icontains=query)
            | Q(title__icontains=query)
            | Q(rounds__pipeline__company__icontains=query)  # who interviewed me at Acme?
        ).distinct()
    # Paginate the ids, then count history only for the page: cost follows what is shown.
    ids = interviewers.order_by("name", "pk").values_list("pk", flat=True)
    page = Paginator(ids, 50).get_page(request.GET.get("page"))
    rows = (
        Interviewer.objects.filter(pk__in=list(page))
        .annotate(touch_count=Count("touches"))
        .prefetch_related("profiles")
        .order_by("name", "pk")
    )
    template = "interviewers/list.html#results" if request.htmx else "interviewers/list.html"
    return render(request, template, {"page": page, "rows": rows, "query": query})


@require_safe
@login_required
def interviewer_suggest(request: HtmxHttpRequest) -> HttpResponse:
    """Names for the "add an interviewer" field, as the candidate types."""
    typed = (request.GET.get("name") or request.GET.get("q") or "").replace("\x00", "").strip()
    names = []
    if typed:
        names = (
            Interviewer.objects.filter(owner=request.user, name__icontains=typed)
            .order_by("name")
            .values_list("name", flat=True)[:20]
        )
    return render(request, "interviewers/suggest.html", {"names": names})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def interviewer_new(request: HtmxHttpRequest) -> HttpResponse:
    form = InterviewerForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        interviewer = form.save()
        messages.success(request, f"Added {interviewer.name}. Add their profiles below.")
        return redirect(interviewer)
    return render(request, "interviewers/form.html", {"form": form})


@require_safe
@login_required
def interviewer_detail(request: HtmxHttpRequest, interviewer_id: int) -> HttpResponse:
    interviewer = get_object_or_404(
        interviewers_with_details().prefetch_related(
            Prefetch("rounds", queryset=Round.objects.select_related("pipeline"))
        ),
        pk=interviewer_id,
        owner=request.user,
    )
    return render(request, "interviewers/detail.html", _interviewer_context(interviewer))


def _interviewer_context(interviewer: Interviewer, touch_form: TouchForm | None = None) -> dict:
    return {
        "interviewer": interviewer,
        "profiles": sorted(interviewer.profiles.all(), key=advising.platform_rank),
        "profile_form": ProfileForm(interviewer=interviewer),
        "touch_form": touch_form or TouchForm(),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def interviewer_edit(request: HtmxHttpRequest, interviewer_id: int) -> HttpResponse:
    interviewer = _get_interviewer(request, interviewer_id)
    form = InterviewerForm(request.POST or None, instance=interviewer, owner=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved {interviewer.name}.")
        return redirect(interviewer)
    return render(request, "interviewers/form.html", {"form": form, "interviewer": interviewer})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def interviewer_delete(request: HtmxHttpRequest, interviewer_id: int) -> HttpResponse:
    interviewer = _get_interviewer(request, interviewer_id)
    if request.method == "POST":
        interviewer.delete()
        messages.success(request, f"Deleted {interviewer.name}.")
        return redirect("interviewers")
    return render(
        request,
        "confirm_delete.html",
        {
            "object": interviewer,
            "what": "this contact, their profiles and their history",
            "back": interviewer,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile_new(request: HtmxHttpRequest, interviewer_id: int) -> HttpResponse:
    interviewer = _get_interviewer(request, interviewer_id)
    form = ProfileForm(request.POST or None, interviewer=interviewer)
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        messages.success(request, f"Added {profile.get_platform_display()} for {interviewer.name}.")
        return redirect(interviewer)
    return render(request, "profiles/form.html", {"form": form, "interviewer": interviewer})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile_edit(request: HtmxHttpRequest, profile_id: int) -> HttpResponse:
    profile = _get_profile(request, profile_id)
    form = ProfileForm(request.POST or None, instance=profile, interviewer=profile.interviewer)
    if request.method == "POST" and form.is_valid():
        form.save()
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
    if request.method == "POST":
        profile.delete()
        messages.success(request, f"Removed the {profile.get_platform_display()} profile.")
        return redirect(profile.interviewer)
    return render(
        request,
        "confirm_delete.html",
        {"object": profile, "what": "this profile", "back": profile.interviewer},
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
    interviewer = interviewers_with_details().get(pk=interviewer.pk)
    return render(
        request, "interviewers/detail.html", _interviewer_context(interviewer, form), status=400
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def touch_delete(request: HtmxHttpRequest, touch_id: int) -> HttpResponse:
    touch = _get_touch(request, touch_id)
    if request.method == "POST":
        touch.delete()
        messages.success(request, "Removed from the history.")
        return redirect(touch.interviewer)
    return render(
        request,
        "confirm_delete.html",
        {"object": touch, "what": "this entry of the history", "back": touch.interviewer},
    )


@require_safe
def rules(request: HtmxHttpRequest) -> HttpResponse:
    """The rule book behind every verdict, with its sources: public, like a help page."""
    return render(request, "rules.html", {"rules": advice.RULES.values()})


# Import and export


@require_safe
@login_required
def export_json(request: HtmxHttpRequest) -> HttpResponse:
    response = HttpResponse(
        dataformat.dumps(dataformat.export_account(request.user)),
        content_type="application/json",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="interview-advisor-{stamp}.json"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def import_json(request: HtmxHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            summary = dataformat.import_account(request.user, form.cleaned_data["file"].read())
        except dataformat.DataFormatError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"Imported {summary}.")
            return redirect("board")
    return render(
        request, "account/import.html", {"form": form}, status=400 if form.errors else 200
    )


# Calendar and spreadsheet


@require_safe
@login_required
def interview_ics(request: HtmxHttpRequest, round_id: int) -> HttpResponse:
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
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{round_.pk}.ics"'
    return response


@require_safe
def calendar_feed(request: HtmxHttpRequest, secret: str) -> HttpResponse:
    """The subscribable feed: no sign-in, the long random secret in the URL is the key."""
    user = get_object_or_404(User, calendar_secret=secret, is_active=True)
    rounds = (
        Round.objects.filter(
            pipeline__owner=user,
            status__in=[Round.Status.PLANNED, Round.Status.SCHEDULED],
            scheduled_at__gte=timezone.now() - timedelta(days=1),
        )
        .select_related("pipeline")
        .prefetch_related("interviewers")
        .order_by("scheduled_at")
    )
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
