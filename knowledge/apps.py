from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Content")

    def ready(self) -> None:
        blas_threads_limit()


def blas_threads_limit() -> None:
    """One BLAS thread per process for the dense search's matrix-vector product.

    OpenBLAS starts one thread per core and spins them at every call; on a server whose cores
    are busy with other requests that turns a 0.2 ms product over a store's passages into
    8–17 ms at p99 (``bench/agent_turn.py --blas-threads``). A server's parallelism comes from
    its processes, so each process keeps one thread. ``OPENBLAS_NUM_THREADS`` set in the
    environment still wins (threadpoolctl only lowers the limit when it is not set).
    """
    import os

    if os.environ.get("OPENBLAS_NUM_THREADS"):
        return
    # threadpoolctl limits the BLAS libraries loaded when it is called: numpy's first.
    import numpy  # noqa: F401
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
