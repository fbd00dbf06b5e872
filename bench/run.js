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

function timeCompile(nodes) {
  const text = stringify(makeSpec(nodes));
  const input = { spec: { path: 'bench.yaml', text }, files: new Map() };
  const first = compile(input);
  const errors = first.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`bench spec invalid at ${nodes} nodes: ${errors[0].code} ${errors[0].message}`);
  const lock = { path: 'bench.lock.yaml', text: first.lockText };
  const samples = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    compile({ ...input, lock });
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), files: first.artifacts.length, bytes: first.artifacts.reduce((n, a) => n + a.content.length, 0) };
}

const node = timeCommand(['-e', '']);
const version = timeCommand(['bin/egressc.js', '--version']);
const validate = timeCommand(['bin/egressc.js', 'validate', 'fixtures/seed/topology.yaml']);
console.log('CLI start-up (median of 7)');
console.log(`  node -e ''                      ${node.toFixed(0)} ms`);
console.log(`  egressc --version               ${version.toFixed(0)} ms`);
console.log(`  egressc validate seed           ${validate.toFixed(0)} ms`);
console.log('\ncompile() with a current lock (median of 3)');
console.log('  nodes  gateways  ms      ms/node  files  output');
for (const nodes of [250, 500, 1000, 2000, 4000, 8000]) {
  const { ms, files, bytes } = timeCompile(nodes);
  console.log(`  ${String(nodes).padStart(5)}  ${String(Math.max(1, Math.floor(nodes / 10))).padStart(8)}  ${ms.toFixed(0).padStart(6)}  ${(ms / nodes).toFixed(3).padStart(7)}  ${String(files).padStart(5)}  ${(bytes / 1e6).toFixed(1)} MB`);
}
