"""Django's Redis cache backend, keeping its redis-py clients.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call.
The connections come from a pool either way, but each new client also fills its table of
response callbacks, about two hundred entries. A page served from the page cache makes a
single call (one MGET, see pagecache.py), so building that client was a sizeable part of
the time a cached page takes.

Here each connection pool gets one client, made on first use and kept. A ``redis.Redis``
without ``single_connection_client`` holds no connection of its own: each command borrows one
from the pool and gives it back. So one client can serve every call, and any thread, as the
pool already does. After a fork (gunicorn loads the application in its master), redis-py's
pool sees the new process id and opens new connections. The kept client just goes on using
its pool.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # The pools live as long as this object, so their ids are not reused meanwhile.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with :class:`RedisCacheClient`."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
