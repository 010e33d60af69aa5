import { statelessDetection } from '../stateless.js';

const SCHEDULE = { type: 'AWS::SageMaker::MonitoringSchedule', paths: ['requestParameters.monitoringScheduleName'] };

export const detection = statelessDetection(
  {
    id: 'sagemaker-monitoring-stopped',
    title: 'SageMaker model monitoring schedule stopped or deleted',
    ring: 'monitoring',
    severity: 'medium',
    resourceTypes: [],
    rationale:
      'Model Monitor schedules compare what an endpoint receives and predicts with its baseline; they are how data drift, poisoned ' +
      'retraining and adversarial traffic become visible. Stopping or deleting one before tampering with a model or its inputs ' +
      'removes that signal.',
    remediation:
      'Confirm the change was planned; otherwise StartMonitoringSchedule (or recreate it) and review changes to the endpoint, its model ' +
      'and its training data since. Restrict sagemaker:StopMonitoringSchedule and sagemaker:DeleteMonitoringSchedule to the ML platform team.',
    references: {
      attack: ['T1562.001'],
      atlas: ['AML.TA0007', 'AML.T0031', 'AML.M0024'],
      nist80053: ['SI-4', 'AU-6'],
      docs: ['https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StopMonitoringSchedule.html'],
    },
  },
  [
    { eventSource: 'sagemaker.amazonaws.com', eventNames: ['StopMonitoringSchedule'], action: 'stopped monitoring schedule {target}', target: SCHEDULE, property: 'eventName' },
    { eventSource: 'sagemaker.amazonaws.com', eventNames: ['DeleteMonitoringSchedule'], action: 'deleted monitoring schedule {target}', target: SCHEDULE, property: 'eventName' },
  ],
);
