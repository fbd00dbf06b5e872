// The shared start of `check` and `diff`: parse SPEC --out DIR, compute what a build would write,
// and read what DIR holds now. Either everything the comparison needs, or the exit code to stop with.
import { resolve } from 'node:path';
import { formatDiagnostics, type FormatName } from '../diagnostics/index.js';
import { outputLocation } from '../write/atomic.js';
import { readOutputDir, type OutputDir } from '../write/output-dir.js';
import { computeExpectedOutput, parseCommonArgs, type CommonArgs, type ExpectedOutput } from './expected-output.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIo } from './io.js';
import { displayPath } from './read-inputs.js';

export interface Comparison {
  args: CommonArgs;
  expected: ExpectedOutput;
  current: OutputDir;
  /** DIR as shown to the user */
  outDisplay: string;
}

export interface CompareCommand {
  name: 'check' | 'diff';
  usage: string;
  flags: readonly string[];
  formats: readonly FormatName[];
}

export function prepareComparison(command: CompareCommand, argv: string[], io: CliIo): Comparison | { exit: number } {
  const parsed = parseCommonArgs(argv, command.flags, command.formats);
  if (parsed.help) {
    io.stdout(command.usage);
    return { exit: EXIT_OK };
  }
  if (!parsed.args) {
    io.stderr(`egressc ${command.name}: ${parsed.error}\n\n${command.usage}`);
    return { exit: EXIT_USAGE };
  }
  const args = parsed.args;
  const result = computeExpectedOutput(args.spec, io.cwd, args.lock);
  if (result.kind === 'unreadable') {
    io.stderr(`egressc ${command.name}: ${result.error}\n`);
    return { exit: EXIT_USAGE };
  }
  if (result.diagnostics.length > 0) io.stderr(formatDiagnostics(args.format, result.diagnostics, result.sources));
  if (result.kind === 'invalid') return { exit: EXIT_PROBLEMS };

  const outDir = outputLocation(resolve(io.cwd, args.out));
  const outDisplay = displayPath(outDir, io.cwd);
  try {
    return { args, expected: result.expected, current: readOutputDir(outDir), outDisplay };
  } catch (error) {
    io.stderr(`egressc ${command.name}: cannot read ${outDisplay}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return { exit: EXIT_USAGE };
  }
}
