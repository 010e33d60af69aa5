// A hand-built scan result shaped like a real scan of a small ML platform: a CloudFormation
// stack, a Terraform module and a live ECR repository, with findings in every ring and severity.
import { SEVERITIES, type Finding, type FindingStatus } from '../../src/core/finding.js';
import type { Rule } from '../../src/core/rule.js';
import type { InputRecord, ScanError, ScanResult } from '../../src/core/scan-result.js';

const STACK = 'stacks/ml-platform.yaml';
const MODULE = 'infra/main.tf';

type RuleMeta = Omit<Rule, 'check' | 'checkInventory'>;

export const RULES: Rule[] = (
  [
    {
      id: 'sagemaker-notebook-direct-internet',
      title: 'SageMaker notebook instances must not have direct internet access',
      ring: 'network',
      severity: 'critical',
      resourceTypes: ['AWS::SageMaker::NotebookInstance'],
      rationale: 'A notebook with direct internet access can send training data anywhere. AWS enables it when DirectInternetAccess is absent.',
      remediation: 'Set DirectInternetAccess to Disabled and give the notebook a SubnetId in a VPC with the endpoints it needs.',
      references: {
        securityHub: ['SageMaker.2'],
        nist80053: ['AC-4', 'SC-7'],
        checkov: ['CKV_AWS_122'],
        docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html'],
      },
    },
    {
      id: 'sagemaker-notebook-vpc',
      title: 'SageMaker notebook instances run in a VPC',
      ring: 'network',
      severity: 'high',
      resourceTypes: ['AWS::SageMaker::NotebookInstance'],
      rationale: 'Outside a VPC, security groups and VPC endpoints cannot limit what the notebook reaches.',
      remediation: 'Set SubnetId and SecurityGroupIds.',
      references: { securityHub: ['SageMaker.1'] },
    },
    {
      id: 'sagemaker-model-network-isolation',
      title: 'SageMaker models enable network isolation',
      ring: 'network',
      severity: 'medium',
      resourceTypes: ['AWS::SageMaker::Model'],
      rationale: 'Inference containers from third parties can make outbound calls unless network isolation is enabled.',
      remediation: 'Set EnableNetworkIsolation to true.',
      references: { kics: ['sagemaker-model-network-isolation'] },
    },
    {
      id: 'iam-role-wildcard-actions',
      title: 'Execution roles do not allow every action of a service',
      ring: 'identity',
      severity: 'high',
      resourceTypes: ['AWS::IAM::Role'],
      rationale: 'A SageMaker execution role with s3:* can read and overwrite every dataset and model artifact the account holds.',
      remediation: 'Replace wildcard actions with the actions the job uses, scoped to its buckets.',
      references: { cis: ['1.16'], cfnNag: ['W11'] },
    },
    {
      id: 'sagemaker-notebook-root-access',
      title: 'SageMaker notebook users do not have root access',
      ring: 'identity',
      severity: 'high',
      resourceTypes: ['AWS::SageMaker::NotebookInstance'],
      rationale: 'Root on a notebook lets its user change its network and security software.',
      remediation: 'Set RootAccess to Disabled.',
      references: { securityHub: ['SageMaker.3'] },
    },
    {
      id: 's3-bucket-kms-encryption',
      title: 'Training data buckets are encrypted with a customer managed KMS key',
      ring: 'data',
      severity: 'high',
      resourceTypes: ['AWS::S3::Bucket'],
      rationale: 'With SSE-S3 anyone who can read the bucket can read the data; a KMS key adds a second, auditable permission.',
      remediation: 'Set BucketEncryption to aws:kms with a customer managed key.',
      references: {},
    },
    {
      id: 'kms-key-rotation',
      title: 'KMS keys rotate',
      ring: 'data',
      severity: 'medium',
      resourceTypes: ['AWS::KMS::Key'],
      rationale: 'Rotation limits how much data one key version protects.',
      remediation: 'Set EnableKeyRotation to true.',
      references: { securityHub: ['KMS.4'] },
    },
    {
      id: 'cloudtrail-s3-data-events',
      title: 'CloudTrail records S3 data events for training data',
      ring: 'monitoring',
      severity: 'high',
      resourceTypes: ['AWS::CloudTrail::Trail'],
      rationale: 'Without data events nobody can tell who read the training data.',
      remediation: 'Add an event selector for S3 data events on the training buckets.',
      references: { cis: ['3.10', '3.11'] },
    },
    {
      id: 'sagemaker-endpoint-data-capture',
      title: 'SageMaker endpoints capture inference data',
      ring: 'monitoring',
      severity: 'info',
      resourceTypes: ['AWS::SageMaker::EndpointConfig'],
      rationale: 'Captured requests are the evidence for model extraction and drift.',
      remediation: 'Add a DataCaptureConfig.',
      references: {},
    },
    {
      id: 'ecr-scan-on-push',
      title: 'ECR repositories scan images on push',
      ring: 'supply-chain',
      severity: 'low',
      resourceTypes: ['AWS::ECR::Repository'],
      rationale: 'Training and inference images pull large dependency trees with known vulnerabilities.',
      remediation: 'Set ImageScanningConfiguration.ScanOnPush to true.',
      references: { prowler: ['ecr_repositories_scan_images_on_push_enabled'] },
    },
  ] satisfies RuleMeta[]
).map((r) => ({ ...r }));

