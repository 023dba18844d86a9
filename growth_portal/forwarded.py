"""The visitor's address, also behind the TLS proxy in front of gunicorn.

Behind a proxy every request comes from the proxy's address (``REMOTE_ADDR``), so anything
counted per address (the admin login's lockout, the public forms' rate limit) would count all
visitors together. The proxy passes the address it saw in a header, by default
``X-Forwarded-For``, to which each proxy appends the address of the peer it got the request
from. Any client can send that header too, so it is read only when the request comes from a
trusted proxy: an address or network in ``GUNICORN_FORWARDED_ALLOW_IPS``, the list gunicorn
already trusts with ``X-Forwarded-Proto`` (``settings.FORWARDED_ALLOW_IPS``).

The header is read from its end: the last entry was written by the trusted proxy itself. An
entry that is again a trusted proxy (proxies in a chain, say Varnish behind the TLS proxy) is
passed over; the first one that is not is the visitor. Entries before it were written by the
client and are never believed. With ``*`` (every peer trusted, as in gunicorn) only the last
entry is taken, since a chain cannot be told from a client's own entries.

settings.py points both django-axes (``AXES_CLIENT_IP_CALLABLE``) and django-ratelimit
(``RATELIMIT_IP_META_KEY``) at ``client_address``.
"""

import functools
import ipaddress

from django.conf import settings


@functools.cache
def trusted_networks(allowed):
    return tuple(ipaddress.ip_network(entry) for entry in allowed if entry != "*")


def is_trusted_proxy(address):
    """Whether ``address`` (a string) is one of the proxies whose headers are believed."""
    allowed = tuple(settings.FORWARDED_ALLOW_IPS)
    if "*" in allowed:
        return True
    parsed = parse_address(address)
    return parsed is not None and any(parsed in network for network in trusted_networks(allowed))


def parse_address(value):
    """An ``ipaddress`` address from a header entry, or None if it is not one. Entries with a
    port (``192.0.2.1:4711``, ``[2001:db8::1]:4711``), as some proxies write them, are read
    too; an IPv4 address written as IPv6 (``::ffff:192.0.2.1``) is the IPv4 address."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_address(request):
    """The address of the visitor who sent ``request``: ``REMOTE_ADDR``, or, when that is a
    trusted proxy, the nearest untrusted address in the forwarding header. A trusted proxy
    that sends no readable header is taken at its word as the visitor: its own address."""
    remote = request.META.get("REMOTE_ADDR", "")
    # No peer address: a UNIX socket, which only the local proxy can reach (gunicorn trusts
    # such connections unconditionally too).
    if remote and not is_trusted_proxy(remote):
        return remote
    header = request.META.get(settings.FORWARDED_FOR_HEADER, "")
    entries = [entry for entry in header.split(",") if entry.strip()]
    if "*" in settings.FORWARDED_ALLOW_IPS:
        entries = entries[-1:]
    for entry in reversed(entries):
        address = parse_address(entry)
        if address is None:
            # Something the proxy did not write: stop before anything the client wrote.
            break
        remote = str(address)
        if not is_trusted_proxy(remote):
            break
    return remote
