// egressc validate SPEC [--format text|json|github]: the analysis build runs (src/analyze.ts: load,
// validate, check, allocate in memory with the lock, check the model), writing nothing; report every
// problem at once. Exit 0 valid (warnings allowed), 1 the spec has errors, 2 usage error or unreadable spec.
import { formatDiagnostics, formatStream, FORMATS } from '../../diagnostics/index.js';
import { analyze } from '../../analyze.js';
import { hasErrors } from '../../diagnostics/types.js';
import { parseSpecCommand } from '../args.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIo } from '../io.js';
import { readInputs, sourcesOf } from '../read-inputs.js';

export const HELP = `Usage: egressc validate SPEC [--format text|json|github]

Loads SPEC (a topology YAML file), checks its shape and its meaning, allocates in memory (with the lock
beside SPEC, when there is one) and checks the result: everything "egressc build" checks, writing
nothing. Reports every problem at once, each at its file:line:col with a code and a hint. Referenced
files (BIRD templates) must be readable.

Options:
  --format FORMAT  text (default): human-readable, with the offending line, to stderr
                   json: a JSON array of diagnostics, to stdout
                   github: GitHub Actions annotations (::error file=…), to stderr
  -h, --help       show this help

Exit codes: 0 valid (warnings allowed), 1 the spec has errors, 2 usage error or unreadable spec.
`;

const COMMAND = { name: 'validate', help: HELP, values: [], formats: FORMATS };

export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseSpecCommand(COMMAND, argv, io);
  if ('exit' in args) return args.exit;
  const { format } = args;

  const read = readInputs(args.spec, io.cwd);
  if (!read.ok) {
    io.stderr(`egressc validate: ${read.error}\n`);
    return EXIT_USAGE;
  }
  const { input, loaded } = read.inputs;
  const { diagnostics } = analyze(input, loaded);
  const output = formatDiagnostics(format, diagnostics, sourcesOf(input));
  if (format === 'text' && diagnostics.length === 0) io.stderr(`${input.spec.path}: valid\n`);
  else if (formatStream(format) === 'stdout') io.stdout(output);
  else io.stderr(output);
  return hasErrors(diagnostics) ? EXIT_PROBLEMS : EXIT_OK;
}
