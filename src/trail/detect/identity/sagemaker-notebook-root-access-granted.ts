import { eq, not } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

const NOTEBOOK = { type: 'AWS::SageMaker::NotebookInstance', paths: ['requestParameters.notebookInstanceName'] };

export const detection = statelessDetection(
  {
    id: 'sagemaker-notebook-root-access-granted',
    title: 'SageMaker notebook given root access',
    ring: 'identity',
    severity: 'medium',
    resourceTypes: [],
    rationale:
      'With root on a notebook instance a user can change the environment every later user and lifecycle script runs in, install ' +
      'persistence, and read everything on the volume. Root access is on unless RootAccess is Disabled, so a notebook created ' +
      'without the setting has it; turning it on later is rarer still and worth a look.',
    remediation:
      'UpdateNotebookInstance with RootAccess Disabled (lifecycle configurations still run as root), and deny sagemaker:RootAccess ' +
      '"Enabled" in the policies that allow CreateNotebookInstance and UpdateNotebookInstance.',
    references: {
      attack: ['T1078.004', 'T1548'],
      atlas: ['AML.T0037', 'AML.M0005'],
      securityHub: ['SageMaker.3'],
      nist80053: ['AC-6(2)', 'CM-5'],
      docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html'],
    },
  },
  [
    {
      eventSource: 'sagemaker.amazonaws.com',
      eventNames: ['UpdateNotebookInstance'],
      when: eq('requestParameters.rootAccess', 'Enabled'),
      action: 'turned on root access for notebook {target}',
      target: NOTEBOOK,
      property: 'requestParameters.rootAccess',
    },
    {
      eventSource: 'sagemaker.amazonaws.com',
      eventNames: ['CreateNotebookInstance'],
      // Absent means Enabled, AWS's default.
      when: not(eq('requestParameters.rootAccess', 'Disabled')),
      action: 'created notebook {target} with root access',
      target: NOTEBOOK,
      property: 'requestParameters.rootAccess',
    },
  ],
);
