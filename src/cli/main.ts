// CLI entry: dispatches to one module per command, loaded on demand so that startup stays fast.
import { EXIT_OK, EXIT_USAGE, type CliIo, type CommandRunner } from './io.js';
import { VERSION } from '../version.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: CommandRunner }> }> = {
  validate: { summary: 'check a spec and report every problem', load: () => import('./commands/validate.js') },
  build: { summary: 'compile a spec into artifacts and its lock file', load: () => import('./commands/build.js') },
  check: { summary: 'verify that an output directory is what build would write', load: () => import('./commands/check.js') },
  diff: { summary: 'show what a build would change, and what it means in AWS', load: () => import('./commands/diff.js') },
  trace: { summary: 'walk one flow over what build would write: every hop, the verdict', load: () => import('./commands/trace.js') },
  schema: { summary: 'print the JSON Schema of the spec', load: () => import('./commands/schema.js') },
};

export const USAGE = `egressc ${VERSION}: compile an egress topology spec into Calico, host, Terraform and firewall artifacts

Usage: egressc <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run "egressc <command> --help" for a command's options.
Exit codes: 0 ok, 1 problems found, 2 usage error or unreadable file.
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`egressc: unknown command "${name}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  // --version works after any command too (options end at "--").
  const end = rest.indexOf('--');
  const options = end === -1 ? rest : rest.slice(0, end);
  if (options.includes('--version') || options.includes('-V')) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  try {
    const module = await command.load();
    return await module.run(rest, io);
  } catch (error) {
    // Never a stack trace: an unexpected failure is reported in one line.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`egressc ${name}: internal error: ${message}\n`);
    return EXIT_USAGE;
  }
}
