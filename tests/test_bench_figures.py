"""The benchmark writes its report into BENCHMARKS.md between markers, one section per
database, and leaves the hand-written text around it alone."""

from bench.figures import as_markdown, machine, markers, write_section

REPORT = [
    "Machine: 2 cores",
    "",
    "| page | median ms |",
    "|------|-----------|",
    "| board | 12.00 |",
    "",
    "Targets:",
    "PASS  board (heavy, 1,000 pipelines) 9.0x floor <= 15x",
    "FAIL  export 1.20 s < 1 s",
    "Import: a 2.01 MiB file in 0.40 s",
]


def test_the_report_becomes_markdown_with_its_tables_and_a_list_of_verdicts():
    text = as_markdown(REPORT)

    assert "| board | 12.00 |" in text
    assert "Targets:\n\n- PASS board (heavy, 1,000 pipelines) 9.0x floor <= 15x\n" in text
    assert "- FAIL export 1.20 s < 1 s\n\nImport: a 2.01 MiB file" in text


def test_a_run_adds_its_section_then_the_next_replaces_it_keeping_the_rest(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nHand-written.\n\n## Later\n\nAlso hand-written.\n")
    begin, end = markers("sqlite")
    path.write_text(path.read_text().replace("## Later", f"{begin}\n{end}\n\n## Later"))

    write_section(path, "sqlite", "SQLite 3.40.1 (2026-11-27)", ["first run"])
    write_section(path, "sqlite", "SQLite 3.40.1 (2026-11-28)", ["second run"])
    write_section(path, "postgresql", "PostgreSQL 15 (2026-11-28)", ["on PostgreSQL"])

    text = path.read_text()
    assert text.startswith("# Benchmarks\n\nHand-written.\n\n<!-- bench:sqlite:begin")
    assert "second run" in text
    assert "first run" not in text
    assert text.count(begin) == 1
    assert text.index("second run") < text.index("## Later\n\nAlso hand-written.")
    assert text.rstrip().endswith("on PostgreSQL\n<!-- bench:postgresql:end -->")


def test_the_machine_names_its_cores_and_python():
    assert " cores (" in machine()
    assert "Python 3." in machine()
