// The entries egressc keeps in an output directory for its own bookkeeping while a build runs: the
// build lock and staging directories. They are not output: scans skip them, `check` does not list
// them, and a finished build leaves none behind. Names only (no I/O), shared by the writer and readers.

/** DIR/.egressc-build.lock: held (created exclusively) by the one build writing DIR. */
export const BUILD_LOCK = '.egressc-build.lock';
/** created exclusively by the one build that takes over a stale lock, for the instant it does so */
export const BUILD_LOCK_TAKEOVER = `${BUILD_LOCK}.takeover`;
/** DIR/.egressc.tmp-XXXXXX/: a build's staging directory (recognised by this prefix AND its marker) */
export const STAGING_PREFIX = '.egressc.tmp-';
/** the file a staging directory is created with, naming what it is */
export const STAGING_MARKER = 'EGRESSC-STAGING';
export const STAGING_MARKER_TEXT = 'egressc staging directory: removed (or completed, when it holds a journal) by the next egressc build\n';
/** inside a staging directory: the staged files, laid out as in DIR */
export const STAGING_TREE = 'tree';
/** inside a staging directory: the journal of the changes to apply; its presence is the commit point */
export const STAGING_JOURNAL = 'JOURNAL.json';

export const isControlName = (name: string): boolean => name === BUILD_LOCK || name === BUILD_LOCK_TAKEOVER || name.startsWith(STAGING_PREFIX);
