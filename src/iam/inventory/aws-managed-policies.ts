/**
 * AWS-managed policies that matter for ML stacks, with their documents, so that a role with
 * `arn:aws:iam::aws:policy/AmazonSageMakerFullAccess` can be evaluated like any other. The
 * documents are AWS's default versions as published by `iam get-policy-version` (mirrored daily by
 * the IAMTrail / MAMIP projects, https://github.com/zoph-io/IAMTrail) and listed in the AWS Managed
 * Policy Reference (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/). A policy not
 * in this table is reported as unknown, never guessed.
 *
 * `ReadOnlyAccess` (150 kB, every service) is kept as an excerpt: the statements for the services
 * listed in `services`, exactly as published. For any other service it is unknown.
 */

export interface AwsManagedPolicy {
  name: string;
  /** The default version this document is. */
  version: string;
  /** When AWS created that version. */
  date: string;
  document: { Version: string; Statement: Record<string, unknown>[] };
  /** For excerpts: the (lower-case) services whose statements are transcribed. */
  services?: readonly string[];
}

const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });

const ADMINISTRATOR_ACCESS: AwsManagedPolicy = {
  name: 'AdministratorAccess',
  version: 'v1',
  date: '2015-02-06',
  document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
};

const POWER_USER_ACCESS: AwsManagedPolicy = {
  name: 'PowerUserAccess',
  version: 'v12',
  date: '2026-02-12',
  document: doc(
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    {
      Effect: 'Allow',
      Action: [
        'account:GetAccountInformation', 'account:GetGovCloudAccountInformation', 'account:GetPrimaryEmail', 'account:ListRegions',
        'iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles',
        'organizations:DescribeEffectivePolicy', 'organizations:DescribeOrganization',
      ],
      Resource: '*',
    },
  ),
};

const IAM_FULL_ACCESS: AwsManagedPolicy = {
  name: 'IAMFullAccess',
  version: 'v2',
  date: '2019-06-21',
  document: doc({
    Effect: 'Allow',
    Action: [
      'iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit',
      'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget',
      'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy',
    ],
    Resource: '*',
  }),
};

const AMAZON_S3_FULL_ACCESS: AwsManagedPolicy = {
  name: 'AmazonS3FullAccess',
  version: 'v2',
  date: '2021-09-27',
  document: doc({ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }),
};

const AMAZON_S3_READ_ONLY_ACCESS: AwsManagedPolicy = {
  name: 'AmazonS3ReadOnlyAccess',
  version: 'v3',
  date: '2023-08-10',
  document: doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }),
};

