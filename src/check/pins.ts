// Pinned allocations of existing Connect peers: an inside /29 AWS accepts, inside the pool, unique
// per Transit Gateway; a TGW GRE address from a TGW CIDR block.
import type { SpecPath } from '../diagnostics/types.js';
import type { Spec } from '../spec/schema.js';
import { containsAddress, containsNetwork, formatCidr, networkOf, parseIpv4 } from './cidr.js';
import { INSIDE_CIDR_PREFIX, LINK_LOCAL, RESERVED_INSIDE_CIDRS } from './aws-facts.js';
import { showPath, type Report } from './context.js';
import { insidePool } from './addresses.js';

export function checkPins(spec: Spec, report: Report): void {
  const s = spec.spec;
  const pool = insidePool(spec);
  const tgwBlocks = s.transitGateway.cidrBlocks.map(networkOf).filter((n) => n !== undefined);
  const seenInside = new Map<string, SpecPath>();
  const seenGre = new Map<string, SpecPath>();
  s.clusters.forEach((cluster, c) =>
    cluster.peeringNodes.forEach((node, n) => {
      const at = ['spec', 'clusters', c, 'peeringNodes', n, 'pin'];
      const insideText = node.pin?.insideCidr;
      const inside = networkOf(insideText);
      if (insideText !== undefined && inside) {
        const path = [...at, 'insideCidr'];
        const canonical = formatCidr(inside);
        if (!containsNetwork(LINK_LOCAL, inside)) {
          report({
            code: 'pin-not-apipa',
            path,
            message: `Pinned inside CIDR ${insideText} is not in 169.254.0.0/16.`,
            hint: 'The inside /29 of a Connect peer comes from 169.254.0.0/16; copy it from the existing peer in AWS.',
          });
        } else if (inside.prefix !== INSIDE_CIDR_PREFIX) {
          report({
            code: 'pin-not-29',
            path,
            message: `Pinned inside CIDR ${insideText} is a /${inside.prefix}; a Connect peer's inside CIDR is exactly a /${INSIDE_CIDR_PREFIX}.`,
            hint: 'Copy the /29 of the existing Connect peer (its BGP addresses are .1 for the node and .2/.3 for the TGW).',
          });
        } else if (RESERVED_INSIDE_CIDRS.includes(canonical)) {
          report({
            code: 'pin-reserved',
            path,
            message: `${insideText} is one of the seven /29s AWS reserves (${RESERVED_INSIDE_CIDRS.join(', ')}).`,
            hint: 'Pick another /29 of 169.254.0.0/16, e.g. 169.254.6.0/29, or leave the pin out and let egressc allocate one.',
          });
        } else if (pool && !containsNetwork(pool, inside)) {
          report({
            code: 'pin-outside-pool',
            path,
            message: `Pinned inside CIDR ${insideText} is outside transitGateway.insideCidrPool (${s.transitGateway.insideCidrPool}).`,
            hint: 'Widen insideCidrPool to include it, or pin a /29 from the pool.',
          });
        }
        const first = seenInside.get(canonical);
        if (first) {
          report({
            code: 'duplicate-pin',
            path,
            message: `Inside CIDR ${insideText} is already pinned at ${showPath(first)}.`,
            hint: 'BGP inside addresses must be unique across all tunnels of the Transit Gateway; give each peer its own /29.',
          });
        } else {
          seenInside.set(canonical, path);
        }
      }
      const greText = node.pin?.tgwGreAddress;
      const gre = greText === undefined ? undefined : parseIpv4(greText);
      if (greText !== undefined && gre !== undefined && !tgwBlocks.some((block) => containsAddress(block, gre))) {
        report({
          code: 'pin-gre-outside-tgw-cidr',
          path: [...at, 'tgwGreAddress'],
          message: `Pinned TGW GRE address ${greText} is in none of the TGW CIDR blocks (${s.transitGateway.cidrBlocks.join(', ')}).`,
          hint: 'AWS takes the TGW GRE address from a TGW CIDR block; fix the address or add its block to transitGateway.cidrBlocks.',
        });
      }
      if (greText !== undefined && gre !== undefined) {
        const path = [...at, 'tgwGreAddress'];
        const first = seenGre.get(String(gre));
        if (first) {
          report({
            code: 'duplicate-pin',
            path,
            message: `TGW GRE address ${greText} is already pinned at ${showPath(first)}.`,
            hint: 'A TGW GRE address is unique across the Connect attachments of the Transit Gateway; give each peer its own.',
          });
        } else {
          seenGre.set(String(gre), path);
        }
      }
    }),
  );
}
