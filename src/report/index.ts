import { UsageError } from '../core/errors.js';
import type { Rule } from '../core/rule.js';
import type { ScanResult } from '../core/scan-result.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

export interface RenderOptions {
  /** ANSI colour; the CLI decides from the TTY, NO_COLOR and --no-color. Only the table uses it. */
  color: boolean;
  /** Table: also list passing checks, suppressed findings with their reasons, and every runtime detection. */
  verbose?: boolean;
  /** SARIF: write file paths relative to this directory. */
  cwd?: string;
}

export type Format = 'table' | 'json' | 'sarif' | 'junit';
export type Renderer = (result: ScanResult, rules: readonly Rule[], options: RenderOptions) => string;

/** Every output format: pure functions of the scan result and the metadata of the rules that ran. */
export const FORMATS: Readonly<Record<Format, Renderer>> = {
  table: (result, rules, options) => renderTable(result, rules, options),
  json: (result) => renderJson(result),
  sarif: (result, rules, options) => renderSarif(result, rules, options.cwd === undefined ? {} : { cwd: options.cwd }),
  junit: (result, rules) => renderJunit(result, rules),
};

export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

export function isFormat(name: string): name is Format {
  return Object.prototype.hasOwnProperty.call(FORMATS, name);
}

/** Renders a scan result; an unknown format name (from the command line) is a usage error. */
export function render(format: string, result: ScanResult, rules: readonly Rule[], options: RenderOptions): string {
  if (!isFormat(format)) throw new UsageError(`unknown format "${format}"; expected one of: ${FORMAT_NAMES.join(', ')}`);
  return FORMATS[format](result, rules, options);
}

export { renderJson } from './json.js';
export { renderJunit } from './junit.js';
export { fingerprint, renderSarif, toSarif } from './sarif.js';
export { renderTable } from './table.js';
export type { SarifOptions } from './sarif.js';
export type { TableOptions } from './table.js';
