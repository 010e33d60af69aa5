import { describe, expect, it } from 'vitest';
import { Inventory } from '../../../src/core/inventory.js';
import { Expr, Ref, Unknown, getPath } from '../../../src/core/value.js';
import { MAPPINGS } from '../../../src/sources/terraform/index.js';
import { loadFixture } from './helpers.js';

const refTo = (fixture: string, address: string, attribute?: string, text?: string): Ref => new Ref(`test/fixtures/terraform/mappings/${fixture}#${address}`, attribute, text);

describe('mapping tables', () => {
  it('cover the required Terraform types, each once, with CloudFormation type names', () => {
    const required = [
      'aws_sagemaker_notebook_instance', 'aws_sagemaker_notebook_instance_lifecycle_configuration', 'aws_sagemaker_domain',
      'aws_sagemaker_user_profile', 'aws_sagemaker_model', 'aws_sagemaker_endpoint_configuration', 'aws_sagemaker_endpoint',
      'aws_sagemaker_pipeline', 'aws_sagemaker_data_quality_job_definition', 'aws_sagemaker_monitoring_schedule',
      'aws_sagemaker_feature_group', 'aws_s3_bucket', 'aws_s3_bucket_policy', 'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_public_access_block', 'aws_s3_bucket_versioning', 'aws_s3_bucket_logging', 'aws_iam_role', 'aws_iam_role_policy',
      'aws_iam_policy', 'aws_iam_role_policy_attachment', 'aws_iam_instance_profile', 'aws_kms_key', 'aws_kms_alias', 'aws_vpc',
      'aws_subnet', 'aws_security_group', 'aws_vpc_endpoint', 'aws_route_table', 'aws_route', 'aws_internet_gateway',
      'aws_nat_gateway', 'aws_cloudtrail', 'aws_cloudwatch_log_group', 'aws_cloudwatch_log_metric_filter',
      'aws_cloudwatch_metric_alarm', 'aws_ecr_repository',
    ];
    for (const t of required) expect(MAPPINGS.get(t)?.cfnType, t).toMatch(/^AWS::\w+::\w+$/);
  });
});

