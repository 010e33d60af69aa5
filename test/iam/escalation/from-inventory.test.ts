import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import { Inventory } from '../../../src/core/inventory.js';
import { worldFromInventory } from '../../../src/iam/escalation/from-inventory.js';
import { findEscalations } from '../../../src/iam/escalation/search.js';
import { rule } from '../../../src/rules/identity/iam-privilege-escalation.js';

// The rule loads its engine lazily, as a scan would before running it.
await rule.prepare!();
import { loadPaths } from '../../../src/sources/load.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/iam/escalation/${p}`, import.meta.url));
const example = (p: string) => fileURLToPath(new URL(`../../../examples/${p}`, import.meta.url));
const load = async (path: string) => (await loadPaths([path], { parameters: {}, variables: {}, varFiles: [], limits: DEFAULT_LIMITS })).inventory;

describe('the escalation world of an inventory', () => {
  it('has the roles and users of the template, with their policies, trust policies and workloads', async () => {
    const world = worldFromInventory(await load(fixture('ml-team-stack.yaml')));
    expect(world.principals.map((p) => p.arn).sort()).toEqual([
      'arn:aws:iam::000000000000:role/data-scientist',
      'arn:aws:iam::000000000000:role/ml-platform-admin',
      'arn:aws:iam::000000000000:user/analyst',
    ]);
    const admin = world.principals.find((p) => p.name === 'ml-platform-admin')!;
    expect(admin.trustPolicy).toBeDefined();
    expect(admin.policies.map((p) => p.arn)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(world.principals.find((p) => p.name === 'data-scientist')!.source).toMatchObject({ id: 'DataScientistRole', type: 'AWS::IAM::Role', line: 19 });
    expect(world.resources).toEqual([
      expect.objectContaining({ type: 'AWS::SageMaker::NotebookInstance', arn: 'arn:aws:sagemaker:xx-unknown-1:000000000000:notebook-instance/platform-tools', roleArn: 'arn:aws:iam::000000000000:role/ml-platform-admin' }),
    ]);
  });

  it('finds both paths of the template', async () => {
    const report = findEscalations(worldFromInventory(await load(fixture('ml-team-stack.yaml'))));
    const summary = report.paths.map((p) => `${p.source.label} → ${p.target.label}: ${p.steps.map((s) => s.technique).join(', ')}`).sort();
    expect(summary).toEqual(['role/data-scientist → role/ml-platform-admin: sagemaker-notebook-passrole', 'user/analyst → role/ml-platform-admin: sagemaker-notebook-presigned-url']);
  });
});

describe('rule iam-privilege-escalation', () => {
  it('fails on the principals that can escalate, against their resource, with the path step by step', async () => {
    const inventory = await load(fixture('ml-team-stack.yaml'));
    const results = rule.checkInventory!(inventory, { profile: 'default' });
    const fails = results.filter((r) => r.status === 'fail');
    expect(fails.map((r) => r.resource?.id).sort()).toEqual(['Analyst', 'DataScientistRole']);
    const ds = fails.find((r) => r.resource?.id === 'DataScientistRole')!;
    expect(ds.message).toContain('role/data-scientist can become role/ml-platform-admin, an admin-equivalent principal, in 1 step');
    expect(ds.message).toContain('iam:PassRole on role/ml-platform-admin (iam:PassedToService=sagemaker.amazonaws.com)');
    expect(ds.message).toContain('sagemaker:CreateNotebookInstance on notebook-instance/ringfence-probe');
  });

  it('passes the hardened example stack', async () => {
    const results = rule.checkInventory!(await load(example('hardened-ml-stack')), { profile: 'default' });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.status === 'pass')).toBe(true);
  });

  it('says nothing about an inventory without principals', () => {
    expect(rule.checkInventory!(new Inventory(), { profile: 'default' })).toEqual([]);
  });
});
