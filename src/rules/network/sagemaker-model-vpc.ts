import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { read } from '../lib/read.js';

export const rule: Rule = {
  id: 'sagemaker-model-vpc',
  title: 'SageMaker model is not deployed in your VPC',
  ring: 'network',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::Model'],
  rationale:
    'Without VpcConfig the hosting containers run in the SageMaker service network, so their traffic cannot be limited by your security ' +
    'groups and endpoint policies or recorded in flow logs. VPC mode brings that traffic under your controls, but it still allows ' +
    'outbound access through the VPC (NAT gateways, VPC endpoints); only network isolation removes network access entirely.',
  remediation:
    'Set VpcConfig with Subnets (private subnets) and SecurityGroupIds on the AWS::SageMaker::Model (Terraform: vpc_config { subnets, ' +
    'security_group_ids } on aws_sagemaker_model), with restrictive egress rules and VPC endpoints for S3 and ECR.',
  references: {
    nist80053: ['AC-4', 'SC-7', 'SC-7(11)'],
    atlas: ['AML.T0025', 'AML.M0005'],
    owaspMl: ['ML05:2023'],
    prowler: ['sagemaker_models_vpc_settings_configured'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html'],
  },
  check(model) {
    const r = read(model, 'VpcConfig');
    if (r.state === 'unknown') return [unknown('VpcConfig', `VpcConfig cannot be determined: ${r.reason}`)];
    if (r.state === 'set') return [pass('VpcConfig', 'the model containers run in subnets of your VPC (outbound access is still possible through the VPC unless network isolation is on)')];
    return [fail('VpcConfig', 'VpcConfig is not set: the containers run outside your VPC, beyond your security groups and flow logs (network isolation, a separate control, is what blocks outbound calls)')];
  },
};
