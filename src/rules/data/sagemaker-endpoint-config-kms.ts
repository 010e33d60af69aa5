import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import type { Resource } from '../../core/resource.js';
import { asString, isObject, joinPath, Unknown, type Value } from '../../core/value.js';
import { hasLocalNvme } from '../lib/instance-storage.js';
import { read, showValue } from '../lib/read.js';

/** How one production variant stores data, which decides whether KmsKeyId applies to it. */
type VariantStorage = { kind: 'ebs'; name: string } | { kind: 'nvme' | 'serverless'; name: string } | { kind: 'unknown'; path: string; reason: string };

/** Variant lists whose instances the endpoint config's KmsKeyId encrypts. */
const VARIANT_LISTS = ['ProductionVariants', 'ShadowProductionVariants'] as const;

export const rule: Rule = {
  id: 'sagemaker-endpoint-config-kms',
  title: 'SageMaker endpoint volumes are not encrypted with a customer-managed KMS key',
  ring: 'data',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  rationale:
    'Endpoint instances keep model artifacts and inference payloads on their ML storage volumes. Without KmsKeyId those volumes are ' +
    'encrypted with a key you cannot scope, audit or revoke. Instance types with local NVMe storage are the exception: their storage is ' +
    'encrypted by a hardware module and AWS rejects a KmsKeyId for them, so they pass.',
  remediation:
    'Set KmsKeyId on the AWS::SageMaker::EndpointConfig to a customer-managed AWS::KMS::Key (Terraform: kms_key_arn on ' +
    'aws_sagemaker_endpoint_configuration) that the endpoint execution role may use. Do not set it when every variant uses an instance ' +
    'type with local NVMe storage (ml.g5, ml.p4d, ml.m5d, …); AWS rejects it there.',
  references: {
    nist80053: ['SC-13', 'SC-28', 'SC-28(1)'],
    atlas: ['AML.M0012', 'AML.T0035'],
    owaspMl: ['ML05:2023'],
    checkov: ['CKV_AWS_98'],
    kics: ['44034eda-1c3f-486a-831d-e09a7dd94354'],
    cdkNag: ['NIST.800.53.R5-SageMakerEndpointConfigurationKMSKeyConfigured', 'HIPAA.Security-SageMakerEndpointConfigurationKMSKeyConfigured'],
    prowler: ['sagemaker_endpoint_config_kms_encryption_enabled'],
    docs: [
      'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html#sagemaker-CreateEndpointConfig-request-KmsKeyId',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-store-volumes.html',
    ],
  },
  check(config) {
    const key = read(config, 'KmsKeyId');
    if (key.state === 'unknown') return [unknown('KmsKeyId', `KmsKeyId cannot be determined: ${key.reason}`)];
    if (key.state === 'set') return [pass('KmsKeyId', 'the endpoint volumes are encrypted with the KMS key you named')];
    return judgeWithoutKey(config);
  },
};

function judgeWithoutKey(config: Resource): CheckResult[] {
  const variants = VARIANT_LISTS.flatMap((list) => variantsOf(config, list));
  const unknownOne = variants.find((v): v is Extract<VariantStorage, { kind: 'unknown' }> => v.kind === 'unknown');
  const ebs = variants.filter((v) => v.kind === 'ebs').map((v) => (v as { name: string }).name);
  if (ebs.length) {
    return [fail('KmsKeyId', `KmsKeyId is not set: the EBS volumes of ${ebs.join(', ')} are encrypted with a key you cannot scope, audit or revoke`)];
  }
  if (unknownOne) return [unknown(unknownOne.path, `cannot tell whether KmsKeyId is needed: ${unknownOne.reason}`)];
  if (variants.length === 0) return [unknown('ProductionVariants', 'the endpoint config lists no production variants')];
  // Serverless variants run on capacity SageMaker manages, with no ML instance volume for KmsKeyId to encrypt.
  const why = variants.map((v) => `${(v as { name: string }).name} (${v.kind === 'nvme' ? 'local NVMe storage, hardware-encrypted; AWS rejects KmsKeyId' : 'serverless, no instance storage volume'})`);
  return [pass('KmsKeyId', `KmsKeyId is not set, and need not be: ${why.join(', ')}`)];
}

function variantsOf(config: Resource, list: (typeof VARIANT_LISTS)[number]): VariantStorage[] {
  const v: Value | undefined = config.properties[list];
  if (v === undefined || v === null) return [];
  if (v instanceof Unknown) return [{ kind: 'unknown', path: list, reason: v.reason }];
  if (!Array.isArray(v)) return [{ kind: 'unknown', path: list, reason: `${list} is not a list` }];
  return v.map((variant, i): VariantStorage => {
    const path = joinPath(list, i);
    if (!isObject(variant)) return { kind: 'unknown', path, reason: variant instanceof Unknown ? variant.reason : 'the variant is not an object' };
    const name = asString(variant['VariantName']) ?? path;
    if (variant['ServerlessConfig'] !== undefined && variant['ServerlessConfig'] !== null) return { kind: 'serverless', name };
    const type = variant['InstanceType'];
    const text = asString(type);
    if (text === undefined) {
      const why = type instanceof Unknown ? type.reason : type === undefined ? 'InstanceType is not set' : `InstanceType comes from ${showValue(type)}`;
      return { kind: 'unknown', path: joinPath(path, 'InstanceType'), reason: why };
    }
    return { kind: hasLocalNvme(text) ? 'nvme' : 'ebs', name: `${name} (${text})` };
  });
}
