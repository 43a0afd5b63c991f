"""Load benchmark: the hub under gunicorn with production settings, driven by wrk.

Run by hand (not part of the test suite), against a database of its own:

    createdb hub_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/load.py

It migrates that database, loads the demo site, builds a discussion with 2,000
comments, starts gunicorn on 127.0.0.1 with several workers, and runs wrk
(Debian package `wrk`) with a fixed number of connections for a fixed time
against each target in turn, loopback only. It prints a table and writes it,
with a description of the machine, to bench/RESULTS.md.

Targets:
  (a) a static file served by whitenoise, the same size as the page in (c);
  (b) a minimal StandardPage (one paragraph), for a signed-in member (rendered
      every time) and, as (b0), anonymously (the full-page cache);
  (c) the discussion page, anonymous;
  (d) the discussion page, signed in as a member;
  (e) the consultation index, anonymous;
  (f) the demo's survey page and (g) its next event page, signed in.
Targets: b/a >= 0.10 in 6 queries or fewer; d/a >= 0.05 and d/b >= 0.5 in 20
queries or fewer; the signed-in survey and event pages in 20 queries or fewer;
c/a >= 0.5; no response other than 2xx. The query counts come from the same
pages requested in this process, through Django's test client.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

if __package__ in {None, ""}:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import PROJECT_DIR, PUBLIC_HOST, AppServer, Visitor, manage, production_environment

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "RESULTS.md"
COMMENTS = 2000
STATIC_SAMPLE = "bench-sample.html"

# wrk's own summary has no p95 and counts only 4xx/5xx as errors; this script
# reports the percentiles we need and counts every response that is not 2xx.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "non2xx": %d, '
    .. '"socket_errors": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), bad, errors.connect + errors.read + errors.write + errors.timeout))
end
"""


def build_content():
    """The pages to measure, made through the ORM; returns their paths and a member."""
    from django.apps import apps
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from wagtail.models import Page, Site

    from consultations.models import ConsultationIndexPage, ConsultationPage
    from core.demo import child_page, rich_text
    from home.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page.specific
    minimal = child_page(
        home,
        StandardPage,
        "bench-minimal",
        title="A minimal page",
        body=[("rich_text", rich_text("<p>One paragraph, and nothing else.</p>"))],
    )
    consultation = ConsultationPage.objects.get(slug="community-safety-plan")
    paths = {
        "minimal": minimal.url,
        "index": ConsultationIndexPage.objects.live().first().url,
        "survey": Page.objects.live().type(apps.get_model("surveys", "SurveyPage")).first().url,
        "event": apps.get_model("events", "EventPage").objects.live().upcoming().first().url,
    }

    member, password = bench_member(PBKDF2PasswordHasher())
    if apps.is_installed("discussions"):
        paths["discussion"] = build_discussion(consultation, member)
        discussion_label = f"discussion page ({COMMENTS:,} comments)"
    else:
        # The slot for (c) and (d) until the discussions app is merged: the
        # consultation page stands in, and the table says so.
        paths["discussion"] = consultation.url
        discussion_label = "consultation page (stand-in: no discussions app)"
    return paths, discussion_label, member.email, password


def bench_member(hasher):
    """The signed-in reader, made once; its password hashed as production hashes them."""
    from django.contrib.auth import get_user_model

    from accounts.factories import MemberFactory

    password = "bench-member-passphrase"
    user = get_user_model().objects.filter(username="bench-member").first()
    if user is None:
        user = MemberFactory(username="bench-member", email="bench-member@example.org")
    user.password = hasher.encode(password, hasher.salt())
    user.save(update_fields=["password"])
    return user, password


def build_discussion(consultation, member):
    """A discussion under the demo consultation with COMMENTS comments (built once)."""
    from accounts.factories import member_with_email
    from discussions import factories
    from discussions.comments import Comment
    from discussions.factories import DiscussionPageFactory
    from discussions.models import DiscussionPage

    page = DiscussionPage.objects.child_of(consultation).filter(slug="bench-discussion").first()
    if page is None:
        page = DiscussionPageFactory(
            parent=consultation, title="Benchmark discussion", slug="bench-discussion"
        )
    existing = Comment.objects.filter(object_pk=str(page.pk)).count()
    if existing < COMMENTS:
        names = [f"bench-author-{n}" for n in range(20)]
        authors = [member_with_email(f"{name}@example.org", username=name) for name in names] + [member]
        factories.many_comments(page, authors, COMMENTS - existing)
    return page.url


SIGNED_IN_QUERY_LIMITS = {"b": 6, "d": 20, "f": 20, "g": 20}


