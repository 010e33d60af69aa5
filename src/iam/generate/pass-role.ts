import type { CloudTrailRecord } from '../../trail/record.js';

/**
 * iam:PassRole never appears in CloudTrail: it is checked when another service's call hands it a
 * role (CreateTrainingJob's RoleArn, CreateModel's ExecutionRoleArn, CreateFunction's Role). The
 * roles a call passed are read from its request parameters: any parameter named like a role
 * (`roleArn`, `executionRoleArn`, `role`, `serviceRole`, `taskRoleArn`, `ExecutionRole`…) whose
 * value is a role ARN. The service it is passed to is the call's service, except where AWS
 * documents another principal (ECS tasks run as ecs-tasks.amazonaws.com).
 */

export interface PassedRole {
  role: string;
  /** The value of iam:PassedToService. */
  service: string;
  /** Where in the request it was found: `roleArn`, `userSettings.executionRole`. */
  parameter: string;
}

/** Services whose calls take role ARNs that are not passed (AssumeRole names the role to assume). */
const NOT_PASSING = new Set(['sts.amazonaws.com', 'iam.amazonaws.com']);
/** The principal a role is passed to, when it is not the event source. */
const PASSED_TO: Readonly<Record<string, string>> = {
  'ecs.amazonaws.com': 'ecs-tasks.amazonaws.com',
  'runtime.sagemaker.amazonaws.com': 'sagemaker.amazonaws.com',
};
const ROLE_PARAMETER = /role(arn)?$/i;
const ROLE_ARN = /^arn:[\w-]+:iam::\d{12}:role\/.+/;

export function passedRoles(record: CloudTrailRecord): PassedRole[] {
  if (NOT_PASSING.has(record.eventSource) || !record.requestParameters) return [];
  const service = PASSED_TO[record.eventSource] ?? record.eventSource;
  const out: PassedRole[] = [];
  const walk = (v: unknown, path: string, key: string, depth: number) => {
    if (depth > 6) return;
    if (typeof v === 'string') {
      if (ROLE_PARAMETER.test(key) && ROLE_ARN.test(v) && !out.some((p) => p.role === v)) out.push({ role: v, service, parameter: path });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, key, depth + 1));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, k, depth + 1);
  };
  walk(record.requestParameters, '', '', 0);
  return out;
}
