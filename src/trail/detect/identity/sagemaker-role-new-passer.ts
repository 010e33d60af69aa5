import type { SourcedRecord } from '../../record.js';
import { alertOn } from '../alert.js';
import { FirstSeen } from '../bounded.js';
import { eventTimeMs, isServiceCall, principalOf } from '../principal.js';
import { BASELINE_DAYS, daysMs, firstSeenParameters, numberParam } from '../params.js';
import { textAt } from '../path.js';
import { absent, all, any, eq, oneOf, present } from '../predicate.js';
import { NO_ALERTS, type Alert, type Detection } from '../types.js';

/** SageMaker calls that pass an IAM role to the resource they create, and where the role is named. */
export const ROLE_PASSING: Readonly<Record<string, readonly string[]>> = {
  CreateNotebookInstance: ['requestParameters.roleArn'],
  UpdateNotebookInstance: ['requestParameters.roleArn'],
  CreateTrainingJob: ['requestParameters.roleArn'],
  CreateProcessingJob: ['requestParameters.roleArn'],
  CreateAutoMLJob: ['requestParameters.roleArn'],
  CreateAutoMLJobV2: ['requestParameters.roleArn'],
  CreatePipeline: ['requestParameters.roleArn'],
  UpdatePipeline: ['requestParameters.roleArn'],
  CreateHyperParameterTuningJob: ['requestParameters.trainingJobDefinition.roleArn', 'requestParameters.trainingJobDefinitions[*].roleArn'],
  CreateModel: ['requestParameters.executionRoleArn'],
  CreateCompilationJob: ['requestParameters.roleArn'],
  CreateLabelingJob: ['requestParameters.roleArn'],
  CreateDomain: ['requestParameters.defaultUserSettings.executionRole'],
  CreateUserProfile: ['requestParameters.userSettings.executionRole'],
};
const EVENT_NAMES = Object.keys(ROLE_PASSING);

export const detection: Detection = {
  id: 'sagemaker-role-new-passer',
  title: 'SageMaker execution role passed by a principal that never passed it before',
  ring: 'identity',
  severity: 'medium',
  resourceTypes: [],
  rationale:
    'Whoever may pass a role to a notebook, job or pipeline gets that role\'s permissions through the code the resource runs: ' +
    'iam:PassRole plus sagemaker:CreateNotebookInstance or CreateTrainingJob is a documented privilege-escalation path ' +
    '(pathfinding.cloud sagemaker paths). Teams pass the same roles from the same pipelines day after day; a principal passing a ' +
    'role it never passed before is either a new workflow or an escalation. Learning period: pairs first seen in the first ' +
    'baselineDays of the log are learned silently.',
  remediation:
    'Check that the principal is meant to use this role. Scope iam:PassRole to the specific execution roles each principal needs, ' +
    'with the condition iam:PassedToService sagemaker.amazonaws.com, and give execution roles only what their jobs need.',
  references: {
    attack: ['T1098.003', 'T1078.004'],
    atlas: ['AML.TA0012', 'AML.T0012'],
    nist80053: ['AC-6', 'AC-6(9)', 'AU-6'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-pass-role'],
  },
  kind: 'stateful',
  eventNames: EVENT_NAMES,
  parameters: firstSeenParameters('principal and role pairs'),
  predicate: all(
    eq('eventSource', 'sagemaker.amazonaws.com'),
    oneOf('eventName', ...EVENT_NAMES),
    absent('errorCode'),
    any(...[...new Set(Object.values(ROLE_PASSING).flat())].map(present)),
  ),
  create(config) {
    const seen = new FirstSeen(numberParam(config, 'maxPairs'), daysMs(numberParam(config, BASELINE_DAYS)), config.runStartMs);
    return {
      onRecord(sourced: SourcedRecord): readonly Alert[] {
        const r = sourced.record;
        const paths = ROLE_PASSING[r.eventName];
        if (!paths || r.eventSource !== 'sagemaker.amazonaws.com' || r.errorCode || isServiceCall(r)) return NO_ALERTS;
        let out: Alert[] | undefined;
        for (const path of paths) {
          const role = textAt(r, path);
          if (!role) continue;
          const principal = principalOf(r);
          if (!seen.observe(`${principal}\n${role}`, eventTimeMs(r))) continue;
          (out ??= []).push(
            alertOn('sagemaker-role-new-passer', sourced, {
              summary: `passed execution role ${role} for the first time`,
              evidence: [`${path} = ${role}`, `first time this principal passed this role since the learning period ended`],
              resource: { type: 'AWS::IAM::Role', id: role, ...(role.startsWith('arn:') ? { arn: role } : {}) },
              property: path,
            }),
          );
        }
        return out ?? NO_ALERTS;
      },
      flush: () => NO_ALERTS,
      evictions: () => seen.evicted,
    };
  },
};
