"""`manage.py send_reminders`: send the morning summaries due now; safe to run every 15 minutes."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from advisor import summary


class Command(BaseCommand):
    help = (
        "Send each morning summary that is due: the user's local hour has reached theirs and "
        "today's has not gone out. Run it from cron or a systemd timer, every 15 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print what would be sent, without sending or recording anything",
        )

    def handle(self, *args, **options):
        if not settings.SITE_URL:
            raise CommandError("SITE_URL is not set: emails need the site's address for links.")
        dry_run = options["dry_run"]
        run = summary.send_due(dry_run=dry_run, show=self.show)
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(
            f"{verb} {len(run.sent)} morning summar{'y' if len(run.sent) == 1 else 'ies'};"
            f" {run.nothing_due} with nothing due, {run.skipped} skipped, "
            f"{len(run.failed)} failed."
        )
        if run.failed:
            names = "; ".join(f"{name}: {why}" for name, why in run.failed)
            raise CommandError(f"Not sent to {len(run.failed)} user(s): {names}", returncode=1)

    def show(self, found: summary.Summary, message) -> None:
        self.stdout.write(f"To: {found.user.get_username()} <{found.user.email}>")
        self.stdout.write(f"Subject: {message.subject}\n")
        self.stdout.write(message.body)
        self.stdout.write("-" * 72)
