import { eq, not } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

export const detection = statelessDetection(
  {
    id: 'sagemaker-model-without-isolation',
    title: 'SageMaker model created without network isolation',
    ring: 'network',
    severity: 'low',
    resourceTypes: [],
    rationale:
      'A model container without network isolation can call out to the internet or the VPC from inside the endpoint — which is ' +
      'what a poisoned or backdoored model artifact or a malicious container image needs to exfiltrate inputs or fetch a payload. ' +
      'EnableNetworkIsolation is false unless set, and it can only be set when the model is created.',
    remediation:
      'Create the model with EnableNetworkIsolation true (the container then gets no network; SageMaker still downloads the artifact ' +
      'and writes capture data), and deny sagemaker:CreateModel unless sagemaker:NetworkIsolation is true where models allow it.',
    references: {
      attack: ['T1041'],
      atlas: ['AML.T0010.003', 'AML.T0018.002', 'AML.T0025', 'AML.M0005'],
      nist80053: ['SC-7', 'AC-4'],
      docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html'],
    },
  },
  [
    {
      eventSource: 'sagemaker.amazonaws.com',
      eventNames: ['CreateModel'],
      // Absent means false, AWS's default.
      when: not(eq('requestParameters.enableNetworkIsolation', 'true')),
      action: 'created model {target} without network isolation',
      target: { type: 'AWS::SageMaker::Model', paths: ['requestParameters.modelName', 'responseElements.modelArn'] },
      property: 'requestParameters.enableNetworkIsolation',
    },
  ],
);
