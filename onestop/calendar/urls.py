from django.urls import path

from onestop.calendar import views

app_name = "calendar"

urlpatterns = [
    path("", views.year_calendar, name="current"),
    path("<int:year>/", views.year_calendar, name="year"),
]
