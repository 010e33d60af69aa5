import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { read } from '../lib/read.js';

export const rule: Rule = {
  id: 'sagemaker-notebook-not-in-vpc',
  title: 'SageMaker notebook instance is not in your VPC',
  ring: 'network',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  rationale:
    'Without a SubnetId the notebook runs in the SageMaker service VPC, outside every security group, network ACL, VPC endpoint policy ' +
    'and flow log you control. Its traffic, including access to training data in S3, cannot be restricted or observed at the network layer.',
  remediation:
    'Set SubnetId to a private subnet and SecurityGroupIds on the AWS::SageMaker::NotebookInstance (Terraform: subnet_id and ' +
    'security_groups on aws_sagemaker_notebook_instance), and add VPC endpoints for S3, SageMaker API/runtime and STS. The notebook ' +
    'is replaced when the subnet changes.',
  references: {
    securityHub: ['SageMaker.2'],
    nist80053: ['AC-4', 'SC-7', 'SC-7(11)', 'SC-7(20)'],
    atlas: ['AML.T0025', 'AML.M0005'],
    owaspMl: ['ML05:2023'],
    checkov: ['CKV_AWS_306'],
    kics: ['9c7028d9-04c2-45be-b8b2-1188ccaefb36'],
    cdkNag: ['AwsSolutions-SM1'],
    prowler: ['sagemaker_notebook_instance_vpc_settings_configured'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html'],
  },
  check(notebook) {
    const r = read(notebook, 'SubnetId');
    if (r.state === 'unknown') return [unknown('SubnetId', `SubnetId cannot be determined: ${r.reason}`)];
    if (r.state === 'set') return [pass('SubnetId', 'the notebook runs in a subnet of your VPC')];
    return [fail('SubnetId', 'SubnetId is not set: the notebook runs in the SageMaker service VPC, where your security groups, endpoint policies and flow logs do not apply')];
  },
};
