/**
 * The ways one principal gains another's permissions, as data. The catalogue is pathfinding.cloud
 * (DataDog/pathfinding.cloud, Apache-2.0): each technique names the paths it models and requires
 * exactly their `permissions.required` actions (test/iam/escalation/catalogue.test.ts checks this
 * against the YAML files); the SageMaker Studio techniques and the lifecycle-configuration variant
 * are ours. Whether a technique works for a given pair of principals is decided by the evaluator,
 * one request per action, never by reading policy text.
 */

/** ARN templates of the resource types techniques act on, as the Service Authorization Reference writes them. */
export const RESOURCE_TEMPLATES = {
  'sagemaker:notebook-instance': 'arn:${Partition}:sagemaker:${Region}:${Account}:notebook-instance/${NotebookInstanceName}',
  'sagemaker:notebook-instance-lifecycle-config': 'arn:${Partition}:sagemaker:${Region}:${Account}:notebook-instance-lifecycle-config/${NotebookInstanceLifecycleConfigName}',
  'sagemaker:training-job': 'arn:${Partition}:sagemaker:${Region}:${Account}:training-job/${TrainingJobName}',
  'sagemaker:processing-job': 'arn:${Partition}:sagemaker:${Region}:${Account}:processing-job/${ProcessingJobName}',
  'sagemaker:user-profile': 'arn:${Partition}:sagemaker:${Region}:${Account}:user-profile/${DomainId}/${UserProfileName}',
  'sagemaker:domain': 'arn:${Partition}:sagemaker:${Region}:${Account}:domain/${DomainId}',
  'lambda:function': 'arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}',
  'ec2:instance': 'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}',
  'ec2:image': 'arn:${Partition}:ec2:${Region}::image/${ImageId}',
  'ec2:network-interface': 'arn:${Partition}:ec2:${Region}:${Account}:network-interface/${NetworkInterfaceId}',
  'ec2:security-group': 'arn:${Partition}:ec2:${Region}:${Account}:security-group/${SecurityGroupId}',
  'ec2:subnet': 'arn:${Partition}:ec2:${Region}:${Account}:subnet/${SubnetId}',
  'ec2:spot-instances-request': 'arn:${Partition}:ec2:${Region}:${Account}:spot-instances-request/${SpotInstanceRequestId}',
  'glue:job': 'arn:${Partition}:glue:${Region}:${Account}:job/${JobName}',
  'glue:trigger': 'arn:${Partition}:glue:${Region}:${Account}:trigger/${TriggerName}',
  'glue:devendpoint': 'arn:${Partition}:glue:${Region}:${Account}:devEndpoint/${DevEndpointName}',
  'cloudformation:stack': 'arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}',
  'cloudformation:stackset': 'arn:${Partition}:cloudformation:${Region}:${Account}:stackset/${StackSetName}:${Id}',
  'codebuild:project': 'arn:${Partition}:codebuild:${Region}:${Account}:project/${ProjectName}',
  'ecs:cluster': 'arn:${Partition}:ecs:${Region}:${Account}:cluster/${ClusterName}',
  'ecs:task-definition': 'arn:${Partition}:ecs:${Region}:${Account}:task-definition/${TaskDefinitionFamilyName}:${TaskDefinitionRevisionNumber}',
  'ecs:service': 'arn:${Partition}:ecs:${Region}:${Account}:service/${ClusterName}/${ServiceName}',
  'datapipeline:pipeline': 'arn:${Partition}:datapipeline:${Region}:${Account}:pipeline/${PipelineId}',
  'apprunner:service': 'arn:${Partition}:apprunner:${Region}:${Account}:service/${ServiceName}/${ServiceId}',
  'bedrock-agentcore:code-interpreter-custom': 'arn:${Partition}:bedrock-agentcore:${Region}:${Account}:code-interpreter-custom/${CodeInterpreterId}',
  'ssm:document': 'arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}',
} as const;

export type ResourceTypeKey = keyof typeof RESOURCE_TEMPLATES;

/** What one action of a technique acts on. */
export type Slot =
  /** A resource the attacker creates and names (within an existing parent, e.g. a Studio domain). */
  | { kind: 'new'; type: ResourceTypeKey; parent?: { type: string; param: string } }
  /** Any existing resource of no interest the attacker may use (an AMI, a subnet). */
  | { kind: 'pick'; type: ResourceTypeKey }
  /** The action takes no resource (`Resource: "*"`). */
  | { kind: 'none' }
  /** The workload whose role is gained. */
  | { kind: 'workload' }
  /** The workload notebook's lifecycle configuration. */
  | { kind: 'lifecycle-config' }
  /** An existing resource of the world; `inheritsRole`: a Studio profile that uses its domain's role. */
  | { kind: 'existing'; type: string; inheritsRole?: boolean }
  /** A fixed ARN (an AWS-owned SSM document). */
  | { kind: 'fixed'; template: string };

