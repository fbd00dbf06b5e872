// Benchmark: CLI start-up against bare Node, and compile time as the topology grows to AWS's limits.
// Run with `npm run bench`. Prints a table; nothing here is asserted (timings vary by machine).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { compile } from '../dist/index.js';
import { makeSpec } from './generate-spec.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timeCommand(args, runs = 7) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function timeCompile(size) {
  const text = stringify(makeSpec(size));
  const input = { spec: { path: 'bench.yaml', text }, files: new Map() };
  const first = compile(input);
  const errors = first.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`bench spec invalid (${JSON.stringify(size)}): ${errors[0].code} ${errors[0].message}`);
  const lock = { path: 'bench.lock.yaml', text: first.lockText };
  const samples = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    compile({ ...input, lock });
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), files: first.artifacts.length, bytes: first.artifacts.reduce((n, a) => n + a.content.length, 0), rules: first.model.firewall.rules.length };
}

const node = timeCommand(['-e', '']);
const version = timeCommand(['bin/egressc.js', '--version']);
const validate = timeCommand(['bin/egressc.js', 'validate', 'fixtures/seed/topology.yaml']);
const build = timeCommand(['bin/egressc.js', 'build', 'fixtures/seed/topology.yaml', '--out', 'bench/.out-seed', '--frozen-lock']);
console.log('CLI start-up (median of 7)');
console.log(`  node -e ''                      ${node.toFixed(0)} ms`);
console.log(`  egressc --version               ${version.toFixed(0)} ms`);
console.log(`  egressc validate seed           ${validate.toFixed(0)} ms`);
console.log(`  egressc build seed              ${build.toFixed(0)} ms`);

const row = (label, { ms, files, bytes, rules }, per) =>
  console.log(`  ${label.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / per).toFixed(3).padStart(7)} ms/unit  ${String(files).padStart(6)} files  ${String(rules).padStart(6)} rules  ${(bytes / 1e6).toFixed(1).padStart(6)} MB`);

console.log('\ncompile() with a current lock, median of 3: growing the peering nodes (10 gateways, 10 services)');
for (const nodes of [250, 500, 1000, 2000, 4000, 8000]) row(`${nodes} nodes`, timeCompile({ nodes }), nodes);
console.log('\ngrowing the firewall rules up to the 2,000,000-byte rules string limit (100 nodes, 60 gateways, 480 services)');
for (const allows of [1000, 3000, 6000, 12000]) row(`${allows} allow entries`, timeCompile({ nodes: 100, gateways: 60, services: 480, allows }), allows);
