"""Our SQLite backend knows SQLite has JSON, so a write lock held elsewhere cannot make a
connection believe it has none."""

import sqlite3

import pytest

from advisor.sqlite.base import DatabaseWrapper

# Their own connections to a file of their own, not the test database.
pytestmark = pytest.mark.django_db


def connection_to(path):
    settings = {
        "NAME": str(path),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 0.1},
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "TEST": {},
    }
    return DatabaseWrapper(settings, alias="lock-test")


@pytest.fixture
def locked_database(tmp_path):
    """A database file whose write lock another process holds."""
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    yield path
    holder.execute("ROLLBACK")
    holder.close()


def test_a_connection_opened_while_another_writes_still_has_json(locked_database):
    ours = connection_to(locked_database)
    try:
        assert ours.features.supports_json_field is True
        with ours.cursor() as cursor:
            cursor.execute("""SELECT JSON('{"a": 1}')""")
            assert cursor.fetchone() == ('{"a":1}',)
    finally:
        ours.close()
