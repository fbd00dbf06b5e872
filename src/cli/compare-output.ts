// The shared start of `check` and `diff`: parse SPEC --out DIR, compute what a build would write,
// and read what DIR holds now. Either everything the comparison needs, or the exit code to stop with.
import { resolve } from 'node:path';
import { formatDiagnostics, type FormatName } from '../diagnostics/index.js';
import { liveBuildLockHolder } from '../write/build-lock.js';
import { OutputDirError, readOutputDir, type OutputDir } from '../write/output-dir.js';
import { computeExpectedOutput, parseCommonArgs, type CommonArgs, type ExpectedOutput, type OutputFormat } from './expected-output.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIo } from './io.js';
import { displayPath } from './read-inputs.js';

export interface Comparison {
  args: CommonArgs;
  expected: ExpectedOutput;
  current: OutputDir;
  /** DIR, absolute */
  outDir: string;
  /** DIR as shown to the user */
  outDisplay: string;
}

export interface CompareCommand {
  name: 'check' | 'diff';
  usage: string;
  flags: readonly string[];
  formats: readonly OutputFormat[];
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
  const diagnosticFormat: FormatName = args.format === 'markdown' ? 'text' : args.format;
  if (result.diagnostics.length > 0) io.stderr(formatDiagnostics(diagnosticFormat, result.diagnostics, result.sources));
  if (result.kind === 'invalid') return { exit: EXIT_PROBLEMS };

  const outDir = resolve(io.cwd, args.out);
  const show = (path: string): string => displayPath(path, io.cwd);
  const outDisplay = show(outDir);
  const stop = (message: string, exit: number): { exit: number } => {
    io.stderr(`egressc ${command.name}: ${message}\n`);
    return { exit };
  };
  let current: OutputDir;
  try {
    current = readOutputDir(outDir, show);
  } catch (error) {
    if (error instanceof OutputDirError) return stop(error.message, error.kind === 'not-a-directory' ? EXIT_PROBLEMS : EXIT_USAGE);
    return stop(`cannot read ${outDisplay}: ${(error as Error).message}`, EXIT_USAGE);
  }
  // DIR is read only when no build is writing it and none was interrupted half-way
  const holder = current.exists ? liveBuildLockHolder(outDir) : undefined;
  if (holder) return stop(`an egressc build is writing ${outDisplay} (${holder}); run ${command.name} when it has finished`, EXIT_PROBLEMS);
  if (current.staging.some((s) => s.committed)) {
    return stop(`${outDisplay} holds an interrupted build (a committed journal not yet applied); run "egressc build ${args.spec} --out ${args.out}" to complete it`, EXIT_PROBLEMS);
  }
  return { args, expected: result.expected, current, outDir, outDisplay };
}
