"""Print one user's data as interview-advisor/1 JSON on standard output."""

from django.core.management.base import BaseCommand

from advisor import dataformat
from advisor.management.cli import user_named


class Command(BaseCommand):
    help = "Print a user's pipelines, interviewers and settings as JSON (see docs/data-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the username whose data to export")

    def handle(self, *args, **options):
        user = user_named(options["user"])
        for chunk in dataformat.export_chunks(user):
            self.stdout.write(chunk, ending="")
