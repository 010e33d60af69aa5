import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { FORMATS, FORMAT_NAMES, isFormat, render } from '../../src/report/index.js';
import { renderJson } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderTable } from '../../src/report/table.js';
import { RESULT, RULES } from './support.js';

describe('report formats', () => {
  it('offers table, json, sarif and junit', () => {
    expect(FORMAT_NAMES).toEqual(['table', 'json', 'sarif', 'junit']);
    expect(isFormat('sarif')).toBe(true);
    expect(isFormat('toString')).toBe(false);
  });

  it('dispatches to the renderer of each format', () => {
    const options = { color: false, verbose: true, cwd: '/work/repo' };
    expect(render('table', RESULT, RULES, options)).toBe(renderTable(RESULT, RULES, options));
    expect(render('json', RESULT, RULES, options)).toBe(renderJson(RESULT));
    expect(render('sarif', RESULT, RULES, options)).toBe(renderSarif(RESULT, RULES, { cwd: '/work/repo' }));
    expect(render('junit', RESULT, RULES, options)).toBe(renderJunit(RESULT, RULES));
    expect(FORMATS.table(RESULT, RULES, { color: true })).toContain('\x1b[');
  });

  it('only the table is coloured', () => {
    for (const format of ['json', 'sarif', 'junit'] as const) expect(render(format, RESULT, RULES, { color: true })).not.toContain('\x1b');
  });

  it('rejects an unknown format as a usage error naming the choices', () => {
    expect(() => render('html', RESULT, RULES, { color: false })).toThrow(UsageError);
    expect(() => render('html', RESULT, RULES, { color: false })).toThrow('unknown format "html"; expected one of: table, json, sarif, junit');
  });
});
