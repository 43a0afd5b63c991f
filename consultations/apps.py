from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"

    def ready(self):
        from core import cache

        from . import receivers  # noqa: F401
        from .models import Topic

        # Topics show on consultation cards, headers and filters across the site.
        cache.purge_site_when_changed(Topic)
