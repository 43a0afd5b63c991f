"""One rate limiter for the whole site: allauth's.

allauth already limits signing in, signing up and password resets; every other
limit (posting comments, registering for events, answering surveys) is one more
action in the same setting, ``ACCOUNT_RATE_LIMITS``, counted in the same cache
and refused with the same "Too many requests" page (templates/429.html).

Each check takes a lock in the cache, so simultaneous requests are counted one
after another: twenty posts at once get exactly the number the rate allows.
Limits per IP address count the real client: behind ``ALLAUTH_TRUSTED_PROXY_COUNT``
proxies (the load balancer, a CDN), allauth takes the address that many entries
from the right of ``X-Forwarded-For``, the one the outermost trusted proxy saw,
so entries a client writes into the header itself are never used.
``client_ip(request)`` gives that address to anything else that needs it.

Where the person typed something, refuse through the form instead: the page
comes back with their text kept and ``WAIT_MESSAGE`` at the top of the form.
"""

from http import HTTPStatus

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit

WAIT_MESSAGE = (
    "You have done this many times in a short while, so we have paused it for a few minutes. "
    "What you entered is kept below: wait a minute, then send it again."
)
TOO_MANY_REQUESTS = HTTPStatus.TOO_MANY_REQUESTS


def allows(request, action, *, form=None):
    """Count one `action` by this request's member or address; False once over its rate.

    A refused `form` gets WAIT_MESSAGE as an error, so showing it again keeps
    what was typed; answer it with status TOO_MANY_REQUESTS.
    """
    allowed = ratelimit.consume(request, action=action)
    if not allowed and form is not None:
        form.add_error(None, WAIT_MESSAGE)
    return allowed


def client_ip(request):
    """The address of the person behind the trusted proxies, as every limit counts it."""
    return get_adapter(request).get_client_ip(request)


def too_many_requests(request):
    """The site's one "Too many requests" page, for an action with nothing typed to keep."""
    return ratelimit.respond_429(request)
