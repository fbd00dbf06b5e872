// Minimal, strict option parsing shared by the commands: unknown options are usage errors.
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
