// --account-id resolves AWS::AccountId in the templates; the IAM rules must reason about that same
// account, or a policy written for "this account" reads as another account's and its findings vanish.
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';

const TEMPLATE = 'test/fixtures/cloudformation/account/passrole-this-account.yaml';

const failing = async (accountId?: string) => {
  const result = await scan({ paths: [TEMPLATE], ...(accountId ? { accountId } : {}) });
  return result.findings.filter((f) => f.status === 'fail' && f.ruleId.startsWith('sagemaker-role-')).map((f) => f.ruleId).sort();
};

describe('scan --account-id', () => {
  it('gives the IAM rules the same verdicts with and without the account named', async () => {
    const without = await failing();
    expect(without).toEqual(['sagemaker-role-broad-permissions', 'sagemaker-role-passrole-unrestricted']);
    expect(await failing('111122223333')).toEqual(without);
  });
});
