// The CIS AWS Foundations Benchmark's CloudWatch metric filters (v1.2.0 section 3, v1.4.0 section 4),
// as named patterns with the canonical CloudTrail events that judge any pattern deployed for the
// same control: events it must match and events it must not match. Posture rules evaluate a
// deployed pattern against these events instead of comparing its text with the benchmark's.

/** A CloudTrail record that a control's metric filter must (or must not) match. */
export interface CanonicalEvent {
  /** How findings name it: `iam:DeleteRolePolicy`, `S3 AccessDenied`. */
  name: string;
  event: Record<string, unknown>;
}

export interface CisMetricFilter {
  /** Stable id: `unauthorized-api-calls`, `root-usage`, … */
  id: string;
  /** What the filter watches, for sentences: "unauthorized API calls". */
  subject: string;
  /** Benchmark controls: `CIS AWS Foundations v1.4.0 4.1`. */
  cis: string[];
  /** The AWS Security Hub control that checks the same filter. */
  securityHub?: string;
  /** Prowler's check for the same filter. */
  prowler: string;
  /** The pattern as the benchmark (v1.4.0 where it changed) writes it. */
  pattern: string;
  /** Earlier benchmark texts, still accepted by the canonical events. */
  variants: { source: string; pattern: string }[];
  mustMatch: CanonicalEvent[];
  mustNotMatch: CanonicalEvent[];
  /** What a reader of the benchmark text should know about how CloudWatch evaluates it. */
  note?: string;
}

