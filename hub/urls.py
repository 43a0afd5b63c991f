from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.views import healthz, healthz_tasks
from home.views import SearchView

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", SearchView.as_view(), name="search"),
    path("healthz", healthz, name="healthz"),
    path("healthz/tasks", healthz_tasks, name="healthz_tasks"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # Before Wagtail's catch-all, like every comment URL.
    path("comments/", include("discussions.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page serving catches every other path, so it comes last.
    path("", include(wagtail_urls)),
]
