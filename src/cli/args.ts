// Minimal, strict option parsing shared by the commands: unknown options are usage errors.
import { EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';

export interface OptionSpec {
  /** options that take a value, e.g. ['--out', '--lock', '--format'] */
  values: readonly string[];
  /** boolean flags, e.g. ['--frozen-lock'] */
  flags: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  values: Map<string, string>;
  flags: Set<string>;
  help: boolean;
}

export type ParseResult = { ok: true; args: ParsedArgs } | { ok: false; error: string };

export function parseArgs(argv: readonly string[], spec: OptionSpec): ParseResult {
  const args: ParsedArgs = { positionals: [], values: new Map(), flags: new Set(), help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      args.help = true;
      continue;
    }
    if (arg === '--') {
      args.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg : arg.slice(0, eq);
      if (spec.flags.includes(name)) {
        if (eq !== -1) return { ok: false, error: `${name} takes no value` };
        args.flags.add(name);
        continue;
      }
      if (spec.values.includes(name)) {
        const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
        if (value === undefined || value === '') return { ok: false, error: `${name} needs a value` };
        args.values.set(name, value);
        continue;
      }
      return { ok: false, error: `unknown option ${name}` };
    }
    args.positionals.push(arg);
  }
  return { ok: true, args };
}

/** A command that takes one SPEC and --format, and its own options (validate, trace). */
export interface SpecCommand<F extends string> {
  name: string;
  help: string;
  /** options with a value besides --format */
  values: readonly string[];
  formats: readonly F[];
}

export interface SpecCommandArgs<F extends string> {
  spec: string;
  format: F;
  values: ReadonlyMap<string, string>;
}

/** Prints a usage error and the command's help (stderr); exit 2. */
export function usageError(command: Pick<SpecCommand<string>, 'name' | 'help'>, io: CliIo, error: string): number {
  io.stderr(`egressc ${command.name}: ${error}\n\n${command.help}`);
  return EXIT_USAGE;
}

/** SPEC [--format F] [options]: the arguments, or the exit code once --help or a usage error is printed. */
export function parseSpecCommand<F extends string>(command: SpecCommand<F>, argv: readonly string[], io: CliIo): SpecCommandArgs<F> | { exit: number } {
  const parsed = parseArgs(argv, { values: ['--format', ...command.values], flags: [] });
  if (!parsed.ok) return { exit: usageError(command, io, parsed.error) };
  const { help, positionals, values } = parsed.args;
  if (help) {
    io.stdout(command.help);
    return { exit: EXIT_OK };
  }
  const format = values.get('--format') ?? 'text';
  if (!command.formats.includes(format as F)) return { exit: usageError(command, io, `--format must be one of ${command.formats.join(', ')}, not "${format}"`) };
  if (positionals.length !== 1) return { exit: usageError(command, io, positionals.length === 0 ? 'missing SPEC' : 'exactly one SPEC expected') };
  return { spec: positionals[0]!, format: format as F, values };
}
