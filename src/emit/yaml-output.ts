// How every emitter turns a yaml Document into text.
import type { ToStringOptions } from 'yaml';

/**
 * lineWidth 0: never fold a long value. directives false: the documents declare no tags, so the
 * library's walk of every node of a document in search of tags to declare is skipped (same bytes).
 */
export const YAML_TO_STRING: ToStringOptions = { lineWidth: 0, directives: false };
