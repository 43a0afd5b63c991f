"""The discussion's threads as HTML: what every reader sees is rendered once
and kept; what is each reader's own is added on every request.

Rendering a thread (authors, avatars, paragraphs with their links, "show full
comment") is most of the discussion page's time, and a thread looks the same to
every reader until something in it changes. So each thread's HTML is kept in
the cache under a key made from everything it is rendered from: every
comment's row, its author's profile, its like count and the templates
themselves. Any change (a like, an approval, a removal, an edit, an author
anonymised, a deploy) makes a new key, so nothing needs purging and no server
can show an old version.

The shared HTML is rendered without the request, so nothing personal can get
into it. Each reader's own controls (Like or "You liked this", Report, Reply
or the open reply form with its CSRF token) are left as markers and filled in
per request. A thread holding the reader's own comment that awaits moderation
is theirs alone, and is rendered for them and never kept.
"""

import functools
import hashlib
import re

from django.core.cache import cache
from django.template import Context
from django.template.context_processors import csrf
from django.template.loader import get_template
from django.utils.safestring import mark_safe

THREAD_TEMPLATE = "discussions/includes/comment.html"
ACTIONS_TEMPLATE = "discussions/includes/comment_actions.html"
# The templates the shared HTML is rendered from.
SHARED_TEMPLATES = (THREAD_TEMPLATE, "accounts/includes/author.html")
KEEP_SECONDS = 7 * 24 * 60 * 60
# Comment text is escaped, so a comment can never write a marker of its own.
MARKER = re.compile(r"<!--(controls|reply):(\d+)-->")


@functools.cache
def _templates_version():
    return "".join(get_template(name).template.source for name in SHARED_TEMPLATES)


def _field_values(instance):
    if instance is None:
        return None
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)


def _nodes(root):
    yield root
    for child in root.children:
        yield from _nodes(child)


def _thread_key(root):
    digest = hashlib.blake2b(_templates_version().encode(), digest_size=20)
    for node in _nodes(root):
        comment = node.comment
        profile = comment.user.profile if comment.user_id else None
        shown = (_field_values(comment), _field_values(profile), comment.like_count, node.can_reply)
        digest.update(repr(shown).encode())
    return f"discussions:thread:{digest.hexdigest()}"


def _is_personal(root):
    return any(node.awaits_moderation for node in _nodes(root))


def _shared_html(tree):
    """Each thread's HTML as every reader sees it, from the cache where it was kept."""
    keys = [None if _is_personal(root) else _thread_key(root) for root in tree]
    kept = cache.get_many([key for key in keys if key])
    template = get_template(THREAD_TEMPLATE)
    rendered = {}
    html = []
    for root, key in zip(tree, keys, strict=True):
        thread = kept.get(key) if key else None
        if thread is None:
            thread = template.render({"node": root})
            if key:
                rendered[key] = thread
        html.append(thread)
    if rendered:
        cache.set_many(rendered, KEEP_SECONDS)
    return html


def render_threads(tree, nodes, request, context):
    """The HTML of each thread in `tree` for `request`'s reader.

    `context` holds what the reader's controls depend on: can_post, reply_to,
    reply_form and page.
    """
    actions = get_template(ACTIONS_TEMPLATE).template
    reader = Context({**context, **csrf(request), "request": request, "user": request.user})
    # What {% querystring %} reads; a RequestContext would run every context
    # processor again for each comment.
    reader.request = request

    def fill(marker):
        node = nodes[int(marker[2])]
        with reader.push(part=marker[1], node=node, comment=node.comment):
            return actions.render(reader).strip()

    # Both parts are template output, escaped as they were rendered.
    return [mark_safe(MARKER.sub(fill, thread)) for thread in _shared_html(tree)]
