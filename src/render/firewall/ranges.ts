// Sets of IPv4 addresses and ports as sorted, merged, inclusive [low, high] ranges, so that the policy
// check can ask "does this rule's match contain that one's?" exactly.

export type Range = readonly [number, number];
/** sorted by low, non-overlapping, non-adjacent */
export type RangeSet = readonly Range[];

export const ALL_ADDRESSES: RangeSet = [[0, 0xffffffff]];
export const ALL_PORTS: RangeSet = [[0, 65535]];

export function normalize(ranges: readonly Range[]): RangeSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [low, high] of sorted) {
    const last = merged[merged.length - 1];
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else merged.push([low, high]);
  }
  return merged;
}

/** Every range of `inner` lies inside `outer` (both normalized). */
export function containsAll(outer: RangeSet, inner: RangeSet): boolean {
  return inner.every(([low, high]) => outer.some(([oLow, oHigh]) => oLow <= low && high <= oHigh));
}

export function intersects(a: RangeSet, b: RangeSet): boolean {
  return a.some(([aLow, aHigh]) => b.some(([bLow, bHigh]) => aLow <= bHigh && bLow <= aHigh));
}

export const sameSet = (a: RangeSet, b: RangeSet): boolean => containsAll(a, b) && containsAll(b, a);

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** "a.b.c.d" or "a.b.c.d/n" → its range; host bits are ignored as Suricata does. */
export function parseCidr(text: string): Range | undefined {
  const [address, prefixText, extra] = text.split('/');
  if (address === undefined || extra !== undefined) return undefined;
  const base = parseIpv4(address);
  if (base === undefined) return undefined;
  if (prefixText === undefined) return [base, base];
  if (!/^(3[0-2]|[12]?\d)$/.test(prefixText)) return undefined;
  const size = 2 ** (32 - Number(prefixText));
  const low = base - (base % size);
  return [low, low + size - 1];
}

/** "80", "1024:2048", "1024:", ":1023" → its range. */
export function parsePortRange(text: string): Range | undefined {
  const port = (p: string): number | undefined => (/^\d{1,5}$/.test(p) && Number(p) <= 65535 ? Number(p) : undefined);
  if (!text.includes(':')) {
    const single = port(text);
    return single === undefined ? undefined : [single, single];
  }
  const [lowText = '', highText = ''] = text.split(':');
  const low = lowText === '' ? 0 : port(lowText);
  const high = highText === '' ? 65535 : port(highText);
  return low === undefined || high === undefined || low > high ? undefined : [low, high];
}
