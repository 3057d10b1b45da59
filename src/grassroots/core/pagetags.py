"""Versions of the page cache's dependency tags, shared by every process that serves the site.

A cached page remembers the version of each tag it depended on ("post:12", "list:all"); a
change gives those tags new versions, and a page whose remembered versions differ is stale.
With REDIS_URL the versions live in Redis (every server sees them); without it each worker
of `grassroots run` has a cache of its own, so they live in a small memory-mapped file in
the data dir that all workers map: reading a version is a memory read, no system call.

Versions are random, not counters: two processes changing a tag at once both move it away
from what any cached page remembers, and no lock is needed."""

import functools
import mmap
import os
import secrets
import struct
import zlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed

LOCAL_CACHE = "django.core.cache.backends.locmem.LocMemCache"
SLOTS = 8192  # tags share slots by hash: a collision only drops a page early, never late
SLOT = struct.Struct("<Q")
REDIS_PREFIX = "pagetag:"


class FileVersions:
    def __init__(self, path):
        self.path = Path(path)
        self.map = None
        # A map made before a fork is shared with the child; each process opens its own
        # anyway so a worker never depends on how it was started.
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self):
        self.map = None

    def _map(self):
        if self.map is None:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                if os.fstat(fd).st_size < SLOTS * SLOT.size:
                    os.ftruncate(fd, SLOTS * SLOT.size)
                self.map = mmap.mmap(fd, SLOTS * SLOT.size)
            finally:
                os.close(fd)
        return self.map

    @staticmethod
    @functools.lru_cache(maxsize=4096)  # read on every cache hit; tags repeat
    def _offset(tag):
        return (zlib.crc32(tag.encode()) % SLOTS) * SLOT.size

    def get(self, tags):
        view, unpack, offset = self._map(), SLOT.unpack_from, self._offset
        return [unpack(view, offset(tag))[0] for tag in tags]

    def change(self, tags):
        view = self._map()
        for tag in tags:
            SLOT.pack_into(view, self._offset(tag), secrets.randbits(64) or 1)


class CacheVersions:
    """In the shared cache (Redis): one round trip to read all of a page's tags."""

    def get(self, tags):
        keys = [REDIS_PREFIX + tag for tag in tags]
        found = cache.get_many(keys)
        return [found.get(key, 0) for key in keys]

    def change(self, tags):
        cache.set_many({REDIS_PREFIX + tag: secrets.randbits(63) or 1 for tag in tags}, None)


_stores = {}
_current = None  # the store for the current settings, found once (this is on every hit)


def store():
    global _current
    if _current is None:
        if settings.CACHES["default"]["BACKEND"] != LOCAL_CACHE:
            _current = _stores.setdefault("cache", CacheVersions())
        else:
            path = str(Path(settings.DATA_DIR) / "pagecache-tags")
            _current = _stores.setdefault(path, FileVersions(path))
    return _current


def _settings_changed(**kwargs):
    global _current
    _current = None


setting_changed.connect(_settings_changed)


def versions(tags):
    return store().get(tags)


def change(tags):
    store().change(tags)
