import { IamDataCatalog } from './iam-data.js';
import type { ActionCatalog } from './types.js';

export * from './types.js';
export { IamDataCatalog } from './iam-data.js';

let shared: ActionCatalog | undefined;

/** The catalog every part of ringfence shares (its caches with it). */
export function defaultCatalog(): ActionCatalog {
  shared ??= new IamDataCatalog();
  return shared;
}
