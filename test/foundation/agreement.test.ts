// One checker (issue 13): `validate` and `build` run the same analysis, so for every input they report
// the same diagnostics, and validate exits 1 exactly when build refuses the spec for its errors. Build
// may add only what writing adds: its `error` field (output directory, lock file), never a diagnostic.
// Inputs: every fixture spec (fixtures/*/topology.yaml, fixtures/invalid, fixtures/hostile), the hostile
// input made at test time (test/hostile/generated-cases.ts: UTF-16, oversize spec, lock and template,
// FIFOs, devices, sockets, symbolic links, locks that are no lock), and a fixed-seed sample of the fuzz
// test's mutations of the fixtures (test/hostile/mutations.ts). Each runs through the CLI's main() in
// this process (as the fuzz test does), with --format json.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../../src/cli/io.js';
import { FIXTURES, isFixtureSpec, REPO_ROOT } from '../support/fixtures.js';
import { GENERATED_CASES, makeCase, SEED_LOCK, type GeneratedCase } from '../hostile/generated-cases.js';
import { mutatedFixture } from '../hostile/mutations.js';

const MUTATIONS = 50;
const MUTATION_SEED = 13;

const scratch = mkdtempSync(join(tmpdir(), 'egressc-agreement-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Case {
  name: string;
  /** the folder both commands run in, and the spec relative to it */
  cwd: string;
  spec: string;
  /** the lock validate reads beside the spec, which build is pointed at with --lock */
  lock?: string;
  /** made at test time in a copy of the seed (cwd and lock are that copy's) */
  generated?: GeneratedCase;
}

/** A valid fixture folder is copied (build writes its lock); its lock, when there is one, is shared. */
function folderCase(folder: string): Case {
  const dir = join(scratch, 'fixture', folder);
  cpSync(join(FIXTURES, folder), dir, { recursive: true });
  const locks = readdirSync(dir).filter((n) => n.endsWith('.lock.yaml'));
  return { name: `fixtures/${folder}/topology.yaml`, cwd: dir, spec: 'topology.yaml', ...(locks[0] ? { lock: join(dir, locks[0]) } : {}) };
}

/**
 * Invalid and hostile specs run in place (they reference ../seed/templates). One with a lock beside it
 * (<metadata.name>.lock.yaml, named like the spec) runs in a copy of fixtures/, so that build's --lock is
 * the very lock validate reads and the lock it writes lands in the copy.
 */
function inPlaceCase(folder: string, file: string): Case {
  const spec = join('fixtures', folder, file);
  const lock = spec.replace(/\.yaml$/, '.lock.yaml');
  if (!existsSync(join(REPO_ROOT, lock))) return { name: spec, cwd: REPO_ROOT, spec };
  const copy = join(scratch, 'with-lock', file.replace(/\.yaml$/, ''));
  cpSync(FIXTURES, join(copy, 'fixtures'), { recursive: true });
  return { name: spec, cwd: copy, spec, lock: join(copy, lock) };
}

/** A mutated spec in its own workspace with the seed's templates, as the fuzz test lays it out. */
function mutationCase(bytes: Buffer, index: number): Case {
  const dir = join(scratch, 'mutation', String(index));
  mkdirSync(dir, { recursive: true });
  cpSync(join(FIXTURES, 'seed', 'templates'), join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'topology.yaml'), bytes);
  return { name: `mutation ${index} (seed ${MUTATION_SEED})`, cwd: dir, spec: 'topology.yaml' };
}

const folders = readdirSync(FIXTURES)
  .filter((f) => existsSync(join(FIXTURES, f, 'topology.yaml')))
  .sort();
const cases: Case[] = [
  ...folders.map(folderCase),
  ...['invalid', 'hostile'].flatMap((folder) =>
    readdirSync(join(FIXTURES, folder))
      .filter(isFixtureSpec)
      .sort()
      .map((file) => inPlaceCase(folder, file)),
  ),
  ...GENERATED_CASES.filter((g) => !g.skip).map((g): Case => ({ name: `generated: ${g.name}`, cwd: scratch, spec: g.spec, generated: g })),
  ...fc.sample(mutatedFixture, { numRuns: MUTATIONS, seed: MUTATION_SEED }).map(mutationCase),
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd });
  return { code, stdout, stderr };
}

interface BuildJson {
  diagnostics: unknown[];
  error?: string;
}

describe('validate and build agree', () => {
  it('covers every fixture folder, every invalid and hostile file, the generated hostile input and the mutations', () => {
    expect(folders).toEqual(expect.arrayContaining(['seed', 'multi']));
    expect(cases.length).toBeGreaterThan(folders.length + MUTATIONS + 50);
    expect(cases.filter((c) => c.generated).length).toBeGreaterThan(20);
  });

  it.each(cases)('$name', async (c) => {
    const out = join(scratch, 'out', c.name.replace(/[^a-z0-9]+/gi, '-'));
    mkdirSync(dirname(out), { recursive: true });
    const made = c.generated ? await makeCase(c.generated, scratch) : undefined;
    const cwd = made?.dir ?? c.cwd;
    const lock = made ? join(made.dir, SEED_LOCK) : (c.lock ?? join(mkdtempSync(join(scratch, 'lock-')), 'absent.lock.yaml'));
    let validate: Run;
    let build: Run;
    try {
      validate = await run(['validate', c.spec, '--format', 'json'], cwd);
      build = await run(['build', c.spec, '--out', out, '--lock', lock, '--format', 'json'], cwd);
    } finally {
      made?.undo();
    }
    const context = `validate exit ${validate.code}: ${validate.stdout.slice(0, 1500)}${validate.stderr.slice(0, 500)}\nbuild exit ${build.code}: ${build.stdout.slice(0, 1500)}`;
    const built = JSON.parse(build.stdout) as BuildJson;

    if (validate.code === EXIT_USAGE) {
      // unreadable spec: build refuses it the same way, with no diagnostics
      expect(build.code, context).toBe(EXIT_USAGE);
      expect(built.diagnostics, context).toEqual([]);
      return;
    }
    // the same diagnostics, every field (code, severity, message, hint, file, range, path), same order
    expect(built.diagnostics, context).toEqual(JSON.parse(validate.stdout));
    // validate exits 1 exactly when build refuses the spec for its errors
    expect(build.code === EXIT_PROBLEMS && built.error === 'the spec has errors', context).toBe(validate.code === EXIT_PROBLEMS);
    // a fresh output folder and lock path: nothing for writing to refuse either
    if (validate.code === EXIT_OK) expect([build.code, built.error], context).toEqual([EXIT_OK, undefined]);
  }, 120_000);
});
