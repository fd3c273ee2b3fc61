"""Django's SQLite backend, told that SQLite has JSON instead of asking it.

Django asks inside a transaction, which in our IMMEDIATE mode waits for the write lock. When
another process holds the lock past the busy timeout (a long write), the answer "no JSON" is
kept for the connection's life, and every JSON query of that worker fails until it restarts.
SQLite has JSON built in from 3.38; older ones are still asked.
"""

import sqlite3

from django.db.backends.sqlite3 import base, features


class DatabaseFeatures(features.DatabaseFeatures):
    if sqlite3.sqlite_version_info >= (3, 38):
        supports_json_field = True


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
