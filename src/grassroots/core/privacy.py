"""Client network identity, shared by comment rate limits and staff login lockout.

The raw IP address only lives in memory for the length of a request. What is kept is a
keyed HMAC of its network (/24 for IPv4, /56 for IPv6) under a key that rotates, so a stored
value cannot be reversed or linked across rotation periods."""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings


def _key(purpose):
    # The "comments" namespace is kept so stored network keys stay the same as before.
    return hashlib.sha256(f"grassroots.comments.{purpose}:{settings.SECRET_KEY}".encode()).digest()


def rotation_period(now=None):
    days = max(1, settings.GRASSROOTS_COMMENT_KEY_ROTATION_DAYS)
    return int((now or time.time()) // (days * 86400))


def client_ip(request):
    """The client address, read in memory only. Behind a proxy on this machine the last
    X-Forwarded-For entry is the one the proxy saw."""
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.GRASSROOTS_BEHIND_PROXY and forwarded:
        address = forwarded.split(",")[-1].strip()
    return client_ip_from(address)


def client_ip_from(address):
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket is still that IPv4 client.
    return getattr(ip, "ipv4_mapped", None) or ip


def network_of(ip):
    if ip is None:
        return None
    prefix = 24 if ip.version == 4 else 56
    return ipaddress.ip_network(f"{ip}/{prefix}", strict=False)


def network_key(ip, *, period=None):
    """Keyed hash of the client's network under the current rotating key."""
    network = network_of(ip)
    if network is None:
        return ""
    period = rotation_period() if period is None else period
    key = _key(f"network.{period}")
    return hmac.new(key, str(network).encode(), hashlib.sha256).hexdigest()
