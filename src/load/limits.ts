// What egressc accepts as input, at most. Every limit is reported as a diagnostic that names it;
// docs/spec.md ("Input limits") lists them for users.

/** A spec file: far above any real topology. */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;
/** A lock file: 30,000 firewall rules (the largest rule group) take ~3 MiB. */
export const MAX_LOCK_BYTES = 8 * 1024 * 1024;
/** A file the spec references (a BIRD template; the upstream ones are ~10 KiB). */
export const MAX_REFERENCED_FILE_BYTES = 1024 * 1024;
/** Collections inside collections; a spec needs 8, a lock 4. Measured before anything recursive runs. */
export const MAX_NESTING_DEPTH = 64;
/** Alias nodes expand to at most this many nodes in total: a guard against "billion laughs". */
export const MAX_ALIAS_EXPANSION = 100;
/** Any single string (key or value) of a spec or lock, in characters; PATH_MAX is 4096. */
export const MAX_STRING_LENGTH = 4096;
/** Free text (metadata.description), in characters: it is printed into REPORT.md. */
export const MAX_DESCRIPTION_LENGTH = 1024;

export const showBytes = (bytes: number): string =>
  bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
/** YAML problems listed per file: a broken file can hold one per byte. */
export const MAX_YAML_ERRORS = 100;
