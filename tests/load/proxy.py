"""A TCP proxy on loopback that can freeze: while frozen it forwards nothing in either
direction, on open connections and on new ones, but keeps every connection open. The kernel
still acknowledges what the site sends, so to the site it is a database that stops answering
without any error: what a hung server, a stalled connection pooler or a half-dead network path
looks like. Nothing here imports Django."""

import contextlib
import socket
import threading


class FreezableProxy:
    """Forwards 127.0.0.1:``port`` to ``target`` (host, port) until ``freeze()``; ``thaw()``
    forwards again, including what arrived meanwhile. Use as a context manager."""

    def __init__(self, target):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.flowing = threading.Event()
        self.flowing.set()
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.sockets = set()
        self.accepted = 0
        self.open_connections = 0
        self.held_bytes = 0  # read while frozen, not yet forwarded
        self.threads = []

    # --- control --------------------------------------------------------------------------

    def freeze(self):
        self.flowing.clear()

    def thaw(self):
        self.flowing.set()

    def counts(self):
        with self.lock:
            return {
                "accepted": self.accepted,
                "open": self.open_connections,
                "held_bytes": self.held_bytes,
            }

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        self.spawn(self.accept_loop, "proxy-accept")

    def stop(self):
        self.stopping.set()
        self.flowing.set()
        with self.lock:
            sockets = [self.listener, *self.sockets]
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        for thread in self.threads:
            thread.join(5)

    # --- forwarding -----------------------------------------------------------------------

    def spawn(self, target, name, *args):
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        self.threads.append(thread)
        thread.start()

    def track(self, sock):
        with self.lock:
            self.sockets.add(sock)

    def accept_loop(self):
        while not self.stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.track(client)
            with self.lock:
                self.accepted += 1
            self.spawn(self.connect, "proxy-connect", client)

    def connect(self, client):
        # A connection made while frozen waits, unanswered, like the open ones.
        self.flowing.wait()
        if self.stopping.is_set():
            return
        try:
            upstream = socket.create_connection(self.target, timeout=10)
            upstream.settimeout(None)
        except OSError:
            client.close()
            return
        self.track(upstream)
        with self.lock:
            self.open_connections += 1
        ends = threading.Semaphore(0)
        self.spawn(self.pump, "proxy-up", client, upstream, ends)
        self.spawn(self.pump, "proxy-down", upstream, client, ends)
        self.spawn(self.close_pair, "proxy-close", client, upstream, ends)

    def pump(self, source, sink, ends):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if not self.flowing.is_set():
                    with self.lock:
                        self.held_bytes += len(data)
                    self.flowing.wait()
                    with self.lock:
                        self.held_bytes -= len(data)
                if self.stopping.is_set():
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            ends.release()

    def close_pair(self, client, upstream, ends):
        ends.acquire()  # one direction ended: the connection is over
        with self.lock:
            self.open_connections -= 1
        for sock in (client, upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        ends.acquire()
        for sock in (client, upstream):
            sock.close()
            with self.lock:
                self.sockets.discard(sock)
