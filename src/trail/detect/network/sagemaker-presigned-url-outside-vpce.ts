import { absent } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

const TARGET = { type: 'AWS::SageMaker::NotebookInstance', paths: ['requestParameters.notebookInstanceName'] };

export const detection = statelessDetection(
  {
    id: 'sagemaker-presigned-url-outside-vpce',
    title: 'SageMaker notebook or Studio URL created outside a VPC endpoint',
    ring: 'network',
    severity: 'low',
    resourceTypes: [],
    rationale:
      'Where notebooks and Studio are meant to be reached only from the corporate network, URLs are created through interface VPC ' +
      'endpoints, and CloudTrail records the endpoint as vpcEndpointId. A URL created without one came over the internet — from the ' +
      'console on a personal device, or from stolen credentials. Accounts that do not use SageMaker API endpoints will see every ' +
      'URL here; skip this detection there.',
    remediation:
      'Create interface endpoints for the SageMaker API and notebook/Studio, and deny sagemaker:CreatePresignedNotebookInstanceUrl ' +
      'and CreatePresignedDomainUrl unless aws:SourceVpce is one of them.',
    references: {
      attack: ['T1078.004'],
      atlas: ['AML.T0012', 'AML.M0005'],
      nist80053: ['AC-17', 'SC-7'],
      docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-interface-endpoint.html'],
    },
  },
  [
    {
      eventSource: 'sagemaker.amazonaws.com',
      eventNames: ['CreatePresignedNotebookInstanceUrl'],
      when: absent('vpcEndpointId'),
      action: 'created a presigned URL for notebook {target} outside any VPC endpoint',
      target: TARGET,
      property: 'vpcEndpointId',
    },
    {
      eventSource: 'sagemaker.amazonaws.com',
      eventNames: ['CreatePresignedDomainUrl'],
      when: absent('vpcEndpointId'),
      action: 'created a presigned Studio URL for user profile {target} outside any VPC endpoint',
      target: { type: 'AWS::SageMaker::UserProfile', paths: ['requestParameters.userProfileName'] },
      property: 'vpcEndpointId',
    },
  ],
);
