from django.urls import path

from . import views

urlpatterns = [
    path("<int:comment_id>/like/", views.LikeView.as_view(), name="discussions_like"),
    path("<int:comment_id>/unlike/", views.LikeView.as_view(unlike=True), name="discussions_unlike"),
    path("<int:comment_id>/report/", views.ReportView.as_view(), name="discussions_report"),
    path(
        "unsubscribe/<str:token>/", views.ReplyEmailsLinkView.as_view(), name="discussions_reply_emails_link"
    ),
    # Comment.get_absolute_url() points here; it redirects to the page's own URL.
    path(
        "cr/<int:content_type_id>/<str:object_id>/", views.discussion_redirect, name="comments-url-redirect"
    ),
]
