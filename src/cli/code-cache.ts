// Start-up of the bundled CLI. Each command is one CommonJS file (dist/bundle/<command>-<content hash>.cjs,
// made by scripts/bundle-cli.mjs). Compiling a megabyte of JavaScript at every start is most of what a
// small build costs, so the file is compiled through V8's code cache: the first run stores the compiled
// code (with every function that run needed) in a private folder under the OS temporary directory, and
// later runs load it instead of compiling. Node 20 has no module.enableCompileCache(); this is the same
// mechanism through node:vm. The cache changes how fast the code starts, never what it does: V8 refuses a
// cache made for another source length, V8 version or flag set (then it compiles and the cache is
// rewritten), and the file name carries the bundle's content hash and the Node version, so a cache is
// only ever used for the exact code it was made from. The folder must belong to the user and be closed
// to others (compiled code is trusted as code); otherwise, or with EGRESSC_COMPILE_CACHE=off, or when
// anything about the cache fails, the command runs without it. Every build of egressc has new bundle
// hashes, so storing a cache removes the caches of the same command made for other bundles: the folder
// holds at most one file per command and Node version instead of growing with every upgrade.
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type { CliIo, CommandRunner } from './io.js';

export const COMPILE_CACHE_ENV = 'EGRESSC_COMPILE_CACHE';

/** The private cache folder, created if needed; undefined when it is not safe or not wanted. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env[COMPILE_CACHE_ENV] === 'off' || typeof process.getuid !== 'function') return undefined;
  const uid = process.getuid();
  const dir = join(tmpdir(), `egressc-compile-cache-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    // another user could have made the folder first, or made it writable to others
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

interface LoadedModule {
  exports: Record<string, unknown>;
  /** whether V8 took the compiled code from the cache */
  fromCache: boolean;
  /** stores the code compiled so far, unless a usable cache was loaded */
  saveCache: () => void;
}

const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_END = '\n})';

/** Loads a CommonJS file through the code cache in cacheDir (or without one). */
export function requireWithCodeCache(file: string, cacheDir: string | undefined): LoadedModule {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheDir && join(cacheDir, `${basename(file)}-${process.version}-${process.arch}.v8cache`);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  // the wrapper starts on the file's first line, so line numbers stay those of the file
  const script = new Script(`${WRAPPER_START}${source}${WRAPPER_END}`, { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dir: string) => void;
  const module = { exports: {} as Record<string, unknown> };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    fromCache: cachedData !== undefined && !script.cachedDataRejected,
    saveCache: () => {
      if (!cacheFile || (cachedData && !script.cachedDataRejected)) return;
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, cacheFile);
        removeStaleCaches(cacheDir, file, cacheFile);
      } catch {
        rmSync(temporary, { force: true });
      }
    },
  };
}

/** `build` for `build-<hash>.cjs`: the command a bundle file runs */
const commandOf = (bundle: string): string => bundle.replace(/\.cjs$/, '').replace(/-[A-Za-z0-9]+$/, '');

/** Removes the caches made for other bundles of the same command (`<command>-<other hash>.cjs-….v8cache`). */
function removeStaleCaches(cacheDir: string, file: string, keep: string): void {
  const command = commandOf(basename(file));
  for (const name of readdirSync(cacheDir)) {
    const end = name.indexOf('.cjs-');
    if (!name.endsWith('.v8cache') || end === -1 || join(cacheDir, name) === keep) continue;
    if (commandOf(name.slice(0, end + 4)) === command) rmSync(join(cacheDir, name), { force: true });
  }
}

/**
 * Runs a bundled command. The cache is stored after a run that did real work (not --help, not a usage
 * error), so that it holds the functions a real run compiles.
 */
export async function runBundledCommand(file: string, argv: string[], io: CliIo): Promise<number> {
  const loaded = requireWithCodeCache(file, compileCacheDir());
  const run = loaded.exports['run'] as CommandRunner;
  const code = await run(argv, io);
  if ((code === 0 || code === 1) && !argv.includes('--help') && !argv.includes('-h')) loaded.saveCache();
  return code;
}
