// egressc validate SPEC [--format text|json|github]: load, validate and check one spec; report every
// problem at once. Exit 0 valid (warnings allowed), 1 the spec has errors, 2 usage error or unreadable spec.
import { formatDiagnostics, formatStream, FORMATS, isFormatName } from '../../diagnostics/index.js';
import { hasErrors } from '../../diagnostics/types.js';
import { sortByPosition } from '../../diagnostics/sort.js';
import { parseArgs } from '../args.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIo } from '../io.js';
import { readInputs } from '../read-inputs.js';

export const HELP = `Usage: egressc validate SPEC [--format text|json|github]

Loads SPEC (a topology YAML file), checks its shape and its meaning, and reports every problem at once,
each at its file:line:col with a code and a hint. Referenced files (BIRD templates) must be readable.

Options:
  --format FORMAT  text (default): human-readable, with the offending line, to stderr
                   json: a JSON array of diagnostics, to stdout
                   github: GitHub Actions annotations (::error file=…), to stderr
  -h, --help       show this help

Exit codes: 0 valid (warnings allowed), 1 the spec has errors, 2 usage error or unreadable spec.
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, { values: ['--format'], flags: [] });
  if (!parsed.ok) return usage(io, parsed.error);
  const { args } = parsed;
  if (args.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const format = args.values.get('--format') ?? 'text';
  if (!isFormatName(format)) return usage(io, `--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  if (args.positionals.length !== 1) return usage(io, args.positionals.length === 0 ? 'missing SPEC' : 'exactly one SPEC expected');

  const read = readInputs(args.positionals[0]!, io.cwd);
  if (!read.ok) {
    io.stderr(`egressc validate: ${read.error}\n`);
    return EXIT_USAGE;
  }
  const { input, loaded, fileDiagnostics } = read.inputs;
  const diagnostics = sortByPosition([...loaded.diagnostics, ...fileDiagnostics]);
  const output = formatDiagnostics(format, diagnostics, new Map([[input.spec.path, input.spec.text]]));
  if (format === 'text' && diagnostics.length === 0) io.stderr(`${input.spec.path}: valid\n`);
  else if (formatStream(format) === 'stdout') io.stdout(output);
  else io.stderr(output);
  return hasErrors(diagnostics) ? EXIT_PROBLEMS : EXIT_OK;
}

function usage(io: CliIo, error: string): number {
  io.stderr(`egressc validate: ${error}\n\n${HELP}`);
  return EXIT_USAGE;
}