describe('SageMaker mappings', () => {
  const unit = loadFixture('mappings/sagemaker');
  const inv = new Inventory(unit.resources);
  const role = refTo('sagemaker', 'aws_iam_role.sm', 'Arn');

  it('notebook instance', () => {
    const nb = unit.byId('aws_sagemaker_notebook_instance.nb');
    expect(nb.properties).toEqual({
      NotebookInstanceName: 'nb',
      RoleArn: role,
      InstanceType: 'ml.t3.medium',
      PlatformIdentifier: 'notebook-al2-v3',
      VolumeSizeInGB: 50,
      SubnetId: 'subnet-1',
      SecurityGroupIds: ['sg-1'],
      DefaultCodeRepository: 'https://github.com/example/repo.git',
      DirectInternetAccess: 'Disabled',
      RootAccess: 'Disabled',
      KmsKeyId: 'key-1',
      LifecycleConfigName: refTo('sagemaker', 'aws_sagemaker_notebook_instance_lifecycle_configuration.lc', undefined, 'lc'),
      InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: '2' },
    });
    expect(nb.propertyLocations['DirectInternetAccess']).toMatchObject({ line: 13, column: 3 });
    expect(nb.propertyLocations['InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion']).toMatchObject({ line: 20, column: 5 });
  });

  it('lifecycle configuration scripts become [{Content}]', () => {
    expect(unit.byId('aws_sagemaker_notebook_instance_lifecycle_configuration.lc').properties).toEqual({
      NotebookInstanceLifecycleConfigName: 'lc',
      OnCreate: [{ Content: Buffer.from('pip install x').toString('base64') }],
    });
  });

  it('domain and user profile settings', () => {
    const d = unit.byId('aws_sagemaker_domain.d');
    expect(d.properties).toMatchObject({
      AppNetworkAccessType: 'VpcOnly',
      SubnetIds: ['subnet-1', 'subnet-2'],
      DefaultUserSettings: { ExecutionRole: role, SecurityGroups: ['sg-1'], SharingSettings: { NotebookOutputOption: 'Allowed', S3OutputPath: 's3://shared/out' } },
    });
    const u = unit.byId('aws_sagemaker_user_profile.u');
    expect(u.properties['DomainId']).toEqual(refTo('sagemaker', 'aws_sagemaker_domain.d', 'DomainId'));
    expect(getPath(u.properties, 'UserSettings.ExecutionRole')).toEqual(role);
  });

  it('model with several containers and VPC config', () => {
    expect(unit.byId('aws_sagemaker_model.m').properties).toEqual({
      ModelName: 'm',
      ExecutionRoleArn: role,
      Containers: [{ Image: 'img:1', ModelDataUrl: 's3://models/a.tar.gz', Environment: { MODE: 'a' } }, { Image: 'img:2' }],
      VpcConfig: { SecurityGroupIds: ['sg-1'], Subnets: ['subnet-1'] },
      EnableNetworkIsolation: false,
    });
  });

  it('endpoint configuration variants and data capture', () => {
    const ec = unit.byId('aws_sagemaker_endpoint_configuration.ec');
    const model = refTo('sagemaker', 'aws_sagemaker_model.m', 'ModelName', 'm');
    expect(ec.properties).toEqual({
      EndpointConfigName: 'ec',
      KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1',
      ProductionVariants: [
        { VariantName: 'a', ModelName: model, InitialInstanceCount: 2, InstanceType: 'ml.m5.xlarge', InitialVariantWeight: 1 },
        { VariantName: 'serverless', ModelName: model, ServerlessConfig: { MaxConcurrency: 5, MemorySizeInMB: 2048 } },
      ],
      DataCaptureConfig: {
        EnableCapture: true,
        InitialSamplingPercentage: 20,
        DestinationS3Uri: 's3://capture/',
        KmsKeyId: 'key-2',
        CaptureOptions: [{ CaptureMode: 'InputAndOutput' }],
        CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'] },
      },
    });
    expect(ec.propertyLocations['ProductionVariants[1]']).toMatchObject({ line: 82, column: 3 });
    expect(ec.propertyLocations['ProductionVariants[1].ServerlessConfig.MemorySizeInMB']).toMatchObject({ line: 87, column: 7 });
    expect(inv.follow(ec, 'ProductionVariants').map((r) => r.id)).toEqual(['aws_sagemaker_model.m']);
  });

  it('endpoint, monitoring schedule and data quality job definition', () => {
    expect(unit.byId('aws_sagemaker_endpoint.ep').properties['EndpointConfigName']).toEqual(refTo('sagemaker', 'aws_sagemaker_endpoint_configuration.ec', 'EndpointConfigName', 'ec'));
    const dq = unit.byId('aws_sagemaker_data_quality_job_definition.dq');
    expect(dq.properties).toMatchObject({
      JobDefinitionName: 'dq',
      DataQualityAppSpecification: { ImageUri: 'monitor:1' },
      DataQualityJobOutputConfig: { KmsKeyId: 'key-3', MonitoringOutputs: [{ S3Output: { S3Uri: 's3://monitoring/out' } }] },
      JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large', VolumeSizeInGB: 20, VolumeKmsKeyId: 'key-4' } },
      NetworkConfig: { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true, VpcConfig: { SecurityGroupIds: ['sg-1'], Subnets: ['subnet-1'] } },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    });
    expect(inv.follow(dq, 'DataQualityJobInput.EndpointInput.EndpointName').map((r) => r.id)).toEqual(['aws_sagemaker_endpoint.ep']);
    expect(unit.byId('aws_sagemaker_monitoring_schedule.ms').properties['MonitoringScheduleConfig']).toMatchObject({
      MonitoringType: 'DataQuality',
      ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
    });
  });

  it('feature group stores', () => {
    expect(unit.byId('aws_sagemaker_feature_group.fg').properties).toMatchObject({
      FeatureDefinitions: [{ FeatureName: 'id', FeatureType: 'String' }, { FeatureName: 'ts', FeatureType: 'Fractional' }],
      OnlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: 'key-5' } },
      OfflineStoreConfig: { DisableGlueTableCreation: true, S3StorageConfig: { S3Uri: 's3://features/', KmsKeyId: 'key-6' } },
    });
  });

  it('pipeline definition, with its training step synthesized as a child resource', () => {
    const p = unit.byId('aws_sagemaker_pipeline.p');
    const body = getPath(p.properties, 'PipelineDefinition.PipelineDefinitionBody');
    expect(body).toBeInstanceOf(Expr);
    const step = unit.byId('aws_sagemaker_pipeline.p/Train');
    expect(step).toMatchObject({ type: 'AWS::SageMaker::TrainingJob', parent: p.key, label: 'Train' });
    expect(step.properties).toMatchObject({ RoleArn: role, EnableNetworkIsolation: false, OutputDataConfig: { S3OutputPath: 's3://models/' } });
  });

  it('a pipeline whose definition is not known has no steps and no warning', () => {
    expect(getPath(unit.byId('aws_sagemaker_pipeline.tpl').properties, 'PipelineDefinition.PipelineDefinitionBody')).toBeInstanceOf(Unknown);
    expect(unit.resources.filter((r) => r.parent === unit.byId('aws_sagemaker_pipeline.tpl').key)).toEqual([]);
    expect(unit.inputs[0]!.warnings).toBeUndefined();
  });
});

