// egressc build SPEC --out DIR: compile, then write every artifact, the manifest and the lock atomically.
import { resolve } from 'node:path';
import { computeExpectedOutput, parseCommonArgs, type ExpectedOutput } from '../expected-output.js';
import { lockChanges, parseLock } from '../../allocate/lock.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIo } from '../io.js';
import { formatDiagnostics } from '../../diagnostics/index.js';
import { escapeData } from '../../diagnostics/format-github.js';
import { toJsonDiagnostic } from '../../diagnostics/format-json.js';
import { displayPath } from '../read-inputs.js';
import { writeFileAtomically } from '../../write/atomic.js';
import { MANIFEST_PATH } from '../../write/manifest.js';
import { isInside, placementProblem, realLocation } from '../../write/placement.js';
import { writeOutput } from '../../write/write-output.js';

const USAGE = `Usage: egressc build SPEC --out DIR [--lock PATH] [--frozen-lock] [--format text|json|github]

Compiles SPEC and writes every artifact into DIR, with DIR/manifest.json, pruning files the previous
build wrote and this one does not. DIR must be missing, empty, or made by egressc (its manifest.json);
egressc never touches a file it did not write, never follows a symlink, and holds DIR's build lock
(DIR/.egressc-build.lock) while it writes. On any error DIR's files are as they were; a build
interrupted after its commit point is completed by the next build. Writes the lock
(<metadata.name>.lock.yaml beside SPEC, or --lock PATH).
  --frozen-lock   fail (exit 1, writing nothing) when the lock is missing or would change (for CI)
Exit codes: 0 ok, 1 spec, lock or output problems (DIR refused, busy or not writable), 2 usage error
or unreadable input (SPEC, or DIR cannot be read).
`;

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
const MAX_LISTED_PATHS = 10;

/** "a, b, c and 4 more": a message stays one line however many paths it is about */
const listed = (paths: readonly string[]): string =>
  paths.length > MAX_LISTED_PATHS ? `${paths.slice(0, MAX_LISTED_PATHS).join(', ')} and ${paths.length - MAX_LISTED_PATHS} more` : paths.join(', ');

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

  const outDir = resolve(io.cwd, out);
  const show = (path: string): string => displayPath(path, io.cwd);
  const outDisplay = show(outDir);
  const misplaced = placementProblem(outDir, { specPath: resolve(io.cwd, spec), cwd: io.cwd, show });
  if (misplaced) return fail(misplaced);
  if (isInside(realLocation(resolve(expected.lockPath)), realLocation(outDir))) {
    return fail(`the lock ${expected.lockDisplay} is inside the output directory ${outDisplay}; keep it beside the spec (or pass --lock PATH outside ${outDisplay})`);
  }

  const writeLock = (): void => {
    if (lockStale) writeFileAtomically(expected.lockPath, expected.lockText);
  };
  const written = writeOutput({ dir: outDir, files: expected.files, manifest: expected.manifest, beforeCommit: writeLock, show });
  switch (written.kind) {
    case 'unreadable':
      return fail(written.detail, EXIT_USAGE);
    case 'failed':
      return fail(
        written.stage === 'stage'
          ? `could not write ${outDisplay} (its files are as they were): ${written.detail}`
          : `could not complete writing ${outDisplay} (the build is committed; run egressc build again to complete it): ${written.detail}`,
      );
    case 'refused':
      switch (written.problem) {
        case 'not-a-directory':
        case 'busy':
          return fail(written.detail);
        case 'not-egressc':
          return fail(
            `${outDisplay} is not empty and holds no egressc manifest.json, so egressc did not make it and will not write into it (it holds ${listed(written.paths)}); pass a missing or empty directory`,
          );
        case 'foreign-manifest':
          return fail(`${outDisplay}/${MANIFEST_PATH} ${written.detail}, so egressc cannot tell which files it wrote; fix or remove it (and the files it should own)`);
        case 'foreign-files':
          return fail(
            `refusing to overwrite files egressc did not write (not listed in ${outDisplay}/${MANIFEST_PATH}): ${listed(written.paths.map((p) => `${outDisplay}/${p}`))}; move them out of the way, or build into another directory`,
          );
      }
  }
  if (written.completedInterrupted) io.stderr(`egressc build: completed the interrupted earlier build of ${outDisplay} first\n`);
  if (written.tookOverLock) io.stderr(`egressc build: took over the build lock of ${outDisplay} from a build that is gone (${written.tookOverLock})\n`);
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
