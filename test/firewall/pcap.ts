// Writes small pcap files of hand-made IPv4 conversations (TCP with a real handshake, UDP, ICMP echo), so
// that Suricata can replay traffic through the generated rules and say which packets each rule matched.
import { parseIpv4 } from '../../src/render/firewall/ranges.js';

export interface Packet {
  src: string;
  dst: string;
  protocol: 'tcp' | 'udp' | 'icmp';
  srcPort?: number;
  dstPort?: number;
  /** TCP flags byte */
  flags?: number;
  seq?: number;
  ack?: number;
  payload?: string;
}

export const SYN = 0x02;
export const ACK = 0x10;
export const PSH_ACK = 0x18;
export const SYN_ACK = 0x12;

function address(text: string): Buffer {
  const value = parseIpv4(text);
  if (value === undefined) throw new Error(`not an IPv4 address: ${text}`);
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 2) sum += (data[i] ?? 0) * 256 + (data[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function transport(packet: Packet): Buffer {
  const payload = Buffer.from(packet.payload ?? '', 'latin1');
  let header: Buffer;
  if (packet.protocol === 'tcp') {
    header = Buffer.alloc(20);
    header.writeUInt16BE(packet.srcPort ?? 0, 0);
    header.writeUInt16BE(packet.dstPort ?? 0, 2);
    header.writeUInt32BE(packet.seq ?? 0, 4);
    header.writeUInt32BE(packet.ack ?? 0, 8);
    header.writeUInt8(5 << 4, 12);
    header.writeUInt8(packet.flags ?? 0, 13);
    header.writeUInt16BE(65535, 14);
  } else if (packet.protocol === 'udp') {
    header = Buffer.alloc(8);
    header.writeUInt16BE(packet.srcPort ?? 0, 0);
    header.writeUInt16BE(packet.dstPort ?? 0, 2);
    header.writeUInt16BE(8 + payload.length, 4);
  } else {
    header = Buffer.alloc(8);
    header.writeUInt8(8, 0); // echo request
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(packet.seq ?? 1, 6);
  }
  const segment = Buffer.concat([header, payload]);
  const sumAt = packet.protocol === 'tcp' ? 16 : packet.protocol === 'udp' ? 6 : 2;
  const covered =
    packet.protocol === 'icmp'
      ? segment
      : Buffer.concat([address(packet.src), address(packet.dst), Buffer.from([0, packet.protocol === 'tcp' ? 6 : 17, segment.length >> 8, segment.length & 0xff]), segment]);
  segment.writeUInt16BE(checksum(covered), sumAt);
  return segment;
}

function ipv4(packet: Packet, id: number): Buffer {
  const body = transport(packet);
  const header = Buffer.alloc(20);
  header.writeUInt8(0x45, 0);
  header.writeUInt16BE(20 + body.length, 2);
  header.writeUInt16BE(id, 4);
  header.writeUInt8(64, 8);
  header.writeUInt8(packet.protocol === 'tcp' ? 6 : packet.protocol === 'udp' ? 17 : 1, 9);
  address(packet.src).copy(header, 12);
  address(packet.dst).copy(header, 16);
  header.writeUInt16BE(checksum(header), 10);
  return Buffer.concat([header, body]);
}

/** A pcap (Ethernet link type) of the packets, one millisecond apart. */
export function pcap(packets: readonly Packet[]): Buffer {
  const global = Buffer.alloc(24);
  global.writeUInt32LE(0xa1b2c3d4, 0);
  global.writeUInt16LE(2, 4);
  global.writeUInt16LE(4, 6);
  global.writeUInt32LE(65535, 16);
  global.writeUInt32LE(1, 20);
  const records = packets.map((packet, i) => {
    const frame = Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00]), ipv4(packet, i + 1)]);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(1_700_000_000, 0);
    record.writeUInt32LE(i * 1000, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    return Buffer.concat([record, frame]);
  });
  return Buffer.concat([global, ...records]);
}

/** A complete TCP conversation: handshake, one request, one response. */
export function tcpConversation(client: string, clientPort: number, server: string, serverPort: number): Packet[] {
  const c = { src: client, dst: server, protocol: 'tcp' as const, srcPort: clientPort, dstPort: serverPort };
  const s = { src: server, dst: client, protocol: 'tcp' as const, srcPort: serverPort, dstPort: clientPort };
  return [
    { ...c, flags: SYN, seq: 1000, ack: 0 },
    { ...s, flags: SYN_ACK, seq: 5000, ack: 1001 },
    { ...c, flags: ACK, seq: 1001, ack: 5001 },
    { ...c, flags: PSH_ACK, seq: 1001, ack: 5001, payload: 'hello' },
    { ...s, flags: PSH_ACK, seq: 5001, ack: 1006, payload: 'world' },
    { ...c, flags: ACK, seq: 1006, ack: 5006 },
  ];
}
