// The data the tests validate against lives in the repository (test/schema-data/, derived by
// scripts/derive-schemas.mjs from the upstream copies). The upstream copies themselves are only read to
// check that the derived data is current: in shared/ beside the repository (as CI lays it out) or where
// EGRESSC_SHARED_DIR points.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { derivedCrdName, SCHEMA_DATA_DIR } from '../../scripts/derive-schemas.mjs';
import { REPO_ROOT } from './fixtures.js';

/** The upstream reference folder, when there is one (nothing requires it). */
export function sharedDir(): string | undefined {
  const dir = process.env.EGRESSC_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared');
  return existsSync(join(dir, 'schemas')) ? dir : undefined;
}

/** Absolute path of test/schema-data/<parts…>; fails loudly when the file is not there. */
export function schemaDataPath(...parts: string[]): string {
  const path = join(SCHEMA_DATA_DIR, ...parts);
  if (!existsSync(path)) throw new Error(`${path} not found: run npm run schemas:derive (needs shared/schemas beside the repository)`);
  return path;
}

/** The derived copy of an upstream CRD file, named as upstream (`enterprise/v3/projectcalico.org_bgppeers.yaml`). */
export const calicoCrdPath = (upstream: string): string => schemaDataPath('calico', derivedCrdName(upstream));
