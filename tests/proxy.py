"""A loopback TCP proxy to cut a service (Redis, PostgreSQL, a mail server)
mid-test without touching the service itself, which other test runs share.

    with TcpProxy("127.0.0.1", 6379) as proxy:
        # point the client at 127.0.0.1:proxy.port
        proxy.stop()    # connections drop and new ones are refused
        proxy.start()   # the service is back, on the same port

It copies bytes both ways and understands nothing of what it carries.
"""

import contextlib
import selectors
import socket
import threading

from bench.servers import free_port


class TcpProxy:
    def __init__(self, target_host, target_port, port=None):
        self.target = (target_host, int(target_port))
        self.port = port or free_port()
        self._listener = None
        self._connections = set()
        self._lock = threading.Lock()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self):
        """Refuse new connections and cut every open one, as if the service died."""
        if self._listener is not None:
            # shutdown, not just close: it wakes the thread blocked in accept().
            _close(self._listener)
            self._listener = None
        with self._lock:
            connections, self._connections = self._connections, set()
        for connection in connections:
            _close(connection)

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._connections.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client, upstream):
        peers = {client: upstream, upstream: client}
        with selectors.DefaultSelector() as selector:
            for end in peers:
                selector.register(end, selectors.EVENT_READ)
            try:
                while True:
                    for key, _ in selector.select():
                        data = key.fileobj.recv(65536)
                        if not data:
                            return
                        peers[key.fileobj].sendall(data)
            except (OSError, ValueError):
                return
            finally:
                with self._lock:
                    self._connections.difference_update(peers)
                for end in peers:
                    _close(end)


def _close(end):
    with contextlib.suppress(OSError):
        end.shutdown(socket.SHUT_RDWR)
    end.close()
