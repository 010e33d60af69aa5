import { describe, expect, it } from 'vitest';
import { Inventory } from '../../src/core/inventory.js';
import type { Resource } from '../../src/core/resource.js';
import { fail, pass, unknown, type Rule } from '../../src/core/rule.js';
import { Unknown } from '../../src/core/value.js';
import { runRules, selectRules } from '../../src/rules/engine.js';
import { UsageError } from '../../src/core/errors.js';

const file = 'stack.yaml';
function resource(id: string, properties: Resource['properties'], extra: Partial<Resource> = {}): Resource {
  return {
    key: `${file}#${id}`,
    type: 'AWS::SageMaker::NotebookInstance',
    id,
    properties,
    source: 'cloudformation',
    location: { file, line: 10, column: 3 },
    propertyLocations: { DirectInternetAccess: { file, line: 14, column: 7 } },
    suppressions: [],
    unit: file,
    ...extra,
  };
}

const direct: Rule = {
  id: 'test-direct',
  title: 'direct internet',
  ring: 'network',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  rationale: 'r',
  remediation: 'm',
  references: { checkov: ['CKV_AWS_122'] },
  check(r) {
    const v = r.properties.DirectInternetAccess;
    if (v instanceof Unknown) return [unknown('DirectInternetAccess', 'unknown')];
    return [v === 'Disabled' ? pass('DirectInternetAccess', 'ok') : fail('DirectInternetAccess', 'enabled')];
  },
};
const strictOnly: Rule = { ...direct, id: 'test-strict', profiles: ['strict'] };
const account: Rule = { ...direct, id: 'test-account', check: undefined, checkInventory: (inv) => (inv.ofType('AWS::CloudTrail::Trail').length ? [] : [fail(undefined, 'no trail')]) };

describe('rule engine', () => {
  it('turns results into findings located at the deciding property', () => {
    const inv = new Inventory([resource('Nb', { DirectInternetAccess: 'Enabled' })]);
    const { findings, errors } = runRules(inv, [direct], { profile: 'default' });
    expect(errors).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'test-direct',
      status: 'fail',
      severity: 'high',
      ring: 'network',
      resource: { type: 'AWS::SageMaker::NotebookInstance', id: 'Nb' },
      location: { file, line: 14, column: 7 },
      property: 'DirectInternetAccess',
      references: { checkov: ['CKV_AWS_122'] },
    });
  });

  it('reports unknown values as unknown, never as failures', () => {
    const inv = new Inventory([resource('Nb', { DirectInternetAccess: new Unknown('parameter Access has no default') })]);
    const { findings } = runRules(inv, [direct], { profile: 'default' });
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
  });

  it('applies a suppression that has a reason', () => {
    const inv = new Inventory([resource('Nb', {}, { suppressions: [{ rule: 'test-direct', reason: 'lab sandbox', via: 'metadata' }] })]);
    const { findings, errors } = runRules(inv, [direct], { profile: 'default' });
    expect(findings[0]).toMatchObject({ status: 'suppressed', suppressionReason: 'lab sandbox' });
    expect(errors).toEqual([]);
  });

  it('rejects a suppression without a reason and keeps the finding failing', () => {
    const where = { file, line: 12, column: 9 };
    const inv = new Inventory([resource('Nb', {}, { suppressions: [{ rule: 'test-direct', via: 'metadata', location: where }] })]);
    const { findings, errors } = runRules(inv, [direct], { profile: 'default' });
    expect(findings[0]!.status).toBe('fail');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file, line: 12, column: 9 });
    expect(errors[0]!.message).toMatch(/no reason/);
  });

  it('applies baseline entries by rule and resource id, and rejects those without a reason', () => {
    const inv = new Inventory([resource('Nb', {}), resource('Other', {})]);
    const { findings, errors } = runRules(inv, [direct], { profile: 'default' }, [
      { rule: 'test-direct', resource: 'Nb', reason: 'accepted until Q3' },
      { rule: 'test-direct', resource: 'Other', location: { file: 'baseline.json', line: 3, column: 5 } },
    ]);
    expect(findings.find((f) => f.resource.id === 'Nb')!.status).toBe('suppressed');
    expect(findings.find((f) => f.resource.id === 'Other')!.status).toBe('fail');
    expect(errors).toEqual([expect.objectContaining({ file: 'baseline.json', line: 3 })]);
  });

  it('runs account-level rules once and names no resource location', () => {
    const inv = new Inventory([resource('Nb', {})]);
    const { findings } = runRules(inv, [account], { profile: 'default' });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.resource.id).toBe('(account)');
    expect(findings[0]!.location).toBeUndefined();
  });

  it('keeps going when a rule throws, and reports it', () => {
    const broken: Rule = { ...direct, id: 'test-broken', check: () => { throw new Error('boom'); } };
    const inv = new Inventory([resource('Nb', {})]);
    const { findings, errors } = runRules(inv, [broken, direct], { profile: 'default' });
    expect(findings).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/test-broken failed on .*boom/);
  });

  it('selects rules by profile, --rule and --skip-rule, and rejects unknown ids', () => {
    const catalog = [direct, strictOnly, account];
    expect(selectRules(catalog, { profile: 'default' }).map((r) => r.id)).toEqual(['test-direct', 'test-account']);
    expect(selectRules(catalog, { profile: 'strict' }).map((r) => r.id)).toEqual(['test-direct', 'test-strict', 'test-account']);
    expect(selectRules(catalog, { profile: 'default', only: ['test-strict'] }).map((r) => r.id)).toEqual(['test-strict']);
    expect(selectRules(catalog, { profile: 'default', skip: ['test-direct'] }).map((r) => r.id)).toEqual(['test-account']);
    expect(() => selectRules(catalog, { profile: 'default', only: ['nope'] })).toThrow(UsageError);
  });
});
