"""A thread that ends a database connection that has waited too long for an answer.

A query waits in the database driver for the server's answer on the connection's socket. When
the server cannot answer (it hangs, or a proxy or network path in between stopped passing data
while the kernel still acknowledges it), nothing on the client ever ends that wait: TCP
keepalives and the TCP user timeout see a healthy connection, and PostgreSQL's statement
timeout never starts, because the statement never arrived. ``watch`` registers the socket with
a deadline; when the deadline passes first, the watchdog shuts the socket down (``shutdown(2)``
on a duplicate of its descriptor, which acts on the connection itself). The waiting driver
then sees the connection end and raises its ordinary error in its own thread, at once. This
works in any thread (unlike an alarm signal, which only the main thread receives) and never
interrupts the driver in the middle of its own bookkeeping.

One watchdog per process; its thread starts with the first watch of the process (gunicorn's
workers fork from a master that has none) and sleeps while nothing is watched.
"""

import os
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

# How often deadlines are looked at while something is watched: they are met this late at most.
TICK = 0.1


@dataclass
class Watch:
    fileno: int
    deadline: float
    expired: bool = False


def shut_down(fileno):
    """Ends the TCP connection on ``fileno`` in both directions; the descriptor stays open and
    owned by the driver, which closes it."""
    try:
        duplicate = socket.socket(fileno=os.dup(fileno))
    except OSError:
        return
    try:
        duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        duplicate.close()


class Watchdog:
    """``clock`` gives the time deadlines are measured on (seconds, never going back)."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.start_afresh()
        # A forked child (a gunicorn worker) has none of its parent's threads or watches.
        os.register_at_fork(after_in_child=self.start_afresh)

    def start_afresh(self):
        self.condition = threading.Condition()
        self.watches = {}
        self.thread = None

    @contextmanager
    def watch(self, fileno, seconds):
        """While the block runs, the connection on ``fileno`` is shut down if the block is still
        running ``seconds`` from now. Yields the ``Watch``: ``expired`` says whether that
        happened."""
        watch = Watch(fileno, self.clock() + seconds)
        key = object()
        with self.condition:
            if self.thread is None:
                self.thread = threading.Thread(target=self.run, name="deadlines", daemon=True)
                self.thread.start()
            self.watches[key] = watch
            self.condition.notify()
        try:
            yield watch
        finally:
            # Under the lock: once this returns, the watchdog no longer touches the descriptor,
            # which the driver may then close and the system give to another socket.
            with self.condition:
                del self.watches[key]

    def run(self):
        while True:
            with self.condition:
                while not self.watches:
                    self.condition.wait()
                now = self.clock()
                for watch in self.watches.values():
                    if not watch.expired and now >= watch.deadline:
                        watch.expired = True
                        shut_down(watch.fileno)
            time.sleep(TICK)


watchdog = Watchdog()
