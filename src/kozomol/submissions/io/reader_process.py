"""Reading and checking a large import file in a second process while this one writes.

An import does two things of about equal cost for each row: reading and
checking it (Python, in :mod:`parse`) and inserting it (the database). Done one
after the other they use one core; here the reading runs in a child process and
hands over batches through a pipe, so on a machine with two cores the import
takes about as long as the slower half instead of the sum. The child also does
the part of writing that needs no database (:mod:`rows`).

The child only reads files: it never opens the import's database, so the
transaction, the writes and ``on_rows`` (which may record a job's progress)
all stay in the calling process, and an import is still all or nothing. A
batch goes over as columns of plain values and text, not as ``Record``
objects: pickling a million dataclasses with aware date-times and nested
dicts would cost as much as the work it moves.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from kozomol.questionnaires.schema import FormSchema
from kozomol.submissions.io.parse import Report, read_records
from kozomol.submissions.io.readers import Source, SourceError
from kozomol.submissions.io.rows import PreparedBatch, RowPlan, prepare_batch

# Below this size the child's start (a fresh interpreter with Django: about half a second)
# costs more than it saves; such files are read in the calling process.
IN_PROCESS_MIN_BYTES = 16 * 1024 * 1024


def read_in_child(
    source: Source,
    schema: FormSchema,
    report: Report,
    plan: RowPlan,
    *,
    on_batch: Callable[[PreparedBatch], None],
    batch_size: int,
    on_rows: Callable[[int], None] | None = None,
) -> None:
    """:func:`read_records` and :func:`prepare_batch` in a child process; ``on_batch`` here."""
    from django.conf import settings

    job = {
        "settings": settings.SETTINGS_MODULE,
        "paths": [str(p) for p in source.paths],
        "names": list(source.names),
        "schema": schema.model_dump_json(),
        "batch_size": batch_size,
        "plan": plan,
        "progress": on_rows is not None,
    }
    # A plain child interpreter rather than multiprocessing's spawn, which would re-run the
    # parent's main module (gunicorn, the task worker, a test runner) in the child.
    child = subprocess.Popen(  # noqa: S603 - our own interpreter and module, no user input in the command
        [sys.executable, "-m", __name__],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE},
    )
    assert child.stdin is not None and child.stdout is not None
    stdout = child.stdout
    # A pipe holds 64 KB and a batch is megabytes: without a buffer on this side the child
    # could run at most one batch ahead, and each side would wait whenever the other is slow.
    # A thread receives into a short queue (the bound is what keeps memory flat).
    inbox: queue.Queue[Any] = queue.Queue(maxsize=_BATCHES_AHEAD)
    stop = threading.Event()

    def receive() -> None:
        while not stop.is_set():
            message = _receive(stdout)
            while not stop.is_set():
                try:
                    inbox.put(message, timeout=0.2)
                    break
                except queue.Full:
                    continue
            if message is None or message[0] != "batch" and message[0] != "rows":
                return

    receiver = threading.Thread(target=receive, name="kozomol-import-receiver", daemon=True)
    finished = False
    try:
        try:
            child.stdin.write(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
            child.stdin.close()
        except BrokenPipeError:
            pass  # the child is gone already: its output ends at once and says so below
        receiver.start()
        while True:
            message = inbox.get()
            if message is None:
                raise RuntimeError("the import's reading process ended without a result")
            kind = message[0]
            if kind == "batch":
                report.error_count = message[1]  # so the writer stops writing at the first error
                on_batch(message[2])
            elif kind == "rows":
                assert on_rows is not None
                on_rows(message[1])
            elif kind == "done":
                report.__dict__.update(message[1].__dict__)
                finished = True
                return
            elif kind == "source_error":
                report.__dict__.update(message[3].__dict__)
                finished = True
                raise SourceError(message[1], **message[2])
            else:
                raise RuntimeError(f"the import's reading process failed:\n{message[1]}")
    finally:
        stop.set()
        if not finished:
            child.kill()  # the writer failed: nobody reads what the child would send
        if receiver.is_alive():
            receiver.join(timeout=30)
        stdout.close()
        child.wait(timeout=30)


_BATCHES_AHEAD = 4
_LENGTH = struct.Struct("<Q")


def _send(out: IO[bytes], *message: Any) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_LENGTH.pack(len(payload)))
    out.write(payload)


def _receive(stream: IO[bytes]) -> Any:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    payload = stream.read(size)
    if len(payload) < size:
        return None
    # Only ever bytes our own child wrote into a pipe we created: nothing from outside.
    return pickle.loads(payload)  # noqa: S301


def _child_main() -> None:
    """The child: read the job from stdin, send batches and the report on stdout."""
    job = pickle.load(sys.stdin.buffer)  # noqa: S301 - written by the parent that started us
    os.environ["DJANGO_SETTINGS_MODULE"] = job["settings"]
    import django

    django.setup()  # messages and checks use Django's translation machinery; no database is opened
    out = sys.stdout.buffer
    plan = job["plan"]
    report = Report()
    try:
        read_records(
            Source([Path(p) for p in job["paths"]], names=job["names"]),
            FormSchema.model_validate_json(job["schema"]),
            report,
            on_batch=lambda batch: _send(out, "batch", report.error_count, prepare_batch(batch, plan)),
            batch_size=job["batch_size"],
            on_rows=(lambda n: _send(out, "rows", n)) if job["progress"] else None,
        )
    except SourceError as exc:
        _send(out, "source_error", exc.message, exc.params, report)
    except BrokenPipeError:
        return  # the parent stopped reading: it has failed and will roll back
    except BaseException:
        _send(out, "crash", traceback.format_exc())
    else:
        _send(out, "done", report)
    out.flush()


if __name__ == "__main__":
    _child_main()
