// Whether this run is CI's (CI=true, as .ci/run is started). Free of vitest, so that the global setup can use it.
export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean => env.CI === 'true' || env.CI === '1';

/** Why this run may not update golden files and fixture locks, or undefined. */
export function goldenUpdateRefusal(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const asked = env.EGRESSC_UPDATE_GOLDEN !== undefined && env.EGRESSC_UPDATE_GOLDEN !== '' && env.EGRESSC_UPDATE_GOLDEN !== '0';
  if (asked && inCi(env)) {
    return 'EGRESSC_UPDATE_GOLDEN is set under CI: golden files and fixture locks are regenerated only by a developer (npm run golden:update) and reviewed, never in CI';
  }
  return undefined;
}
