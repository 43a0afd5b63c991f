"""Email goes out from a background task, so a slow or failing mail server
never fails the request that caused it; failed sends are retried with backoff."""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


@task()
def deliver_email(subject, body, to, html_body=None, attachments=(), attempt=1):
    """Send one email. `attachments` are (filename, text content, mimetype) triples."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
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
        retry.enqueue(subject, body, to, html_body, attachments, attempt + 1)


def queue_email(message):
    """Queue a rendered EmailMessage (or EmailMultiAlternatives) for delivery."""
    html_body = next(
        (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
        None,
    )
    attachments = [tuple(attachment) for attachment in message.attachments]
    return deliver_email.enqueue(message.subject, message.body, list(message.to), html_body, attachments)