const AMAZON_EC2_CONTAINER_REGISTRY_FULL_ACCESS: AwsManagedPolicy = {
  name: 'AmazonEC2ContainerRegistryFullAccess',
  version: 'v3',
  date: '2020-12-05',
  document: doc(
    { Effect: 'Allow', Action: ['ecr:*', 'cloudtrail:LookupEvents'], Resource: '*' },
    { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole'], Resource: '*', Condition: { StringEquals: { 'iam:AWSServiceName': ['replication.ecr.amazonaws.com'] } } },
  ),
};

const AMAZON_SAGEMAKER_READ_ONLY: AwsManagedPolicy = {
  name: 'AmazonSageMakerReadOnly',
  version: 'v11',
  date: '2021-12-01',
  document: doc(
    {
      Effect: 'Allow',
      Action: [
        'sagemaker:Describe*', 'sagemaker:List*', 'sagemaker:BatchGetMetrics', 'sagemaker:GetDeviceRegistration', 'sagemaker:GetDeviceFleetReport',
        'sagemaker:GetSearchSuggestions', 'sagemaker:BatchGetRecord', 'sagemaker:GetRecord', 'sagemaker:Search', 'sagemaker:QueryLineage',
        'sagemaker:GetLineageGroupPolicy', 'sagemaker:BatchDescribeModelPackage', 'sagemaker:GetModelPackageGroupPolicy',
      ],
      Resource: '*',
    },
    {
      Effect: 'Allow',
      Action: [
        'application-autoscaling:DescribeScalableTargets', 'application-autoscaling:DescribeScalingActivities', 'application-autoscaling:DescribeScalingPolicies',
        'application-autoscaling:DescribeScheduledActions', 'aws-marketplace:ViewSubscriptions', 'cloudwatch:DescribeAlarms', 'cognito-idp:DescribeUserPool',
        'cognito-idp:DescribeUserPoolClient', 'cognito-idp:ListGroups', 'cognito-idp:ListIdentityProviders', 'cognito-idp:ListUserPoolClients',
        'cognito-idp:ListUserPools', 'cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup', 'ecr:Describe*',
      ],
      Resource: '*',
    },
  ),
};

/** Excerpt: the statements' actions for IAM, KMS, CloudWatch Logs, S3 and SageMaker (all `Resource: "*"`, all Allow). */
const READ_ONLY_ACCESS: AwsManagedPolicy = {
  name: 'ReadOnlyAccess',
  version: 'v178',
  date: '2026-02-12',
  services: ['iam', 'kms', 'logs', 's3', 'sagemaker'],
  document: doc({
    Sid: 'ReadOnlyActionsExcerpt',
    Effect: 'Allow',
    Action: [
      'iam:Generate*', 'iam:Get*', 'iam:List*', 'iam:Simulate*',
      'kms:Describe*', 'kms:Get*', 'kms:List*',
      'logs:Describe*', 'logs:FilterLogEvents', 'logs:Get*', 'logs:ListAnomalies', 'logs:ListEntitiesForLogGroup', 'logs:ListIntegrations',
      'logs:ListLogAnomalyDetectors', 'logs:ListLogDeliveries', 'logs:ListLogGroupsForEntity', 'logs:ListLogGroupsForQuery', 'logs:ListTagsForResource',
      'logs:ListTagsLogGroup', 'logs:StartLiveTail', 'logs:StartQuery', 'logs:StopLiveTail', 'logs:StopQuery', 'logs:TestMetricFilter',
      'logs:ListAggregateLogGroupSummaries', 'logs:ListSourcesForS3TableIntegration', 'logs:ListScheduledQueries',
      's3:DescribeJob', 's3:Get*', 's3:List*',
      'sagemaker:Describe*', 'sagemaker:GetSearchSuggestions', 'sagemaker:List*', 'sagemaker:Search',
    ],
    Resource: '*',
  }),
};

const AMAZON_SAGEMAKER_FULL_ACCESS: AwsManagedPolicy = {
  name: 'AmazonSageMakerFullAccess',
  version: 'v29',
  date: '2026-02-12',
  document: doc(
    {
      Sid: 'AllowAllNonAdminSageMakerActions',
      Effect: 'Allow',
      Action: ['sagemaker:*', 'sagemaker-geospatial:*'],
      NotResource: [
        'arn:aws:sagemaker:*:*:domain/*', 'arn:aws:sagemaker:*:*:user-profile/*', 'arn:aws:sagemaker:*:*:app/*', 'arn:aws:sagemaker:*:*:space/*',
        'arn:aws:sagemaker:*:*:partner-app/*', 'arn:aws:sagemaker:*:*:flow-definition/*', 'arn:aws:sagemaker:*:*:training-plan/*',
        'arn:aws:sagemaker:*:*:reserved-capacity/*',
      ],
    },
    {
      Sid: 'AllowAddTagsForSpace',
      Effect: 'Allow',
      Action: ['sagemaker:AddTags'],
      Resource: ['arn:aws:sagemaker:*:*:space/*'],
      Condition: { StringEquals: { 'sagemaker:TaggingAction': 'CreateSpace' } },
    },
    { Sid: 'AllowAddTagsForApp', Effect: 'Allow', Action: ['sagemaker:AddTags'], Resource: ['arn:aws:sagemaker:*:*:app/*'] },
    {
      Sid: 'AllowUseOfTrainingPlanResources',
      Effect: 'Allow',
      Action: ['sagemaker:CreateTrainingJob', 'sagemaker:CreateCluster', 'sagemaker:UpdateCluster', 'sagemaker:DescribeTrainingPlan'],
      Resource: ['arn:aws:sagemaker:*:*:training-plan/*', 'arn:aws:sagemaker:*:*:reserved-capacity/*'],
    },
    {
      Sid: 'AllowStudioActions',
      Effect: 'Allow',
      Action: [
        'sagemaker:CreatePresignedDomainUrl', 'sagemaker:DescribeDomain', 'sagemaker:ListDomains', 'sagemaker:DescribeUserProfile', 'sagemaker:ListUserProfiles',
        'sagemaker:DescribeSpace', 'sagemaker:ListSpaces', 'sagemaker:DescribeApp', 'sagemaker:ListApps',
      ],
      Resource: '*',
    },
    {
      Sid: 'AllowAppActionsForUserProfile',
      Effect: 'Allow',
      Action: ['sagemaker:CreateApp', 'sagemaker:DeleteApp'],
      Resource: 'arn:aws:sagemaker:*:*:app/*/*/*/*',
      Condition: { Null: { 'sagemaker:OwnerUserProfileArn': 'true' } },
    },
    {
      Sid: 'AllowAppActionsForSharedSpaces',
      Effect: 'Allow',
      Action: ['sagemaker:CreateApp', 'sagemaker:DeleteApp'],
      Resource: 'arn:aws:sagemaker:*:*:app/${sagemaker:DomainId}/*/*/*',
      Condition: { StringEquals: { 'sagemaker:SpaceSharingType': ['Shared'] } },
    },
    {
      Sid: 'AllowMutatingActionsOnSharedSpacesWithoutOwner',
      Effect: 'Allow',
      Action: ['sagemaker:CreateSpace', 'sagemaker:UpdateSpace', 'sagemaker:DeleteSpace'],
      Resource: 'arn:aws:sagemaker:*:*:space/${sagemaker:DomainId}/*',
      Condition: { Null: { 'sagemaker:OwnerUserProfileArn': 'true' } },
    },
    {
      Sid: 'RestrictMutatingActionsOnSpacesToOwnerUserProfile',
      Effect: 'Allow',
      Action: ['sagemaker:CreateSpace', 'sagemaker:UpdateSpace', 'sagemaker:DeleteSpace'],
      Resource: 'arn:aws:sagemaker:*:*:space/${sagemaker:DomainId}/*',
      Condition: {
        ArnLike: { 'sagemaker:OwnerUserProfileArn': 'arn:aws:sagemaker:*:*:user-profile/${sagemaker:DomainId}/${sagemaker:UserProfileName}' },
        StringEquals: { 'sagemaker:SpaceSharingType': ['Private', 'Shared'] },
      },
    },
    {
      Sid: 'RestrictMutatingActionsOnPrivateSpaceAppsToOwnerUserProfile',
      Effect: 'Allow',
      Action: ['sagemaker:CreateApp', 'sagemaker:DeleteApp'],
      Resource: 'arn:aws:sagemaker:*:*:app/${sagemaker:DomainId}/*/*/*',
      Condition: {
        ArnLike: { 'sagemaker:OwnerUserProfileArn': 'arn:aws:sagemaker:*:*:user-profile/${sagemaker:DomainId}/${sagemaker:UserProfileName}' },
        StringEquals: { 'sagemaker:SpaceSharingType': ['Private'] },
      },
    },
    {
      Sid: 'AllowFlowDefinitionActions',
      Effect: 'Allow',
      Action: 'sagemaker:*',
      Resource: ['arn:aws:sagemaker:*:*:flow-definition/*'],
      Condition: { StringEqualsIfExists: { 'sagemaker:WorkteamType': ['private-crowd', 'vendor-crowd'] } },
    },
    {
      Sid: 'AllowAWSServiceActions',
      Effect: 'Allow',
      Action: [
        'application-autoscaling:DeleteScalingPolicy', 'application-autoscaling:DeleteScheduledAction', 'application-autoscaling:DeregisterScalableTarget',
        'application-autoscaling:DescribeScalableTargets', 'application-autoscaling:DescribeScalingActivities', 'application-autoscaling:DescribeScalingPolicies',
        'application-autoscaling:DescribeScheduledActions', 'application-autoscaling:PutScalingPolicy', 'application-autoscaling:PutScheduledAction',
        'application-autoscaling:RegisterScalableTarget', 'aws-marketplace:ViewSubscriptions', 'cloudformation:GetTemplateSummary', 'cloudwatch:DeleteAlarms',
        'cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricData', 'cloudwatch:GetMetricStatistics', 'cloudwatch:ListMetrics', 'cloudwatch:PutMetricAlarm',
        'cloudwatch:PutMetricData', 'codecommit:BatchGetRepositories', 'codecommit:CreateRepository', 'codecommit:GetRepository', 'codecommit:List*',
        'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminEnableUser', 'cognito-idp:AdminRemoveUserFromGroup', 'cognito-idp:CreateGroup', 'cognito-idp:CreateUserPool',
        'cognito-idp:CreateUserPoolClient', 'cognito-idp:CreateUserPoolDomain', 'cognito-idp:DescribeUserPool', 'cognito-idp:DescribeUserPoolClient',
        'cognito-idp:List*', 'cognito-idp:UpdateUserPool', 'cognito-idp:UpdateUserPoolClient', 'ec2:CreateNetworkInterface',
        'ec2:CreateNetworkInterfacePermission', 'ec2:CreateVpcEndpoint', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission',
        'ec2:DescribeDhcpOptions', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeRouteTables', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets',
        'ec2:DescribeVpcEndpoints', 'ec2:DescribeVpcs', 'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:CreateRepository', 'ecr:Describe*',
        'ecr:GetAuthorizationToken', 'ecr:GetDownloadUrlForLayer', 'ecr:StartImageScan', 'elastic-inference:Connect', 'elasticfilesystem:DescribeFileSystems',
        'elasticfilesystem:DescribeMountTargets', 'fsx:DescribeFileSystems', 'glue:CreateJob', 'glue:DeleteJob', 'glue:GetJob*', 'glue:GetTable*',
        'glue:GetWorkflowRun', 'glue:ResetJobBookmark', 'glue:StartJobRun', 'glue:StartWorkflowRun', 'glue:UpdateJob', 'groundtruthlabeling:*',
        'iam:ListRoles', 'kms:DescribeKey', 'kms:ListAliases', 'lambda:ListFunctions', 'logs:CreateLogDelivery', 'logs:CreateLogGroup',
        'logs:CreateLogStream', 'logs:DeleteLogDelivery', 'logs:Describe*', 'logs:GetLogDelivery', 'logs:GetLogEvents', 'logs:ListLogDeliveries',
        'logs:PutLogEvents', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery', 'robomaker:CreateSimulationApplication',
        'robomaker:DescribeSimulationApplication', 'robomaker:DeleteSimulationApplication', 'robomaker:CreateSimulationJob', 'robomaker:DescribeSimulationJob',
        'robomaker:CancelSimulationJob', 'secretsmanager:ListSecrets', 'servicecatalog:Describe*', 'servicecatalog:List*',
        'servicecatalog:ScanProvisionedProducts', 'servicecatalog:SearchProducts', 'servicecatalog:SearchProvisionedProducts', 'sns:ListTopics',
        'tag:GetResources',
      ],
      Resource: '*',
    },
    {
      Sid: 'AllowECRActions',
      Effect: 'Allow',
      Action: [
        'ecr:SetRepositoryPolicy', 'ecr:CompleteLayerUpload', 'ecr:BatchDeleteImage', 'ecr:UploadLayerPart', 'ecr:DeleteRepositoryPolicy',
        'ecr:InitiateLayerUpload', 'ecr:DeleteRepository', 'ecr:PutImage',
      ],
      Resource: ['arn:aws:ecr:*:*:repository/*sagemaker*'],
    },
    {
      Sid: 'AllowCodeCommitActions',
      Effect: 'Allow',
      Action: ['codecommit:GitPull', 'codecommit:GitPush'],
      Resource: ['arn:aws:codecommit:*:*:*sagemaker*', 'arn:aws:codecommit:*:*:*SageMaker*', 'arn:aws:codecommit:*:*:*Sagemaker*'],
    },
    {
      Sid: 'AllowCodeBuildActions',
      Action: ['codebuild:BatchGetBuilds', 'codebuild:StartBuild'],
      Resource: ['arn:aws:codebuild:*:*:project/sagemaker*', 'arn:aws:codebuild:*:*:build/*'],
      Effect: 'Allow',
    },
    {
      Sid: 'AllowStepFunctionsActions',
      Action: ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:StartExecution', 'states:StopExecution', 'states:UpdateStateMachine'],
      Resource: ['arn:aws:states:*:*:statemachine:*sagemaker*', 'arn:aws:states:*:*:execution:*sagemaker*:*'],
      Effect: 'Allow',
    },
    {
      Sid: 'AllowSecretManagerActions',
      Effect: 'Allow',
      Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:CreateSecret'],
      Resource: ['arn:aws:secretsmanager:*:*:secret:AmazonSageMaker-*'],
    },
    {
      Sid: 'AllowReadOnlySecretManagerActions',
      Effect: 'Allow',
      Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
      Resource: '*',
      Condition: { StringEquals: { 'secretsmanager:ResourceTag/SageMaker': 'true' } },
    },
    { Sid: 'AllowServiceCatalogProvisionProduct', Effect: 'Allow', Action: ['servicecatalog:ProvisionProduct'], Resource: '*' },
    {
      Sid: 'AllowServiceCatalogTerminateUpdateProvisionProduct',
      Effect: 'Allow',
      Action: ['servicecatalog:TerminateProvisionedProduct', 'servicecatalog:UpdateProvisionedProduct'],
      Resource: '*',
      Condition: { StringEquals: { 'servicecatalog:userLevel': 'self' } },
    },
    {
      Sid: 'AllowS3ObjectActions',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      Resource: ['arn:aws:s3:::*SageMaker*', 'arn:aws:s3:::*Sagemaker*', 'arn:aws:s3:::*sagemaker*', 'arn:aws:s3:::*aws-glue*'],
    },
    {
      Sid: 'AllowS3GetObjectWithSageMakerExistingObjectTag',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: ['arn:aws:s3:::*'],
      Condition: { StringEqualsIgnoreCase: { 's3:ExistingObjectTag/SageMaker': 'true' } },
    },
    {
      Sid: 'AllowS3GetObjectWithServiceCatalogProvisioningExistingObjectTag',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: ['arn:aws:s3:::*'],
      Condition: { StringEquals: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' } },
    },
    {
      Sid: 'AllowS3BucketActions',
      Effect: 'Allow',
      Action: ['s3:CreateBucket', 's3:GetBucketLocation', 's3:ListBucket', 's3:ListAllMyBuckets', 's3:GetBucketCors', 's3:PutBucketCors'],
      Resource: '*',
    },
    {
      Sid: 'AllowS3BucketACL',
      Effect: 'Allow',
      Action: ['s3:GetBucketAcl', 's3:PutObjectAcl'],
      Resource: ['arn:aws:s3:::*SageMaker*', 'arn:aws:s3:::*Sagemaker*', 'arn:aws:s3:::*sagemaker*'],
    },
    {
      Sid: 'AllowLambdaInvokeFunction',
      Effect: 'Allow',
      Action: ['lambda:InvokeFunction'],
      Resource: [
        'arn:aws:lambda:*:*:function:*SageMaker*', 'arn:aws:lambda:*:*:function:*sagemaker*', 'arn:aws:lambda:*:*:function:*Sagemaker*',
        'arn:aws:lambda:*:*:function:*LabelingFunction*',
      ],
    },
    {
      Sid: 'AllowCreateServiceLinkedRoleForSageMakerApplicationAutoscaling',
      Action: 'iam:CreateServiceLinkedRole',
      Effect: 'Allow',
      Resource:
        'arn:aws:iam::*:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint',
      Condition: { StringLike: { 'iam:AWSServiceName': 'sagemaker.application-autoscaling.amazonaws.com' } },
    },
    {
      Sid: 'AllowCreateServiceLinkedRoleForRobomaker',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:AWSServiceName': 'robomaker.amazonaws.com' } },
    },
    {
      Sid: 'AllowSNSActions',
      Effect: 'Allow',
      Action: ['sns:Subscribe', 'sns:CreateTopic', 'sns:Publish'],
      Resource: ['arn:aws:sns:*:*:*SageMaker*', 'arn:aws:sns:*:*:*Sagemaker*', 'arn:aws:sns:*:*:*sagemaker*'],
    },
    {
      Sid: 'AllowPassRoleForSageMakerRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: 'arn:aws:iam::*:role/*AmazonSageMaker*',
      Condition: { StringEquals: { 'iam:PassedToService': ['glue.amazonaws.com', 'robomaker.amazonaws.com', 'states.amazonaws.com'] } },
    },
    {
      Sid: 'AllowPassRoleToSageMaker',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: 'arn:aws:iam::*:role/*',
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    },
    {
      Sid: 'AllowAthenaActions',
      Effect: 'Allow',
      Action: [
        'athena:ListDataCatalogs', 'athena:ListDatabases', 'athena:ListTableMetadata', 'athena:GetQueryExecution', 'athena:GetQueryResults',
        'athena:StartQueryExecution', 'athena:StopQueryExecution',
      ],
      Resource: ['*'],
    },
    {
      Sid: 'AllowGlueCreateTable',
      Effect: 'Allow',
      Action: ['glue:CreateTable'],
      Resource: ['arn:aws:glue:*:*:table/*/sagemaker_tmp_*', 'arn:aws:glue:*:*:table/sagemaker_featurestore/*', 'arn:aws:glue:*:*:catalog', 'arn:aws:glue:*:*:database/*'],
    },
    {
      Sid: 'AllowGlueUpdateTable',
      Effect: 'Allow',
      Action: ['glue:UpdateTable'],
      Resource: ['arn:aws:glue:*:*:table/sagemaker_featurestore/*', 'arn:aws:glue:*:*:catalog', 'arn:aws:glue:*:*:database/sagemaker_featurestore'],
    },
    {
      Sid: 'AllowGlueDeleteTable',
      Effect: 'Allow',
      Action: ['glue:DeleteTable'],
      Resource: ['arn:aws:glue:*:*:table/*/sagemaker_tmp_*', 'arn:aws:glue:*:*:catalog', 'arn:aws:glue:*:*:database/*'],
    },
    {
      Sid: 'AllowGlueGetTablesAndDatabases',
      Effect: 'Allow',
      Action: ['glue:GetDatabases', 'glue:GetTable', 'glue:GetTables'],
      Resource: ['arn:aws:glue:*:*:table/*', 'arn:aws:glue:*:*:catalog', 'arn:aws:glue:*:*:database/*'],
    },
    {
      Sid: 'AllowGlueGetAndCreateDatabase',
      Effect: 'Allow',
      Action: ['glue:CreateDatabase', 'glue:GetDatabase'],
      Resource: [
        'arn:aws:glue:*:*:catalog', 'arn:aws:glue:*:*:database/sagemaker_featurestore', 'arn:aws:glue:*:*:database/sagemaker_processing',
        'arn:aws:glue:*:*:database/default', 'arn:aws:glue:*:*:database/sagemaker_data_wrangler',
      ],
    },
    {
      Sid: 'AllowRedshiftDataActions',
      Effect: 'Allow',
      Action: [
        'redshift-data:ExecuteStatement', 'redshift-data:DescribeStatement', 'redshift-data:CancelStatement', 'redshift-data:GetStatementResult',
        'redshift-data:ListSchemas', 'redshift-data:ListTables',
      ],
      Resource: ['*'],
    },
    {
      Sid: 'AllowRedshiftGetClusterCredentials',
      Effect: 'Allow',
      Action: ['redshift:GetClusterCredentials'],
      Resource: ['arn:aws:redshift:*:*:dbuser:*/sagemaker_access*', 'arn:aws:redshift:*:*:dbname:*'],
    },
    { Sid: 'AllowListTagsForUserProfile', Effect: 'Allow', Action: ['sagemaker:ListTags'], Resource: ['arn:aws:sagemaker:*:*:user-profile/*'] },
    { Sid: 'AllowCloudformationListStackResources', Effect: 'Allow', Action: ['cloudformation:ListStackResources'], Resource: 'arn:aws:cloudformation:*:*:stack/SC-*' },
    {
      Sid: 'AllowS3ExpressObjectActions',
      Effect: 'Allow',
      Action: ['s3express:CreateSession'],
      Resource: [
        'arn:aws:s3express:*:*:bucket/*SageMaker*', 'arn:aws:s3express:*:*:bucket/*Sagemaker*', 'arn:aws:s3express:*:*:bucket/*sagemaker*',
        'arn:aws:s3express:*:*:bucket/*aws-glue*',
      ],
      Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
    },
    {
      Sid: 'AllowS3ExpressCreateBucketActions',
      Effect: 'Allow',
      Action: ['s3express:CreateBucket'],
      Resource: ['arn:aws:s3express:*:*:bucket/*SageMaker*', 'arn:aws:s3express:*:*:bucket/*Sagemaker*', 'arn:aws:s3express:*:*:bucket/*sagemaker*'],
      Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
    },
    { Sid: 'AllowS3ExpressListBucketActions', Effect: 'Allow', Action: ['s3express:ListAllMyDirectoryBuckets'], Resource: '*' },
  ),
};

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [
  ADMINISTRATOR_ACCESS,
  POWER_USER_ACCESS,
  IAM_FULL_ACCESS,
  AMAZON_S3_FULL_ACCESS,
  AMAZON_S3_READ_ONLY_ACCESS,
  AMAZON_EC2_CONTAINER_REGISTRY_FULL_ACCESS,
  AMAZON_SAGEMAKER_FULL_ACCESS,
  AMAZON_SAGEMAKER_READ_ONLY,
  READ_ONLY_ACCESS,
];

const byName = new Map(AWS_MANAGED_POLICIES.map((p) => [p.name, p]));

/** `AdministratorAccess` for `arn:aws:iam::aws:policy/AdministratorAccess` (any partition, any path; `*` for an unknown partition). */
export function awsManagedPolicyName(arn: string): string | undefined {
  return /^arn:(?:aws[a-z-]*|\*):iam::aws:policy\/(?:[^*]+\/)?([^/*]+)$/.exec(arn)?.[1];
}

export function awsManagedPolicy(name: string): AwsManagedPolicy | undefined {
  return byName.get(name);
}

export const AWS_MANAGED_SOURCE = 'https://github.com/zoph-io/IAMTrail (iam get-policy-version, default versions)';
