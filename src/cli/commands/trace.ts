// egressc trace SPEC --from SOURCE --to DESTINATION [--format text|json]: walk one flow over what build
// would write (Calico selection, VPC and TGW routes, the firewall's rules) and print every hop of the
// request and the reply with the artifact and resource deciding it, and the verdict.
import { compile } from '../../compile.js';
import { formatDiagnostics } from '../../diagnostics/index.js';
import { hasErrors } from '../../diagnostics/types.js';
import { sortByPosition } from '../../diagnostics/sort.js';
import { parseSource, parseTarget, resolveTarget, SOURCE_SYNTAX, TARGET_SYNTAX } from '../../paths/endpoints.js';
import { renderTraceText, traceJson } from '../../paths/render.js';
import { trace } from '../../paths/trace.js';
import { parseSpecCommand, usageError } from '../args.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliIo } from '../io.js';
import { readInputs } from '../read-inputs.js';

export const HELP = `Usage: egressc trace SPEC --from SOURCE --to DESTINATION [--lock PATH] [--format text|json]

Walks one flow over what "egressc build SPEC" would write, before anything is deployed: the egress
gateway that selects the source and its SNAT, the VPC route tables, the TGW attachments and route
tables (longest prefix match over static, propagated and BGP routes), the firewall endpoint and the
Suricata rules in strict order, the destination, and the reply's way back to the advertising nodes.
Each hop names the artifact and the resource or rule that decides it.

  SOURCE       ${SOURCE_SYNTAX} (ns/CLUSTER/NAME, node/CLUSTER/NAME with several clusters)
  DESTINATION  ${TARGET_SYNTAX}
  --format     text (default) or json

Exit codes: 0 the flow is allowed, 1 it is not (dropped, no route, asymmetric) or the spec has errors,
2 usage error or unreadable input.
`;

const COMMAND = { name: 'trace', help: HELP, values: ['--from', '--to', '--lock'], formats: ['text', 'json'] as const };
const usage = (io: CliIo, error: string): number => usageError(COMMAND, io, error);

export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseSpecCommand(COMMAND, argv, io);
  if ('exit' in args) return args.exit;
  const { format } = args;
  const fromText = args.values.get('--from');
  const toText = args.values.get('--to');
  if (fromText === undefined || toText === undefined) return usage(io, `missing ${fromText === undefined ? '--from' : '--to'}`);
  const source = parseSource(fromText);
  if (!source.ok) return usage(io, `--from ${source.error}`);
  const target = parseTarget(toText);
  if (!target.ok) return usage(io, `--to ${target.error}`);

  const read = readInputs(args.spec, io.cwd, args.values.get('--lock'));
  if (!read.ok) {
    io.stderr(`egressc trace: ${read.error}\n`);
    return EXIT_USAGE;
  }
  const { input } = read.inputs;
  const compiled = compile(input);
  const model = compiled.model;
  if (!model || hasErrors(compiled.diagnostics)) {
    io.stderr(formatDiagnostics('text', sortByPosition(compiled.diagnostics), new Map([[input.spec.path, input.spec.text]])));
    return EXIT_PROBLEMS;
  }
  const resolved = resolveTarget(model, target.value);
  if (!resolved.ok) return usage(io, `--to: ${resolved.error}`);
  const result = trace(model, source.value, resolved.value);
  if (!result.ok) return usage(io, `--from: ${result.error}`);
  if (format === 'json') io.stdout(`${JSON.stringify(traceJson(fromText, toText, result.traces), null, 2)}\n`);
  else io.stdout(renderTraceText(fromText, toText, result.traces));
  return result.traces.every((t) => t.verdict.kind === 'allowed') ? EXIT_OK : EXIT_PROBLEMS;
}
