import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../../../src/core/limits.js';
import type { Resource } from '../../../src/core/resource.js';
import type { LoadedUnit, LoadOptions } from '../../../src/sources/types.js';
import { loadTerraformModule } from '../../../src/sources/terraform/index.js';

export const FIXTURES = 'test/fixtures/terraform';

export function options(extra: Partial<LoadOptions> = {}, limits: Partial<Limits> = {}): LoadOptions {
  return { parameters: {}, variables: {}, varFiles: [], ...extra, limits: { ...DEFAULT_LIMITS, ...limits } };
}

/** The .tf files of a fixture directory, as the CLI would hand them over. */
export function tfFiles(dir: string): { path: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

export function loadFixture(name: string, extra: Partial<LoadOptions> = {}, limits: Partial<Limits> = {}): LoadedUnit & { byId: (id: string) => Resource } {
  const dir = join(FIXTURES, name);
  const unit = loadTerraformModule(dir, tfFiles(dir), options(extra, limits));
  const byId = (id: string): Resource => {
    const r = unit.resources.find((x) => x.id === id);
    if (!r) throw new Error(`no resource ${id} in ${unit.resources.map((x) => x.id).join(', ')}`);
    return r;
  };
  return { ...unit, byId };
}
