"""The address guard: which URLs and resolved addresses the fetcher may reach.

Checked on every hop after DNS resolution, and the connection then goes to the very address checked
(never a second lookup), so a name that resolves to 127.0.0.1, or re-resolves there (DNS rebinding),
is refused. ``allow_private`` (``--allow-private-addresses``) opens loopback and private networks for
tests and local mirrors; link-local (cloud metadata at 169.254.169.254), multicast, unspecified and
reserved addresses stay refused even then.
"""
from __future__ import annotations

import ipaddress
import socket
from typing import List, Optional, Tuple
from urllib.parse import urlsplit

SCHEMES = ("http", "https")


class Refused(Exception):
    """A request we will not make (or stopped making); ``outcome`` is its report name."""

    def __init__(self, outcome: str, message: str):
        super().__init__(message)
        self.outcome = outcome


def _embedded_v4(address: ipaddress.IPv6Address) -> Optional[ipaddress.IPv4Address]:
    """The IPv4 address hidden in an IPv4-mapped, 6to4, Teredo or NAT64 IPv6 address."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def blocked_reason(address, allow_private: bool) -> Optional[str]:
    """Why ``address`` may not be reached, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_v4(address)
        if inner is not None:
            reason = blocked_reason(inner, allow_private)
            return f"embeds {inner}: {reason}" if reason else None
    for kind in ("link_local", "multicast", "unspecified"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    if address.is_loopback:  # before "reserved": Python counts ::1 in the reserved ::/8
        return None if allow_private else "loopback"
    if address.is_reserved:
        return "reserved"
    if allow_private:
        return None
    if address.is_private:
        return "private"
    if not address.is_global:
        return "not globally routable"
    return None


def split_target(url: str) -> Tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL; Refused for any other scheme or no host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise Refused("bad_url", f"unparsable URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise Refused("bad_scheme", f"scheme {scheme or '(none)'!r} is not http(s)")
    host = parts.hostname
    if not host:
        raise Refused("bad_url", "no host in URL")
    if not host.isascii():  # an Arabic domain (IDN): DNS, SNI and the Host header all want its A-label
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise Refused("bad_url", f"host {host!r} is not a valid domain name: {exc}") from exc
    return scheme, host, port or (443 if scheme == "https" else 80)


def resolve_checked(host: str, port: int, allow_private: bool) -> List[str]:
    """Every address ``host`` resolves to, all checked; Refused if any one is not allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused("dns_error", f"cannot resolve {host}: {exc}") from exc
    addresses: List[str] = []
    for info in infos:
        text = info[4][0].split("%", 1)[0]
        address = ipaddress.ip_address(text)
        reason = blocked_reason(address, allow_private)
        if reason:
            raise Refused("blocked_address", f"{host} resolves to {address} ({reason})")
        if text not in addresses:
            addresses.append(text)
    if not addresses:
        raise Refused("dns_error", f"{host} has no address")
    return addresses
