import type { SpecPath } from './types.js';

/** A spec path as people read it in messages: spec.clusters[0].peeringNodes[1].vpcIp */
export function showPath(path: SpecPath): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}
