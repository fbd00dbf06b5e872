// The registry of diagnostic codes (src/diagnostics/codes.ts) is complete and true: every code a
// producer writes is registered (Diagnostic.code is typed by it; this also catches codes built from
// strings), each is documented in docs/, and each has a fixture (fixtures/invalid, fixtures/hostile, or
// the hostile input made at test time) or is an internal guard listed below with the reason.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/codes.js';
import { FIXTURES, isFixtureSpec, REPO_ROOT } from '../support/fixtures.js';
import { docSection } from '../support/docs.js';
import { GENERATED_CODES } from '../hostile/generated-codes.js';

const registered = Object.keys(DIAGNOSTIC_CODES);

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : name.endsWith(ext) ? [path] : [];
  });
}

/**
 * Internal guards: codes no input (spec, lock, templates) can produce, because they guard egressc's own
 * rendering or invariants the checker enforces earlier. They have no fixture; each must be asserted by
 * a unit test under test/ that builds the broken rules text or model by hand (checked below). Every
 * other code has a fixture; this list only shrinks.
 */
const INTERNAL_GUARDS: ReadonlyMap<string, string> = new Map([
  // the AWS lint of the rules string (check/firewall/lint.ts) over the text egressc renders itself
  ['firewall-rule-syntax', 'egressc renders every rule from a template with escaped values'],
  ['firewall-forbidden-keyword', 'egressc writes only msg, flow, sid and rev, on tcp, udp and ip'],
  ['firewall-forbidden-action', 'egressc writes only pass and drop'],
  ['firewall-priority-in-strict-order', 'egressc never writes priority'],
  ['firewall-rule-without-flow', 'egressc writes flow:to_server in every rule'],
  ['firewall-undefined-variable', 'egressc defines a variable for every gateway and service it names in a rule'],
  ['firewall-invalid-variable-name', 'variable names are derived from DNS labels, cut to 32 characters with a hash suffix'],
  ['firewall-invalid-variable-value', 'variables hold the checked pools and service addresses'],
  ['firewall-missing-sid', 'the allocator gives every rule one sid from the checked range'],
  ['firewall-duplicate-sid', 'the allocator gives each sid once, and a lock that repeats one is refused (lock-invalid)'],
  ['firewall-capacity-exceeded', 'capacity-too-small and pool-exhausted refuse the spec first; a lock capacity below the rules grows'],
  ['firewall-rule-mismatch', 'compares the rendered text with the rule objects: only an egressc bug breaks it'],
  // the intent check over the rendered rules (check/firewall/policy.ts)
  ['firewall-allow-source-not-gateway', "egressc's pass rules come only from firewall.allow[].from, i.e. gateway pools"],
  ['firewall-service-unprotected', 'egressc writes a drop rule for every firewall.protect entry, whose service is checked to exist'],
  // the path checks (check/reachability.ts) over the resolved model, on hand-built models in test/paths:
  // VPCs, egress pools and pod networks must be disjoint (cidr-overlap) and services live in destination
  // VPCs, so every flow from a cluster to a service crosses inspection-rt's only route (0.0.0.0/0 → the
  // inspection VPC) in both directions, in the same AZ; allow rules pass only egress pool sources and
  // protect drops everything else to the service.
  ['inspection-bypassed', 'services live in destination VPCs, which route only through the inspection VPC'],
  ['asymmetric-return', 'egress pools cannot overlap a VPC (cidr-overlap), so replies cross the firewall too'],
  ['protected-reachable', 'protect drops every source but the egress pools the allow rules pass'],
]);

/** Every test source but this one, to find the unit test that asserts each internal guard. */
function assertedCodes(): Set<string> {
  const tests = files(join(REPO_ROOT, 'test'), '.ts').filter((f) => !f.endsWith('codes.test.ts'));
  const found = new Set<string>();
  for (const file of tests) {
    // an expect(...) statement, up to the first line that ends it with ";"; a code appears in it quoted,
    // alone ('firewall-missing-sid') or after a severity ('error:protected-reachable')
    for (const statement of readFileSync(file, 'utf8').matchAll(/expect\((?:[^\n]*\n)*?[^\n]*;[ \t]*$/gm)) {
      for (const m of statement[0].matchAll(/['"`](?:[a-z]+:)?([a-z0-9-]+)['"`]/g)) found.add(m[1]!);
    }
  }
  return found;
}

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

  it('has a fixture for every code but the internal guards, and no guard has one', () => {
    const withFixture = new Set([
      ...['invalid', 'hostile']
        .map((d) => join(FIXTURES, d))
        .filter((d) => { try { return statSync(d).isDirectory(); } catch { return false; } })
        .flatMap((d) => files(d, '.yaml'))
        .filter((f) => isFixtureSpec(f))
        .flatMap((f) => [...readFileSync(f, 'utf8').split('\n').slice(0, 3).join('\n').matchAll(/^# expect: ([a-z0-9-]+) at/gm)].map((m) => m[1]!)),
      // hostile input that cannot be a file in Git, made at test time (test/hostile/corpus.test.ts)
      ...GENERATED_CODES,
    ]);
    expect(registered.filter((code) => !withFixture.has(code) && !INTERNAL_GUARDS.has(code))).toEqual([]);
    expect([...INTERNAL_GUARDS.keys()].filter((code) => withFixture.has(code) || !registered.includes(code))).toEqual([]);
  });

  it('has a unit test asserting every internal guard', () => {
    const asserted = assertedCodes();
    expect([...INTERNAL_GUARDS.keys()].filter((code) => !asserted.has(code))).toEqual([]);
  });

  it('documents every internal guard as one in docs/diagnostics.md', () => {
    const section = docSection('diagnostics', 'internal-guards');
    const listed = [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
    expect(listed.sort()).toEqual([...INTERNAL_GUARDS.keys()].sort());
  });
});
