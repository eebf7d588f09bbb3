from django.urls import path

from procedures import views

app_name = "procedures"

urlpatterns = [
    path("", views.procedure_search, name="search"),
    path("<str:code>/", views.procedure_detail, name="detail"),
]
