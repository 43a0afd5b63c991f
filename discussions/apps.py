from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = "Discussions"

    def ready(self):
        # xtd connects the receivers that turn a posted comment into an
        # XtdComment when its views module loads; we post through our own
        # view and don't mount its URLs, so load it here.
        import django_comments_xtd.views  # noqa: F401

        from . import cache, moderation, receivers  # noqa: F401