def count_queries(targets, member_email):
    """The SQL queries each signed-in target runs, once the caches are warm."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=PUBLIC_HOST, HTTP_X_FORWARDED_PROTO="https")
    client.force_login(get_user_model().objects.get(email=member_email))
    counts = {}
    for key, _label, path, _headers in targets:
        if key not in SIGNED_IN_QUERY_LIMITS:
            continue
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        assert status == 200, f"({key}) {path} answered {status} in process"
        counts[key] = len(queries)
    return counts


def run_wrk(url, headers, connections, duration, threads):
    script = BENCH_DIR / "out" / "report.lua"
    script.parent.mkdir(exist_ok=True)
    script.write_text(WRK_SCRIPT)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        command + [url], capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    result = json.loads(next(line for line in output.splitlines() if line.startswith("RESULT "))[7:])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def machine_description():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory_kb // 1024 // 1024} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per target (default 10)")
    options = parser.parse_args()

    for name in ("DATABASE_URL", "REDIS_URL"):
        if name not in os.environ:
            sys.exit(f"Set {name}: the benchmark runs on PostgreSQL and Redis, as production does.")
    if shutil.which("wrk") is None:
        sys.exit("Install wrk (apt-get install wrk).")

    env = production_environment(os.environ["DATABASE_URL"], os.environ["REDIS_URL"])
    os.environ.update(env)
    print("Migrating and loading the demo site...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--noinput")

    import django

    django.setup()
    print(f"Building the benchmark pages ({COMMENTS} comments)...", flush=True)
    paths, discussion_label, member_email, member_password = build_content()
    from django.db import connection

    # Fresh planner statistics, as autovacuum would have by the time a real
    # discussion reached 2,000 comments; without them PostgreSQL picks nested
    # loops over the bulk-inserted comments and the page takes seconds.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    with AppServer(env, workers=options.workers) as server:
        member = Visitor()
        signed_in = member.post_form(
            server, "/accounts/login/", {"login": member_email, "password": member_password}
        )
        assert signed_in.status_code == 302, (
            f"the benchmark member could not sign in ({signed_in.status_code})"
        )
        anonymous = Visitor()
        discussion_html = anonymous.get(server, paths["discussion"]).content
        # Whitenoise finds files when it starts, so the next server serves this one.
        sample = PROJECT_DIR / "staticfiles" / STATIC_SAMPLE
        sample.write_bytes(discussion_html)

    base_headers = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"}
    member_headers = {**base_headers, "Cookie": "; ".join(f"{k}={v}" for k, v in member.cookies.items())}
    targets = [
        ("a", "static file, same size as (c)", "/static/" + STATIC_SAMPLE, base_headers),
        ("b0", "minimal page, anonymous", paths["minimal"], base_headers),
        ("b", "minimal page, signed in", paths["minimal"], member_headers),
        ("c", f"{discussion_label}, anonymous", paths["discussion"], base_headers),
        ("d", f"{discussion_label}, signed in", paths["discussion"], member_headers),
        ("e", "consultation index, anonymous", paths["index"], base_headers),
        ("f", "survey page, signed in", paths["survey"], member_headers),
        ("g", "event page, signed in", paths["event"], member_headers),
    ]

    results = {}
    with AppServer(env, workers=options.workers) as server:
        for key, label, path, headers in targets:
            # A short warm-up fills the page cache and each worker's caches.
            run_wrk(
                server.url + path, headers, connections=options.threads, duration=1, threads=options.threads
            )
            server.wait_until_idle()
            print(f"({key}) {label}: {path}", flush=True)
            results[key] = run_wrk(
                server.url + path, headers, options.connections, options.duration, options.threads
            )
            server.wait_until_idle()
            results[key].update(label=label, path=path)

    query_counts = count_queries(targets, member_email)
    report = format_report(results, query_counts, options, len(discussion_html))
    print(report)
    RESULTS.write_text(report)


def verdict(met):
    return "met" if met else "**missed**"


def format_report(results, query_counts, options, page_bytes):
    rows = [
        "| target | path | req/s | p50 ms | p95 ms | p99 ms | queries | non-2xx | socket errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, result in results.items():
        latencies = " | ".join(f"{result[p] / 1000:.1f}" for p in ("p50_us", "p95_us", "p99_us"))
        rows.append(
            f"| ({key}) {result['label']} | `{result['path']}` | {result['rps']:.0f} | {latencies} "
            f"| {query_counts.get(key, '')} | {result['non2xx']} | {result['socket_errors']} |"
        )

    def ratio(top, bottom):
        return results[top]["rps"] / results[bottom]["rps"]

    def within(key):
        return query_counts[key] <= SIGNED_IN_QUERY_LIMITS[key]

    errors = sum(result["non2xx"] + result["socket_errors"] for result in results.values())
    b_over_a, d_over_a = ratio("b", "a"), ratio("d", "a")
    d_over_b, c_over_a = ratio("d", "b"), ratio("c", "a")
    return "\n".join(
        [
            "# Load benchmark results",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/load.py` on {machine_description()}.",
            f"gunicorn {options.workers} sync workers with production settings, "
            "PostgreSQL and Redis on the same machine; "
            f"wrk with {options.connections} connections and {options.threads} threads "
            f"for {options.duration} s per target, "
            "over loopback. The machine was shared with other work at the time, so the figures are noisy: "
            "compare the ratios, not the absolute numbers.",
            f"The page in (c) was {page_bytes:,} bytes; the static file in (a) is the same size.",
            "",
            *rows,
            "",
            f"- b/a (signed-in minimal page / static file): **{b_over_a:.3f}** (at least 0.10): "
            f"{verdict(b_over_a >= 0.10)}; {query_counts['b']} queries (at most 6): {verdict(within('b'))}",
            f"- d/a (signed-in discussion page / static file): **{d_over_a:.3f}** (at least 0.05): "
            f"{verdict(d_over_a >= 0.05)}",
            f"- d/b (signed-in discussion page / signed-in minimal page): **{d_over_b:.2f}** "
            f"(at least 0.5): {verdict(d_over_b >= 0.5)}; {query_counts['d']} queries (at most 20): "
            f"{verdict(within('d'))}",
            f"- signed-in survey and event pages: {query_counts['f']} and {query_counts['g']} queries "
            f"(at most 20): {verdict(within('f') and within('g'))}",
            f"- c/a (anonymous discussion page / static file): **{c_over_a:.2f}** (at least 0.5): "
            f"{verdict(c_over_a >= 0.5)}",
            f"- responses other than 2xx, and socket errors, across all runs: **{errors}** (target 0): "
            f"{verdict(errors == 0)}",
            "",
        ]
    )


if __name__ == "__main__":
    main()
