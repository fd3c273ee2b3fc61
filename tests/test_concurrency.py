"""Many people writing at once through the real application server lose nothing.

Gunicorn serves the site from a throwaway database: SQLite by default, PostgreSQL when the
suite runs with a postgres DATABASE_URL (a separate `<name>_concurrency` database).
"""

import json
import threading

import pytest
from servers import Visitor, fresh_databases, gunicorn, migrate, production_env, run_python

CLIENTS = 8
WRITES_PER_CLIENT = 15
PASSWORD = "concurrency-password-4821"
SETUP = f"""
import django, json; django.setup()
from advisor.models import Interviewer, User
user = User.objects.create_user("load", password={PASSWORD!r})
print(json.dumps(Interviewer.objects.create(owner=user, name="Dana Lee").pk))
"""
STORED = """
import django, json; django.setup()
from advisor.models import Touch
texts = Touch.objects.filter(text__startswith="load-").values_list("text", flat=True)
print(json.dumps(list(texts)))
"""


@pytest.fixture
def server(tmp_path):
    with fresh_databases(tmp_path) as make_database:
        env = production_env(make_database("concurrency"))
        migrate(env)
        interviewer_id = json.loads(run_python(SETUP, env))
        with gunicorn(env, tmp_path / "gunicorn.log") as port:
            yield port, interviewer_id, env


def test_every_acknowledged_write_is_stored_under_concurrent_load(server):
    port, interviewer_id, env = server
    acknowledged: list[str] = []
    failures: list[str] = []
    lock = threading.Lock()

    def visit(number: int) -> None:
        try:
            visitor = Visitor(port)
            assert visitor.sign_in("load", PASSWORD) == 302
            for write in range(WRITES_PER_CLIENT):
                text = f"load-{number}-{write}"
                status, page = visitor.request(
                    "POST",
                    f"/interviewers/{interviewer_id}/touches/new/",
                    {"kind": "other", "at": "2026-11-20T10:00", "text": text},
                )
                with lock:
                    if status == 302:
                        acknowledged.append(text)
                    else:
                        failures.append(f"{text}: {status} {page[:200]!r}")
        except Exception as error:  # a timeout or a refused sign-in fails the test below
            with lock:
                failures.append(f"visitor {number}: {error!r}")

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads), "visitors still waiting after 2 min"
    assert failures == []
    assert len(acknowledged) == CLIENTS * WRITES_PER_CLIENT
    stored = json.loads(run_python(STORED, env))
    assert sorted(stored) == sorted(acknowledged)
