"""The dossier pages, by audience: citizen, desk, queues, tracking, documents, actions."""
