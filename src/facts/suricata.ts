// Suricata facts egressc builds on.

/** Suricata's range for local rules is 1000000-1999999; egressc starts one above (1000000 is left alone). */
export const FIRST_SID = 1_000_001;
export const SID_MAX = 1_999_999;