export interface TechniqueAction {
  action: string;
  slot: string;
  /** Shown when allowed; the technique works without it (another way exists). */
  optional?: boolean;
}

interface Base {
  id: string;
  title: string;
  /** What the attacker ends up with, for people. */
  gains: string;
  /** pathfinding.cloud path ids this technique models. */
  pathfinding: string[];
  slots: Record<string, Slot>;
  actions: TechniqueAction[];
  note?: string;
}

/** Pass a role the service trusts to a new (or existing) resource of that service, then run code in it. */
export interface PassRoleTechnique extends Base {
  family: 'pass-role';
  /** The service principal the role is passed to (iam:PassedToService) and that must be trusted. */
  service: string;
}
/** Take over an existing resource that runs with a role. */
export interface WorkloadTechnique extends Base {
  family: 'workload';
  workload: string;
}
/** Obtain a principal's own credentials or session. */
export interface AccessTechnique extends Base {
  family: 'assume' | 'trust-rewrite' | 'credentials';
}
/** Change a principal's permissions; the attacker then acts as it. */
export interface ModifyTechnique extends Base {
  family: 'modify';
  change: 'attach-admin' | 'put-inline' | 'group-attach-admin' | 'group-put-inline' | 'policy-version' | 'set-default-version' | 'join-group';
  target: 'user' | 'role' | 'group' | 'policy';
}

export type Technique = PassRoleTechnique | WorkloadTechnique | AccessTechnique | ModifyTechnique;

/** AdministratorAccess: what an attacker attaches (iam:PolicyARN in the request). */
export const ADMIN_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const SAGEMAKER = 'sagemaker.amazonaws.com';
const nb = { kind: 'new', type: 'sagemaker:notebook-instance' } as const;
const none = { kind: 'none' } as const;
const workload = { kind: 'workload' } as const;

const passRole = (t: Omit<PassRoleTechnique, 'family'>): PassRoleTechnique => ({ family: 'pass-role', ...t });
const onWorkload = (t: Omit<WorkloadTechnique, 'family'>): WorkloadTechnique => ({ family: 'workload', ...t });
const modify = (t: Omit<ModifyTechnique, 'family'>): ModifyTechnique => ({ family: 'modify', ...t });

