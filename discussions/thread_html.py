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
into it. Each reader's own controls (Like or Unlike, Report, Reply
or the open reply form with its CSRF token) are left as markers and filled in
per request. A thread holding the reader's own comment that awaits moderation
is theirs alone, and is rendered for them and never kept.

A message about one comment ("Your comment is published", "Thank you, a
moderator will review it") is shown on that comment, where the reader lands
after acting on it, rather than at the top of the page out of view: the view
sends it with `about_comment(comment)` as its extra tags.
"""

import functools
import hashlib
import re
from pathlib import Path

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from accounts.templatetags import accounts_tags
from core.templatetags import time_tags

from .templatetags import discussion_tags

THREAD_TEMPLATE = "discussions/includes/comment.html"
REPLY_FORM_TEMPLATE = "discussions/includes/reply_form.html"
# What the shared HTML is rendered from: its templates and their tag
# libraries. A deploy that changes any of them makes new keys.
SHARED_TEMPLATES = (THREAD_TEMPLATE, "accounts/includes/author.html")
SHARED_TAG_LIBRARIES = (discussion_tags, time_tags, accounts_tags)
KEEP_SECONDS = 7 * 24 * 60 * 60
# Comment text is escaped, so a comment can never write a marker of its own.
MARKER = re.compile(r"<!--(notice|controls|reply):(\d+)-->")
NOTICE = '<p class="message message--{}" role="status">{}</p>'

UNLIKE_FORM = (
    '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
    '<span>You like this</span> <button class="button--link" type="submit">Unlike'
    '<span class="visually-hidden"> this comment</span></button></form>'
)
YOU_REPORTED = "<span>You reported this</span>"
LIKE_FORM = (
    '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
    '<button class="button--link" type="submit">Like<span class="visually-hidden"> this comment</span>'
    "</button></form>"
)
REPORT_LINK = '<a href="{}">Report<span class="visually-hidden"> this comment</span></a>'
REPLY_LINK = (
    '<p class="comment__reply"><a href="?{}#c{}">Reply<span class="visually-hidden"> to this comment</span>'
    "</a></p>"
)


@functools.cache
def _templates_version():
    templates = [get_template(name).template.source for name in SHARED_TEMPLATES]
    libraries = [Path(library.__file__).read_text() for library in SHARED_TAG_LIBRARIES]
    return "".join(templates + libraries)


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


class ReaderControls:
    """One reader's own controls for each public comment.

    They are built here rather than in a template because there are two for
    every comment on the page, and Django's template engine spent more time
    on these few tags than on everything else the page shows; format_html
    escapes every value. The one open reply form is a template.
    """

    def __init__(self, request, nodes, *, page, can_post, reply_form, reply_to, notices):
        self.request = request
        # {comment pk: [message, ...]}: each is removed once shown.
        self.notices = notices
        self.user = request.user
        self.nodes = nodes
        self.can_post = can_post
        self.reply_to = reply_to
        self.reply_form = reply_form
        self.page = page
        self.query = request.GET.copy()

    @functools.cached_property
    def csrf_token(self):
        return get_token(self.request)

    def __call__(self, marker):
        part, node = marker[1], self.nodes[int(marker[2])]
        if part == "notice":
            return self.notice(node.comment)
        return self.controls(node.comment) if part == "controls" else self.reply(node)

    def notice(self, comment):
        return format_html_join(
            "", NOTICE, ((message.level_tag, message) for message in self.notices.pop(comment.pk, []))
        )

    def controls(self, comment):
        if not self.user.is_authenticated or comment.user_id == self.user.pk:
            return ""
        if comment.liked:
            like = format_html(UNLIKE_FORM, reverse("discussions_unlike", args=[comment.pk]), self.csrf_token)
        else:
            like = format_html(LIKE_FORM, reverse("discussions_like", args=[comment.pk]), self.csrf_token)
        if comment.reported:
            report = YOU_REPORTED
        else:
            report = format_html(REPORT_LINK, reverse("discussions_report", args=[comment.pk]))
        return like + report

    def reply(self, node):
        if not (self.can_post and node.can_reply):
            return ""
        pk = node.comment.pk
        if pk == self.reply_to:
            return render_to_string(
                REPLY_FORM_TEMPLATE,
                {"reply_form": self.reply_form, "reply_to": pk, "page": self.page},
                request=self.request,
            )
        self.query["reply_to"] = pk
        return format_html(REPLY_LINK, self.query.urlencode(), pk)


NOTICE_TAG = "comment-"


def about_comment(comment):
    """The extra tags that show a message on `comment` rather than at the top of the page."""
    return f"{NOTICE_TAG}{comment.pk}"


def comment_notices(request):
    """The reader's messages as ({comment pk: [message, ...]}, the rest)."""
    notices, rest = {}, []
    for message in get_messages(request):
        tag = message.extra_tags or ""
        if tag.startswith(NOTICE_TAG) and tag.removeprefix(NOTICE_TAG).isdigit():
            notices.setdefault(int(tag.removeprefix(NOTICE_TAG)), []).append(message)
        else:
            rest.append(message)
    return notices, rest


def render_threads(tree, nodes, request, *, notices, **controls):
    """The HTML of each thread in `tree` for `request`'s reader.

    `controls` are what the reader's own controls depend on: page, can_post,
    reply_form and reply_to. `notices` are the messages about comments; those
    shown are taken out of it.
    """
    fill = ReaderControls(request, nodes, notices=notices, **controls)
    # Every part is escaped as it is made.
    return [mark_safe(MARKER.sub(fill, thread)) for thread in _shared_html(tree)]
