// Generates realistic, varied CloudFormation templates of a SageMaker stack (~30 resources each)
// for the scan benchmark: half YAML with short-form tags, half JSON with long forms. Choices are
// drawn from a seeded generator, so every run measures the same files.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Small, fast, seeded PRNG (mulberry32); returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOTEBOOK_TYPES = ['ml.t3.medium', 'ml.t3.large', 'ml.m5.xlarge', 'ml.g4dn.xlarge'];
const ENDPOINT_TYPES = ['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge', 'ml.g4dn.xlarge', 'ml.g5.xlarge', 'ml.m5d.large'];
const TEAMS = ['fraud', 'churn', 'recsys', 'forecast', 'nlp', 'vision', 'risk', 'pricing'];

const Ref = (name) => ({ Ref: name });
const GetAtt = (name, attr) => ({ 'Fn::GetAtt': [name, attr] });
const Sub = (text) => ({ 'Fn::Sub': text });
const hex = (rand, n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const pick = (rand, list) => list[Math.floor(rand() * list.length)];

/** One template as a plain object, intrinsics in their long (JSON) form. */
export function stackTemplate(index, rand) {
  const team = `${pick(rand, TEAMS)}-${index}`;
  const secure = () => rand() < 0.5;
  const r = {};

  // Network: VPC, two or three private subnets, a public one with NAT, endpoint, security group.
  r.Vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true, Tags: [{ Key: 'Name', Value: Sub('${ProjectName}-vpc') }] } };
  r.InternetGateway = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
  r.GatewayAttachment = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: Ref('Vpc'), InternetGatewayId: Ref('InternetGateway') } };
  r.PublicSubnet = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: Ref('Vpc'), CidrBlock: '10.0.0.0/24', AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } } };
  const privateSubnets = [];
  const subnetCount = 2 + Math.floor(rand() * 2);
  for (let s = 0; s < subnetCount; s++) {
    const name = `PrivateSubnet${String.fromCharCode(65 + s)}`;
    privateSubnets.push(name);
    r[name] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: Ref('Vpc'), CidrBlock: `10.0.${10 + s}.0/24`, AvailabilityZone: { 'Fn::Select': [s, { 'Fn::GetAZs': '' }] } } };
  }
  r.PublicRouteTable = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: Ref('Vpc') } };
  r.PublicRoute = { Type: 'AWS::EC2::Route', DependsOn: 'GatewayAttachment', Properties: { RouteTableId: Ref('PublicRouteTable'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: Ref('InternetGateway') } };
  r.NatEip = { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } };
  r.NatGateway = { Type: 'AWS::EC2::NatGateway', Properties: { AllocationId: GetAtt('NatEip', 'AllocationId'), SubnetId: Ref('PublicSubnet') } };
  r.PrivateRouteTable = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: Ref('Vpc') } };
  r.PrivateRoute = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: Ref('PrivateRouteTable'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: Ref('NatGateway') } };
  for (const name of privateSubnets) {
    r[`${name}Routes`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: Ref(name), RouteTableId: Ref('PrivateRouteTable') } };
  }
  r.SecurityGroup = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: `SageMaker ${team}`, VpcId: Ref('Vpc'), SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] },
  };
  r.S3Endpoint = { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: Ref('Vpc'), ServiceName: Sub('com.amazonaws.${AWS::Region}.s3'), VpcEndpointType: 'Gateway', RouteTableIds: [Ref('PrivateRouteTable')] } };

  // Key, bucket and its policy, repository, role.
  r.Key = {
    Type: 'AWS::KMS::Key',
    Properties: {
      EnableKeyRotation: secure(),
      KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: Sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') }, Action: 'kms:*', Resource: '*' }] },
    },
  };
  r.KeyAlias = { Type: 'AWS::KMS::Alias', Properties: { AliasName: Sub('alias/${ProjectName}'), TargetKeyId: Ref('Key') } };
  r.DataBucket = {
    Type: 'AWS::S3::Bucket',
    Properties: {
      BucketName: Sub('${ProjectName}-data-${AWS::AccountId}'),
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: GetAtt('Key', 'Arn') } }] },
      VersioningConfiguration: { Status: 'Enabled' },
    },
  };
  const lockdown = secure();
  r.DataBucketPolicy = {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: Ref('DataBucket'),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [GetAtt('DataBucket', 'Arn'), Sub('${DataBucket.Arn}/*')], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          ...(lockdown
            ? [{
                Sid: 'VpcOnly',
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:GetObject',
                Resource: Sub('${DataBucket.Arn}/*'),
                Condition: { StringNotEquals: { 'aws:SourceVpce': Ref('S3Endpoint') }, ArnNotEquals: { 'aws:PrincipalArn': GetAtt('ExecutionRole', 'Arn') } },
              }]
            : []),
        ],
      },
    },
  };
  r.Repository = { Type: 'AWS::ECR::Repository', Properties: { RepositoryName: Sub('${ProjectName}/serving'), ImageTagMutability: secure() ? 'IMMUTABLE' : 'MUTABLE', ImageScanningConfiguration: { ScanOnPush: secure() } } };
  const broad = !secure();
  r.ExecutionRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      ...(broad ? { ManagedPolicyArns: [Sub('arn:${AWS::Partition}:iam::aws:policy/AmazonSageMakerFullAccess')] } : {}),
      Policies: [{
        PolicyName: 'data',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: broad
            ? [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]
            : [
                { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: Sub('${DataBucket.Arn}/*') },
                { Effect: 'Allow', Action: 's3:ListBucket', Resource: GetAtt('DataBucket', 'Arn') },
                { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: GetAtt('Key', 'Arn') },
              ],
        },
      }],
    },
  };

  // Notebook.
  r.LifecycleConfig = {
    Type: 'AWS::SageMaker::NotebookInstanceLifecycleConfig',
    Properties: { OnStart: [{ Content: { 'Fn::Base64': Sub('#!/bin/bash\nset -e\naws s3 sync s3://${DataBucket}/notebooks/ /home/ec2-user/SageMaker/\n') } }] },
  };
  const notebook = { InstanceType: pick(rand, NOTEBOOK_TYPES), RoleArn: GetAtt('ExecutionRole', 'Arn'), LifecycleConfigName: GetAtt('LifecycleConfig', 'NotebookInstanceLifecycleConfigName'), VolumeSizeInGB: 5 * (1 + Math.floor(rand() * 20)) };
  if (secure()) Object.assign(notebook, { SubnetId: Ref(privateSubnets[0]), SecurityGroupIds: [Ref('SecurityGroup')], DirectInternetAccess: 'Disabled' });
  if (secure()) notebook.RootAccess = 'Disabled';
  if (secure()) notebook.KmsKeyId = Ref('Key');
  r.Notebook = { Type: 'AWS::SageMaker::NotebookInstance', Properties: notebook };

  // One or two models behind one endpoint.
  const modelNames = rand() < 0.5 ? ['Model'] : ['ChampionModel', 'ChallengerModel'];
  for (const name of modelNames) {
    const image = pick(rand, [
      Sub(`\${Repository.RepositoryUri}@sha256:${hex(rand, 64)}`),
      Sub('${Repository.RepositoryUri}:latest'),
      `docker.io/acme/${team}:1.${Math.floor(rand() * 10)}`,
    ]);
    const model = { ExecutionRoleArn: GetAtt('ExecutionRole', 'Arn'), PrimaryContainer: { Image: image, ModelDataUrl: Sub(`s3://\${DataBucket}/models/${name}/model.tar.gz`) } };
    if (secure()) model.EnableNetworkIsolation = true;
    if (secure()) model.VpcConfig = { SecurityGroupIds: [Ref('SecurityGroup')], Subnets: privateSubnets.map(Ref) };
    r[name] = { Type: 'AWS::SageMaker::Model', Properties: model };
  }
  const instanceType = pick(rand, ENDPOINT_TYPES);
  const endpointConfig = {
    ProductionVariants: modelNames.map((m, v) => ({
      VariantName: m,
      ModelName: GetAtt(m, 'ModelName'),
      InitialInstanceCount: { 'Fn::If': ['IsProduction', 2, 1] },
      InstanceType: instanceType,
      InitialVariantWeight: v === 0 ? 1 : 0.1,
    })),
  };
  if (secure()) endpointConfig.KmsKeyId = GetAtt('Key', 'Arn');
  if (rand() < 0.7) {
    endpointConfig.DataCaptureConfig = {
      EnableCapture: true,
      InitialSamplingPercentage: pick(rand, [5, 20, 50, 100, 100]),
      DestinationS3Uri: Sub('s3://${DataBucket}/capture/'),
      CaptureOptions: rand() < 0.5 ? [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] : [{ CaptureMode: 'Input' }],
    };
  }
  r.EndpointConfig = { Type: 'AWS::SageMaker::EndpointConfig', Properties: endpointConfig };
  r.Endpoint = { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: GetAtt('EndpointConfig', 'EndpointConfigName') } };

  // Audit trail and alarm, in about half of the stacks.
  if (rand() < 0.5) {
    r.TrailBucket = { Type: 'AWS::S3::Bucket', Properties: {} };
    r.TrailLogGroup = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } };
    r.Trail = {
      Type: 'AWS::CloudTrail::Trail',
      Properties: { IsLogging: true, IsMultiRegionTrail: true, S3BucketName: Ref('TrailBucket'), CloudWatchLogsLogGroupArn: GetAtt('TrailLogGroup', 'Arn') },
    };
    r.UnauthorizedFilter = {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: Ref('TrailLogGroup'),
        FilterPattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
        MetricTransformations: [{ MetricName: 'UnauthorizedApiCalls', MetricNamespace: 'CloudTrailMetrics', MetricValue: '1' }],
      },
    };
    r.UnauthorizedAlarm = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { MetricName: 'UnauthorizedApiCalls', Namespace: 'CloudTrailMetrics', Statistic: 'Sum', Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' },
    };
  }

  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `SageMaker stack of the ${team} team`,
    Parameters: {
      ProjectName: { Type: 'String', Default: team },
      Environment: { Type: 'String', Default: rand() < 0.5 ? 'prod' : 'dev', AllowedValues: ['dev', 'prod'] },
    },
    Conditions: { IsProduction: { 'Fn::Equals': [Ref('Environment'), 'prod'] } },
    Resources: r,
    Outputs: { EndpointName: { Value: GetAtt('Endpoint', 'EndpointName') } },
  };
}

