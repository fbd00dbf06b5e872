// egressc diff SPEC --out DIR: what a build would change in DIR (a unified diff) and what that means
// in AWS, BGP and firewall terms (replacements first). Exit 0 when nothing changes, 1 when something does.
import { prepareComparison } from '../compare-output.js';
import { EXIT_OK, EXIT_PROBLEMS, type CliIo } from '../io.js';
import { unifiedDiff } from '../../diff/line-diff.js';
import { renderSummary, summarizeChange } from '../../diff/summary.js';
import { planTerraform, terraformResources, type TerraformResource } from '../../diff/terraform-plan.js';
import { compareTree, octal } from '../../write/compare.js';
import { MANIFEST_PATH } from '../../write/manifest.js';
import { compareText } from '../../write/order.js';

const USAGE = `Usage: egressc diff SPEC --out DIR [--lock PATH]

Prints what a build would change: first a summary of what the change means (Connect peers, BGP
sessions, egress IPs, firewall rules, and Terraform resources that will be REPLACED), then a unified
diff of DIR's files and the lock. manifest.json is compared but not shown.
Exit codes: 0 nothing changes, 1 something changes (or spec problems), 2 usage error or unreadable input.
`;

const TERRAFORM_SUFFIX = '.tf.json';

function resourcesOf(files: Iterable<[string, string]>): TerraformResource[] {
  return [...files].filter(([path]) => path.endsWith(TERRAFORM_SUFFIX)).flatMap(([, text]) => terraformResources(text));
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const prepared = prepareComparison({ name: 'diff', usage: USAGE, flags: [], formats: ['text'] }, argv, io);
  if ('exit' in prepared) return prepared.exit;
  const { expected, current, outDisplay } = prepared;
  // Only files egressc owns (those its manifest lists) take part: a build keeps foreign files as they are.
  const owned = new Set(current.manifest ? [MANIFEST_PATH, ...current.manifest.files.map((f) => f.path)] : []);
  const oldTexts = new Map<string, string>();
  for (const [path, file] of current.files) if (owned.has(path) && file.bytes) oldTexts.set(path, file.bytes.toString('utf8'));
  const newTexts = new Map(expected.files.map((f) => [f.path, f.content]));
  const present = new Map([...current.files].filter(([path]) => owned.has(path)));
  const difference = compareTree(expected.files, present);

  const terraform = planTerraform(resourcesOf(oldTexts), resourcesOf(newTexts));
  const summary = summarizeChange(current.manifest?.inventory, expected.manifest.inventory, terraform);

  const paths = [...new Set([...difference.missing, ...difference.changed, ...difference.extra])]
    .filter((p) => p !== MANIFEST_PATH)
    .sort(compareText);
  const patches = paths.map((p) => unifiedDiff(`${outDisplay}/${p}`, oldTexts.get(p), newTexts.get(p)));
  const lockPatch = unifiedDiff(expected.lockDisplay, expected.currentLockText, expected.lockText);
  // modes are listed but do not count as a change: Git does not record them (see check --strict-modes)
  const modeLines =
    difference.modeChanged.length === 0
      ? []
      : difference.modeChanged.length === 1
        ? difference.modeChanged.map((m) => `mode of \`${outDisplay}/${m.path}\`: ${octal(m.actual)} → ${octal(m.expected)} (not tracked by Git; build sets it)`)
        : [`modes of ${difference.modeChanged.length} files differ from what build sets (not tracked by Git)`];
  const manifestOnly = paths.length === 0 && (difference.changed.includes(MANIFEST_PATH) || difference.missing.includes(MANIFEST_PATH));

  const changes = paths.length + (lockPatch ? 1 : 0) + (manifestOnly ? 1 : 0);
  if (changes === 0) {
    io.stdout(`egressc diff: no changes (${outDisplay} and ${expected.lockDisplay} are what build would write)\n${modeLines.map((l) => `- ${l}\n`).join('')}`);
    return EXIT_OK;
  }
  const fileList = [
    ...difference.missing.filter((p) => p !== MANIFEST_PATH).map((p) => `- added: \`${outDisplay}/${p}\``),
    ...difference.extra.filter((p) => p !== MANIFEST_PATH).map((p) => `- removed: \`${outDisplay}/${p}\``),
    ...difference.changed.filter((p) => p !== MANIFEST_PATH).map((p) => `- changed: \`${outDisplay}/${p}\``),
    ...modeLines.map((l) => `- ${l}`),
    ...(lockPatch ? [`- changed: \`${expected.lockDisplay}\` (lock)`] : []),
    ...(manifestOnly ? [`- changed: \`${outDisplay}/${MANIFEST_PATH}\` only`] : []),
  ];
  io.stdout(`${renderSummary(summary)}\n## Files\n\n${fileList.join('\n')}\n\n## Patch\n\n${patches.join('')}${lockPatch}`);
  return EXIT_PROBLEMS;
}
