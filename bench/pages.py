"""Benchmark 2: requests per second of whole pages under gunicorn, against a yardstick.

gunicorn is started with the project's ``gunicorn.conf.py`` (only the address is changed,
to a free port on 127.0.0.1) and the production settings, with the static files
collected first. A load generator with several concurrent clients then asks for each
page for a fixed time: ``wrk`` when it is installed, otherwise Python threads (which
need more of the CPU themselves, so they report lower figures). The yardstick is the
cheapest Django view behind the same middleware in the same workers (bench/urls.py);
each page is reported as a share of it. Two runs: with the page cache as in production
(repeat visits are served from it), and with it off, every request rendering its page.
"""

import http.client
import os
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_DETAIL_SHARE = 1 / 3


@dataclass
class LoadResult:
    requests_per_second: float
    p50_ms: float | None
    p99_ms: float | None
    errors: int
    tool: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, timeout: float = 10) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped; see {log}")
        try:
            if _get(f"{base}/healthz", timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within a minute; see {log}")


def _drain(base: str) -> None:
    """Wait until requests left over from the last load are answered (at most a minute).

    Sync workers finish every request they have accepted, even for a client gone away.
    """
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        started = time.perf_counter()
        _get(f"{base}/healthz", timeout=60)
        if time.perf_counter() - started < 0.05:
            return
        time.sleep(0.2)


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def _wrk(url: str, *, seconds: int, clients: int) -> LoadResult:
    output = subprocess.run(  # noqa: S603 - fixed arguments, loopback URL
        ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s", "--latency", url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return LoadResult(
        requests_per_second=rps,
        p50_ms=_milliseconds(latency["50"]) if "50" in latency else None,
        p99_ms=_milliseconds(latency["99"]) if "99" in latency else None,
        errors=int(errors.group(1)) if errors else 0,
        tool="wrk" + (f" (socket errors: {socket_errors.group(1)})" if socket_errors else ""),
    )


def _threads(url: str, *, seconds: int, clients: int) -> LoadResult:
    """Python load generator: ``clients`` threads, each one request at a time."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    stop = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client():
        connection = None
        mine, failed = [], 0
        while time.monotonic() < stop:
            if connection is None:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = None
                failed += 1
                continue
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                failed += 1
            if response.will_close:
                connection.close()
                connection = None
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    workers = [threading.Thread(target=client) for _ in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    latencies.sort()
    return LoadResult(
        requests_per_second=len(latencies) / seconds,
        p50_ms=latencies[len(latencies) // 2] if latencies else None,
        p99_ms=latencies[int(len(latencies) * 0.99)] if latencies else None,
        errors=errors[0],
        tool="python threads",
    )


def _pages() -> dict[str, str]:
    """The pages measured: paths on the Swedish site, where most visitors are."""
    from django.db.models import Count
    from django.urls import reverse

    from registry.models import Actor

    # A typical published actor: a few offers and projects, as most have.
    actor = (
        Actor.objects.published()
        .annotate(offer_count=Count("offers", distinct=True))
        .filter(offer_count__gte=2, offer_count__lte=4, participations__isnull=False)
        .order_by("pk")
        .first()
    ) or Actor.objects.published().order_by("pk").first()
    # Fastest first: a slow page's abandoned requests would still occupy the workers.
    return {
        "yardstick": "/bench/yardstick/",
        "detail page": actor.get_absolute_url(),
        "filtered list": reverse("registry:offer_list") + "?kind=funding&stage=startup",
        "start page": reverse("home"),
    }


def _measure(pages: dict[str, str], *, seconds: int, clients: int, env: dict) -> dict:
    """Start gunicorn, load each page in turn, stop it; the results by page."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.gettempdir()) / f"portal-bench-gunicorn-{port}.log"
    env = {**os.environ, "BENCH_YARDSTICK": "1", "PYTHONPATH": str(ROOT), **env}
    command = [
        sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
        "--bind", f"127.0.0.1:{port}", "innovation_portal.wsgi:application",
    ]  # fmt: skip
    load = _wrk if shutil.which("wrk") else _threads
    results: dict[str, LoadResult] = {}
    with open(log, "w") as log_file:
        server = subprocess.Popen(  # noqa: S603 - fixed arguments
            command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_up(base, server, log)
            for name, path in pages.items():
                status = _get(base + path)
                if status != 200:
                    raise RuntimeError(f"{name} {path} answered {status}; see {log}")
            for name, path in pages.items():
                load(base + path, seconds=2, clients=clients)  # warm every worker
                _drain(base)
                results[name] = load(base + path, seconds=seconds, clients=clients)
                _drain(base)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    return results


def _report(title: str, pages: dict[str, str], results: dict[str, LoadResult]) -> float:
    print(f"\n-- {title}, {results['yardstick'].tool} --")
    yardstick = results["yardstick"].requests_per_second
    header = ("page", "req/s", "p50 ms", "p99 ms", "errors", "of yardstick")
    print("{:<14} {:>8} {:>7} {:>7} {:>6} {:>12}  path".format(*header))
    for name, result in results.items():
        share = result.requests_per_second / yardstick if yardstick else 0
        p50, p99 = (f"{ms:7.1f}" if ms else "      -" for ms in (result.p50_ms, result.p99_ms))
        print(
            f"{name:<14} {result.requests_per_second:8.1f} {p50} {p99} "
            f"{result.errors:6d} {share:12.2f}  {pages[name]}"
        )
    return results["detail page"].requests_per_second / yardstick if yardstick else 0


def run(*, seconds: int = 15, clients: int = 8) -> dict:
    """The pages as visitors get them (page cache on), then with every request rendered."""
    from django.conf import settings

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    pages = _pages()
    database = settings.DATABASES["default"]["NAME"]
    print(
        f"\n== 2. Pages under gunicorn ({config['workers']} {config['worker_class']} workers "
        f"x {config['threads']} threads, database {database}), {clients} concurrent clients, "
        f"{seconds} s each =="
    )
    cached = _measure(pages, seconds=seconds, clients=clients, env={"PAGE_CACHE_SECONDS": "600"})
    detail_share = _report("page cache on (production)", pages, cached)
    rendered = _measure(pages, seconds=seconds, clients=clients, env={"PAGE_CACHE_SECONDS": "0"})
    rendered_share = _report("page cache off: every request rendered", pages, rendered)
    met = "met" if detail_share >= TARGET_DETAIL_SHARE else "MISSED"
    print(
        f"detail page at {detail_share:.2f} of the yardstick (target at least 0.33: {met}); "
        f"{rendered_share:.2f} with every request rendered"
    )
    return {
        "results": cached,
        "rendered": rendered,
        "pages": pages,
        "detail_share": detail_share,
        "rendered_share": rendered_share,
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from bench import environment

    environment.configure()
    environment.collect_static()
    run()
