from django.conf import settings
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.api import PublicPagesAPIViewSet
from core.views import healthz, healthz_tasks, robots_txt
from discussions.open_data import comments_download
from home.views import SearchView
from surveys.open_data import results_download

# The read API (core/api.py; examples in the README).
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", SearchView.as_view(), name="search"),
    path("healthz", healthz, name="healthz"),
    path("healthz/tasks", healthz_tasks, name="healthz_tasks"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/v2/", api_router.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Open data of closed consultations (discussions/open_data.py, surveys/open_data.py).
    path(
        "open-data/comments/<int:page_id>.<str:file_format>",
        comments_download,
        name="open_data_comments",
    ),
    path("open-data/surveys/<int:page_id>.json", results_download, name="open_data_survey"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # Before Wagtail's catch-all, like every comment URL.
    path("comments/", include("discussions.urls")),
    path("follow/", include("consultations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page serving catches every other path, so it comes last.
    path("", include("core.urls")),
]
