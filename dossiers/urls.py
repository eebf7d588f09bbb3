"""The dossier pages, mounted at /ho-so/ (public tracking is at /tra-cuu/)."""

from django.urls import path

from dossiers.views import actions, citizen, desk, detail, documents, landing, queues, results

app_name = "dossiers"

urlpatterns = [
    path("", desk.dossier_list, name="list"),
    path("bat-dau/", landing.landing, name="landing"),
    path("nop/", citizen.choose_procedure, name="choose"),
    path("nop/<str:code>/", citizen.start_dossier, name="start"),
    path("tiep-nhan/", desk.intake_queue, name="intake_queue"),
    path("tiep-nhan-truc-tiep/", desk.counter_intake, name="counter_intake"),
    path("viec-can-lam/", queues.work_queue, name="queue"),
    path("<uuid:pk>/", detail.dossier_detail, name="detail"),
    path("<uuid:pk>/nguoi-nop/", citizen.draft_applicant, name="draft_applicant"),
    path("<uuid:pk>/giay-to/", citizen.draft_documents, name="draft_documents"),
    path("<uuid:pk>/xem-lai/", citizen.draft_review, name="draft_review"),
    path("<uuid:pk>/bo-sung/", documents.supplement, name="supplement"),
    path("<uuid:pk>/thao-tac/<str:name>/", actions.dossier_action, name="action"),
    path("<uuid:pk>/ket-qua/", results.attach_result, name="result"),
    path("<uuid:pk>/ket-qua/tai-ve/", results.download_result, name="result_download"),
    path(
        "<uuid:pk>/tai-lieu/<uuid:doc_id>/",
        documents.download_document,
        name="download",
    ),
]
