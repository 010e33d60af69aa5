import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { readText, shown } from '../lib/read.js';

export const rule: Rule = {
  id: 'sagemaker-notebook-direct-internet',
  title: 'SageMaker notebook instance has direct internet access',
  ring: 'network',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  rationale:
    'With direct internet access SageMaker attaches a network interface with a route to the internet, so code in the notebook can download ' +
    'arbitrary packages and send training data or credentials anywhere, bypassing VPC controls and flow logs. AWS enables it when ' +
    'DirectInternetAccess is absent, so a template that simply omits it is exposed; several scanners pass that case, ringfence does not.',
  remediation:
    'Set DirectInternetAccess: Disabled on the AWS::SageMaker::NotebookInstance (Terraform: direct_internet_access = "Disabled" on ' +
    'aws_sagemaker_notebook_instance), place it in a private subnet with SubnetId and SecurityGroupIds, and reach AWS services through ' +
    'VPC endpoints or a NAT gateway. The setting cannot be changed in place; the notebook is replaced.',
  references: {
    securityHub: ['SageMaker.1'],
    nist80053: ['AC-4', 'AC-21', 'SC-7', 'SC-7(3)', 'SC-7(4)'],
    atlas: ['AML.T0025', 'AML.T0010', 'AML.M0005'],
    owaspMl: ['ML05:2023', 'ML06:2023'],
    checkov: ['CKV_AWS_122'],
    kics: ['88d55d94-315d-4564-beee-d2d725feab11'],
    cdkNag: ['AwsSolutions-SM3', 'HIPAA.Security-SageMakerNotebookNoDirectInternetAccess'],
    prowler: ['sagemaker_notebook_instance_without_direct_internet_access_configured'],
    docs: [
      'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
      'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html#sagemaker-CreateNotebookInstance-request-DirectInternetAccess',
    ],
  },
  check(notebook) {
    const r = readText(notebook, 'DirectInternetAccess');
    if (r.state === 'unknown') return [unknown('DirectInternetAccess', `DirectInternetAccess cannot be determined: ${r.reason}`)];
    if (r.state === 'set' && r.text === 'Disabled') return [pass('DirectInternetAccess', 'DirectInternetAccess is Disabled; the notebook reaches the internet only through its VPC')];
    const value = r.state === 'set' ? shown(r.text, r.defaulted) : 'not set';
    return [fail('DirectInternetAccess', `DirectInternetAccess is ${value}: code in the notebook can send data to, and fetch code from, any internet host outside VPC controls`)];
  },
};
