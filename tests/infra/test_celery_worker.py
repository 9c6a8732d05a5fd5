"""Celery on the embedded broker is real: a `celery -A config worker` process consumes tasks
from kombu's filesystem transport, including tasks queued while no worker was running."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings

pytestmark = pytest.mark.slow

BASE_DIR = Path(settings.BASE_DIR)
CELERY = Path(sys.executable).with_name("celery")
HEARTBEAT = "core.tasks.worker_heartbeat"


def _embedded_env(var_dir: Path) -> dict[str, str]:
    """`make run` with no environment, but with its state in a temporary folder. Service URLs
    are set to "" so that neither this run's nor a .env file's Redis/PostgreSQL leak in."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(var_dir)),
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "SHOPAGENT_VAR_DIR": str(var_dir),
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
    }


def _producer(var_dir: Path) -> Celery:
    """A client of the same filesystem broker the worker uses (the test process itself runs
    Celery eagerly, so it cannot be the producer)."""
    queue = str(var_dir / "broker" / "queue")
    return Celery(
        "test-producer",
        broker="filesystem://",
        broker_transport_options={
            "data_folder_in": queue,
            "data_folder_out": queue,
            "control_folder": str(var_dir / "broker" / "control"),
        },
    )


class Worker:
    def __init__(self, var_dir: Path) -> None:
        self.var_dir = var_dir
        self.log = var_dir / "worker.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own celery entry point
            [
                str(CELERY),
                "-A",
                "config",
                "worker",
                "--loglevel=INFO",
                "--concurrency=1",
                f"--logfile={self.log}",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=BASE_DIR,
            env=_embedded_env(self.var_dir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_for(self, pattern: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.text())
            if found:
                return found.group(0)
            assert self.process is not None
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        pytest.fail(f"worker log never matched {pattern!r}:\n{self.text()[-3000:]}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)


@pytest.fixture
def var_dir(tmp_path: Path) -> Path:
    # The settings create the broker folders at import; the producer may come first.
    for folder in ("queue", "control"):
        (tmp_path / "broker" / folder).mkdir(parents=True)
    return tmp_path


@pytest.fixture
def worker(var_dir: Path) -> Iterator[Worker]:
    w = Worker(var_dir)
    yield w
    w.stop()


def _succeeded(task_id: str) -> str:
    return rf"Task {re.escape(HEARTBEAT)}\[{task_id}\] succeeded in [0-9.e-]+s"


def test_a_task_queued_before_the_worker_starts_runs_once_it_starts(
    worker: Worker, var_dir: Path
) -> None:
    producer = _producer(var_dir)
    queued_early = producer.send_task(HEARTBEAT).id
    assert any((var_dir / "broker" / "queue").iterdir()), "the message should wait on disk"

    worker.start()
    worker.wait_for(r"celery@\S+ ready\.")
    worker.wait_for(_succeeded(queued_early))

    # And a task sent to the running worker is executed too.
    sent_live = producer.send_task(HEARTBEAT).id
    worker.wait_for(_succeeded(sent_live))

    log = worker.text()
    assert "Connected to filesystem://" in log
    assert log.count(f"[{queued_early}] succeeded") == 1
    assert log.count(f"[{sent_live}] succeeded") == 1
    # Acknowledged and removed: nothing left to run twice.
    worker.stop()
    assert not any((var_dir / "broker" / "queue").iterdir())


def test_the_worker_registers_every_task_the_project_defines(tmp_path: Path) -> None:
    """Each module with a ``@shared_task`` is one the worker imports (an app's ``tasks``
    module, or imported from it): a task the worker does not know is discarded as
    "unregistered" — which is what happened to every knowledge re-index until it was
    imported from ``knowledge/tasks.py``."""
    # given every task the source defines
    defined = set()
    for path in sorted(BASE_DIR.glob("*/**/*.py")):
        if ".venv" in path.parts or "tests" in path.parts or "bench" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        module = ".".join(path.relative_to(BASE_DIR).with_suffix("").parts)
        for name in re.findall(r"@shared_task(?:\([^)]*\))?\s*\ndef (\w+)", text):
            defined.add(f"{module}.{name}")
    assert "knowledge.tasks_search.knowledge_article_reindex" in defined

    # when a fresh process loads the worker's modules as `celery -A config worker` does
    listed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup()\n"
            "from config.celery_app import app\n"
            "app.loader.import_default_modules()\n"
            "print('\\n'.join(sorted(app.tasks)))",
        ],
        cwd=BASE_DIR,
        env=_embedded_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()

    # then the worker knows every one of them
    assert defined - set(listed) == set()
