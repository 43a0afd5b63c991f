"""The one way email leaves the site.

`send()` renders a message from its templates, with the headers every
automated email carries, and queues it; a background task delivers it, so a
slow or failing mail server never fails the request that caused it, and
failed sends are retried with backoff. allauth's emails join the same queue
through `queue_email()`.

Every message gets the site's subject prefix and `Auto-Submitted:
auto-generated` (RFC 3834), so that auto-replies do not answer it. A message
someone can stop getting names its unsubscribe address in `List-Unsubscribe`,
with `List-Unsubscribe-Post` for one-click unsubscribing (RFC 8058).
"""

import logging
import smtplib
from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

AUTOMATED = {"Auto-Submitted": "auto-generated"}

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


@task()
def deliver_email(subject, body, to, html_body=None, attachments=(), attempt=1, headers=None):
    """Send one email. `attachments` are (filename, text content, mimetype) triples."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        if attempt >= MAX_ATTEMPTS:
            logger.exception("Giving up on an email to %s after %s attempts", to, attempt)
            raise
        logger.warning("Email to %s failed (attempt %s); will retry", to, attempt, exc_info=True)
        retry = deliver_email
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + timedelta(seconds=30 * 2**attempt))
        retry.enqueue(subject, body, to, html_body, attachments, attempt + 1, headers)


def queue_email(message):
    """Queue a rendered EmailMessage (or EmailMultiAlternatives) for delivery, as an automated one."""
    html_body = next(
        (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
        None,
    )
    attachments = [tuple(attachment) for attachment in message.attachments]
    headers = {**message.extra_headers, **AUTOMATED}
    return deliver_email.enqueue(
        message.subject, message.body, list(message.to), html_body, attachments, headers=headers
    )


def render_subject(template_name, context):
    """One line, with the site's prefix: "Engagement Hub: Your place is confirmed"."""
    return settings.EMAIL_SUBJECT_PREFIX + " ".join(render_to_string(template_name, context).split())


def send(to, template_prefix, context, *, attachments=(), unsubscribe_url=None):
    """Render the email (see `render()`) and queue it."""
    return queue_email(
        render(to, template_prefix, context, attachments=attachments, unsubscribe_url=unsubscribe_url)
    )


def render(to, template_prefix, context, *, attachments=(), unsubscribe_url=None):
    """Render `<template_prefix>_subject.txt`, `.txt` and, where it exists, `.html` into a message.

    `to` is a list of addresses; `attachments` are (filename, text content,
    mimetype) triples; `unsubscribe_url` is where the recipient stops this kind
    of email, in the message's headers as well as its text. Most emails are
    queued with `send()`; a task that sends many at once over one connection
    (accounts.announcements) sends what this returns.
    """
    context = {**context, "unsubscribe_url": unsubscribe_url}
    message = EmailMultiAlternatives(
        subject=render_subject(f"{template_prefix}_subject.txt", context),
        body=render_to_string(f"{template_prefix}.txt", context),
        to=to,
        headers=dict(AUTOMATED),
    )
    with suppress(TemplateDoesNotExist):
        message.attach_alternative(render_to_string(f"{template_prefix}.html", context), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    if unsubscribe_url:
        message.extra_headers.update(
            {
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        )
    return message
