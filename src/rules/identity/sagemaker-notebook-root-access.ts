import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { readText, shown } from '../lib/read.js';

export const rule: Rule = {
  id: 'sagemaker-notebook-root-access',
  title: 'SageMaker notebook instance gives users root access',
  ring: 'identity',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  rationale:
    'With root access every notebook user is an administrator of the instance: they can read every file on it, change system ' +
    'configuration, tamper with logging and reuse the instance credentials beyond what the notebook needs. AWS enables root access when ' +
    'RootAccess is absent.',
  remediation:
    'Set RootAccess: Disabled on the AWS::SageMaker::NotebookInstance (Terraform: root_access = "Disabled" on ' +
    'aws_sagemaker_notebook_instance). Install packages through a lifecycle configuration, which still runs as root.',
  references: {
    securityHub: ['SageMaker.3'],
    nist80053: ['AC-2(1)', 'AC-3(7)', 'AC-6', 'AC-6(2)', 'AC-6(10)'],
    atlas: ['AML.T0037', 'AML.M0005'],
    owaspMl: ['ML05:2023', 'ML10:2023'],
    checkov: ['CKV_AWS_307'],
    prowler: ['sagemaker_notebook_instance_root_access_disabled'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html'],
  },
  check(notebook) {
    const r = readText(notebook, 'RootAccess');
    if (r.state === 'unknown') return [unknown('RootAccess', `RootAccess cannot be determined: ${r.reason}`)];
    if (r.state === 'set' && r.text === 'Disabled') return [pass('RootAccess', 'RootAccess is Disabled')];
    const value = r.state === 'set' ? shown(r.text, r.defaulted) : 'not set';
    return [fail('RootAccess', `RootAccess is ${value}: every notebook user is root on the instance and can read or alter anything on it`)];
  },
};
