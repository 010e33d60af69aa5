import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../../src/iam/policy/errors.js';
import { isWorldDocument, parseWorld, parseWorldText, readWorldFile } from '../../../src/iam/escalation/read-world.js';
import { ACCT, ADMIN, doc, allow, userArn, roleArn } from './support.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/iam/escalation/${p}`, import.meta.url));

function errorOf(f: () => unknown): PolicyError {
  try {
    f();
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error('expected a PolicyError');
}

describe('reading an IAM world', () => {
  it('reads principals, groups by name, resources, SCPs and where each principal is written', () => {
    const text = readFileSync(fixture('ml-team.json'), 'utf8');
    const world = parseWorldText(text, 'ml-team.json');
    expect(world.principals).toHaveLength(10);
    expect(world.region).toBe('eu-west-1');
    const alice = world.principals.find((p) => p.name === 'alice')!;
    expect(alice).toMatchObject({ kind: 'user', account: ACCT, partition: 'aws', source: { file: 'ml-team.json', line: 4, column: 5 } });
    expect(alice.policies.map((p) => p.policy.id)).toEqual(['PassMlRoles', 'Notebooks']);
    expect(world.principals.find((p) => p.name === 'dave')!.policies[0]!.arn).toBe(`arn:aws:iam::${ACCT}:policy/DaveTools`);
    expect(world.principals.find((p) => p.name === 'studio-default')!.arn).toBe(`arn:aws:iam::${ACCT}:role/service-role/studio-default`);
    expect(world.resources.map((r) => r.type)).toEqual(['AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::Domain', 'AWS::SageMaker::UserProfile', 'AWS::SageMaker::UserProfile']);
  });

  it('resolves group names to ARNs of the user account', () => {
    const world = parseWorld({ principals: [{ arn: userArn('alice'), groups: ['ml-team'] }], groups: [{ arn: `arn:aws:iam::${ACCT}:group/ml-team`, policies: [ADMIN] }] });
    expect(world.principals[0]!.groups).toEqual([`arn:aws:iam::${ACCT}:group/ml-team`]);
  });

  it('names the JSON path, line and column of a policy error', () => {
    const e = errorOf(() => parseWorldText(readFileSync(fixture('bad-world.json'), 'utf8'), 'bad-world.json'));
    expect(e.path).toBe('principals[1].policies[0].policy.Statement[0].Condition.StringEqualz');
    expect(e.toString()).toMatch(/^bad-world\.json:12:\d+: principals\[1\]\.policies\[0\]\.policy\.Statement\[0\]\.Condition\.StringEqualz: unknown condition operator "StringEqualz"$/);
  });

  it.each([
    [{ principals: {} }, 'principals', 'must be a list'],
    [{ principals: [{ arn: 'alice' }] }, 'principals[0].arn', 'is not an IAM user or role ARN'],
    [{ principals: [{ arn: userArn('a') }, { arn: userArn('a') }] }, 'principals[1].arn', 'already defined at principals[0]'],
    [{ principals: [{ arn: userArn('a'), trustPolicy: doc(allow('*')) }] }, 'principals[0].trustPolicy', 'only roles have a trust policy'],
    [{ principals: [{ arn: roleArn('r'), groups: ['g'] }] }, 'principals[0].groups', 'roles do not belong to groups'],
    [{ principals: [{ arn: userArn('a'), groups: ['nope'] }] }, 'principals[0].groups[0]', 'is not defined under "groups"'],
    [{ principals: [{ arn: userArn('a'), colour: 'blue' }] }, 'principals[0].colour', 'unknown field "colour"'],
    [{ principals: [], resources: [{ type: 'AWS::Lambda::Function', arn: 'fn', roleArn: roleArn('r') }] }, 'resources[0].arn', 'is not an ARN'],
    [{ principals: [], resources: [{ type: 'AWS::Lambda::Function', arn: 'arn:aws:lambda:eu-west-1:111122223333:function:f', roleArn: userArn('u') }] }, 'resources[0].roleArn', 'is not an IAM role ARN'],
    [{ principals: [], organizationAccounts: ['12'] }, 'organizationAccounts[0]', 'is not a 12-digit account id'],
    [{ principals: [{ arn: userArn('a'), tags: { team: 7 } }] }, 'principals[0].tags.team', 'must be a string'],
  ])('rejects %j at its JSON path', (world, path, message) => {
    const e = errorOf(() => parseWorld(world));
    expect(e.path).toBe(path);
    expect(e.message).toContain(message);
  });

  it('reports malformed JSON and missing files as messages, never throws', async () => {
    expect(await readWorldFile(fixture('nope.json'))).toEqual({ error: `${fixture('nope.json')}: no such file` });
    const bad = await readWorldFile(fixture('../../cloudformation/malformed.json'));
    expect('error' in bad && bad.error).toMatch(/malformed\.json:\d+:\d+: malformed JSON/);
    const ok = await readWorldFile(fixture('ml-team.json'));
    expect('world' in ok && ok.world.principals.length).toBe(10);
  });

  it('tells a world document from other JSON', () => {
    expect(isWorldDocument({ principals: [] })).toBe(true);
    expect(isWorldDocument({ Resources: {} })).toBe(false);
    expect(isWorldDocument([])).toBe(false);
  });
});
