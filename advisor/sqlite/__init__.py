"""Django's SQLite backend, told what this SQLite has (see base.py)."""
