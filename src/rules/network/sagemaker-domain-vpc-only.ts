import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { readText, shown } from '../lib/read.js';

export const rule: Rule = {
  id: 'sagemaker-domain-vpc-only',
  title: 'SageMaker domain gives Studio apps direct internet access',
  ring: 'network',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::Domain'],
  rationale:
    'With AppNetworkAccessType PublicInternetOnly, AWS gives every Studio app a route to the internet through a SageMaker-managed VPC, ' +
    'so notebooks can send data anywhere regardless of your VPC controls. AWS uses PublicInternetOnly when the property is absent.',
  remediation:
    'Set AppNetworkAccessType: VpcOnly on the AWS::SageMaker::Domain with private SubnetIds and security groups (Terraform: ' +
    'app_network_access_type = "VpcOnly" on aws_sagemaker_domain), and provide VPC endpoints or a NAT gateway for what Studio needs.',
  references: {
    nist80053: ['AC-4', 'SC-7', 'SC-7(4)'],
    atlas: ['AML.T0025', 'AML.M0005'],
    owaspMl: ['ML05:2023'],
    prowler: ['sagemaker_domain_vpc_only_enabled'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html'],
  },
  check(domain) {
    const r = readText(domain, 'AppNetworkAccessType');
    if (r.state === 'unknown') return [unknown('AppNetworkAccessType', `AppNetworkAccessType cannot be determined: ${r.reason}`)];
    if (r.state === 'set' && r.text === 'VpcOnly') return [pass('AppNetworkAccessType', 'Studio apps reach the network only through your VPC')];
    const value = r.state === 'set' ? shown(r.text, r.defaulted) : 'not set';
    return [fail('AppNetworkAccessType', `AppNetworkAccessType is ${value}: Studio apps have direct internet access outside your VPC controls`)];
  },
};
