// The CLI runs from dist/bundle/ (scripts/bundle-cli.mjs): per-command CommonJS bundles with the templates
// precompiled, loaded through V8's code cache. These tests hold the bundle to what the library computes and
// the cache to its safety rules; none of them times anything.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCacheDir, requireWithCodeCache } from '../../src/cli/code-cache.js';
import { compileFixture, REPO_ROOT } from '../support/fixtures.js';
import { egressc, workspace } from '../workflow/cli-support.js';

const temporaries: string[] = [];
afterEach(() => {
  for (const dir of temporaries.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const temporary = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporaries.push(dir);
  return dir;
};

interface Metafile {
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown> }>;
}
const metafile = (): Metafile => JSON.parse(readFileSync(join(REPO_ROOT, 'dist/bundle/metafile.json'), 'utf8')) as Metafile;
const inputsOf = (command: string): string[] => {
  const output = Object.values(metafile().outputs).find((o) => o.entryPoint === `dist/cli/commands/${command}.js`);
  if (!output) throw new Error(`no bundle for ${command}; run npm run build`);
  return Object.keys(output.inputs);
};

describe('CLI bundle', () => {
  it.each(['seed', 'multi'])('builds %s byte for byte as compile() does, with a cold and with a warm code cache', (fixture) => {
    const expected = compileFixture(`${fixture}/topology.yaml`, { useLock: true });
    const env = { TMPDIR: temporary('egressc-cache-') };
    for (const run of ['cold', 'warm']) {
      const dir = workspace(fixture);
      const result = egressc(['build', 'topology.yaml', '--out', 'out'], dir, env);
      expect(result.status, `${run}: ${result.stderr}`).toBe(0);
      for (const artifact of expected.artifacts) {
        expect(readFileSync(join(dir, 'out', artifact.path), 'utf8'), `${run}: ${artifact.path}`).toBe(artifact.content);
      }
    }
    // the first run stored the build bundle's compiled code; the second found it (and left it alone)
    const [cacheDir] = readdirSync(env.TMPDIR);
    expect(readdirSync(join(env.TMPDIR, cacheDir!)).filter((f) => /^build-[A-Z0-9]+\.cjs-.*\.v8cache$/.test(f))).toHaveLength(1);
  });

  // validate runs the whole analysis: of the emitters it carries only the Terraform module builder, whose
  // addresses terraform-name-clash checks; the names the path model shares with the emitters live in src/render
  it('carries the Handlebars runtime but not its compiler, and validate carries neither file emitters nor Handlebars', () => {
    const build = inputsOf('build');
    expect(build.some((f) => f.includes('handlebars/dist/cjs/handlebars.runtime.js'))).toBe(true);
    expect(build.filter((f) => /handlebars\/compiler|source-map/.test(f))).toEqual([]);
    expect(build.filter((f) => f.includes('zod/v4/locales/')).map((f) => f.split('/').pop())).toEqual(['en.js']);
    expect(inputsOf('validate').filter((f) => /handlebars|\/emit\/(?!terraform\/)|\/emit\/index/.test(f))).toEqual([]);
  });
});

describe('code cache', () => {
  it('is off with EGRESSC_COMPILE_CACHE=off', () => {
    expect(compileCacheDir({ EGRESSC_COMPILE_CACHE: 'off' })).toBeUndefined();
  });

  it('refuses a folder that others can write to', () => {
    const previous = process.env['TMPDIR'];
    process.env['TMPDIR'] = temporary('egressc-tmp-');
    try {
      const dir = compileCacheDir({});
      expect(dir).toBeDefined();
      chmodSync(dir!, 0o777);
      expect(compileCacheDir({})).toBeUndefined();
      chmodSync(dir!, 0o700);
      expect(compileCacheDir({})).toBe(dir);
    } finally {
      if (previous === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previous;
    }
  });

  it('stores compiled code once and loads it next time; a module gives the same exports either way', () => {
    const dir = temporary('egressc-cache-');
    const module = join(dir, 'module.cjs');
    const cache = join(dir, 'cache');
    mkdirSync(cache, { mode: 0o700 });
    writeFileSync(module, 'exports.answer = [1, 2, 3].map((n) => n * 14).join(",");\n');
    const first = requireWithCodeCache(module, cache);
    expect(first.fromCache).toBe(false);
    first.saveCache();
    expect(readdirSync(cache)).toEqual([`module.cjs-${process.version}-${process.arch}.v8cache`]);
    const second = requireWithCodeCache(module, cache);
    expect(second.fromCache).toBe(true);
    expect(second.exports).toEqual(first.exports);
    expect(second.exports['answer']).toBe('14,28,42');
  });

  it('keeps one cache per command: storing one removes those of other bundles of the same command', () => {
    const dir = temporary('egressc-cache-');
    const cache = join(dir, 'cache');
    mkdirSync(cache, { mode: 0o700 });
    const stale = [`build-OLDHASH1.cjs-${process.version}-${process.arch}.v8cache`, 'build-OLDHASH2.cjs-v18.0.0-x64.v8cache'];
    const unrelated = [`validate-OLDHASH3.cjs-${process.version}-${process.arch}.v8cache`, 'notes.txt'];
    for (const name of [...stale, ...unrelated]) writeFileSync(join(cache, name), 'x');
    const module = join(dir, 'build-NEWHASH.cjs');
    writeFileSync(module, 'exports.ok = true;\n');
    requireWithCodeCache(module, cache).saveCache();
    expect(readdirSync(cache).sort()).toEqual([`build-NEWHASH.cjs-${process.version}-${process.arch}.v8cache`, ...unrelated].sort());
  });
});
