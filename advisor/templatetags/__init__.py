"""Template helpers."""