export const TECHNIQUES: readonly Technique[] = [
  // --- SageMaker -------------------------------------------------------------------------------
  passRole({
    id: 'sagemaker-notebook-passrole',
    title: 'create a SageMaker notebook instance that runs as the role, and open it',
    gains: "a Jupyter terminal with the role's credentials",
    pathfinding: ['sagemaker-001'],
    service: SAGEMAKER,
    slots: { notebook: nb },
    actions: [
      { action: 'sagemaker:CreateNotebookInstance', slot: 'notebook' },
      { action: 'sagemaker:CreatePresignedNotebookInstanceUrl', slot: 'notebook', optional: true },
    ],
    note: 'without CreatePresignedNotebookInstanceUrl the notebook is reached through the console or a lifecycle script',
  }),
  passRole({
    id: 'sagemaker-training-job-passrole',
    title: 'create a SageMaker training job that runs as the role',
    gains: "the role's credentials inside the attacker's training container",
    pathfinding: ['sagemaker-002'],
    service: SAGEMAKER,
    slots: { job: { kind: 'new', type: 'sagemaker:training-job' } },
    actions: [{ action: 'sagemaker:CreateTrainingJob', slot: 'job' }],
  }),
  passRole({
    id: 'sagemaker-processing-job-passrole',
    title: 'create a SageMaker processing job that runs as the role',
    gains: "the role's credentials inside the attacker's processing container",
    pathfinding: ['sagemaker-003'],
    service: SAGEMAKER,
    slots: { job: { kind: 'new', type: 'sagemaker:processing-job' } },
    actions: [{ action: 'sagemaker:CreateProcessingJob', slot: 'job' }],
  }),
  onWorkload({
    id: 'sagemaker-notebook-presigned-url',
    title: 'open an existing notebook instance through a presigned URL',
    gains: "a Jupyter terminal with the notebook role's credentials",
    pathfinding: ['sagemaker-004'],
    workload: 'AWS::SageMaker::NotebookInstance',
    slots: { notebook: workload },
    actions: [{ action: 'sagemaker:CreatePresignedNotebookInstanceUrl', slot: 'notebook' }],
  }),
  onWorkload({
    id: 'sagemaker-notebook-lifecycle-hijack',
    title: 'attach a new lifecycle configuration to an existing notebook and restart it',
    gains: "the attacker's script runs as the notebook's role at start",
    pathfinding: ['sagemaker-005'],
    workload: 'AWS::SageMaker::NotebookInstance',
    slots: { notebook: workload, config: { kind: 'new', type: 'sagemaker:notebook-instance-lifecycle-config' } },
    actions: [
      { action: 'sagemaker:CreateNotebookInstanceLifecycleConfig', slot: 'config' },
      { action: 'sagemaker:StopNotebookInstance', slot: 'notebook' },
      { action: 'sagemaker:UpdateNotebookInstance', slot: 'notebook' },
      { action: 'sagemaker:StartNotebookInstance', slot: 'notebook' },
    ],
  }),
  onWorkload({
    id: 'sagemaker-notebook-lifecycle-rewrite',
    title: "rewrite the lifecycle configuration an existing notebook already uses, and restart it",
    gains: "the attacker's script runs as the notebook's role at start",
    pathfinding: [],
    workload: 'AWS::SageMaker::NotebookInstance',
    slots: { notebook: workload, config: { kind: 'lifecycle-config' } },
    actions: [
      { action: 'sagemaker:UpdateNotebookInstanceLifecycleConfig', slot: 'config' },
      { action: 'sagemaker:StopNotebookInstance', slot: 'notebook' },
      { action: 'sagemaker:StartNotebookInstance', slot: 'notebook' },
    ],
  }),
  onWorkload({
    id: 'sagemaker-studio-presigned-domain-url',
    title: 'open SageMaker Studio as an existing user profile through a presigned domain URL',
    gains: "Studio apps running with the profile's execution role",
    pathfinding: [],
    workload: 'AWS::SageMaker::UserProfile',
    slots: { profile: workload },
    actions: [{ action: 'sagemaker:CreatePresignedDomainUrl', slot: 'profile' }],
  }),
  passRole({
    id: 'sagemaker-studio-create-user-profile',
    title: 'create a Studio user profile whose execution role is the role, and open it',
    gains: "Studio apps running with the role's credentials",
    pathfinding: [],
    service: SAGEMAKER,
    slots: { profile: { kind: 'new', type: 'sagemaker:user-profile', parent: { type: 'AWS::SageMaker::Domain', param: 'DomainId' } } },
    actions: [
      { action: 'sagemaker:CreateUserProfile', slot: 'profile' },
      { action: 'sagemaker:CreatePresignedDomainUrl', slot: 'profile' },
    ],
  }),
  passRole({
    id: 'sagemaker-studio-update-user-profile',
    title: "set an existing Studio user profile's execution role to the role, and open it",
    gains: "Studio apps running with the role's credentials",
    pathfinding: [],
    service: SAGEMAKER,
    slots: { profile: { kind: 'existing', type: 'AWS::SageMaker::UserProfile' } },
    actions: [
      { action: 'sagemaker:UpdateUserProfile', slot: 'profile' },
      { action: 'sagemaker:CreatePresignedDomainUrl', slot: 'profile' },
    ],
  }),
  passRole({
    id: 'sagemaker-studio-update-domain',
    title: "set a Studio domain's default execution role to the role, and open a profile that uses it",
    gains: "Studio apps running with the role's credentials",
    pathfinding: [],
    service: SAGEMAKER,
    slots: { domain: { kind: 'existing', type: 'AWS::SageMaker::Domain' }, profile: { kind: 'existing', type: 'AWS::SageMaker::UserProfile', inheritsRole: true } },
    actions: [
      { action: 'sagemaker:UpdateDomain', slot: 'domain' },
      { action: 'sagemaker:CreatePresignedDomainUrl', slot: 'profile' },
    ],
  }),

  // --- IAM and STS -----------------------------------------------------------------------------
  { family: 'assume', id: 'sts-assume-role', title: "assume the role (its trust policy allows it)", gains: 'a session of the role', pathfinding: ['sts-001'], slots: { role: workload }, actions: [{ action: 'sts:AssumeRole', slot: 'role' }] },
  {
    family: 'trust-rewrite',
    id: 'iam-update-assume-role-policy',
    title: 'rewrite the role\'s trust policy to trust the attacker, then assume it',
    gains: 'a session of the role',
    pathfinding: ['iam-012'],
    slots: { role: workload },
    actions: [
      { action: 'iam:UpdateAssumeRolePolicy', slot: 'role' },
      { action: 'sts:AssumeRole', slot: 'role' },
    ],
  },
  { family: 'credentials', id: 'iam-create-access-key', title: 'create an access key for the user', gains: "the user's long-term credentials", pathfinding: ['iam-002'], slots: { user: workload }, actions: [{ action: 'iam:CreateAccessKey', slot: 'user' }] },
  {
    family: 'credentials',
    id: 'iam-create-login-profile',
    title: 'create a console password for the user',
    gains: 'a console session as the user',
    pathfinding: ['iam-004'],
    slots: { user: workload },
    actions: [{ action: 'iam:CreateLoginProfile', slot: 'user' }],
    note: 'works only if the user has no console password yet',
  },
  { family: 'credentials', id: 'iam-update-login-profile', title: "change the user's console password", gains: 'a console session as the user', pathfinding: ['iam-006'], slots: { user: workload }, actions: [{ action: 'iam:UpdateLoginProfile', slot: 'user' }], note: 'works only if the user has a console password' },
  modify({ id: 'iam-attach-role-policy', title: 'attach AdministratorAccess to the role', gains: 'AdministratorAccess', pathfinding: ['iam-009'], change: 'attach-admin', target: 'role', slots: { role: workload }, actions: [{ action: 'iam:AttachRolePolicy', slot: 'role' }] }),
  modify({ id: 'iam-attach-user-policy', title: 'attach AdministratorAccess to the user', gains: 'AdministratorAccess', pathfinding: ['iam-008'], change: 'attach-admin', target: 'user', slots: { user: workload }, actions: [{ action: 'iam:AttachUserPolicy', slot: 'user' }] }),
  modify({ id: 'iam-put-role-policy', title: 'write an inline policy allowing everything into the role', gains: 'every permission', pathfinding: ['iam-005'], change: 'put-inline', target: 'role', slots: { role: workload }, actions: [{ action: 'iam:PutRolePolicy', slot: 'role' }] }),
  modify({ id: 'iam-put-user-policy', title: 'write an inline policy allowing everything into the user', gains: 'every permission', pathfinding: ['iam-007'], change: 'put-inline', target: 'user', slots: { user: workload }, actions: [{ action: 'iam:PutUserPolicy', slot: 'user' }] }),
  modify({ id: 'iam-attach-group-policy', title: "attach AdministratorAccess to one of the user's groups", gains: 'AdministratorAccess', pathfinding: ['iam-010'], change: 'group-attach-admin', target: 'group', slots: { group: workload }, actions: [{ action: 'iam:AttachGroupPolicy', slot: 'group' }] }),
  modify({ id: 'iam-put-group-policy', title: "write an inline policy allowing everything into one of the user's groups", gains: 'every permission', pathfinding: ['iam-011'], change: 'group-put-inline', target: 'group', slots: { group: workload }, actions: [{ action: 'iam:PutGroupPolicy', slot: 'group' }] }),
  modify({ id: 'iam-create-policy-version', title: 'write a new default version, allowing everything, of a managed policy attached to it', gains: 'every permission', pathfinding: ['iam-001'], change: 'policy-version', target: 'policy', slots: { policy: workload }, actions: [{ action: 'iam:CreatePolicyVersion', slot: 'policy' }] }),
  modify({ id: 'iam-set-default-policy-version', title: 'make a stored, broader version of a managed policy attached to it the default', gains: "the stored version's permissions", pathfinding: [], change: 'set-default-version', target: 'policy', slots: { policy: workload }, actions: [{ action: 'iam:SetDefaultPolicyVersion', slot: 'policy' }] }),
  modify({ id: 'iam-add-user-to-group', title: 'add the user to a group', gains: "the group's permissions", pathfinding: ['iam-013'], change: 'join-group', target: 'group', slots: { group: workload }, actions: [{ action: 'iam:AddUserToGroup', slot: 'group' }] }),

  // --- PassRole to other services ----------------------------------------------------------------
  passRole({ id: 'lambda-create-invoke', title: 'create a Lambda function that runs as the role, and invoke it', gains: "the role's credentials in the function", pathfinding: ['lambda-001'], service: 'lambda.amazonaws.com', slots: { fn: { kind: 'new', type: 'lambda:function' } }, actions: [{ action: 'lambda:CreateFunction', slot: 'fn' }, { action: 'lambda:InvokeFunction', slot: 'fn' }] }),
  passRole({ id: 'lambda-create-event-source', title: 'create a Lambda function that runs as the role, triggered by an event source mapping', gains: "the role's credentials in the function", pathfinding: ['lambda-002'], service: 'lambda.amazonaws.com', slots: { fn: { kind: 'new', type: 'lambda:function' }, mapping: none }, actions: [{ action: 'lambda:CreateFunction', slot: 'fn' }, { action: 'lambda:CreateEventSourceMapping', slot: 'mapping' }] }),
  passRole({ id: 'lambda-create-add-permission', title: 'create a Lambda function that runs as the role, and let the attacker invoke it through its resource policy', gains: "the role's credentials in the function", pathfinding: ['lambda-006'], service: 'lambda.amazonaws.com', slots: { fn: { kind: 'new', type: 'lambda:function' } }, actions: [{ action: 'lambda:CreateFunction', slot: 'fn' }, { action: 'lambda:AddPermission', slot: 'fn' }] }),
  passRole({
    id: 'ec2-run-instances',
    title: 'launch an EC2 instance with the role in its instance profile',
    gains: "the role's credentials from the instance metadata service",
    pathfinding: ['ec2-001'],
    service: 'ec2.amazonaws.com',
    slots: { instance: { kind: 'new', type: 'ec2:instance' }, image: { kind: 'pick', type: 'ec2:image' }, eni: { kind: 'pick', type: 'ec2:network-interface' }, sg: { kind: 'pick', type: 'ec2:security-group' }, subnet: { kind: 'pick', type: 'ec2:subnet' } },
    actions: [
      { action: 'ec2:RunInstances', slot: 'instance' },
      { action: 'ec2:RunInstances', slot: 'image' },
      { action: 'ec2:RunInstances', slot: 'eni' },
      { action: 'ec2:RunInstances', slot: 'sg' },
      { action: 'ec2:RunInstances', slot: 'subnet' },
    ],
    note: 'needs an instance profile that holds the role',
  }),
  passRole({ id: 'ec2-request-spot-instances', title: 'request a Spot instance with the role in its instance profile', gains: "the role's credentials from the instance metadata service", pathfinding: ['ec2-003'], service: 'ec2.amazonaws.com', slots: { request: { kind: 'new', type: 'ec2:spot-instances-request' } }, actions: [{ action: 'ec2:RequestSpotInstances', slot: 'request' }], note: 'needs an instance profile that holds the role' }),
  passRole({ id: 'glue-create-dev-endpoint', title: 'create a Glue development endpoint that runs as the role', gains: "an SSH shell with the role's credentials", pathfinding: ['glue-001'], service: 'glue.amazonaws.com', slots: { endpoint: none }, actions: [{ action: 'glue:CreateDevEndpoint', slot: 'endpoint' }] }),
  passRole({ id: 'glue-create-job-run', title: 'create a Glue job that runs as the role, and start it', gains: "the attacker's script runs with the role's credentials", pathfinding: ['glue-003'], service: 'glue.amazonaws.com', slots: { job: { kind: 'new', type: 'glue:job' } }, actions: [{ action: 'glue:CreateJob', slot: 'job' }, { action: 'glue:StartJobRun', slot: 'job' }] }),
  passRole({ id: 'glue-create-job-trigger', title: 'create a Glue job that runs as the role, and a trigger that starts it', gains: "the attacker's script runs with the role's credentials", pathfinding: ['glue-004'], service: 'glue.amazonaws.com', slots: { job: { kind: 'new', type: 'glue:job' }, trigger: { kind: 'new', type: 'glue:trigger' } }, actions: [{ action: 'glue:CreateJob', slot: 'job' }, { action: 'glue:CreateTrigger', slot: 'trigger' }] }),
  passRole({ id: 'glue-update-job-run', title: 'point an existing Glue job at the role and the attacker\'s script, and start it', gains: "the attacker's script runs with the role's credentials", pathfinding: ['glue-005'], service: 'glue.amazonaws.com', slots: { job: { kind: 'existing', type: 'AWS::Glue::Job' } }, actions: [{ action: 'glue:UpdateJob', slot: 'job' }, { action: 'glue:StartJobRun', slot: 'job' }] }),
  passRole({ id: 'glue-update-job-trigger', title: "point an existing Glue job at the role and the attacker's script, and add a trigger", gains: "the attacker's script runs with the role's credentials", pathfinding: ['glue-006'], service: 'glue.amazonaws.com', slots: { job: { kind: 'existing', type: 'AWS::Glue::Job' }, trigger: { kind: 'new', type: 'glue:trigger' } }, actions: [{ action: 'glue:UpdateJob', slot: 'job' }, { action: 'glue:CreateTrigger', slot: 'trigger' }] }),
  passRole({ id: 'cloudformation-create-stack', title: 'create a CloudFormation stack with the role as its service role', gains: 'any resource the role may create (a new admin role the attacker can assume)', pathfinding: ['cloudformation-001'], service: 'cloudformation.amazonaws.com', slots: { stack: { kind: 'new', type: 'cloudformation:stack' } }, actions: [{ action: 'cloudformation:CreateStack', slot: 'stack' }] }),
  passRole({ id: 'cloudformation-create-stack-set', title: 'create a StackSet that deploys with the role, and its stack instances', gains: 'any resource the role may create', pathfinding: ['cloudformation-003'], service: 'cloudformation.amazonaws.com', slots: { create: none, stackset: { kind: 'new', type: 'cloudformation:stackset' } }, actions: [{ action: 'cloudformation:CreateStackSet', slot: 'create' }, { action: 'cloudformation:CreateStackInstances', slot: 'stackset' }] }),
  passRole({ id: 'cloudformation-update-stack-set', title: 'update an existing StackSet to deploy the attacker\'s template with the role', gains: 'any resource the role may create', pathfinding: ['cloudformation-004'], service: 'cloudformation.amazonaws.com', slots: { stackset: { kind: 'existing', type: 'AWS::CloudFormation::StackSet' } }, actions: [{ action: 'cloudformation:UpdateStackSet', slot: 'stackset' }] }),
  passRole({ id: 'codebuild-create-project-build', title: 'create a CodeBuild project with the role as its service role, and start a build', gains: "the attacker's buildspec runs with the role's credentials", pathfinding: ['codebuild-001'], service: 'codebuild.amazonaws.com', slots: { project: { kind: 'new', type: 'codebuild:project' } }, actions: [{ action: 'codebuild:CreateProject', slot: 'project' }, { action: 'codebuild:StartBuild', slot: 'project' }] }),
  passRole({ id: 'codebuild-create-project-batch', title: 'create a CodeBuild project with the role as its service role, and start a batch build', gains: "the attacker's buildspec runs with the role's credentials", pathfinding: ['codebuild-004'], service: 'codebuild.amazonaws.com', slots: { project: { kind: 'new', type: 'codebuild:project' } }, actions: [{ action: 'codebuild:CreateProject', slot: 'project' }, { action: 'codebuild:StartBuildBatch', slot: 'project' }] }),
  passRole({ id: 'ecs-cluster-service', title: 'create an ECS cluster, a task definition with the role as task role, and a service running it', gains: "the attacker's container runs with the role's credentials", pathfinding: ['ecs-001'], service: 'ecs-tasks.amazonaws.com', slots: { cluster: { kind: 'new', type: 'ecs:cluster' }, task: { kind: 'new', type: 'ecs:task-definition' }, service: { kind: 'new', type: 'ecs:service' } }, actions: [{ action: 'ecs:CreateCluster', slot: 'cluster' }, { action: 'ecs:RegisterTaskDefinition', slot: 'task' }, { action: 'ecs:CreateService', slot: 'service' }] }),
  passRole({ id: 'ecs-cluster-run-task', title: 'create an ECS cluster and a task definition with the role as task role, and run it', gains: "the attacker's container runs with the role's credentials", pathfinding: ['ecs-002'], service: 'ecs-tasks.amazonaws.com', slots: { cluster: { kind: 'new', type: 'ecs:cluster' }, task: { kind: 'new', type: 'ecs:task-definition' } }, actions: [{ action: 'ecs:CreateCluster', slot: 'cluster' }, { action: 'ecs:RegisterTaskDefinition', slot: 'task' }, { action: 'ecs:RunTask', slot: 'task' }] }),
  passRole({ id: 'ecs-service', title: 'register a task definition with the role as task role, and create a service running it', gains: "the attacker's container runs with the role's credentials", pathfinding: ['ecs-003'], service: 'ecs-tasks.amazonaws.com', slots: { task: { kind: 'new', type: 'ecs:task-definition' }, service: { kind: 'new', type: 'ecs:service' } }, actions: [{ action: 'ecs:RegisterTaskDefinition', slot: 'task' }, { action: 'ecs:CreateService', slot: 'service' }] }),
  passRole({ id: 'ecs-run-task', title: 'register a task definition with the role as task role, and run it', gains: "the attacker's container runs with the role's credentials", pathfinding: ['ecs-004'], service: 'ecs-tasks.amazonaws.com', slots: { task: { kind: 'new', type: 'ecs:task-definition' } }, actions: [{ action: 'ecs:RegisterTaskDefinition', slot: 'task' }, { action: 'ecs:RunTask', slot: 'task' }] }),
  passRole({ id: 'ecs-start-task', title: 'register a task definition with the role as task role, and start it on a container instance', gains: "the attacker's container runs with the role's credentials", pathfinding: ['ecs-005'], service: 'ecs-tasks.amazonaws.com', slots: { task: { kind: 'new', type: 'ecs:task-definition' } }, actions: [{ action: 'ecs:RegisterTaskDefinition', slot: 'task' }, { action: 'ecs:StartTask', slot: 'task' }] }),
  passRole({ id: 'datapipeline-create', title: 'create and activate a Data Pipeline that runs as the role', gains: "the attacker's commands run with the role's credentials", pathfinding: ['datapipeline-001'], service: 'datapipeline.amazonaws.com', slots: { create: none, pipeline: { kind: 'new', type: 'datapipeline:pipeline' } }, actions: [{ action: 'datapipeline:CreatePipeline', slot: 'create' }, { action: 'datapipeline:PutPipelineDefinition', slot: 'pipeline' }, { action: 'datapipeline:ActivatePipeline', slot: 'pipeline' }] }),
  passRole({ id: 'apprunner-create-service', title: 'create an App Runner service with the role as instance role', gains: "the attacker's container runs with the role's credentials", pathfinding: ['apprunner-001'], service: 'tasks.apprunner.amazonaws.com', slots: { service: { kind: 'new', type: 'apprunner:service' } }, actions: [{ action: 'apprunner:CreateService', slot: 'service' }] }),
  passRole({ id: 'bedrock-code-interpreter', title: 'create a Bedrock AgentCore code interpreter with the role as execution role, and run code in it', gains: "the attacker's code runs with the role's credentials", pathfinding: ['bedrock-001'], service: 'bedrock-agentcore.amazonaws.com', slots: { create: none, interpreter: { kind: 'new', type: 'bedrock-agentcore:code-interpreter-custom' } }, actions: [{ action: 'bedrock-agentcore:CreateCodeInterpreter', slot: 'create' }, { action: 'bedrock-agentcore:StartCodeInterpreterSession', slot: 'interpreter' }, { action: 'bedrock-agentcore:InvokeCodeInterpreter', slot: 'interpreter' }] }),

  // --- Existing workloads of other services ------------------------------------------------------
  onWorkload({ id: 'lambda-update-function-code', title: "replace an existing Lambda function's code", gains: "the attacker's code runs with the function's role at its next invocation", pathfinding: ['lambda-003'], workload: 'AWS::Lambda::Function', slots: { fn: workload }, actions: [{ action: 'lambda:UpdateFunctionCode', slot: 'fn' }, { action: 'lambda:InvokeFunction', slot: 'fn', optional: true }] }),
  onWorkload({ id: 'ec2-modify-user-data', title: "rewrite an existing instance's user data and restart it", gains: "the attacker's script runs with the instance role at boot", pathfinding: ['ec2-002'], workload: 'AWS::EC2::Instance', slots: { instance: workload }, actions: [{ action: 'ec2:ModifyInstanceAttribute', slot: 'instance' }, { action: 'ec2:StopInstances', slot: 'instance' }, { action: 'ec2:StartInstances', slot: 'instance' }] }),
  onWorkload({ id: 'ssm-start-session', title: 'open a Session Manager shell on an existing instance', gains: "a shell with the instance role's credentials", pathfinding: ['ssm-001'], workload: 'AWS::EC2::Instance', slots: { instance: workload }, actions: [{ action: 'ssm:StartSession', slot: 'instance' }], note: 'needs the SSM agent on the instance' }),
  onWorkload({ id: 'ssm-send-command', title: 'run a shell command on an existing instance with Run Command', gains: "commands run with the instance role's credentials", pathfinding: ['ssm-002'], workload: 'AWS::EC2::Instance', slots: { instance: workload, document: { kind: 'fixed', template: 'arn:${Partition}:ssm:${Region}::document/AWS-RunShellScript' } }, actions: [{ action: 'ssm:SendCommand', slot: 'document' }, { action: 'ssm:SendCommand', slot: 'instance' }], note: 'needs the SSM agent on the instance' }),
  onWorkload({ id: 'ec2-instance-connect', title: 'push an SSH key to an existing instance with EC2 Instance Connect', gains: "a shell with the instance role's credentials", pathfinding: ['ec2instanceconnect-003'], workload: 'AWS::EC2::Instance', slots: { instance: workload, describe: none }, actions: [{ action: 'ec2:DescribeInstances', slot: 'describe' }, { action: 'ec2-instance-connect:SendSSHPublicKey', slot: 'instance' }], note: 'needs network reach to the instance' }),
  onWorkload({ id: 'glue-update-dev-endpoint', title: 'add an SSH key to an existing Glue development endpoint', gains: "an SSH shell with the endpoint role's credentials", pathfinding: ['glue-002'], workload: 'AWS::Glue::DevEndpoint', slots: { endpoint: workload }, actions: [{ action: 'glue:UpdateDevEndpoint', slot: 'endpoint' }] }),
  onWorkload({ id: 'codebuild-start-build', title: 'start a build of an existing CodeBuild project with a buildspec override', gains: "the attacker's buildspec runs with the project's role", pathfinding: ['codebuild-002'], workload: 'AWS::CodeBuild::Project', slots: { project: workload }, actions: [{ action: 'codebuild:StartBuild', slot: 'project' }] }),
  onWorkload({ id: 'codebuild-start-build-batch', title: 'start a batch build of an existing CodeBuild project with a buildspec override', gains: "the attacker's buildspec runs with the project's role", pathfinding: ['codebuild-003'], workload: 'AWS::CodeBuild::Project', slots: { project: workload }, actions: [{ action: 'codebuild:StartBuildBatch', slot: 'project' }] }),
  onWorkload({ id: 'cloudformation-update-stack', title: "update an existing stack that has a service role with the attacker's template", gains: 'any resource the stack role may create', pathfinding: ['cloudformation-002'], workload: 'AWS::CloudFormation::Stack', slots: { stack: workload }, actions: [{ action: 'cloudformation:UpdateStack', slot: 'stack' }] }),
  onWorkload({ id: 'cloudformation-change-set', title: "create and execute a change set on an existing stack that has a service role", gains: 'any resource the stack role may create', pathfinding: ['cloudformation-005'], workload: 'AWS::CloudFormation::Stack', slots: { stack: workload }, actions: [{ action: 'cloudformation:CreateChangeSet', slot: 'stack' }, { action: 'cloudformation:ExecuteChangeSet', slot: 'stack' }] }),
  onWorkload({ id: 'apprunner-update-service', title: "update an existing App Runner service to run the attacker's code", gains: "the attacker's code runs with the service's instance role", pathfinding: ['apprunner-002'], workload: 'AWS::AppRunner::Service', slots: { service: workload }, actions: [{ action: 'apprunner:UpdateService', slot: 'service' }] }),
  onWorkload({ id: 'bedrock-existing-code-interpreter', title: 'run code in an existing Bedrock AgentCore code interpreter', gains: "the attacker's code runs with the interpreter's execution role", pathfinding: ['bedrock-002'], workload: 'AWS::BedrockAgentCore::CodeInterpreter', slots: { interpreter: workload }, actions: [{ action: 'bedrock-agentcore:StartCodeInterpreterSession', slot: 'interpreter' }, { action: 'bedrock-agentcore:InvokeCodeInterpreter', slot: 'interpreter' }] }),
];

