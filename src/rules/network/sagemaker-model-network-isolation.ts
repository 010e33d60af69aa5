import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { readFlag, shown } from '../lib/read.js';

export const rule: Rule = {
  id: 'sagemaker-model-network-isolation',
  title: 'SageMaker model container is not network-isolated',
  ring: 'network',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::Model'],
  rationale:
    'Without network isolation the inference container can make outbound calls, to the internet or through the VPC, and receives AWS ' +
    'credentials at runtime; a compromised or malicious model image can exfiltrate inputs, outputs and model weights. VPC mode alone does ' +
    'not stop this: the container still reaches whatever the VPC routes to (NAT gateways, VPC endpoints). Network isolation blocks every ' +
    'network call from the container.',
  remediation:
    'Set EnableNetworkIsolation: true on the AWS::SageMaker::Model (Terraform: enable_network_isolation = true on aws_sagemaker_model). ' +
    'SageMaker still downloads the model artifacts for the container; the container itself gets no network. The model is replaced.',
  references: {
    securityHub: ['SageMaker.5'],
    nist80053: ['AC-4', 'SC-7', 'SC-7(9)'],
    atlas: ['AML.T0025', 'AML.T0010.001', 'AML.M0005'],
    owaspMl: ['ML05:2023', 'ML06:2023'],
    checkov: ['CKV_AWS_370'],
    prowler: ['sagemaker_models_network_isolation_enabled'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html'],
  },
  check(model) {
    const r = readFlag(model, 'EnableNetworkIsolation');
    if (r.state === 'unknown') return [unknown('EnableNetworkIsolation', `EnableNetworkIsolation cannot be determined: ${r.reason}`)];
    if (r.state === 'set' && r.flag) return [pass('EnableNetworkIsolation', 'the model container runs without network access')];
    const value = r.state === 'set' ? shown('false', r.defaulted) : 'not set';
    return [
      fail(
        'EnableNetworkIsolation',
        `EnableNetworkIsolation is ${value}: the container can make outbound network calls and holds AWS credentials; VPC mode would still let it reach NAT gateways and VPC endpoints, isolation blocks every call`,
      ),
    ];
  },
};
