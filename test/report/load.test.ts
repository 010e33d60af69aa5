import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { FORMATS, FORMAT_NAMES } from '../../src/report/index.js';
import { loadRenderer } from '../../src/report/load.js';
import { FINDINGS, RULES, scanResult } from './support.js';

describe('loadRenderer', () => {
  it.each(FORMAT_NAMES)('loads the %s renderer alone, rendering exactly as FORMATS does', async (format) => {
    const result = scanResult(FINDINGS);
    const options = { color: false, cwd: process.cwd() };
    const render = await loadRenderer(format);
    expect(render(result, RULES, options)).toBe(FORMATS[format](result, RULES, options));
  });

  it('rejects an unknown format as a usage error', async () => {
    await expect(loadRenderer('xml')).rejects.toThrow(UsageError);
  });
});
