"""Tasks kept in the database until the broker takes them.

A service hands its background work to :func:`onestop.outbox.queue.enqueue_on_commit`: the
task is written in the service's transaction and queued once it commits. If the broker is
down the change still stands, the row stays unsent, and the periodic ``flush_task_outbox``
task (or the command of the same name) queues it when the broker is back.
"""
