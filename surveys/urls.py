from django.urls import path

from .views import SurveyIndexView, SurveyResultsView

app_name = "surveys"
urlpatterns = [
    path("", SurveyIndexView.as_view(), name="index"),
    path("<int:page_id>/", SurveyResultsView.as_view(), name="results"),
]
