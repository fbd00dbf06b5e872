// Hands BIRD text to the real parser: `bird -p -c FILE` (parse only, no daemon).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BirdParseResult {
  ok: boolean;
  /** bird's own message, e.g. "bird: FILE:7:22 syntax error" */
  output: string;
}

export function birdParse(text: string): BirdParseResult {
  const dir = mkdtempSync(join(tmpdir(), 'egressc-bird-'));
  try {
    const file = join(dir, 'peers.conf');
    writeFileSync(file, text);
    const run = spawnSync('bird', ['-p', '-c', file], { encoding: 'utf8', timeout: 10_000 });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
