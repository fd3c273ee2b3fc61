"""The spreadsheet names each round's people, read from the account's own rounds (its query
count is in test_query_counts.py)."""

import csv
import io

from advisor import spreadsheet


def rows_of(user) -> list[list[str]]:
    out = io.StringIO()
    spreadsheet.write_rounds(out, user)
    return list(csv.reader(io.StringIO(out.getvalue().removeprefix(spreadsheet.BYTE_ORDER_MARK))))


def test_each_round_lists_its_own_people_by_name(user, make_pipeline, make_interviewer, make_round):
    zoe, ana = make_interviewer(user, "Zoë Ødegård"), make_interviewer(user, "Ana Núñez")
    pipeline = make_pipeline(user, company="Northwind")
    make_round(pipeline, name="Screen", interviewers=(zoe, ana))
    make_round(pipeline, name="Onsite", interviewers=(zoe,))
    make_round(pipeline, name="Final")

    people = {row[3]: row[9] for row in rows_of(user)[1:]}

    assert people == {"Screen": "Ana Núñez; Zoë Ødegård", "Onsite": "Zoë Ødegård", "Final": ""}