describe('S3 mappings', () => {
  const unit = loadFixture('mappings/s3');

  it('merges every split-out resource into the bucket, by reference or by name', () => {
    expect(unit.byId('aws_s3_bucket.data').properties).toEqual({
      BucketName: 'training-data',
      Tags: [{ Key: 'Classification', Value: 'confidential' }],
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: false, IgnorePublicAcls: true, RestrictPublicBuckets: false },
      VersioningConfiguration: { Status: 'Suspended' },
      LoggingConfiguration: { DestinationBucketName: refTo('s3', 'aws_s3_bucket.logs', undefined, 'access-logs'), LogFilePrefix: 'data/' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(unit.byId('aws_s3_bucket.logs').properties['AccessControl']).toBe('LogDeliveryWrite');
  });

  it('maps the bucket policy to AWS::S3::BucketPolicy with the jsonencode document as an object', () => {
    const p = unit.byId('aws_s3_bucket_policy.data');
    expect(p.type).toBe('AWS::S3::BucketPolicy');
    expect(getPath(p.properties, 'PolicyDocument.Statement[0].Resource[0]')).toEqual(new Expr([refTo('s3', 'aws_s3_bucket.data', 'Arn'), '/*']));
  });

  it('keeps a split-out resource whose bucket is elsewhere on its own, with a warning', () => {
    const v = unit.byId('aws_s3_bucket_versioning.elsewhere');
    expect(v.type).toBe('terraform:aws_s3_bucket_versioning');
    expect(v.properties).toEqual({ bucket: 'bucket-of-another-stack', versioning_configuration: [{ status: 'Enabled' }] });
    expect(unit.inputs[0]!.warnings?.[0]?.message).toMatch(/not in this configuration/);
  });
});

describe('IAM mappings', () => {
  const unit = loadFixture('mappings/iam');
  const role = unit.byId('aws_iam_role.r');

  it('role: trust policy from jsonencode, boundary, managed and attached policies in order', () => {
    expect(role.properties['AssumeRolePolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'sagemaker.amazonaws.com' } }],
    });
    expect(role.properties['PermissionsBoundary']).toBe('arn:aws:iam::123456789012:policy/boundary');
    expect(role.properties['ManagedPolicyArns']).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess', refTo('iam', 'aws_iam_policy.p'), 'arn:aws:iam::aws:policy/AmazonS3FullAccess']);
    expect(role.propertyLocations['ManagedPolicyArns[2]']).toMatchObject({ line: 26, column: 3 });
    expect(role.propertyLocations['ManagedPolicyArns']).toMatchObject({ line: 11, column: 3 });
  });

  it('renders aws_iam_policy_document: sources, same-Sid override, principals, conditions, dynamic statements', () => {
    expect(getPath(role.properties, 'Policies[0].PolicyDocument.Statement')).toEqual([
      { Sid: 'Base', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' },
      {
        Sid: 'Replaced',
        Effect: 'Deny',
        NotAction: 's3:GetObject',
        Resource: refTo('iam', 'aws_s3_bucket.data', 'Arn'),
        Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'] },
        Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } },
      },
      { Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: '*' },
      { Effect: 'Allow', Action: 'sagemaker:CreateModel', Resource: '*' },
    ]);
  });

  it('parses a heredoc policy with interpolated references into a document holding the reference', () => {
    const p = unit.byId('aws_iam_policy.p');
    expect(p.type).toBe('AWS::IAM::ManagedPolicy');
    expect(getPath(p.properties, 'PolicyDocument.Statement[0].Resource')).toEqual(new Expr([refTo('iam', 'aws_s3_bucket.data', 'Arn'), '/*']));
  });

  it('keeps an invalid policy as text with a warning; maps instance profiles', () => {
    expect(unit.byId('aws_iam_role_policy.bad_json').properties['PolicyDocument']).toBe('{not json');
    expect(unit.inputs[0]!.warnings?.some((w) => /not valid JSON/.test(w.message))).toBe(true);
    expect(unit.byId('aws_iam_instance_profile.ip').properties['Roles']).toEqual([refTo('iam', 'aws_iam_role.r', undefined, 'r')]);
  });
});

describe('monitoring, KMS, ECR and network mappings', () => {
  const unit = loadFixture('mappings/monitoring');
  const inv = new Inventory(unit.resources);

  it('CloudTrail trail with event selectors', () => {
    const t = unit.byId('aws_cloudtrail.t');
    expect(t.type).toBe('AWS::CloudTrail::Trail');
    expect(t.properties).toMatchObject({
      TrailName: 'trail',
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      KMSKeyId: refTo('monitoring', 'aws_kms_key.k', 'Arn'),
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::training-data/'] }] }],
      AdvancedEventSelectors: [{ Name: 'sagemaker data', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::SageMaker::Endpoint'] }] }],
    });
    expect(inv.follow(t, 'CloudWatchLogsLogGroupArn').map((r) => r.type)).toEqual(['AWS::Logs::LogGroup']);
  });

  it('log group and metric filter with metric transformations', () => {
    expect(unit.byId('aws_cloudwatch_log_group.trail').properties).toMatchObject({ LogGroupName: 'cloudtrail', RetentionInDays: 365 });
    expect(unit.byId('aws_cloudwatch_log_metric_filter.mf').properties).toEqual({
      FilterName: 'unauthorized',
      FilterPattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
      LogGroupName: refTo('monitoring', 'aws_cloudwatch_log_group.trail', undefined, 'cloudtrail'),
      MetricTransformations: [{ MetricName: 'Unauthorized', MetricNamespace: 'CIS', MetricValue: '1', Dimensions: [{ Key: 'Source', Value: '$.eventSource' }] }],
    });
  });

  it('metric alarms, simple and with metric queries', () => {
    expect(unit.byId('aws_cloudwatch_metric_alarm.a').properties).toEqual({
      AlarmName: 'unauthorized',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      MetricName: 'Unauthorized',
      Namespace: 'CIS',
      Period: 300,
      Statistic: 'Sum',
      Threshold: 1,
      Dimensions: [{ Name: 'EndpointName', Value: 'ep' }],
      AlarmActions: [refTo('monitoring', 'aws_sns_topic.alerts')],
      OKActions: [refTo('monitoring', 'aws_sns_topic.alerts')],
    });
    expect(getPath(unit.byId('aws_cloudwatch_metric_alarm.q').properties, 'Metrics[0]')).toEqual({
      Id: 'm1',
      ReturnData: true,
      MetricStat: { Metric: { MetricName: 'Invocations', Namespace: 'AWS/SageMaker', Dimensions: [{ Name: 'EndpointName', Value: 'ep' }] }, Period: 60, Stat: 'Sum' },
    });
  });

  it('KMS key policy and alias; ECR repository with its policy merged', () => {
    expect(unit.byId('aws_kms_key.k').properties).toMatchObject({ EnableKeyRotation: true, PendingWindowInDays: 7, KeyPolicy: { Version: '2012-10-17' } });
    expect(unit.byId('aws_kms_alias.k').properties['TargetKeyId']).toEqual(refTo('monitoring', 'aws_kms_key.k'));
    expect(unit.byId('aws_ecr_repository.r').properties).toMatchObject({
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
      EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: refTo('monitoring', 'aws_kms_key.k', 'Arn') },
      RepositoryPolicyText: { Statement: [{ Principal: '*', Action: 'ecr:BatchGetImage' }] },
    });
  });

  it('security group rules, standalone ingress rules and endpoint policies', () => {
    expect(unit.byId('aws_security_group.sg').properties['SecurityGroupIngress']).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'https', CidrIp: '10.0.0.0/8' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'https', CidrIp: '192.168.0.0/16' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'https', SourceSecurityGroupId: 'sg-other' },
    ]);
    expect(unit.byId('aws_vpc_security_group_ingress_rule.open').properties).toEqual({
      GroupId: refTo('monitoring', 'aws_security_group.sg', 'GroupId'),
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIp: '0.0.0.0/0',
    });
    expect(getPath(unit.byId('aws_vpc_endpoint.s3').properties, 'PolicyDocument.Statement[0].Principal')).toBe('*');
  });

  it('loads an unmapped type as terraform:<type> with its own attribute names', () => {
    const g = unit.byId('aws_glue_catalog_database.unmapped');
    expect(g.type).toBe('terraform:aws_glue_catalog_database');
    expect(g.properties).toEqual({ name: 'features', create_table_default_permission: [{ permissions: ['ALL'] }] });
    expect(g.propertyLocations['create_table_default_permission[0].permissions']).toMatchObject({ line: 158, column: 5 });
  });
});
