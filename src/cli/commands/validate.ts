import { EXIT_USAGE, type CliIo } from '../io.js';

export async function run(_args: string[], io: CliIo): Promise<number> {
  io.stderr('egressc validate: not implemented yet\n');
  return EXIT_USAGE;
}
