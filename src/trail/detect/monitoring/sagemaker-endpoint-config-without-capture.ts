import { absent, any, eq } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

export const detection = statelessDetection(
  {
    id: 'sagemaker-endpoint-config-without-capture',
    title: 'SageMaker endpoint config created without Data Capture',
    ring: 'monitoring',
    severity: 'low',
    resourceTypes: [],
    rationale:
      'Without Data Capture an endpoint keeps no record of the requests it served and the predictions it returned, so model ' +
      'extraction, membership inference and adversarial probing through the inference API leave no trace and Model Monitor has ' +
      'nothing to compare. DataCaptureConfig can only be set when the endpoint config is created.',
    remediation:
      'Create a new endpoint config with DataCaptureConfig (EnableCapture true, InitialSamplingPercentage 100, both Input and Output ' +
      'capture options, a KMS key and an S3 destination) and update the endpoint to use it.',
    references: {
      attack: ['T1562.008'],
      atlas: ['AML.T0024', 'AML.T0040', 'AML.M0024'],
      nist80053: ['AU-2', 'AU-12', 'SI-4'],
      docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html'],
    },
  },
  [
    {
      eventSource: 'sagemaker.amazonaws.com',
      eventNames: ['CreateEndpointConfig'],
      // EnableCapture defaults to true when DataCaptureConfig is given.
      when: any(absent('requestParameters.dataCaptureConfig'), eq('requestParameters.dataCaptureConfig.enableCapture', 'false')),
      action: 'created endpoint config {target} without Data Capture',
      target: { type: 'AWS::SageMaker::EndpointConfig', paths: ['requestParameters.endpointConfigName', 'responseElements.endpointConfigArn'] },
      property: 'requestParameters.dataCaptureConfig',
    },
  ],
);
