"""Settings for bench/outcome_email.py: the development settings, sending to its local mail server."""

import os

from hub.settings.dev import *  # noqa: F403

# As in production: DEBUG would keep every query the worker makes in memory.
DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("BENCH_SMTP_PORT", "8125"))
