import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { read } from '../lib/read.js';

export const rule: Rule = {
  id: 'sagemaker-notebook-volume-cmk',
  title: 'SageMaker notebook volume is not encrypted with a customer-managed KMS key',
  ring: 'data',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  rationale:
    'Notebook volumes hold copies of training data, credentials and model artifacts. Without KmsKeyId SageMaker encrypts them with a key ' +
    'you cannot scope, audit per use or revoke; a customer-managed key lets the key policy decide who can read the volume and logs every use.',
  remediation:
    'Set KmsKeyId on the AWS::SageMaker::NotebookInstance to a customer-managed AWS::KMS::Key (Terraform: kms_key_id on ' +
    'aws_sagemaker_notebook_instance) whose key policy grants the notebook execution role only what it needs. The notebook is replaced.',
  references: {
    nist80053: ['SC-13', 'SC-28', 'SC-28(1)'],
    atlas: ['AML.M0012', 'AML.T0035'],
    owaspMl: ['ML05:2023'],
    checkov: ['CKV_AWS_22', 'CKV_AWS_187'],
    kics: ['709e6da6-fa1f-44cc-8f17-7f25f96dadbe'],
    cdkNag: ['AwsSolutions-SM2'],
    prowler: ['sagemaker_notebook_instance_encryption_enabled'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html'],
  },
  check(notebook) {
    const r = read(notebook, 'KmsKeyId');
    if (r.state === 'unknown') return [unknown('KmsKeyId', `KmsKeyId cannot be determined: ${r.reason}`)];
    if (r.state === 'set') return [pass('KmsKeyId', 'the notebook volume is encrypted with the KMS key you named')];
    return [fail('KmsKeyId', 'KmsKeyId is not set: the notebook volume is encrypted with a key you cannot scope, audit or revoke')];
  },
};
