"""django-axes, told to lock one (username, client network) pair and to keep nothing
personal. Axes stores an "IP address" per attempt; we give it an address made from the keyed,
rotating network hash (core/privacy.py), in the IPv6 unique-local range so it can never be
someone's real address. Logs name the username and a short prefix of that hash only."""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from django.shortcuts import render

from grassroots.core.privacy import client_ip, network_key


def network_address(key):
    """A stand-in address for a network key: fd + 15 bytes of the keyed hash."""
    if not key:
        return "fd00::"
    return str(ipaddress.IPv6Address(bytes.fromhex("fd" + key[:30])))


def client_network_address(request):
    """Axes' AXES_CLIENT_IP_CALLABLE: the client's reduced network, read the way comment
    rate limits read it (GRASSROOTS_BEHIND_PROXY)."""
    return network_address(network_key(client_ip(request)))


def client_str(username, ip_address, user_agent, path_info, request):
    return f"{{username: {username!r}, network: {str(ip_address)[-9:]!r}}}"


class PrivateDatabaseHandler(AxesDatabaseHandler):
    """Axes' database handler without the user agent and the Accept header in its rows."""

    @staticmethod
    def _forget(request):
        if request is not None:
            request.axes_user_agent = ""
            request.axes_http_accept = ""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        self._forget(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        self._forget(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender, request, user, **kwargs):
        self._forget(request)
        return super().user_logged_out(sender, request, user, **kwargs)


def locked_out(request, credentials, *args, **kwargs):
    """The page shown while a (username, network) pair is locked: the same for a login that
    exists and one that does not."""
    return render(request, "accounts/locked_out.html", status=429)
