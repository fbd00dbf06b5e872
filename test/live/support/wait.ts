// Bounded polling: every wait in the live suite ends, with the last observation in the error.

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Observation<T> {
  done: boolean;
  value: T;
}

/** Polls until `probe` reports done or `timeoutMs` passes; returns the value and the time it took. */
export async function waitUntil<T>(what: string, timeoutMs: number, probe: () => Observation<T>, intervalMs = 250): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  let last = probe();
  while (!last.done) {
    if (Date.now() - start >= timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last observed:\n${JSON.stringify(last.value, null, 2)}`);
    }
    await sleep(intervalMs);
    last = probe();
  }
  return { value: last.value, ms: Date.now() - start };
}

/** Polls for `durationMs` and fails as soon as `probe` reports done: "this never happens in time". */
export async function neverWithin<T>(what: string, durationMs: number, probe: () => Observation<T>, intervalMs = 250): Promise<T> {
  const start = Date.now();
  let last = probe();
  while (Date.now() - start < durationMs) {
    if (last.done) throw new Error(`${what} happened after ${Date.now() - start} ms although it must not:\n${JSON.stringify(last.value, null, 2)}`);
    await sleep(intervalMs);
    last = probe();
  }
  if (last.done) throw new Error(`${what} happened although it must not:\n${JSON.stringify(last.value, null, 2)}`);
  return last.value;
}
