"""Load test: ``python bench/load.py`` (or ``make load``) holds 50 concurrent clients on the
public pages for two minutes against gunicorn, and reports errors and latency percentiles.

1. Prepares a database of its own: the embedded server's database ``load`` unless
   ``DATABASE_URL`` names one (its name must contain "load" or "bench"); migrates it and,
   when empty, loads the demo data and a modest synthetic registry (``--actors`` …).
2. Starts gunicorn with the project's ``gunicorn.conf.py`` and production settings on a
   free port of 127.0.0.1 (nothing else is ever asked for), static files collected first.
3. Each client is a thread asking, without pause, for a random public page: the start
   page, the three lists (plain, filtered, searched, paged), detail pages of every kind,
   the priority areas and the portal's own pages, in Swedish and English. Every answer
   other than 200 (or 404 for the not-found page) and every connection error counts as
   an error; the run fails if there is one.

The rate limits count per client address, and every client here is 127.0.0.1: the search
limit is raised for the run, so that what is measured is the portal, not its throttle.
The figures depend on the machine: on a shared one, note what else was running.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
DEFAULT_DATABASE = "load"


def configure(args) -> None:
    """Production-like settings on a database of the load test's own; then set Django up."""
    sys.path.insert(0, str(ROOT))
    url = os.environ.get("DATABASE_URL")
    if url:
        name = urlsplit(url).path.lstrip("/")
        if "load" not in name and "bench" not in name:
            sys.exit(
                f"DATABASE_URL names database {name!r}; the load test needs *load* or *bench*."
            )
    else:
        os.environ.setdefault("EMBEDDED_DB_NAME", DEFAULT_DATABASE)
    os.environ.update(
        DEBUG="0",
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",  # plain HTTP on the loopback interface
        SECURE_HSTS_SECONDS="0",
        RATE_LIMIT_SEARCH="1000000/m",  # every client shares one address here
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
        STATIC_ROOT=os.environ.get("STATIC_ROOT")
        or str(Path(tempfile.gettempdir()) / "portal-load-static"),
    )
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DJANGO_SETTINGS_MODULE"] = "innovation_portal.settings"
    import django

    django.setup()