const ACCOUNT = '123456789012';
const ROLE = { type: 'AssumedRole', principalId: 'AROAEXAMPLE:session', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ml-engineer/session`, accountId: ACCOUNT };
const USER = { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userName: 'alice' };
const ROOT = { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };

/** A management API call as CloudTrail records it. */
function call(service: string, eventName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: ROLE,
    eventTime: '2024-08-02T08:53:24Z',
    eventSource: `${service}.amazonaws.com`,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    requestID: '5c8e9f3a-0000-4000-8000-000000000001',
    eventID: '5c8e9f3a-0000-4000-8000-000000000002',
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...extra,
  };
}

/** A console sign-in (signin.amazonaws.com records these; errorMessage is set on failures). */
function signIn(identity: Record<string, unknown>, result: 'Success' | 'Failure', mfa: 'Yes' | 'No'): Record<string, unknown> {
  return call('signin', 'ConsoleLogin', {
    userIdentity: identity,
    eventType: 'AwsConsoleSignIn',
    responseElements: { ConsoleLogin: result },
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: mfa },
    ...(result === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
  });
}

/** One canonical event per API the control names: `service:EventName`. */
function calls(service: string, names: string[]): CanonicalEvent[] {
  return names.map((n) => ({ name: `${service}:${n}`, event: call(service, n) }));
}

/** The `||` chain the benchmark writes for a list of event names, optionally scoped to a service. */
function eventNamePattern(names: string[], quoted = false, source?: string): string {
  const alternatives = names.map((n) => `($.eventName = ${quoted ? `"${n}"` : n})`).join(' || ');
  return source ? `{ ($.eventSource = ${source}) && (${alternatives}) }` : `{ ${alternatives} }`;
}

const IAM_POLICY_EVENTS = [
  'DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy',
  'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
];
const CLOUDTRAIL_EVENTS = ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'];
const KMS_EVENTS = ['DisableKey', 'ScheduleKeyDeletion'];
const S3_POLICY_EVENTS = ['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication'];
const CONFIG_EVENTS = ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'];
const SECURITY_GROUP_EVENTS = ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup'];
const NACL_EVENTS = ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'];
const GATEWAY_EVENTS = ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'];
const ROUTE_TABLE_EVENTS = ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'];
const VPC_EVENTS = [
  'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection',
  'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink',
];
const ORGANIZATIONS_EVENTS = [
  'AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit',
  'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount',
  'RemoveAccountFromOrganization', 'UpdatePolicy', 'UpdateOrganizationalUnit',
];

/** Ordinary traffic no control's filter should count: an alarm that fires on it is ignored. */
const ORDINARY: CanonicalEvent[] = [
  { name: 'a successful call', event: call('sagemaker', 'DescribeEndpoint', { readOnly: true }) },
  { name: 's3:PutObject (a data write)', event: call('s3', 'PutObject', { eventCategory: 'Data', managementEvent: false }) },
];

const cis = (v12: string | undefined, v14: string): string[] => [...(v12 ? [`CIS AWS Foundations v1.2.0 ${v12}`] : []), `CIS AWS Foundations v1.4.0 ${v14}`];

export const CIS_METRIC_FILTERS: readonly CisMetricFilter[] = [
  {
    id: 'unauthorized-api-calls',
    subject: 'unauthorized API calls',
    cis: cis('3.1', '4.1'),
    securityHub: 'CloudWatch.2',
    prowler: 'cloudwatch_log_metric_filter_unauthorized_api_calls',
    pattern: '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
    variants: [{ source: 'CIS AWS Foundations v1.2.0 3.1', pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }' }],
    mustMatch: [
      { name: 'S3 AccessDenied', event: call('s3', 'GetObject', { errorCode: 'AccessDenied', errorMessage: 'Access Denied', eventCategory: 'Data', managementEvent: false }) },
      { name: 'AccessDeniedException (JSON APIs such as SageMaker)', event: call('sagemaker', 'CreatePresignedNotebookInstanceUrl', { userIdentity: USER, errorCode: 'AccessDeniedException', errorMessage: 'User is not authorized to perform: sagemaker:CreatePresignedNotebookInstanceUrl' }) },
      { name: 'EC2 Client.UnauthorizedOperation', event: call('ec2', 'RunInstances', { errorCode: 'Client.UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.' }) },
    ],
    mustNotMatch: [ORDINARY[0]!, { name: 'a ThrottlingException', event: call('sagemaker', 'ListModels', { errorCode: 'ThrottlingException', readOnly: true }) }],
    note:
      '&& binds tighter than ||, so in the v1.4.0 text the exclusions of log delivery and HeadBucket apply only to AccessDenied*, ' +
      'not to *UnauthorizedOperation; write { (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && … } if both are meant.',
  },
  {
    id: 'console-login-without-mfa',
    subject: 'console sign-ins without MFA',
    cis: cis('3.2', '4.2'),
    securityHub: 'CloudWatch.3',
    prowler: 'cloudwatch_log_metric_filter_sign_in_without_mfa',
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    variants: [{ source: 'CIS AWS Foundations v1.2.0 3.2', pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }' }],
    mustMatch: [{ name: 'an IAM user signing in to the console without MFA', event: signIn(USER, 'Success', 'No') }],
    mustNotMatch: [{ name: 'a console sign-in with MFA', event: signIn(USER, 'Success', 'Yes') }, ORDINARY[0]!],
  },
  {
    id: 'root-usage',
    subject: 'use of the root user',
    cis: cis('3.3', '4.3'),
    securityHub: 'CloudWatch.1',
    prowler: 'cloudwatch_log_metric_filter_root_usage',
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    variants: [],
    mustMatch: [
      { name: 'a root console sign-in', event: signIn(ROOT, 'Success', 'Yes') },
      { name: 'a root API call (iam:CreateAccessKey)', event: call('iam', 'CreateAccessKey', { userIdentity: ROOT }) },
    ],
    mustNotMatch: [
      { name: 'an AWS service acting for the root user', event: call('iam', 'GetAccountSummary', { userIdentity: { ...ROOT, invokedBy: 'support.amazonaws.com' }, readOnly: true }) },
      { name: 'an AwsServiceEvent on the root user', event: call('sts', 'AssumeRole', { userIdentity: ROOT, eventType: 'AwsServiceEvent' }) },
      { name: 'an IAM user call', event: call('iam', 'CreateAccessKey', { userIdentity: USER }) },
    ],
  },
  {
    id: 'iam-policy-changes',
    subject: 'IAM policy changes',
    cis: cis('3.4', '4.4'),
    securityHub: 'CloudWatch.4',
    prowler: 'cloudwatch_log_metric_filter_policy_changes',
    pattern: `{${IAM_POLICY_EVENTS.map((n) => `($.eventName=${n})`).join('||')}}`,
    variants: [],
    mustMatch: calls('iam', IAM_POLICY_EVENTS),
    mustNotMatch: [...calls('iam', ['GetPolicy', 'ListAttachedRolePolicies']), ORDINARY[1]!],
  },
  {
    id: 'cloudtrail-changes',
    subject: 'CloudTrail configuration changes',
    cis: cis('3.5', '4.5'),
    securityHub: 'CloudWatch.5',
    prowler: 'cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled',
    pattern: eventNamePattern(CLOUDTRAIL_EVENTS),
    variants: [],
    mustMatch: calls('cloudtrail', CLOUDTRAIL_EVENTS),
    mustNotMatch: [...calls('cloudtrail', ['DescribeTrails', 'GetTrailStatus']), ORDINARY[0]!],
  },
  {
    id: 'console-authentication-failures',
    subject: 'console authentication failures',
    cis: cis('3.6', '4.6'),
    securityHub: 'CloudWatch.6',
    prowler: 'cloudwatch_log_metric_filter_authentication_failures',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    variants: [],
    mustMatch: [{ name: 'a failed console sign-in', event: signIn(USER, 'Failure', 'No') }],
    mustNotMatch: [{ name: 'a successful console sign-in', event: signIn(USER, 'Success', 'Yes') }, ORDINARY[0]!],
  },
  {
    id: 'kms-key-disable-or-deletion',
    subject: 'KMS keys disabled or scheduled for deletion',
    cis: cis('3.7', '4.7'),
    securityHub: 'CloudWatch.7',
    prowler: 'cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk',
    pattern: '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
    variants: [],
    mustMatch: calls('kms', KMS_EVENTS),
    mustNotMatch: [...calls('kms', ['EnableKey', 'Decrypt', 'CancelKeyDeletion']), ORDINARY[0]!],
  },
  {
    id: 's3-bucket-policy-changes',
    subject: 'S3 bucket policy changes',
    cis: cis('3.8', '4.8'),
    securityHub: 'CloudWatch.8',
    prowler: 'cloudwatch_log_metric_filter_for_s3_bucket_policy_changes',
    pattern: eventNamePattern(S3_POLICY_EVENTS, false, 's3.amazonaws.com'),
    variants: [],
    mustMatch: calls('s3', S3_POLICY_EVENTS),
    mustNotMatch: [...calls('s3', ['GetBucketPolicy']), ORDINARY[1]!],
  },
  {
    id: 'config-changes',
    subject: 'AWS Config configuration changes',
    cis: cis('3.9', '4.9'),
    securityHub: 'CloudWatch.9',
    prowler: 'cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled',
    pattern: '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
    variants: [],
    mustMatch: calls('config', CONFIG_EVENTS),
    mustNotMatch: [...calls('config', ['DescribeConfigurationRecorders']), ORDINARY[0]!],
  },
  {
    id: 'security-group-changes',
    subject: 'security group changes',
    cis: cis('3.10', '4.10'),
    securityHub: 'CloudWatch.10',
    prowler: 'cloudwatch_log_metric_filter_security_group_changes',
    pattern: eventNamePattern(SECURITY_GROUP_EVENTS),
    variants: [],
    mustMatch: calls('ec2', SECURITY_GROUP_EVENTS),
    mustNotMatch: [...calls('ec2', ['DescribeSecurityGroups']), ORDINARY[0]!],
  },
  {
    id: 'nacl-changes',
    subject: 'network ACL changes',
    cis: cis('3.11', '4.11'),
    securityHub: 'CloudWatch.11',
    prowler: 'cloudwatch_changes_to_network_acls_alarm_configured',
    pattern: eventNamePattern(NACL_EVENTS),
    variants: [],
    mustMatch: calls('ec2', NACL_EVENTS),
    mustNotMatch: [...calls('ec2', ['DescribeNetworkAcls']), ORDINARY[0]!],
  },
  {
    id: 'network-gateway-changes',
    subject: 'network gateway changes',
    cis: cis('3.12', '4.12'),
    securityHub: 'CloudWatch.12',
    prowler: 'cloudwatch_changes_to_network_gateways_alarm_configured',
    pattern: eventNamePattern(GATEWAY_EVENTS),
    variants: [],
    mustMatch: calls('ec2', GATEWAY_EVENTS),
    mustNotMatch: [...calls('ec2', ['DescribeInternetGateways']), ORDINARY[0]!],
  },
  {
    id: 'route-table-changes',
    subject: 'route table changes',
    cis: cis('3.13', '4.13'),
    securityHub: 'CloudWatch.13',
    prowler: 'cloudwatch_changes_to_network_route_tables_alarm_configured',
    pattern: eventNamePattern(ROUTE_TABLE_EVENTS, false, 'ec2.amazonaws.com'),
    variants: [{ source: 'CIS AWS Foundations v1.2.0 3.13', pattern: eventNamePattern(ROUTE_TABLE_EVENTS) }],
    mustMatch: calls('ec2', ROUTE_TABLE_EVENTS),
    mustNotMatch: [...calls('ec2', ['DescribeRouteTables']), ORDINARY[0]!],
  },
  {
    id: 'vpc-changes',
    subject: 'VPC changes',
    cis: cis('3.14', '4.14'),
    securityHub: 'CloudWatch.14',
    prowler: 'cloudwatch_changes_to_vpcs_alarm_configured',
    pattern: eventNamePattern(VPC_EVENTS),
    variants: [],
    mustMatch: calls('ec2', VPC_EVENTS),
    mustNotMatch: [...calls('ec2', ['DescribeVpcs']), ORDINARY[0]!],
  },
  {
    id: 'organizations-changes',
    subject: 'AWS Organizations changes',
    cis: cis(undefined, '4.15'),
    prowler: 'cloudwatch_log_metric_filter_aws_organizations_changes',
    pattern: eventNamePattern(ORGANIZATIONS_EVENTS, true, 'organizations.amazonaws.com'),
    variants: [],
    mustMatch: calls('organizations', ORGANIZATIONS_EVENTS),
    mustNotMatch: [...calls('organizations', ['DescribeOrganization', 'ListAccounts']), ...calls('iam', ['CreatePolicy'])],
  },
];

/** The CIS metric filter with this id; throws for an unknown id (a programming error). */
export function cisMetricFilter(id: string): CisMetricFilter {
  const f = CIS_METRIC_FILTERS.find((c) => c.id === id);
  if (!f) throw new Error(`no CIS metric filter "${id}"`);
  return f;
}
