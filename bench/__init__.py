"""Benchmarks of the main pages, kept out of the installed site: see BENCHMARKS.md."""
