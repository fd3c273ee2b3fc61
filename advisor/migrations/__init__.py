"""The database schema's history, one migration a change."""