// ------------------------------------------------------------------ YAML with short forms

const PLAIN_KEY = /^[A-Za-z0-9_.:-]+$/;

/** A value that fits on one line after `key: ` or `- `, or undefined for a nested block. */
function inline(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  if (keys.length !== 1) return undefined;
  const [k] = keys;
  const x = v[k];
  if (k === 'Ref') return `!Ref ${x}`;
  if (k === 'Fn::GetAtt') return `!GetAtt ${x[0]}.${x[1]}`;
  if (k === 'Fn::Sub' && typeof x === 'string' && !x.includes('\n')) return `!Sub ${JSON.stringify(x)}`;
  return undefined;
}

function block(v, indent, lines) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const x of v) {
      const one = inline(x);
      if (one !== undefined) {
        lines.push(`${pad}- ${one}`);
        continue;
      }
      const start = lines.length;
      block(x, indent + 2, lines);
      lines[start] = `${pad}- ${lines[start].slice(indent + 2)}`;
    }
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    const key = PLAIN_KEY.test(k) ? k : JSON.stringify(k);
    const one = inline(x);
    if (one !== undefined) lines.push(`${pad}${key}: ${one}`);
    else {
      lines.push(`${pad}${key}:`);
      block(x, indent + 2, lines);
    }
  }
}

export function toYaml(template) {
  const lines = [];
  block(template, 0, lines);
  return lines.join('\n') + '\n';
}

/**
 * Writes `count` templates into `dir` (alternating YAML and JSON) and returns their paths and
 * total size in bytes.
 */
export async function writeTemplates(dir, count, seed = 20240611) {
  await mkdir(dir, { recursive: true });
  const rand = prng(seed);
  const files = [];
  let bytes = 0;
  let resources = 0;
  for (let i = 0; i < count; i++) {
    const template = stackTemplate(i, rand);
    resources += Object.keys(template.Resources).length;
    const yaml = i % 2 === 0;
    const file = join(dir, `stack-${String(i).padStart(4, '0')}.${yaml ? 'yaml' : 'json'}`);
    const text = yaml ? toYaml(template) : JSON.stringify(template, null, 2) + '\n';
    bytes += Buffer.byteLength(text);
    await writeFile(file, text);
    files.push(file);
  }
  return { files, bytes, resources };
}
