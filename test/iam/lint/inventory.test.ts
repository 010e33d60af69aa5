import { describe, expect, it } from 'vitest';
import { Unknown } from '../../../src/core/value.js';
import { THIS_ACCOUNT, THIS_REGION } from '../../../src/iam/inventory/placeholders.js';
import { SymbolTable } from '../../../src/iam/inventory/symbols.js';
import { lintInventoryDocument } from '../../../src/iam/lint/inventory.js';
import { inv, ref, res, sub } from '../../rules/support.js';

const inventory = inv(res('AWS::S3::Bucket', 'Data', { BucketName: 'acme-data' }), res('AWS::IAM::Role', 'Exec', { RoleName: 'exec' }));
const symbols = new SymbolTable(inventory, { account: THIS_ACCOUNT, region: THIS_REGION });
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

describe('lint of policy documents inside templates', () => {
  it('reads references as IAM will see them, and reports property paths of the resource', () => {
    const found = lintInventoryDocument(
      doc(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: ref('Data', 'Arn') },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: sub(ref('Data', 'Arn'), '/training/*') },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: ref('Exec', 'Arn') },
      ) as never,
      'Policies[0].PolicyDocument',
      symbols,
    );
    expect(Array.isArray(found) && found.map((f) => `${f.check} ${f.property}`)).toEqual([
      'action-resource-mismatch Policies[0].PolicyDocument.Statement[0].Action',
      'passrole-without-passed-to-service Policies[0].PolicyDocument.Statement[2].Action',
    ]);
  });

  it('skips values not known before deployment instead of reporting them', () => {
    const unknown = new Unknown('parameter P has no default');
    const found = lintInventoryDocument(
      doc(
        { Effect: 'Allow', Action: [unknown, 's3:GetObject'], Resource: unknown },
        { Effect: unknown, Action: 's3:*', Resource: '*' },
        { Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': unknown } } },
      ) as never,
      'PolicyDocument',
      symbols,
    );
    expect(found).toEqual([]);
    // A trust policy whose conditions are not known is not reported for lacking aws:SourceAccount, one without any is.
    const trust = (Condition?: unknown) =>
      lintInventoryDocument(doc({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', ...(Condition ? { Condition } : {}) }) as never, 'AssumeRolePolicyDocument', symbols, { type: 'trust' });
    expect(trust({ StringEquals: { 'aws:SourceAccount': unknown } })).toEqual([]);
    expect(trust(unknown)).toEqual([]);
    expect((trust() as { check: string }[]).map((f) => f.check)).toEqual(['trust-without-confused-deputy-condition']);
  });

  it('says when the document itself cannot be read', () => {
    expect(lintInventoryDocument(new Unknown('policy comes from a module output') as never, 'PolicyDocument', symbols)).toEqual({ unknown: 'policy comes from a module output' });
    expect(lintInventoryDocument(undefined, 'PolicyDocument', symbols)).toEqual([]);
  });
});
