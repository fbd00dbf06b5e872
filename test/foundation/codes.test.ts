// The registry of diagnostic codes (src/diagnostics/codes.ts) is complete and true: every code a
// producer writes is registered (Diagnostic.code is typed by it; this also catches codes built from
// strings), each is documented in docs/, and each has a fixture or is listed below with the reason.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/codes.js';
import { FIXTURES, REPO_ROOT } from '../support/fixtures.js';

const registered = Object.keys(DIAGNOSTIC_CODES);

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : name.endsWith(ext) ? [path] : [];
  });
}

/**
 * Codes without a fixture under fixtures/invalid or fixtures/hostile yet. Each is covered by a unit
 * test instead (the firewall lint on hand-built rules text, the allocation changes on lock edits, the
 * path checks on hand-built models, the input limits on generated files); a new code must come with a
 * fixture, so this list only shrinks.
 */
const WITHOUT_FIXTURE = new Set([
  'input-too-large', 'not-utf8',
  'capacity-too-small', 'template-bom', 'template-crlf',
  'calico-template-already-patched', 'calico-template-generation-unexpected', 'calico-template-patch-not-needed',
  'lock-invalid', 'not-a-lock', 'allocation-moved', 'allocation-reuses-released', 'aws-name-too-long',
  // Path checks that guard invariants no valid spec can break, so they have no fixture (test/paths covers them
  // on hand-built models): VPCs, egress pools and pod networks must be disjoint (cidr-overlap) and services
  // live in destination VPCs, so every flow from a cluster to a service crosses inspection-rt's only route
  // (0.0.0.0/0 → the inspection VPC) in both directions, in the same AZ (inspection-bypassed, asymmetric-return);
  // allow rules pass only egress pool sources and protect drops everything else to the service, so no
  // other source can reach it (protected-reachable).
  'inspection-bypassed', 'asymmetric-return', 'protected-reachable',
  'capacity-changes', 'capacity-grows',
  'calico-policy-without-destinations', 'firewall-rule-syntax', 'firewall-forbidden-keyword',
  'firewall-forbidden-action', 'firewall-priority-in-strict-order', 'firewall-rule-without-flow', 'firewall-undefined-variable',
  'firewall-invalid-variable-name', 'firewall-invalid-variable-value', 'firewall-missing-sid', 'firewall-duplicate-sid',
  'firewall-rule-too-long', 'firewall-rules-too-large', 'firewall-capacity-exceeded', 'firewall-rule-mismatch',
  'firewall-rule-shadowed', 'firewall-allow-source-not-gateway', 'firewall-service-unprotected', 'firewall-service-unreached',
]);

describe('the diagnostic code registry', () => {
  it('registers every code the sources write', () => {
    const source = files(join(REPO_ROOT, 'src'), '.ts').map((f) => readFileSync(f, 'utf8')).join('\n');
    const written = new Set([...source.matchAll(/\bcode: '([a-z0-9-]+)'/g)].map((m) => m[1]!));
    expect([...written].filter((code) => !registered.includes(code))).toEqual([]);
  });

  it('documents every code in docs/', () => {
    const docs = readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(REPO_ROOT, 'docs', f), 'utf8')).join('\n');
    expect(registered.filter((code) => !docs.includes(`\`${code}\``))).toEqual([]);
  });

  it('has a fixture for every code but the listed ones, and the list holds no code that has one', () => {
    const withFixture = new Set(
      ['invalid', 'hostile']
        .map((d) => join(FIXTURES, d))
        .filter((d) => { try { return statSync(d).isDirectory(); } catch { return false; } })
        .flatMap((d) => files(d, '.yaml'))
        .flatMap((f) => [...readFileSync(f, 'utf8').split('\n').slice(0, 3).join('\n').matchAll(/^# expect: ([a-z0-9-]+) at/gm)].map((m) => m[1]!)),
    );
    expect(registered.filter((code) => !withFixture.has(code) && !WITHOUT_FIXTURE.has(code))).toEqual([]);
    expect([...WITHOUT_FIXTURE].filter((code) => withFixture.has(code) || !registered.includes(code))).toEqual([]);
  });
});
