import type { AttributeSpec, ResourceMapping } from '../mapping/types.js';

// KMS keys and aliases. Ref of AWS::KMS::Key returns the key id, as Terraform's `key_id` does.

const tags: AttributeSpec = { to: 'Tags', transform: 'tags' };

export const KMS_MAPPINGS: ResourceMapping[] = [
  {
    tfType: 'aws_kms_key',
    cfnType: 'AWS::KMS::Key',
    refAttributes: { key_id: null },
    attributes: {
      description: 'Description',
      key_usage: 'KeyUsage',
      customer_master_key_spec: 'KeySpec',
      policy: { to: 'KeyPolicy', transform: 'json' },
      deletion_window_in_days: 'PendingWindowInDays',
      is_enabled: 'Enabled',
      enable_key_rotation: 'EnableKeyRotation',
      rotation_period_in_days: 'RotationPeriodInDays',
      multi_region: 'MultiRegion',
      bypass_policy_lockout_safety_check: 'BypassPolicyLockoutSafetyCheck',
      tags,
    },
  },
  {
    tfType: 'aws_kms_key_policy',
    cfnType: 'AWS::KMS::Key',
    mergeInto: { tfType: 'aws_kms_key', via: 'key_id' },
    attributes: { policy: { to: 'KeyPolicy', transform: 'json' } },
  },
  {
    tfType: 'aws_kms_alias',
    cfnType: 'AWS::KMS::Alias',
    idAttribute: 'name',
    attributes: { name: 'AliasName', target_key_id: 'TargetKeyId' },
  },
];
