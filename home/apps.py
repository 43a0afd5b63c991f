from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The top of the site: the home page, standard pages, search and the demo."""

    name = "home"
    verbose_name = "Pages"
