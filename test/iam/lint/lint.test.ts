import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { AWS_MANAGED_POLICIES } from '../../../src/iam/inventory/aws-managed-policies.js';
import { LINT_CHECKS } from '../../../src/iam/lint/checks.js';
import { lintDocument, type LintFinding } from '../../../src/iam/lint/lint.js';
import { lintPolicyText } from '../../../src/iam/lint/text.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/iam/lint/', import.meta.url));
const PATHFINDING = resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data', 'privesc', 'pathfinding');

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const checks = (findings: LintFinding[]) => findings.map((f) => `${f.check} ${f.path}`);

describe('lint checks', () => {
  it('reports actions and services that do not exist, naming the Access Analyzer check', () => {
    const f = lintDocument(doc({ Effect: 'Allow', Action: ['s3:GetObjekt', 'sagemkr:CreateTrainingJob', 's3:Get*', 'SageMaker:createtrainingjob'], Resource: '*' }));
    expect(f.filter((x) => x.severity === 'error')).toEqual([
      expect.objectContaining({ check: 'unknown-action', path: 'Statement[0].Action[0]', accessAnalyzer: 'Invalid action' }),
      expect.objectContaining({ check: 'unknown-service', path: 'Statement[0].Action[1]', accessAnalyzer: 'Invalid service' }),
    ]);
  });

  it('reports an action that acts on none of the resources named, and one that takes only "*"', () => {
    const f = lintDocument(
      doc(
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::training-data' },
        { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/scorer' },
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
        { Effect: 'Allow', Action: 's3:Put*', Resource: 'arn:aws:kms:eu-west-1:111122223333:key/k' },
      ),
    );
    const mismatch = f.filter((x) => x.check === 'action-resource-mismatch');
    expect(mismatch.map((x) => x.path)).toEqual(['Statement[0].Action[0]', 'Statement[1].Action', 'Statement[3].Action']);
    expect(mismatch[0]!.message).toContain('object (arn:${Partition}:s3:::${BucketName}/${ObjectName})');
    expect(mismatch[1]!.message).toContain('does not support resource-level permissions');
  });

  it('reports malformed ARNs', () => {
    const f = lintDocument(
      doc({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: ['training-data/*', 'arn:aws:s3::training-data/*', 'arn:amazon:s3:::training-data/*', 'arn:aws:s4:::x', 'arn:aws:iam::111122223333:widget/x', 'arn:aws:s3:::${aws:username}/*'],
      }),
    );
    expect(f.filter((x) => x.severity === 'error').map((x) => `${x.check} ${x.accessAnalyzer} ${x.path}`)).toEqual([
      'invalid-arn-prefix Invalid ARN prefix Statement[0].Resource[0]',
      'missing-arn-field Missing ARN field Statement[0].Resource[1]',
      'invalid-partition Invalid partition Statement[0].Resource[2]',
      'invalid-arn-service Invalid service Statement[0].Resource[3]',
      'invalid-arn-resource Invalid ARN resource Statement[0].Resource[4]',
    ]);
  });

  it('reports data actions on every resource in identity policies only', () => {
    const st = { Effect: 'Allow', Action: ['s3:*', 'ec2:DescribeVpcs'], Resource: '*' };
    expect(checks(lintDocument(doc(st))).filter((c) => c.startsWith('resource-star'))).toEqual(['resource-star-data-action Statement[0].Resource']);
    // In a key or bucket policy, "*" is the resource the policy is attached to.
    expect(checks(lintDocument(doc({ ...st, Principal: { AWS: '111122223333' } }), { type: 'resource' })).filter((c) => c.startsWith('resource-star'))).toEqual([]);
    expect(checks(lintDocument(doc({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' })))).toEqual([]);
  });

  it('reports iam:PassRole on every role, through NotResource or NotAction, and without iam:PassedToService', () => {
    const cases: [object, string[]][] = [
      [{ Action: 'iam:PassRole', Resource: '*' }, ['passrole-star-resource', 'passrole-without-passed-to-service']],
      [{ Action: 'iam:*', NotResource: 'arn:aws:iam::111122223333:role/admin' }, ['allow-not-resource', 'passrole-not-resource', 'passrole-without-passed-to-service']],
      [{ Action: '*', NotResource: 'arn:aws:iam::111122223333:role/admin' }, ['allow-not-resource', 'passrole-star-action-not-resource', 'passrole-without-passed-to-service']],
      [{ NotAction: 's3:*', Resource: '*' }, ['allow-not-action', 'passrole-not-action-star-resource', 'passrole-without-passed-to-service']],
      [{ NotAction: 's3:*', NotResource: 'arn:aws:s3:::b' }, ['allow-not-action', 'allow-not-resource', 'passrole-not-action-not-resource', 'passrole-without-passed-to-service']],
      [{ Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/*', Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }, ['passrole-any-role']],
      [{ Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/training', Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }, []],
      [{ Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/training' }, ['passrole-without-passed-to-service']],
    ];
    for (const [st, expected] of cases) {
      const found = lintDocument(doc({ Effect: 'Allow', ...st })).map((f) => f.check).filter((c) => c.startsWith('passrole') || c.startsWith('allow-not'));
      expect(found.sort(), JSON.stringify(st)).toEqual(expected.sort());
    }
    expect(lintDocument(doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })).find((f) => f.check === 'passrole-star-resource')?.accessAnalyzer).toBe('Pass role with star in resource');
  });

  it('reports who resource and trust policies let in: Principal "*" without conditions, NotPrincipal, service principals without source conditions', () => {
    const f = lintDocument(
      doc(
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/r' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/AWSLogs/*' },
        { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/AWSLogs/*', Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/t' } } },
      ),
      { type: 'resource' },
    );
    expect(checks(f)).toEqual([
      'wildcard-principal-without-condition Statement[0].Principal',
      'allow-not-principal Statement[1].NotPrincipal',
      'trust-without-confused-deputy-condition Statement[2].Principal',
      // Statement[2] grants the same without the condition, so the conditional one adds nothing.
      'redundant-statement Statement[3]',
    ]);
    expect(f[1]!.accessAnalyzer).toBe('Allow with NotPrincipal');
  });

  it('reports ForAllValues on single-valued keys, and not on multivalued ones', () => {
    const f = lintDocument(
      doc({
        Effect: 'Allow',
        Action: 'sagemaker:CreateTrainingJob',
        Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { 'aws:SourceVpce': 'vpce-1', 'aws:TagKeys': ['team'], 'sagemaker:VpcSubnets': ['subnet-1'] } },
      }),
    );
    expect(checks(f)).toEqual(['forallvalues-single-valued-key Statement[0].Condition.ForAllValues:StringEquals.aws:SourceVpce']);
    expect(f[0]!.accessAnalyzer).toBe('ForAllValues with single valued key');
  });

  it('reports redundant statements, actions and resources, and Allows a Deny takes away', () => {
    const f = lintDocument(
      doc(
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*', 's3:GetObject'], Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/in/*'] },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/in/*' },
        { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/out/*' },
        { Effect: 'Deny', Action: 's3:Put*', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringLike: { 's3:prefix': 'in/*' } } },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringLike: { 's3:prefix': 'in/*' } } },
      ),
    );
    expect(checks(f)).toEqual([
      'redundant-action Statement[0].Action[0]',
      'redundant-action Statement[0].Action[2]',
      'redundant-resource Statement[0].Resource[1]',
      'redundant-statement Statement[1]',
      'redundant-statement Statement[2]',
      'redundant-statement Statement[5]',
    ]);
    expect(f.find((x) => x.path === 'Statement[2]')!.message).toBe('Statement[3] denies everything it allows, so it grants nothing');
    expect(f.find((x) => x.path === 'Statement[5]')!.message).toBe('it repeats Statement[4]');
  });

  it('turns what IAM rejects into one error finding with the JSON path', () => {
    expect(lintDocument(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Principle: '*' }))).toEqual([
      expect.objectContaining({ check: LINT_CHECKS.invalidPolicy.id, severity: 'error', path: 'Statement[0].Principle' }),
    ]);
    expect(lintDocument(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEqualz: { 'aws:SourceVpce': 'x' } } }))[0]!.message).toMatch(/unknown condition operator/);
  });
});

describe('lint of policy files', () => {
  it('places each finding at its line and column, in reading order', () => {
    const text = readFileSync(join(FIXTURES, 'mistakes.json'), 'utf8');
    const r = lintPolicyText(text, 'mistakes.json');
    const at = (check: string) => r.findings.filter((f) => f.check === check).map((f) => `${f.line}:${f.column}`);
    expect(at('unknown-action')).toEqual(['7:45']);
    expect(at('unknown-service')).toEqual(['7:61']);
    expect(at('forallvalues-single-valued-key')).toEqual(['27:53']);
    expect(at('redundant-statement')).toEqual(['29:5']);
    const lines = r.findings.map((f) => f.line!);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('reports malformed JSON with its position, not a stack trace', () => {
    const r = lintPolicyText(readFileSync(join(FIXTURES, 'broken.json'), 'utf8'), 'broken.json');
    expect(r.findings).toEqual([expect.objectContaining({ check: 'invalid-policy', path: '', line: 8, column: 5 })]);
    const deep = lintPolicyText('['.repeat(5000) + ']'.repeat(5000), 'deep.json');
    expect(deep.findings[0]!.message).toMatch(/nested deeper than/);
  });

  it('handles a 10,000-statement policy in reasonable time', () => {
    const statements = Array.from({ length: 10_000 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` }));
    const start = performance.now();
    const r = lintPolicyText(JSON.stringify(doc(...statements)), 'big.json');
    expect(r.findings).toEqual([]);
    expect(performance.now() - start).toBeLessThan(20_000);
  });
});

describe('lint of real policies', () => {
  it("AWS's managed policies parse; the lint finds what they grant, and two real defects of AmazonSageMakerFullAccess", () => {
    const serious = (name: string) =>
      lintDocument(AWS_MANAGED_POLICIES.find((p) => p.name === name)!.document)
        .filter((x) => x.severity === 'error' || x.severity === 'security')
        .map((x) => `${x.check} ${x.path}`);
    expect(serious('AdministratorAccess')).toEqual(['passrole-star-resource Statement[0].Resource']);
    expect(serious('AmazonS3ReadOnlyAccess')).toEqual([]);
    expect(serious('AmazonSageMakerFullAccess')).toEqual([
      // elastic-inference was retired and left the Service Authorization Reference; the policy still names it.
      'unknown-service Statement[11].Action[57]',
      // Step Functions ARNs spell "stateMachine"; ARN matching is case-sensitive, so this resource matches nothing.
      'invalid-arn-resource Statement[15].Resource[0]',
      'passrole-any-role Statement[30].Resource',
    ]);
    const full = lintDocument(AWS_MANAGED_POLICIES.find((p) => p.name === 'AmazonSageMakerFullAccess')!.document);
    expect(full.map((x) => x.check)).toContain('allow-not-resource');
    const power = lintDocument(AWS_MANAGED_POLICIES.find((p) => p.name === 'PowerUserAccess')!.document);
    expect(power.map((x) => x.check)).toContain('allow-not-action');
    for (const p of AWS_MANAGED_POLICIES) expect(lintDocument(p.document).filter((x) => x.check === 'invalid-policy'), p.name).toEqual([]);
  });

  it('pathfinding.cloud escalation paths: every permission they need is a real action, and the PassRole ones are flagged', () => {
    const files = readdirSync(PATHFINDING, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(60);
    let passRolePaths = 0;
    for (const file of files) {
      const path = parseYaml(readFileSync(join(PATHFINDING, file), 'utf8'), { uniqueKeys: false }) as { permissions?: { required?: { permission: string }[] } };
      const actions = (path.permissions?.required ?? []).map((p) => p.permission);
      if (actions.length === 0) continue;
      // The attacker's policy: the permissions the path requires, on every resource.
      const f = lintDocument(doc({ Effect: 'Allow', Action: actions, Resource: '*' }));
      expect(f.filter((x) => x.check === 'unknown-action' || x.check === 'unknown-service').map((x) => x.message), file).toEqual([]);
      if (actions.includes('iam:PassRole')) {
        passRolePaths++;
        expect(f.map((x) => x.check), file).toContain('passrole-star-resource');
      }
    }
    expect(passRolePaths).toBeGreaterThanOrEqual(20);
  });

  it("pathfinding.cloud's recommended policies lint clean of PassRole findings", () => {
    const text = readFileSync(join(PATHFINDING, 'sagemaker', 'sagemaker-001.yaml'), 'utf8');
    const recommendation = (parseYaml(text) as { recommendation: string }).recommendation;
    const json = /```json\n([\s\S]*?)```/.exec(recommendation)![1]!;
    const f = lintDocument(doc(JSON.parse(json)));
    expect(f.filter((x) => x.check.startsWith('passrole'))).toEqual([]);
  });
});
