// egressc check SPEC --out DIR: is DIR exactly what a fresh build would write, and is the lock current?
import { prepareComparison } from '../compare-output.js';
import { EXIT_OK, EXIT_PROBLEMS, type CliIo } from '../io.js';
import { escapeData, escapeProperty } from '../../diagnostics/format-github.js';
import { compareTree, octal } from '../../write/compare.js';

const USAGE = `Usage: egressc check SPEC --out DIR [--lock PATH] [--strict-modes] [--format text|github]

Exits 0 when DIR is exactly what "egressc build" would write and the lock is current, 1 otherwise,
listing missing, extra and changed files (--format github: as ::error annotations).
File modes are reported but only fail the check with --strict-modes: Git records no modes except the
executable bit, so a fresh clone has netplan files 0644 where build writes 0600.
Exit codes: 0 up to date, 1 drift or spec problems, 2 usage error or unreadable input.
`;

interface Finding {
  kind: 'missing' | 'extra' | 'changed' | 'mode' | 'stale';
  /** file the finding is about (display path) */
  file: string;
  detail: string;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const prepared = prepareComparison({ name: 'check', usage: USAGE, flags: ['--strict-modes'], formats: ['text', 'github'] }, argv, io);
  if ('exit' in prepared) return prepared.exit;
  const { args, expected, current, outDisplay } = prepared;
  const { spec, out, format } = args;
  const strictModes = args.flags.has('--strict-modes');
  const findings: Finding[] = [];
  if (!current.exists) findings.push({ kind: 'missing', file: outDisplay, detail: 'the output directory does not exist' });
  const difference = compareTree(expected.files, current, { manifest: expected.manifest });
  const at = (path: string): string => `${outDisplay}/${path}`;
  if (current.exists) {
    for (const p of difference.missing) findings.push({ kind: 'missing', file: at(p), detail: 'build would write this file' });
  }
  const listed = new Set(current.manifest?.files.map((f) => f.path) ?? []);
  for (const p of difference.extra) {
    const detail = listed.has(p) ? 'an earlier build wrote it; build would prune it' : 'egressc did not write it and never deletes it; remove it from the output directory';
    findings.push({ kind: 'extra', file: at(p), detail });
  }
  for (const p of difference.changed) findings.push({ kind: 'changed', file: at(p), detail: 'differs from what build would write' });
  const modeFindings: Finding[] = difference.modeChanged.map((m) => ({ kind: 'mode', file: at(m.path), detail: `is ${octal(m.actual)}, build writes ${octal(m.expected)}` }));
  if (strictModes) findings.push(...modeFindings);
  if (expected.currentLockText === undefined) findings.push({ kind: 'missing', file: expected.lockDisplay, detail: 'the lock file does not exist' });
  else if (expected.currentLockText !== expected.lockText) findings.push({ kind: 'stale', file: expected.lockDisplay, detail: 'build would change the lock file' });

  if (!strictModes && modeFindings.length > 0) {
    io.stderr(
      format === 'github'
        ? modeFindings.map((f) => `::notice file=${escapeProperty(f.file)},title=${escapeProperty('egressc check: mode')}::${escapeData(`${f.file}: ${f.detail} (egressc build sets it)`)}\n`).join('')
        : modeFindings.map((f) => `egressc check: note: mode of ${f.file} ${f.detail} (not an error without --strict-modes; egressc build sets it)\n`).join(''),
    );
  }
  if (findings.length === 0) {
    io.stdout(`egressc check: ${outDisplay} is up to date (${expected.files.length} files) and the lock ${expected.lockDisplay} is current\n`);
    return EXIT_OK;
  }
  const fix = `run "egressc build ${spec} --out ${out}" and commit the result`;
  if (format === 'github') {
    io.stdout(findings.map((f) => `::error file=${escapeProperty(f.file)},title=${escapeProperty(`egressc check: ${f.kind}`)}::${escapeData(`${f.file}: ${f.detail}; ${fix}`)}\n`).join(''));
  } else {
    const lines = findings.map((f) => `  ${f.kind.padEnd(8)} ${f.file} (${f.detail})`);
    io.stdout(`egressc check: ${outDisplay} is not what build would write:\n${lines.join('\n')}\n${fix}\n`);
  }
  return EXIT_PROBLEMS;
}
