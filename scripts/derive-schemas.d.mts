// Types of scripts/derive-schemas.mjs for the TypeScript tests that import it.
export declare const REPO_ROOT: string;
export declare const SCHEMA_DATA_DIR: string;
export declare const PROVENANCE_FILE: string;
export declare function stripSchema(node: unknown): unknown;
export declare function deriveCrd(source: string, text: string): { group: string; scope: string; kind: string; versions: { name: string; schema: unknown }[] };
export declare function derivedCrdName(upstream: string): string;
export declare function deriveSchemaData(sharedDir: string): Map<string, string>;
export declare function committedSchemaData(): Map<string, string>;
