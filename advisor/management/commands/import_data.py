"""Add the contents of an interview-advisor/1 JSON file to a user's account."""

from advisor import dataformat
from advisor.management.cli import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a JSON file made by export_data or the site's Export page into a user's account. "
        "Nothing is written unless the whole file is valid."
    )
    file_help = "the JSON file to import, or - to read standard input"
    refused = dataformat.DataFormatError

    def import_into(self, user, raw):
        return f"Imported {dataformat.import_account(user, raw)}."
