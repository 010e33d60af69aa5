/** Limits every parser enforces, so no input can make the tool hang or exhaust memory. */
export interface Limits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /** Deepest nesting of mappings/sequences/blocks/expressions. */
  maxDepth: number;
  /** Most YAML alias dereferences per document (alias bombs). */
  maxAliases: number;
  /** Most resources expanded from one Terraform count/for_each. */
  maxExpansion: number;
  /** Most files walked in one scan. */
  maxFiles: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxDepth: 200,
  maxAliases: 1000,
  maxExpansion: 1000,
  maxFiles: 100_000,
};
