import { eq, not } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

export const detection = statelessDetection(
  {
    id: 'sagemaker-notebook-internet-enabled',
    title: 'SageMaker notebook created with direct internet access',
    ring: 'network',
    severity: 'medium',
    resourceTypes: [],
    rationale:
      'A notebook with direct internet access can send the training data and its role\'s credentials anywhere, whatever the VPC ' +
      'allows. Direct internet access is on unless DirectInternetAccess is Disabled, and it can only be set when the notebook is ' +
      'created (UpdateNotebookInstance cannot change it), so the creation is the event to watch.',
    remediation:
      'Recreate the notebook in a subnet with DirectInternetAccess Disabled and reach the services it needs through VPC endpoints; ' +
      'deny sagemaker:CreateNotebookInstance unless sagemaker:DirectInternetAccess is "Disabled".',
    references: {
      attack: ['T1567', 'T1537'],
      atlas: ['AML.T0025', 'AML.M0005'],
      securityHub: ['SageMaker.2'],
      nist80053: ['SC-7', 'AC-4'],
      docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html'],
    },
  },
  [
    {
      eventSource: 'sagemaker.amazonaws.com',
      eventNames: ['CreateNotebookInstance'],
      // Absent means Enabled, AWS's default.
      when: not(eq('requestParameters.directInternetAccess', 'Disabled')),
      action: 'created notebook {target} with direct internet access',
      target: { type: 'AWS::SageMaker::NotebookInstance', paths: ['requestParameters.notebookInstanceName'] },
      property: 'requestParameters.directInternetAccess',
    },
  ],
);
