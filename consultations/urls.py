from django.urls import path

from . import views

urlpatterns = [
    path("consultations/<int:page_id>/", views.FollowConsultationView.as_view(), name="consultation_follow"),
    path("topics/<int:topic_id>/", views.FollowTopicView.as_view(), name="topic_follow"),
    path("when-taking-part/", views.TakingPartView.as_view(), name="follow_when_taking_part"),
]
