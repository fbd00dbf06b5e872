// egressc build SPEC --out DIR: compile, then write every artifact, the manifest and the lock atomically.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { computeExpectedOutput, parseCommonArgs, type ExpectedOutput } from '../expected-output.js';
import { lockChanges, parseLock } from '../../allocate/lock.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIo } from '../io.js';
import { formatDiagnostics } from '../../diagnostics/index.js';
import { escapeData } from '../../diagnostics/format-github.js';
import { toJsonDiagnostic } from '../../diagnostics/format-json.js';
import { displayPath } from '../read-inputs.js';
import { outputLocation, writeFileAtomically } from '../../write/atomic.js';
import { MANIFEST_PATH } from '../../write/manifest.js';
import { writeOutput } from '../../write/write-output.js';

const USAGE = `Usage: egressc build SPEC --out DIR [--lock PATH] [--frozen-lock] [--format text|json|github]

Compiles SPEC and writes every artifact into DIR atomically (on any error DIR is untouched), with
DIR/manifest.json, pruning files the previous build wrote and this one does not. Never overwrites or
deletes files it did not write. Writes the lock (<metadata.name>.lock.yaml beside SPEC, or --lock PATH).
  --frozen-lock   fail (exit 1, writing nothing) when the lock is missing or would change (for CI)
Exit codes: 0 ok, 1 spec, lock or output problems, 2 usage error or unreadable input.
`;

const isInside = (path: string, dir: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/** What the spec would change in the lock, e.g. "connectPeers/demo/worker-3 added", at most a few entries. */
function describeLockChanges(expected: ExpectedOutput): string {
  const previous = parseLock({ path: expected.lockDisplay, text: expected.currentLockText ?? '' }).lock;
  const changes = expected.compiled.lock ? lockChanges(previous, expected.compiled.lock) : [];
  if (changes.length === 0) return 'its text differs from what egressc writes';
  const shown = changes.slice(0, MAX_LISTED_LOCK_CHANGES).map((c) => `${c.entry} ${c.kind}`);
  const more = changes.length > MAX_LISTED_LOCK_CHANGES ? `, and ${changes.length - MAX_LISTED_LOCK_CHANGES} more` : '';
  return `the spec would change ${shown.join(', ')}${more}`;
}

const MAX_LISTED_LOCK_CHANGES = 5;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommonArgs(argv, ['--frozen-lock'], ['text', 'json', 'github']);
  if (parsed.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (!parsed.args) {
    io.stderr(`egressc build: ${parsed.error}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { spec, out, lock, format, flags } = parsed.args;
  const frozen = flags.has('--frozen-lock');
  const result = computeExpectedOutput(spec, io.cwd, lock);
  const diagnostics = result.kind === 'unreadable' ? [] : result.diagnostics;
  // --format json: one JSON document on stdout, {diagnostics, build} or {diagnostics, error}
  const json = (value: object): void => io.stdout(`${JSON.stringify({ diagnostics: diagnostics.map(toJsonDiagnostic), ...value }, null, 2)}\n`);
  const fail = (message: string, code = EXIT_PROBLEMS): number => {
    io.stderr(format === 'github' ? `::error::${escapeData(`egressc build: ${message}`)}\n` : `egressc build: ${message}\n`);
    if (format === 'json') json({ error: message });
    return code;
  };

  if (result.kind === 'unreadable') return fail(result.error, EXIT_USAGE);
  if (format !== 'json' && diagnostics.length > 0) io.stderr(formatDiagnostics(format, diagnostics, result.sources));
  if (result.kind === 'invalid') {
    if (format === 'json') json({ error: 'the spec has errors' });
    return EXIT_PROBLEMS;
  }
  const { expected } = result;

  const lockStale = expected.currentLockText !== expected.lockText;
  if (frozen && lockStale) {
    return fail(
      expected.currentLockText === undefined
        ? `--frozen-lock: the lock file ${expected.lockDisplay} is missing; run "egressc build" without --frozen-lock and commit the lock`
        : `--frozen-lock: the lock file ${expected.lockDisplay} is out of date (${describeLockChanges(expected)}); run "egressc build" without --frozen-lock and commit the lock`,
    );
  }

  const outDir = outputLocation(resolve(io.cwd, out));
  const outDisplay = displayPath(outDir, io.cwd);
  if (isInside(resolve(expected.lockPath), outDir)) {
    return fail(`the lock ${expected.lockDisplay} is inside the output directory ${outDisplay}; keep it beside the spec (or pass --lock PATH outside ${outDisplay})`);
  }

  const writeLock = (): void => {
    if (lockStale) writeFileAtomically(expected.lockPath, expected.lockText);
  };
  const written = writeOutput(outDir, expected.files, writeLock);
  switch (written.kind) {
    case 'unreadable':
      return fail(`cannot read ${outDisplay}: ${written.detail}`, EXIT_USAGE);
    case 'failed':
      return fail(
        written.stage === 'stage'
          ? `could not write ${outDisplay} (left untouched): ${written.detail}`
          : `could not replace ${outDisplay} (left as it was; the lock ${expected.lockDisplay} may be updated, run build again): ${written.detail}`,
      );
    case 'refused':
      switch (written.problem) {
        case 'not-a-directory':
          return fail(`${outDisplay} exists and is not a directory`);
        case 'foreign-manifest':
          return fail(`${outDisplay}/${MANIFEST_PATH} ${written.detail}, so egressc cannot tell which files it wrote; fix or remove it (and the files it should own)`);
        case 'foreign-files':
          return fail(
            `refusing to overwrite files egressc did not write (not listed in ${outDisplay}/${MANIFEST_PATH}):\n` +
              written.paths.map((p) => `  ${outDisplay}/${p}\n`).join('') +
              'move them out of the way, or build into another directory',
          );
        case 'ambiguous-recovery':
          return fail(written.detail);
      }
  }
  if (written.restoredFrom) io.stderr(`egressc build: restored ${outDisplay} from ${displayPath(written.restoredFrom, io.cwd)} (an earlier build was interrupted)\n`);
  const upToDate = written.kind === 'up-to-date';

  const summary = {
    out: outDisplay,
    files: expected.files.length,
    written: written.written,
    pruned: written.pruned,
    keptForeign: written.keptForeign,
    lock: { path: expected.lockDisplay, updated: lockStale },
  };
  if (format === 'json') {
    json({ build: summary });
  } else {
    const lines = [
      upToDate
        ? `egressc build: ${outDisplay} is up to date (${summary.files} files)`
        : `egressc build: wrote ${outDisplay} (${summary.files} files, ${summary.written} new or changed, ${summary.pruned.length} pruned)`,
      ...summary.pruned.map((p) => `  pruned ${outDisplay}/${p}`),
      ...summary.keptForeign.map((p) => `  kept ${outDisplay}/${p} (not written by egressc; "egressc check" reports it)`),
      `  lock ${expected.lockDisplay} ${lockStale ? (expected.currentLockText === undefined ? 'created' : 'updated') : 'unchanged'}`,
    ];
    io.stdout(`${lines.join('\n')}\n`);
  }
  return EXIT_OK;
}