/**
 * pathfinding.cloud paths that are not a technique of their own, and why: they are found as
 * combinations of techniques (a change, then a way in), or need more than a technique has.
 */
export const COMPOSED_PATHS: Readonly<Record<string, string>> = {
  'iam-003': 'iam-create-access-key (deleting a key first only matters when the user already has two)',
  'iam-014': 'iam-attach-role-policy on a role, then sts-assume-role into it',
  'iam-015': 'iam-attach-user-policy on a user, then iam-create-access-key for it',
  'iam-016': 'iam-create-policy-version on a policy of a role, then sts-assume-role into it',
  'iam-017': 'iam-put-role-policy on a role, then sts-assume-role into it',
  'iam-018': 'iam-put-user-policy on a user, then iam-create-access-key for it',
  'iam-019': 'iam-attach-role-policy on a role, then iam-update-assume-role-policy into it',
  'iam-020': 'iam-create-policy-version on a policy of a role, then iam-update-assume-role-policy into it',
  'iam-021': 'iam-put-role-policy on a role, then iam-update-assume-role-policy into it',
  'lambda-004': 'lambda-update-function-code (InvokeFunction is shown when allowed)',
  'lambda-005': 'lambda-update-function-code (the attacker may invoke through AddPermission instead of waiting)',
  'ec2-004': 'not modelled: needs the launch templates and Auto Scaling groups that use them',
};
