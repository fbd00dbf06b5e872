// egressc diff SPEC --out DIR: what a build would change in DIR (a unified diff) and what that means
// in AWS, BGP and firewall terms (replacements first). Exit 0 when nothing changes, 1 when something does.
import { dirname, relative, resolve, sep } from 'node:path';
import { prepareComparison } from '../compare-output.js';
import { EXIT_OK, EXIT_PROBLEMS, type CliIo } from '../io.js';
import { unifiedDiff } from '../../diff/line-diff.js';
import { fenced } from '../../diff/markdown-fence.js';
import { renderSummary, summarizeChange } from '../../diff/summary.js';
import { planTerraform, terraformResources, type TerraformResource } from '../../diff/terraform-plan.js';
import { compareTree, octal } from '../../write/compare.js';
import { MANIFEST_PATH } from '../../write/manifest.js';
import { readPresent } from '../../write/output-dir.js';
import { compareText } from '../../model/order.js';
import { isInside, realLocation, workTreeRoot } from '../../write/placement.js';

const USAGE = `Usage: egressc diff SPEC --out DIR [--lock PATH] [--format text|markdown]

Prints what a build would change: first a summary of what the change means (Connect peers, BGP
sessions, egress IPs, firewall rules, and Terraform resources that will be REPLACED), then a unified
diff of DIR's files and the lock. manifest.json is compared but not shown.
Paths in the diff are relative to the root of the Git work tree holding DIR (else to the current
directory, or to the nearest folder holding both DIR and the lock), so "git apply" takes it there.
  --format markdown   the same as one Markdown document for a pull-request comment: the patch in a
                      collapsed <details> block, fenced with more backticks than any run inside it
Exit codes: 0 nothing changes, 1 something changes (or spec problems), 2 usage error or unreadable input.
`;

const TERRAFORM_SUFFIX = '.tf.json';

function resourcesOf(files: Iterable<[string, string]>): TerraformResource[] {
  return [...files].filter(([path]) => path.endsWith(TERRAFORM_SUFFIX)).flatMap(([, text]) => terraformResources(text));
}

/** The folder the diff's paths are relative to (see USAGE), and the POSIX path of `path` from it. */
function patchRoot(paths: readonly string[], cwd: string): (path: string) => string {
  const real = paths.map(realLocation);
  const within = (root: string | undefined): root is string => root !== undefined && real.every((p) => isInside(p, root));
  const tree = workTreeRoot(real[0]!);
  const cwdReal = realLocation(cwd);
  let root: string;
  if (within(tree)) root = tree;
  else if (within(cwdReal)) root = cwdReal;
  else {
    root = dirname(real[0]!);
    while (!within(root)) root = dirname(root);
  }
  return (path: string) => relative(root, realLocation(path)).split(sep).join('/');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const prepared = prepareComparison({ name: 'diff', usage: USAGE, flags: [], formats: ['text', 'markdown'] }, argv, io);
  if ('exit' in prepared) return prepared.exit;
  const { expected, current, outDir, args } = prepared;
  const inRoot = patchRoot([outDir, expected.lockPath], io.cwd);
  const outPath = inRoot(outDir);
  const at = (p: string): string => (outPath === '' ? p : `${outPath}/${p}`);
  const lockAt = inRoot(resolve(expected.lockPath));
  // Only files egressc owns (those its manifest lists) take part: a build keeps foreign files as they are.
  const owned = new Set(current.manifest ? [MANIFEST_PATH, ...current.manifest.files.map((f) => f.path)] : []);
  const difference = compareTree(expected.files, current, { manifest: expected.manifest, owned });
  const newTexts = new Map(expected.files.map((f) => [f.path, f.content]));
  const oldText = (p: string): string | undefined => {
    const file = current.files.get(p);
    return owned.has(p) && file?.regular ? readPresent(current, p).toString('utf8') : undefined;
  };

  // Terraform is planned from the old and new .tf.json files (few, small): unchanged ones cancel out
  const terraformPaths = [...new Set([...owned, ...newTexts.keys()])].filter((p) => p.endsWith(TERRAFORM_SUFFIX)).sort(compareText);
  const oldTerraform = terraformPaths.flatMap((p): [string, string][] => {
    const text = oldText(p);
    return text === undefined ? [] : [[p, text]];
  });
  const terraform = planTerraform(resourcesOf(oldTerraform), resourcesOf(terraformPaths.flatMap((p): [string, string][] => (newTexts.has(p) ? [[p, newTexts.get(p)!]] : []))));
  const summary = summarizeChange(current.manifest?.inventory, expected.manifest.inventory, terraform);

  const paths = [...new Set([...difference.missing, ...difference.changed, ...difference.extra])]
    .filter((p) => p !== MANIFEST_PATH)
    .sort(compareText);
  const patches = paths.map((p) => unifiedDiff(at(p), oldText(p), newTexts.get(p)));
  const lockPatch = unifiedDiff(lockAt, expected.currentLockText, expected.lockText);
  // modes are listed but do not count as a change: Git does not record them (see check --strict-modes)
  const modeLines =
    difference.modeChanged.length === 0
      ? []
      : difference.modeChanged.length === 1
        ? difference.modeChanged.map((m) => `mode of \`${at(m.path)}\`: ${octal(m.actual)} → ${octal(m.expected)} (not tracked by Git; build sets it)`)
        : [`modes of ${difference.modeChanged.length} files differ from what build sets (not tracked by Git)`];
  const manifestOnly = paths.length === 0 && (difference.changed.includes(MANIFEST_PATH) || difference.missing.includes(MANIFEST_PATH));

  const changes = paths.length + (lockPatch ? 1 : 0) + (manifestOnly ? 1 : 0);
  if (changes === 0) {
    io.stdout(`egressc diff: no changes (${prepared.outDisplay} and ${expected.lockDisplay} are what build would write)\n${modeLines.map((l) => `- ${l}\n`).join('')}`);
    return EXIT_OK;
  }
  const fileList = [
    ...difference.missing.filter((p) => p !== MANIFEST_PATH).map((p) => `- added: \`${at(p)}\``),
    ...difference.extra.filter((p) => p !== MANIFEST_PATH).map((p) => `- removed: \`${at(p)}\``),
    ...difference.changed.filter((p) => p !== MANIFEST_PATH).map((p) => `- changed: \`${at(p)}\``),
    ...modeLines.map((l) => `- ${l}`),
    ...(lockPatch ? [`- changed: \`${lockAt}\` (lock)`] : []),
    ...(manifestOnly ? [`- changed: \`${at(MANIFEST_PATH)}\` only`] : []),
  ];
  const patch = `${patches.join('')}${lockPatch}`;
  const head = `${renderSummary(summary)}\n## Files\n\n${fileList.join('\n')}\n\n`;
  io.stdout(args.format === 'markdown' ? `${head}<details><summary>Patch</summary>\n\n${fenced(patch, 'diff')}\n</details>\n` : `${head}## Patch\n\n${patch}`);
  return EXIT_PROBLEMS;
}
