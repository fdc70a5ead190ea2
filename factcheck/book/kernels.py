"""Kernels that talk over Unix sockets, so two runs at once never race for a TCP port.

`make book` executes the notebooks twice at the same time (the English and the Chinese
edition), and the tests run nbval in several workers. Over TCP, jupyter_client picks each
kernel's five ports by asking the system for a free one and letting it go; the kernel binds it
a moment later, and in that gap another process can be handed the same port ("Address already
in use": two builds in about a hundred failed so). A Unix socket is a path instead, and every
path here lies in a folder of this process's own.
"""
from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile

from jupyter_client.manager import AsyncKernelManager, KernelManager
from traitlets import CaselessStrEnum, HasTraits

_folder: str | None = None
_numbers = itertools.count(1)


def _socket_path() -> str:
    """A path no other kernel uses: this process's folder, then the kernel's number (the kernel
    adds "-1" ... "-5" for its five channels; a Unix socket path is limited to 107 bytes)."""
    global _folder
    if _folder is None:
        _folder = tempfile.mkdtemp(prefix="factcheck-kernels-")
        atexit.register(shutil.rmtree, _folder, ignore_errors=True)
    return os.path.join(_folder, f"kernel-{next(_numbers)}")


class _OverUnixSockets(HasTraits):
    """What both managers below change: the transport, and a socket path of this process's own."""
    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

    def _ip_default(self) -> str:
        return _socket_path()


class UnixSocketKernelManager(_OverUnixSockets, AsyncKernelManager):
    """nbclient's manager (myst-nb and jupyter-cache execute through it), over Unix sockets."""


class UnixSocketBlockingKernelManager(_OverUnixSockets, KernelManager):
    """nbval's manager, over Unix sockets."""


def use_unix_sockets() -> None:
    """Kernels started later in this process use Unix sockets: nbclient looks its manager class
    up in jupyter_client when it starts a kernel, nbval in its own module (see PATCHES)."""
    import jupyter_client

    jupyter_client.AsyncKernelManager = UnixSocketKernelManager
    try:
        from nbval import kernel
    except ImportError:     # the book's build has no nbval
        return
    kernel.KernelManager = UnixSocketBlockingKernelManager
