import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import type { Resource } from '../../../src/core/resource.js';
import { loadCloudFormation } from '../../../src/sources/cloudformation/load.js';
import type { LoadedFile, LoadOptions } from '../../../src/sources/types.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/cloudformation/', import.meta.url));

export function fixturePath(name: string): string {
  return FIXTURES + name;
}

export function options(overrides: Partial<LoadOptions> = {}): LoadOptions {
  return { parameters: {}, variables: {}, varFiles: [], limits: DEFAULT_LIMITS, ...overrides };
}

/** Loads a fixture under its bare name, so inventory keys read `name#LogicalId`. */
export function loadFixture(name: string, overrides: Partial<LoadOptions> = {}): LoadedFile {
  return loadCloudFormation(name, readFileSync(fixturePath(name), 'utf8'), options(overrides));
}

export function byId(loaded: LoadedFile, id: string): Resource {
  const r = loaded.resources.find((x) => x.id === id);
  if (!r) throw new Error(`no resource ${id} in ${loaded.resources.map((x) => x.id).join(', ')}`);
  return r;
}
