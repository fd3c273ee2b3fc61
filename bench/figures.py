"""The benchmark's figures in BENCHMARKS.md: the machine, and the report of the latest run
between two markers per database, replaced by the next run; the hand-written text around them
stays as it is."""

import os
import platform
import re
from pathlib import Path


def machine() -> str:
    """Cores, CPU model, memory and Python, as far as the system tells them."""
    cpu, memory = "unknown CPU", "unknown memory"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
                break
    except (OSError, ValueError, IndexError):
        pass
    # A busy machine slows every figure: the load says how busy it was at the start.
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return f"{os.cpu_count()} cores ({cpu}), {memory}{load}, Python {platform.python_version()}"


class Transcript:
    """The command's output, written as before and kept line by line."""

    def __init__(self, out):
        self._out = out
        self.lines: list[str] = []

    def write(self, msg: str = "", style_func=None, ending=None) -> None:
        self._out.write(msg, style_func, ending)
        self.lines += msg.splitlines() or [""]

    def __getattr__(self, name: str):
        return getattr(self._out, name)


def markers(vendor: str) -> tuple[str, str]:
    note = "written by make bench; the next run replaces it"
    return f"<!-- bench:{vendor}:begin ({note}) -->", f"<!-- bench:{vendor}:end -->"


def as_markdown(lines: list[str]) -> str:
    """The report as Markdown: its tables stay tables, PASS and FAIL lines become a list, and
    a blank line separates them from the text around."""
    out: list[str] = []
    previous = "blank"
    for line in lines:
        line = line.rstrip()
        if not line:
            kind = "blank"
        elif line.startswith(("PASS", "FAIL")):
            kind, line = "list", "- " + re.sub(r"^(PASS|FAIL)\s+", r"\1 ", line)
        elif line.startswith("|"):
            kind = "table"
        else:
            kind = "text"
        # A blank line between kinds, and between two lines of text: each its own paragraph.
        if (kind != previous or kind == "text") and "blank" not in (kind, previous):
            out.append("")
        if not (kind == "blank" and previous == "blank"):
            out.append(line)
        previous = kind
    return "\n".join(out).strip("\n")


def write_section(path: Path, vendor: str, heading: str, lines: list[str]) -> Path:
    """Replace the vendor's section of `path` with this run's report (or add it at the end)."""
    begin, end = markers(vendor)
    section = f"{begin}\n### {heading}\n\n{as_markdown(lines)}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(begin.split(" (")[0]) + r".*?" + re.escape(end), flags=re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
    return path
