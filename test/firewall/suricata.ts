// Hands rules to the real consumers: the Suricata 7 engine (suricata -T, --engine-analysis) and
// suricata-update's rule parser (line by line: its parse_file() silently drops what it cannot parse).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { groupValue, type RuleVariables } from '../../src/render/firewall/rules-text.js';

export interface EngineRun {
  status: number | null;
  output: string;
  /** rules.json of --engine-analysis, one object per rule */
  analysis: EngineRule[];
}

export interface EngineRule {
  raw: string;
  id: number;
  rev: number;
  msg: string;
  type: string;
  flags: string[];
}

/** A minimal suricata.yaml defining every rule variable, as AWS's rule group does. */
export function suricataConfig(variables: RuleVariables, outputs: unknown[] = []): string {
  const groups = (sets: Record<string, string[]>): Record<string, string> =>
    Object.fromEntries(Object.entries(sets).map(([name, values]) => [name, groupValue(values)]));
  const config = {
    vars: { 'address-groups': groups(variables.ipSets), 'port-groups': groups(variables.portSets) },
    'classification-file': '/etc/suricata/classification.config',
    'reference-config-file': '/etc/suricata/reference.config',
    'engine-analysis': { 'rules-fast-pattern': false, rules: true },
    logging: { 'default-log-level': 'info', outputs: [{ console: { enabled: true } }] },
    outputs,
  };
  return `%YAML 1.1\n---\n${stringify(config, { lineWidth: 0 })}`;
}

function runSuricata(mode: '-T' | '--engine-analysis', rulesText: string, variables: RuleVariables): EngineRun {
  const dir = mkdtempSync(join(tmpdir(), 'egressc-suricata-'));
  try {
    const config = join(dir, 'suricata.yaml');
    const rules = join(dir, 'test.rules');
    writeFileSync(config, suricataConfig(variables));
    writeFileSync(rules, rulesText);
    const run = spawnSync('suricata', [mode, '-c', config, '-S', rules, '-l', dir], { encoding: 'utf8', timeout: 30_000 });
    const output = `${run.stdout}${run.stderr}`;
    let analysis: EngineRule[] = [];
    if (mode === '--engine-analysis' && run.status === 0) {
      analysis = readFileSync(join(dir, 'rules.json'), 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as EngineRule);
    }
    return { status: run.status, output, analysis };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const suricataTest = (rulesText: string, variables: RuleVariables): EngineRun => runSuricata('-T', rulesText, variables);
export const engineAnalysis = (rulesText: string, variables: RuleVariables): EngineRun => runSuricata('--engine-analysis', rulesText, variables);

const PARSE_LINES = `
import json, sys
from suricata.update import rule
results = []
for line in json.load(sys.stdin):
    parsed = rule.parse(line)
    results.append(None if parsed is None else {"sid": parsed["sid"], "msg": parsed["msg"], "action": parsed["action"]})
print(json.dumps(results))
`;

export interface UpdateParse {
  sid: number;
  msg: string;
  action: string;
}

/** suricata-update's rule.parse() on each line: null where it refuses the line. */
export function suricataUpdateParse(lines: readonly string[]): (UpdateParse | null)[] {
  const run = spawnSync('/usr/bin/python3', ['-c', PARSE_LINES], { input: JSON.stringify(lines), encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`suricata-update parser failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as (UpdateParse | null)[];
}

/** The rule lines of a rules file (comments and blank lines dropped). */
export const ruleLines = (text: string): string[] => text.split('\n').filter((line) => line.trim() && !line.startsWith('#'));

export interface ReplayAlert {
  sid: number;
  src: string;
  dst: string;
  protocol: string;
  srcPort?: number;
  dstPort?: number;
}

/** Replays a pcap through the rules (`suricata -r`) and returns every alert (drop rules alert in IDS mode). */
export function replay(rulesText: string, variables: RuleVariables, capture: Buffer): ReplayAlert[] {
  const dir = mkdtempSync(join(tmpdir(), 'egressc-replay-'));
  try {
    const eve = { 'eve-log': { enabled: true, filetype: 'regular', filename: 'eve.json', types: [{ alert: {} }] } };
    writeFileSync(join(dir, 'suricata.yaml'), suricataConfig(variables, [eve]));
    writeFileSync(join(dir, 'test.rules'), rulesText);
    writeFileSync(join(dir, 'capture.pcap'), capture);
    const run = spawnSync('suricata', ['-c', join(dir, 'suricata.yaml'), '-S', join(dir, 'test.rules'), '-r', join(dir, 'capture.pcap'), '-k', 'none', '-l', dir], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (run.status !== 0) throw new Error(`suricata -r failed: ${run.stdout}${run.stderr}`);
    interface EveAlert {
      event_type: string;
      src_ip: string;
      dest_ip: string;
      proto: string;
      src_port?: number;
      dest_port?: number;
      alert: { signature_id: number };
    }
    return readFileSync(join(dir, 'eve.json'), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as EveAlert)
      .filter((event) => event.event_type === 'alert')
      .map((event) => ({
        sid: event.alert.signature_id,
        src: event.src_ip,
        dst: event.dest_ip,
        protocol: event.proto.toLowerCase(),
        ...(event.src_port !== undefined ? { srcPort: event.src_port } : {}),
        ...(event.dest_port !== undefined ? { dstPort: event.dest_port } : {}),
      }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
