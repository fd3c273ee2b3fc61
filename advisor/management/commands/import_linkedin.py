"""Mark a user's people connected on LinkedIn from LinkedIn's own Connections.csv."""

import sys

from django.core.management.base import BaseCommand, CommandError

from advisor import linkedin_import
from advisor.models import User


class Command(BaseCommand):
    help = (
        "Read Connections.csv from LinkedIn's data export and mark the user's matching people "
        "connected on LinkedIn. Creates no people; importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Connections.csv, or - to read standard input")
        parser.add_argument("--user", required=True, help="the username to update")

    def handle(self, *args, **options):
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"There is no user called {options['user']!r}.") from None
        path = options["file"]
        try:
            if path == "-":
                raw = sys.stdin.buffer.read()
            else:
                with open(path, "rb") as file:
                    raw = file.read()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            outcome = linkedin_import.import_connections(user, raw)
        except linkedin_import.ConnectionsError as error:
            raise CommandError(f"{path} was not imported: {error}") from None
        self.stdout.write(linkedin_import.summary(outcome))
        for row in outcome.ambiguous:
            self.stdout.write(f"Ambiguous (line {row.line}): {row.name or row.url}")
