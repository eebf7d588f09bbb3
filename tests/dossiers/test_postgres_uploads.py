"""Parallel uploads to one dossier, on PostgreSQL: each thread a request on its own connection."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.test import APIClient

from dossiers.models import DossierDocument
from tests.dossiers.conftest import pdf

# serialized_rollback: the flush between tests would otherwise drop the role groups that
# the migrations created.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 16


def upload_in_parallel(url: str, user: object, barrier: threading.Barrier) -> int:
    """One upload request, sent once every thread is ready, on this thread's connection."""
    try:
        client = APIClient(raise_request_exception=False)
        client.force_authenticate(user)
        body = {"file": pdf(), "item": "other"}
        barrier.wait(timeout=30)
        return client.post(url, body, format="multipart").status_code
    finally:
        connection.close()


def test_sixteen_parallel_uploads_to_one_dossier_all_succeed(make_dossier, citizen):
    dossier = make_dossier("draft")
    url = f"/api/v1/dossiers/{dossier.pk}/documents/"
    barrier = threading.Barrier(THREADS)
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(upload_in_parallel, url, citizen, barrier) for _ in range(THREADS)]
        statuses = sorted(future.result() for future in futures)
    assert statuses == [201] * THREADS, statuses
    assert DossierDocument.objects.filter(dossier=dossier).count() == THREADS
    dossier.refresh_from_db()
    assert dossier.revision == THREADS
