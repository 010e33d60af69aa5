import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';

// The cloud assembly manifest (`cdk.out/manifest.json`): only the fields the loader reads.

export interface CdkArtifact {
  type: string;
  /** `aws://<account>/<region>`, with `unknown-account` / `unknown-region` when environment-agnostic. */
  environment?: string;
  properties?: {
    /** Stacks: the template, relative to the assembly directory. */
    templateFile?: string;
    /** Stacks: parameter values CDK passes at deploy. */
    parameters?: Record<string, string>;
    /** Nested assemblies (CDK stages): their directory, relative to this one. */
    directoryName?: string;
  };
  displayName?: string;
}

export interface CdkManifest {
  version: string;
  artifacts: Record<string, CdkArtifact>;
}

export const STACK_ARTIFACT = 'aws:cloudformation:stack';
export const NESTED_ASSEMBLY_ARTIFACT = 'cdk:cloud-assembly';

/** Cheap test of manifest text: a JSON object with `version` and `artifacts` keys. */
export function looksLikeCdkManifest(text: string): boolean {
  return /^\s*\{/.test(text) && /"version"\s*:/.test(text) && /"artifacts"\s*:/.test(text);
}

/** True when `dir` holds a cloud assembly: a manifest.json that looks like one. */
export function isCdkAssembly(dir: string): boolean {
  const path = join(dir, 'manifest.json');
  try {
    if (!statSync(path).isFile()) return false;
    // The two keys come first in every manifest CDK writes; the head of the file is enough.
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(4096);
      const n = readSync(fd, head, 0, head.length, 0);
      const text = head.subarray(0, n).toString('utf8');
      return looksLikeCdkManifest(text);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export function parseManifest(file: string, text: string): CdkManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    if (!at) throw new InputError(`malformed JSON: ${message}`, file);
    const offset = Number(at[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    throw new InputError(`malformed JSON: ${message}`, file, line, offset - before.lastIndexOf('\n'));
  }
  const m = json as Partial<CdkManifest> | null;
  if (!m || typeof m !== 'object' || typeof m.version !== 'string' || !m.artifacts || typeof m.artifacts !== 'object' || Array.isArray(m.artifacts)) {
    throw new InputError('not a cloud assembly manifest: expected { "version": "...", "artifacts": { ... } }', file);
  }
  return m as CdkManifest;
}

/** Account and region of a stack's environment, when it names concrete ones. */
export function environmentOf(artifact: CdkArtifact): { accountId?: string; region?: string } {
  const m = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '');
  if (!m) return {};
  return {
    ...(/^\d{12}$/.test(m[1]!) ? { accountId: m[1] } : {}),
    ...(/^[a-z]{2,}(-[a-z]+)+-\d+$/.test(m[2]!) ? { region: m[2] } : {}),
  };
}
