/**
 * Codes whose hostile input cannot be a file in Git (UTF-16, invalid UTF-8, CRLF, megabytes, FIFOs,
 * devices, a lock that is no lock) or is too big to keep there (a spec of 6,400 firewall rules):
 * test/hostile/generated-cases.ts makes it at test time and
 * test/hostile/corpus.test.ts checks that each of these is reported. The docs' coverage test counts them as covered.
 */
export const GENERATED_CODES = ['not-utf8', 'input-too-large', 'template-bom', 'template-crlf', 'not-a-lock', 'firewall-rules-too-large'] as const;