def prepare(args) -> None:
    from django.core.management import call_command

    from bench.synthetic.command import generate
    from registry.models import Actor

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not Actor.objects.exists():
        print("Loading the demo data and a synthetic registry …", flush=True)
        call_command("load_demo_data", verbosity=0)
        generate(
            actors=args.actors,
            offers=args.actors * 2,
            projects=max(1, args.actors // 5),
            seed=1,
            out=io.StringIO(),
        )
    call_command("collectstatic", interactive=False, verbosity=0)


def public_pages() -> dict[str, list[str]]:
    """Paths by page type, in both languages."""
    from django.urls import reverse
    from django.utils import translation

    from registry.models import Actor, Project, SupportOffer
    from spetsomraden.models import PriorityArea

    def sample(queryset, count=40):
        return list(queryset.order_by("?")[:count])

    actors = sample(Actor.objects.public())
    offers = sample(SupportOffer.objects.public())
    projects = sample(Project.objects.public())
    areas = list(PriorityArea.objects.all())
    pages: dict[str, list[str]] = defaultdict(list)
    for language in ("sv", "en"):
        with translation.override(language):
            pages["start page"].append(reverse("home"))
            for kind in ("actor", "offer", "project"):
                url = reverse(f"registry:{kind}_list")
                pages["list"] += [url, f"{url}?page=3", f"{url}?sort=name"]
                pages["filtered list"].append(f"{url}?area={areas[0].slug}")
                pages["search"] += [f"{url}?q=innovation", f"{url}?q=test", f"{url}?q=inkubator"]
            pages["filtered list"].append(
                reverse("registry:offer_list") + "?kind=funding&stage=startup"
            )
            pages["detail"] += [entry.get_absolute_url() for entry in actors + offers + projects]
            pages["priority area"] += [reverse("registry:area_list")] + [
                area.get_absolute_url() for area in areas
            ]
            pages["portal page"] += [
                reverse(name) for name in ("about", "accessibility", "privacy")
            ]
            pages["not found"].append(reverse("home") + "finns-inte/")
    return dict(pages)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _get(port: int, path: str, timeout: float = 60) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def run_clients(port: int, pages: dict[str, list[str]], *, clients: int, seconds: float) -> Results:
    results = Results()
    kinds = list(pages)
    # Detail pages and lists are most of what visitors ask for.
    weights = [{"detail": 4, "list": 3, "search": 2, "filtered list": 2}.get(k, 1) for k in kinds]
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(number: int):
        chooser = random.Random(number)  # noqa: S311 - not for security
        start.wait()
        while time.monotonic() < stop_at[0]:
            kind = chooser.choices(kinds, weights)[0]
            path = chooser.choice(pages[kind])
            expected = 404 if kind == "not found" else 200
            began = time.perf_counter()
            try:
                status = _get(port, path)
            except (OSError, http.client.HTTPException) as error:
                status, detail = None, repr(error)
            else:
                detail = f"status {status}"
            elapsed = (time.perf_counter() - began) * 1000
            with results.lock:
                if status == expected:
                    results.latencies[kind].append(elapsed)
                else:
                    results.errors[kind] += 1
                    if len(results.error_samples) < 20:
                        results.error_samples.append(f"{path}: {detail}")

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.monotonic() + seconds
    start.wait()
    for thread in threads:
        thread.join()
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def report(results: Results, *, seconds: float, clients: int, workers: str) -> dict:
    rows = {}
    everything = [ms for values in results.latencies.values() for ms in values]
    for kind in [*sorted(results.latencies), "all"]:
        values = everything if kind == "all" else results.latencies[kind]
        errors = sum(results.errors.values()) if kind == "all" else results.errors.get(kind, 0)
        rows[kind] = {
            "requests": len(values) + errors,
            "errors": errors,
            "req_per_s": round(len(values) / seconds, 1),
            **{
                f"p{int(p * 100)}_ms": round(percentile(values, p), 1)
                for p in (0.5, 0.9, 0.95, 0.99)
            },
            "max_ms": round(max(values), 1) if values else 0.0,
        }
    print(
        f"\n== Load: {clients} concurrent clients, {seconds:.0f} s, gunicorn with {workers} "
        f"workers (gunicorn.conf.py) on {os.cpu_count()} cores =="
    )
    header = (
        "page type",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
    )
    print("{:<14} {:>9} {:>7} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8}".format(*header))
    for kind, row in rows.items():
        print(
            f"{kind:<14} {row['requests']:9d} {row['errors']:7d} {row['req_per_s']:7.1f} "
            f"{row['p50_ms']:8.1f} {row['p90_ms']:8.1f} {row['p95_ms']:8.1f} {row['p99_ms']:8.1f} "
            f"{row['max_ms']:8.1f}"
        )
    for sample in results.error_samples:
        print(f"  error: {sample}")
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (2 × cores + 1)"
    )
    parser.add_argument(
        "--actors", type=int, default=2000, help="synthetic actors for an empty database"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    configure(args)
    prepare(args)
    pages = public_pages()
    port = _free_port()
    workers = str(args.workers or os.cpu_count() * 2 + 1)
    log = Path(tempfile.gettempdir()) / f"portal-load-gunicorn-{port}.log"
    command = [
        sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
        "--bind", f"{HOST}:{port}", "--workers", workers, "--access-logfile", "/dev/null",
        "innovation_portal.wsgi:application",
    ]  # fmt: skip
    with open(log, "w") as log_file:
        server = subprocess.Popen(  # noqa: S603 - fixed arguments
            command, cwd=ROOT, env=os.environ, stdout=log_file, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(port, "/healthz", timeout=2) == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print(f"gunicorn did not start; see {log}", file=sys.stderr)
                return 2
            time.sleep(0.3)
        for kind, paths in pages.items():  # every page answers before the clock starts
            expected = 404 if kind == "not found" else 200
            for path in paths[:3]:
                status = _get(port, path)
                if status != expected:
                    print(f"{path} answered {status}; see {log}", file=sys.stderr)
                    return 2
        run_clients(port, pages, clients=args.clients, seconds=5)  # warm-up, not counted
        results = run_clients(port, pages, clients=args.clients, seconds=args.seconds)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    rows = report(results, seconds=args.seconds, clients=args.clients, workers=workers)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    errors = rows["all"]["errors"]
    print("no errors" if not errors else f"{errors} ERRORS")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
