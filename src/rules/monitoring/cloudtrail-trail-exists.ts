import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { readFlag } from '../lib/read.js';

export const rule: Rule = {
  id: 'cloudtrail-trail-exists',
  title: 'No CloudTrail trail is logging',
  ring: 'monitoring',
  severity: 'high',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  rationale:
    'Without a logging trail nothing records who created a presigned notebook URL, changed an endpoint, read a model artifact policy ' +
    'or passed a role to a training job, so attacks on the ML system cannot be detected or investigated. The 90-day event history ' +
    'is no substitute: it cannot be alarmed on through CloudWatch Logs or kept.',
  remediation:
    'Define an AWS::CloudTrail::Trail with IsLogging: true and IsMultiRegionTrail: true that delivers to a locked-down S3 bucket and to ' +
    'CloudWatch Logs (Terraform: aws_cloudtrail with is_multi_region_trail = true and enable_logging left true). If an organization ' +
    'trail defined elsewhere covers the account, record that with a baseline entry and its reason.',
  references: {
    securityHub: ['CloudTrail.1', 'CloudTrail.3'],
    cis: ['CIS AWS Foundations v1.2.0 2.1', 'CIS AWS Foundations v1.4.0 3.1'],
    nist80053: ['AU-2', 'AU-3', 'AU-12', 'AC-2(4)', 'SI-4(20)'],
    atlas: ['AML.M0024'],
    checkov: ['CKV_AWS_67', 'CKV_AWS_251'],
    prowler: ['cloudtrail_multi_region_enabled'],
    docs: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html'],
  },
  check(trail) {
    const r = readFlag(trail, 'IsLogging');
    if (r.state === 'unknown') return [unknown('IsLogging', `IsLogging cannot be determined: ${r.reason}`)];
    if (r.state === 'set' && !r.flag) return [fail('IsLogging', 'IsLogging is false: the trail exists but records nothing')];
    return [pass('IsLogging', r.state === 'set' && r.defaulted ? 'the trail is logging (IsLogging is not set; a trail logs unless it is false)' : 'the trail is logging')];
  },
  checkInventory(inventory) {
    // An empty scan says nothing about the account; only judge code that defines resources.
    if (inventory.size === 0 || inventory.ofType('AWS::CloudTrail::Trail').length > 0) return [];
    return [fail(undefined, 'no AWS::CloudTrail::Trail is defined in the scanned code: API calls against SageMaker, S3 and IAM leave no durable record to alarm on or investigate')];
  },
};
