"""Run the hub under gunicorn with production settings on loopback, and talk to
it like a browser behind a TLS-terminating load balancer.

Shared by bench/two_servers.py, bench/load.py and tests/test_two_servers.py.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path

import requests

PROJECT_DIR = Path(__file__).resolve().parent.parent
# The address every server answers to, as the load balancer would pass it on,
# so that servers share cache entries.
PUBLIC_HOST = "hub.localhost"
GUNICORN = Path(sys.executable).with_name("gunicorn")


def production_environment(database_url, redis_url, **extra):
    """Environment for production settings over plain HTTP on loopback.

    Every server of one run must get the same environment: the secret key signs
    sessions and the key prefix places the cache.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{PUBLIC_HOST},127.0.0.1,localhost",
        # The "load balancer" (our client) says the request came over HTTPS,
        # so secure cookies are set; no redirect to HTTPS on loopback.
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="60",
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"hub-run-{secrets.token_hex(4)}",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True, stdout=subprocess.DEVNULL
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """One gunicorn instance on 127.0.0.1, started and stopped as a context manager."""

    def __init__(self, env, workers=2, port=None, threads=1):
        self.env = env
        self.workers = workers
        self.threads = threads
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "hub.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--log-level",
                "warning",
                # Production settings trust X-Forwarded-Proto only from here.
                "--forwarded-allow-ips",
                "127.0.0.1",
            ],
            cwd=PROJECT_DIR,
            env=self.env,
            start_new_session=True,
        )
        try:
            self._wait_until_healthy()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_until_healthy(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {self.port} exited with {self.process.returncode}")
            try:
                if (
                    requests.get(self.url + "/healthz", headers={"Host": PUBLIC_HOST}, timeout=10).status_code
                    == 200
                ):
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn on port {self.port} did not become healthy in {timeout}s")

    def wait_until_idle(self, timeout=60):
        """Wait for requests queued by a finished load run to drain, so they do
        not count against the next one."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            started = time.monotonic()
            requests.get(self.url + "/healthz", headers={"Host": PUBLIC_HOST}, timeout=timeout)
            if time.monotonic() - started < 0.05:
                return
            time.sleep(0.5)

    def __exit__(self, *exc_info):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Visitor:
    """A browser reaching the servers through an HTTPS load balancer.

    It keeps its own cookies, Secure ones included (the real browser sees
    HTTPS), and sends them to whichever server it is talking to.
    """

    def __init__(self):
        self.cookies = {}

    def request(self, method, server, path, data=None):
        origin = f"https://{PUBLIC_HOST}"
        headers = {
            "Host": PUBLIC_HOST,
            "X-Forwarded-Proto": "https",
            "Origin": origin,
            "Referer": origin + path,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = requests.request(
            method, server.url + path, data=data, headers=headers, allow_redirects=False, timeout=30
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, server, path):
        return self.request("GET", server, path)

    def post_form(self, server, path, fields, form_path=None):
        """Fetch the form at `form_path` (by default `path` itself) and post it
        to `path` with its CSRF token, like a person would."""
        form_path = form_path or path
        page = self.get(server, form_path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if token is None:
            raise AssertionError(f"no CSRF token in the form at {form_path} (status {page.status_code})")
        return self.request("POST", server, path, data={"csrfmiddlewaretoken": token.group(1), **fields})
