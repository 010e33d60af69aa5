import { any, check } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

const NOTEBOOK_SCRIPTS = any(check('requestParameters.onCreate[*].content', 'script-suspicious'), check('requestParameters.onStart[*].content', 'script-suspicious'));
const LIFECYCLE = { type: 'AWS::SageMaker::NotebookInstanceLifecycleConfig', paths: ['requestParameters.notebookInstanceLifecycleConfigName'] };

export const detection = statelessDetection(
  {
    id: 'sagemaker-lifecycle-script-suspicious',
    title: 'SageMaker lifecycle configuration with a suspicious script',
    ring: 'identity',
    severity: 'high',
    resourceTypes: [],
    rationale:
      'Lifecycle configurations run shell scripts as root on every notebook that uses them, at creation and at every start, with ' +
      'the execution role\'s credentials one request away. A script that downloads and runs code, opens a reverse shell or reads ' +
      'instance or user credentials is a persistence and credential-theft implant, whoever wrote it.',
    remediation:
      'Read the decoded script; if it is not yours, detach the configuration from every notebook, delete it, stop the notebooks ' +
      'that ran it and rotate their role sessions. Restrict sagemaker:Create/UpdateNotebookInstanceLifecycleConfig and ' +
      'CreateStudioLifecycleConfig to the platform team and review scripts like code.',
    references: {
      attack: ['T1059.004', 'T1105', 'T1552.005', 'T1546'],
      atlas: ['AML.T0050', 'AML.T0072', 'AML.T0055', 'AML.T0011.001'],
      nist80053: ['CM-5', 'SI-3', 'SI-7'],
      docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-lifecycle-config.html'],
    },
  },
  [
    {
      eventSource: 'sagemaker.amazonaws.com',
      eventNames: ['CreateNotebookInstanceLifecycleConfig', 'UpdateNotebookInstanceLifecycleConfig'],
      when: NOTEBOOK_SCRIPTS,
      action: 'wrote a suspicious script into lifecycle configuration {target}',
      target: LIFECYCLE,
      property: 'requestParameters.onStart',
    },
    {
      eventSource: 'sagemaker.amazonaws.com',
      eventNames: ['CreateStudioLifecycleConfig'],
      when: check('requestParameters.studioLifecycleConfigContent', 'script-suspicious'),
      action: 'wrote a suspicious script into Studio lifecycle configuration {target}',
      target: { type: 'AWS::SageMaker::StudioLifecycleConfig', paths: ['requestParameters.studioLifecycleConfigName'] },
      property: 'requestParameters.studioLifecycleConfigContent',
    },
  ],
);
