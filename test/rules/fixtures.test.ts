import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/core/finding.js';
import { RULES } from '../../src/rules/index.js';
import { scan } from '../../src/scan.js';

// Every rule ships a passing and a failing fixture in CloudFormation and in Terraform; scanning
// a fixture with only its rule must fail the failing one and pass (without failing) the passing one.

const ROOT = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));

const FIXTURES = [
  { name: 'pass.yaml', expect: 'pass' },
  { name: 'fail.yaml', expect: 'fail' },
  { name: 'pass-tf', expect: 'pass' },
  { name: 'fail-tf', expect: 'fail' },
] as const;

const cases = RULES.flatMap((rule) => FIXTURES.map((f) => ({ ruleId: rule.id, fixture: f.name, expected: f.expect, path: `${ROOT}${rule.id}/${f.name}` })));
const show = (f: Finding) => `${f.status} ${f.resource.id}${f.property ? ` (${f.property})` : ''}: ${f.message}`;

describe('rule fixtures', () => {
  it.each(cases)('$ruleId has $fixture', ({ path }) => {
    expect(existsSync(path)).toBe(true);
  });

  it.each(cases)('$ruleId: $fixture $expected', async ({ ruleId, path, expected }) => {
    const r = await scan({ paths: [path], rules: [ruleId] });
    expect(r.inputs.filter((i) => i.status === 'failed')).toEqual([]);
    const mine = r.findings.filter((f) => f.ruleId === ruleId);
    const fails = mine.filter((f) => f.status === 'fail');
    if (expected === 'fail') {
      expect(fails.length, `no failure; findings: ${mine.map(show).join('; ') || 'none'}`).toBeGreaterThanOrEqual(1);
    } else {
      expect(fails.map(show)).toEqual([]);
      expect(mine.filter((f) => f.status === 'pass').length, `no pass; findings: ${mine.map(show).join('; ') || 'none'}`).toBeGreaterThanOrEqual(1);
    }
  });
});
