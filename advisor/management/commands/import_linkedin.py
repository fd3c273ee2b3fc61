"""Mark a user's people connected on LinkedIn from LinkedIn's own Connections.csv."""

from django.core.management.base import BaseCommand, CommandError

from advisor import linkedin_import
from advisor.management.cli import read_input, user_named


class Command(BaseCommand):
    help = (
        "Read Connections.csv from LinkedIn's data export and mark the user's matching people "
        "connected on LinkedIn. Creates no people; importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Connections.csv, or - to read standard input")
        parser.add_argument("--user", required=True, help="the username to update")

    def handle(self, *args, **options):
        user = user_named(options["user"])
        path = options["file"]
        raw = read_input(path)
        try:
            outcome = linkedin_import.import_connections(user, raw)
        except linkedin_import.ConnectionsError as error:
            raise CommandError(f"{path} was not imported: {error}") from None
        self.stdout.write(linkedin_import.summary(outcome))
        for row in outcome.ambiguous:
            self.stdout.write(f"Ambiguous (line {row.line}): {row.name or row.url}")
