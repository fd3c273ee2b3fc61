"""Make a round of a pipeline from a calendar invitation (.ics), or update the one it made."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from advisor import invites
from advisor.management.cli import read_input, user_named
from advisor.matching import fold_email
from advisor.models import Pipeline
from advisor.overview import data_changed


class Command(BaseCommand):
    help = (
        "Read a calendar invitation (.ics) into a round of a pipeline: its time, place, meeting "
        "link and people. The same invitation again updates that round; a cancellation "
        "cancels it. Nothing is written if the file cannot be used."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .ics file, or - to read standard input")
        parser.add_argument("--user", required=True, help="the username whose pipeline it is")
        parser.add_argument("--pipeline", required=True, type=int, help="the pipeline's id")
        parser.add_argument("--uid", help="the event to take when the file holds several")
        parser.add_argument(
            "--leave-out",
            action="append",
            default=[],
            metavar="EMAIL",
            help="someone not to put on the round, such as the recruiter (may be repeated)",
        )
        parser.add_argument(
            "--first-occurrence",
            action="store_true",
            help="for a repeating event, import just its first occurrence",
        )

    def handle(self, *args, **options):
        user = user_named(options["user"])
        try:
            pipeline = Pipeline.objects.get(pk=options["pipeline"], owner=user)
        except Pipeline.DoesNotExist:
            raise CommandError(
                f"{user.username} has no pipeline with the id {options['pipeline']}."
            ) from None
        path = options["file"]
        raw = read_input(path, invites.MAX_BYTES + 1)

        try:
            invite = invites.read(raw, user.tz, uid=options["uid"])
            leave_out = {fold_email(address) for address in options["leave_out"]}
            positions = {
                i
                for i, p in enumerate(invite.people)
                if p.email and fold_email(p.email) in leave_out
            }
            plan = invites.plan(user, pipeline, invite, leave_out=positions)
            result = invites.apply(plan, now=timezone.now(), first_only=options["first_occurrence"])
        except invites.SeveralEvents as several:
            choices = "\n".join(
                f"  --uid {uid!r}  {summary or '(no title)'}" for uid, summary, _ in several.events
            )
            raise CommandError(
                f"{path} holds several events; choose one with --uid:\n{choices}"
            ) from None
        except invites.RepeatingEvent as error:
            raise CommandError(f"{path} was not imported: {error} (--first-occurrence)") from None
        except invites.InviteError as error:
            raise CommandError(f"{path} was not imported: {error}") from None
        finally:
            data_changed(user.pk)  # as a request that writes would (middleware)
        self.stdout.write(str(result))
        if not result.cancelled:
            self.stdout.write(f"When: {invites.when(invite, user)}, {invite.minutes} min")
            round_ = result.round
            if round_.location:
                self.stdout.write(f"Location: {round_.location}")
            for invitee in plan.yourself:
                self.stdout.write(f"Left out (you): {invitee.email}")
            for room in invite.rooms:
                self.stdout.write(f"Left out (room or equipment): {room}")
            for person in plan.not_invited:
                self.stdout.write(f"Kept, though no longer in the invitation: {person.name}")
