"""Add the contents of an interview-advisor/1 JSON file to a user's account."""

from django.core.management.base import BaseCommand, CommandError

from advisor import dataformat
from advisor.management.cli import read_input, user_named


class Command(BaseCommand):
    help = (
        "Import a JSON file made by export_data or the site's Export page into a user's account. "
        "Nothing is written unless the whole file is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file to import, or - to read standard input")
        parser.add_argument("--user", required=True, help="the username to import into")

    def handle(self, *args, **options):
        user = user_named(options["user"])
        path = options["file"]
        raw = read_input(path)
        try:
            summary = dataformat.import_account(user, raw)
        except dataformat.DataFormatError as error:
            raise CommandError(f"{path} was not imported: {error}") from None
        self.stdout.write(f"Imported {summary}.")
