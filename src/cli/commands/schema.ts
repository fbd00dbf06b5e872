// egressc schema: prints the JSON Schema of the spec (the content of schema/egressc.schema.json).
import { specJsonSchemaText } from '../../spec/json-schema.js';
import { parseArgs } from '../args.js';
import { EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js';

export const HELP = `Usage: egressc schema

Prints the JSON Schema (draft 2020-12) of the topology spec to stdout. The same schema is committed as
schema/egressc.schema.json; point an editor at it with the first line
  # yaml-language-server: $schema=<path to>/schema/egressc.schema.json

Options:
  -h, --help  show this help
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, { values: [], flags: [] });
  if (!parsed.ok || parsed.args.positionals.length > 0) {
    io.stderr(`egressc schema: ${parsed.ok ? 'takes no arguments' : parsed.error}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  if (parsed.args.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  io.stdout(specJsonSchemaText());
  return EXIT_OK;
}