const rule = (id: string): Rule => {
  const r = RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id} in the test set`);
  return r;
};

/** A finding with the rule's metadata, as the engine builds it. */
export function finding(ruleId: string, status: FindingStatus, rest: Partial<Finding> & Pick<Finding, 'resource' | 'message'>): Finding {
  const r = rule(ruleId);
  return {
    ruleId,
    status,
    severity: r.severity,
    ring: r.ring,
    title: r.title,
    remediation: r.remediation,
    references: r.references,
    ...rest,
  };
}

export function summarize(findings: readonly Finding[], inputs: readonly InputRecord[], rules = RULES.length): ScanResult['summary'] {
  const by = (s: FindingStatus) => findings.filter((f) => f.status === s).length;
  const failed = findings.filter((f) => f.status === 'fail');
  return {
    inputs: {
      read: inputs.filter((i) => i.status === 'read').length,
      skipped: inputs.filter((i) => i.status === 'skipped').length,
      failed: inputs.filter((i) => i.status === 'failed').length,
    },
    resources: inputs.reduce((n, i) => n + (i.resources ?? 0), 0),
    rules,
    findings: { fail: by('fail'), pass: by('pass'), unknown: by('unknown'), suppressed: by('suppressed') },
    failedBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, failed.filter((f) => f.severity === s).length])) as ScanResult['summary']['failedBySeverity'],
  };
}

export function scanResult(findings: Finding[], inputs: InputRecord[] = INPUTS, errors: ScanError[] = []): ScanResult {
  return { tool: { name: 'ringfence', version: '0.1.0' }, profile: 'default', findings, inputs, errors, summary: summarize(findings, inputs) };
}

export const INPUTS: InputRecord[] = [
  { path: STACK, kind: 'cloudformation', status: 'read', resources: 7 },
  { path: MODULE, kind: 'terraform', status: 'read', resources: 3, warnings: [{ message: 'unknown resource type aws_sagemaker_hub; not checked', line: 30, column: 1 }] },
  { path: 'package.json', status: 'skipped', reason: 'JSON, but not a CloudFormation template' },
  {
    path: 'stacks/broken.yaml',
    kind: 'cloudformation',
    status: 'failed',
    error: { message: 'bad indentation of a mapping entry', file: 'stacks/broken.yaml', line: 7, column: 3 },
  },
];

/** Deliberately not in report order, so the tests see the reports sort. */
export const FINDINGS: Finding[] = [
  finding('ecr-scan-on-push', 'fail', {
    resource: { type: 'AWS::ECR::Repository', id: 'arn:aws:ecr:us-east-1:123456789012:repository/model-images', arn: 'arn:aws:ecr:us-east-1:123456789012:repository/model-images' },
    origin: { account: '123456789012', region: 'us-east-1', apiCall: 'DescribeRepositories' },
    property: 'ImageScanningConfiguration.ScanOnPush',
    message: 'Images are not scanned on push',
  }),
  finding('kms-key-rotation', 'fail', {
    resource: { type: 'AWS::KMS::Key', id: 'DataKey' },
    location: { file: STACK, line: 80, column: 5 },
    property: 'EnableKeyRotation',
    message: 'EnableKeyRotation is not set; AWS does not rotate the key by default',
  }),
  finding('sagemaker-model-network-isolation', 'fail', {
    resource: { type: 'AWS::SageMaker::Model', id: 'FraudModel' },
    location: { file: STACK, line: 61, column: 7 },
    property: 'EnableNetworkIsolation',
    message: 'EnableNetworkIsolation is false',
  }),
  finding('sagemaker-notebook-direct-internet', 'fail', {
    resource: { type: 'AWS::SageMaker::NotebookInstance', id: 'ResearchNotebook' },
    location: { file: STACK, line: 24, column: 7 },
    property: 'DirectInternetAccess',
    message: "DirectInternetAccess is not set; AWS's default is Enabled",
  }),
  finding('iam-role-wildcard-actions', 'fail', {
    resource: { type: 'AWS::IAM::Role', id: 'NotebookRole' },
    location: { file: STACK, line: 44, column: 13 },
    property: 'Policies[0].PolicyDocument.Statement[0].Action',
    message: 'Allows s3:* on every resource',
  }),
  finding('iam-role-wildcard-actions', 'fail', {
    resource: { type: 'AWS::IAM::Role', id: 'aws_iam_role.training' },
    location: { file: MODULE, line: 12, column: 3 },
    property: 'Policies[0].PolicyDocument.Statement[1].Action',
    message: 'Allows sagemaker:* on every resource',
  }),
  finding('sagemaker-notebook-root-access', 'pass', {
    resource: { type: 'AWS::SageMaker::NotebookInstance', id: 'ResearchNotebook' },
    location: { file: STACK, line: 26, column: 7 },
    property: 'RootAccess',
    message: 'RootAccess is Disabled',
  }),
  finding('sagemaker-notebook-vpc', 'unknown', {
    resource: { type: 'AWS::SageMaker::NotebookInstance', id: 'ResearchNotebook' },
    location: { file: STACK, line: 25, column: 7 },
    property: 'SubnetId',
    message: 'parameter NotebookSubnet has no default',
  }),
  finding('s3-bucket-kms-encryption', 'suppressed', {
    resource: { type: 'AWS::S3::Bucket', id: 'TrainingData' },
    location: { file: STACK, line: 8, column: 5 },
    property: 'BucketEncryption',
    message: 'The bucket uses SSE-S3 (AES256), not a KMS key',
    suppressionReason: 'Public dataset mirror; SSE-S3 accepted in review SEC-142',
    suppressedVia: 'metadata',
  }),
  finding('cloudtrail-s3-data-events', 'fail', {
    resource: { type: 'AWS::CloudTrail::Trail', id: '(account)' },
    message: 'No trail records S3 data events',
  }),
  finding('sagemaker-endpoint-data-capture', 'fail', {
    resource: { type: 'AWS::SageMaker::EndpointConfig', id: 'FraudEndpointConfig' },
    location: { file: STACK, line: 70, column: 5 },
    property: 'DataCaptureConfig',
    message: 'The endpoint does not capture requests or responses',
  }),
];

export const RESULT: ScanResult = scanResult(FINDINGS);

/** Strings that break naive XML, terminals and JSON writers. */
export const HOSTILE = `<script>alert("x") & 'y'</script> ]]> \u0001\u001b[2J\u0007 lone \ud800 end`;

/** ANSI escape sequences as a terminal would interpret them. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
