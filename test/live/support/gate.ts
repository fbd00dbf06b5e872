// The live suite needs root and real tools. In CI (CI=true) their absence fails the suite; locally it
// is skipped, loudly.
import { inCi, isRoot, toolPath } from '../../support/real-tools.js';
import { PYTHON } from './gre.js';
import { existsSync } from 'node:fs';

export const LIVE_TOOLS = ['ip', 'ss', 'ping', 'bird', 'birdc', 'gobgpd', 'gobgp', 'tcpdump', 'timeout'] as const;

/** Why the live suite cannot run here, or undefined when it can. */
export function liveBlocker(): string | undefined {
  const missing: string[] = LIVE_TOOLS.filter((tool) => !toolPath(tool));
  if (!existsSync(PYTHON)) missing.push(PYTHON);
  if (missing.length > 0) return `missing real tool(s): ${missing.join(', ')} (run .ci/install-tools.sh as root)`;
  if (!isRoot()) return 'the live suite creates network namespaces and must run as root';
  if (!existsSync('/dev/net/tun')) return '/dev/net/tun is missing (needed for the userspace GRE endpoint)';
  return undefined;
}

export const liveMustFail = (): boolean => inCi();
