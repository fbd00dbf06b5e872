// Runs once before any test file (vitest.config.ts globalSetup): a golden update under CI stops the
// whole run before a single file is rewritten.
import { goldenUpdateRefusal } from './ci.js';

export default function setup(): void {
  const refusal = goldenUpdateRefusal();
  if (refusal) throw new Error(refusal);
}
