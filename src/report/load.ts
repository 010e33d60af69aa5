import { UsageError } from '../core/errors.js';
import type { Format, Renderer } from './index.js';

/**
 * One format's renderer, loading only that format's module: a command that writes JSON never
 * loads the SARIF or table code (start-up time). The same renderers as FORMATS in index.ts.
 */
const LOADERS: Readonly<Record<Format, () => Promise<Renderer>>> = {
  table: async () => {
    const { renderTable } = await import('./table.js');
    return (result, rules, options) => renderTable(result, rules, options);
  },
  json: async () => (await import('./json.js')).renderJson,
  sarif: async () => {
    const { renderSarif } = await import('./sarif.js');
    return (result, rules, options) => renderSarif(result, rules, options.cwd === undefined ? {} : { cwd: options.cwd });
  },
  junit: async () => (await import('./junit.js')).renderJunit,
};

export async function loadRenderer(format: string): Promise<Renderer> {
  if (!Object.prototype.hasOwnProperty.call(LOADERS, format)) {
    throw new UsageError(`unknown format "${format}"; expected one of: ${Object.keys(LOADERS).join(', ')}`);
  }
  return LOADERS[format as Format]();
}
