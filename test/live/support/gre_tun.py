#!/usr/bin/python3
"""Userspace GRE endpoint for kernels without a GRE driver (the live test's fallback).

Joins an existing TUN device (L3, point-to-point, no packet-info header) to a raw IPv4 socket of
protocol 47: every IPv4 packet the kernel routes into the TUN device leaves as GREv0 (RFC 2784: a
4-byte header, no checksum, key or sequence number, protocol type 0x0800) from LOCAL to REMOTE with
the tunnel's TTL; every GRE packet from REMOTE to LOCAL is unwrapped and handed back through the TUN
device. The raw socket is bound to LOCAL and connected to REMOTE, so the kernel gives it only this
tunnel's packets and several endpoints can share a namespace.

Usage: gre_tun.py IFNAME LOCAL REMOTE TTL
Prints "ready" once attached; exits when its parent process goes away (no orphans after a crash).
Standard library only.
"""
import fcntl
import os
import select
import socket
import struct
import sys

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
GRE_PROTO_IPV4 = 0x0800
GRE_HEADER = struct.pack("!HH", 0, GRE_PROTO_IPV4)
# Optional GRE fields (RFC 2890) a peer might send; each adds 4 bytes after the base header.
GRE_FLAG_CHECKSUM = 0x8000
GRE_FLAG_KEY = 0x2000
GRE_FLAG_SEQUENCE = 0x1000
GRE_VERSION_MASK = 0x0007


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def unwrap(datagram):
    """The inner IPv4 packet of a GRE datagram (outer IPv4 header included), or None."""
    if len(datagram) < 20:
        return None
    gre = datagram[(datagram[0] & 0x0F) * 4:]
    if len(gre) < 4:
        return None
    flags, proto = struct.unpack("!HH", gre[:4])
    if flags & GRE_VERSION_MASK or proto != GRE_PROTO_IPV4:
        return None
    offset = 4
    for flag in (GRE_FLAG_CHECKSUM, GRE_FLAG_KEY, GRE_FLAG_SEQUENCE):
        if flags & flag:
            offset += 4
    inner = gre[offset:]
    return inner if inner and inner[0] >> 4 == 4 else None


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: gre_tun.py IFNAME LOCAL REMOTE TTL")
    name, local, remote, ttl = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    tun = open_tun(name)
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_GRE)
    raw.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, ttl)
    raw.bind((local, 0))
    raw.connect((remote, 0))
    parent = os.getppid()
    print("ready", flush=True)
    while os.getppid() == parent:
        readable, _, _ = select.select([tun, raw], [], [], 0.5)
        if tun in readable:
            packet = os.read(tun, 65535)
            if packet and packet[0] >> 4 == 4:
                try:
                    raw.send(GRE_HEADER + packet)
                except OSError:
                    pass  # e.g. no route to REMOTE yet: drop, as a tunnel does
        if raw in readable:
            inner = unwrap(raw.recv(65535))
            if inner is not None:
                os.write(tun, inner)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
