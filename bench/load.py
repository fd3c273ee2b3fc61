"""A bounded HTTP load for `python -m bench`: standard library only, run as its own process.

    python -m bench.load --port 8001 --path / --cookie sessionid=... --seconds 10

keeps --connections keep-alive connections busy with GET requests for --seconds, then prints
one JSON object: requests, errors, requests per second, p50 and p99 latency in milliseconds.
"""

import argparse
import http.client
import json
import math
import statistics
import threading
import time


def _worker(args, deadline: float, results: list, lock: threading.Lock) -> None:
    headers = {"Cookie": args.cookie, "Host": args.host, "Accept": "text/html"}
    latencies: list[float] = []
    errors = 0
    statuses: dict[str, int] = {}
    conn = None
    while time.perf_counter() < deadline:
        if conn is None:
            conn = http.client.HTTPConnection(args.host, args.port, timeout=30)
        started = time.perf_counter()
        try:
            conn.request("GET", args.path, headers=headers)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
            statuses[str(response.status)] = statuses.get(str(response.status), 0) + 1
            if response.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            ok = False
            statuses["failed"] = statuses.get("failed", 0) + 1
            conn.close()
            conn = None
        latencies.append(time.perf_counter() - started)
        errors += not ok
    if conn is not None:
        conn.close()
    with lock:
        results.append((latencies, errors, statuses))


def _merge(counters) -> dict[str, int]:
    total: dict[str, int] = {}
    for counter in counters:
        for key, value in counter.items():
            total[key] = total.get(key, 0) + value
    return total


def run(args) -> dict:
    results: list = []
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + args.seconds
    threads = [
        threading.Thread(target=_worker, args=(args, deadline, results, lock), daemon=True)
        for _ in range(args.connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.seconds + 60)
    elapsed = time.perf_counter() - started
    latencies = sorted(t for lat, _, _ in results for t in lat)
    count = len(latencies)
    return {
        "path": args.path,
        "connections": args.connections,
        "seconds": round(elapsed, 2),
        "requests": count,
        "errors": sum(e for _, e, _ in results),
        "statuses": _merge(s for _, _, s in results),
        "rps": round(count / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if count else None,
        "p99_ms": round(latencies[math.ceil(0.99 * count) - 1] * 1000, 1) if count else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--cookie", default="")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not 1 <= args.connections <= 64 or not 0 < args.seconds <= 300:
        parser.error("keep it bounded: 1-64 connections, at most 300 seconds")
    print(json.dumps(run(args)))


if __name__ == "__main__":
    main()
