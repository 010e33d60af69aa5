import type { Resource } from './resource.js';
import { getPath, type Value } from './value.js';

/**
 * Absent means AWS's default. The value AWS uses when a property is not set, per resource type
 * and property path, with the documentation that says so. Rules read properties through
 * `effective()` so that an absent `DirectInternetAccess` is judged as Enabled, not as safe.
 */
export interface AwsDefault {
  type: string;
  property: string;
  value: Value;
  source: string;
}

const API = 'https://docs.aws.amazon.com/sagemaker/latest/APIReference';

export const AWS_DEFAULTS: readonly AwsDefault[] = [
  { type: 'AWS::SageMaker::NotebookInstance', property: 'DirectInternetAccess', value: 'Enabled', source: `${API}/API_CreateNotebookInstance.html#sagemaker-CreateNotebookInstance-request-DirectInternetAccess` },
  { type: 'AWS::SageMaker::NotebookInstance', property: 'RootAccess', value: 'Enabled', source: `${API}/API_CreateNotebookInstance.html#sagemaker-CreateNotebookInstance-request-RootAccess` },
  { type: 'AWS::SageMaker::Model', property: 'EnableNetworkIsolation', value: false, source: `${API}/API_CreateModel.html#sagemaker-CreateModel-request-EnableNetworkIsolation` },
  { type: 'AWS::SageMaker::TrainingJob', property: 'EnableNetworkIsolation', value: false, source: `${API}/API_CreateTrainingJob.html#sagemaker-CreateTrainingJob-request-EnableNetworkIsolation` },
  { type: 'AWS::SageMaker::TrainingJob', property: 'EnableInterContainerTrafficEncryption', value: false, source: `${API}/API_CreateTrainingJob.html#sagemaker-CreateTrainingJob-request-EnableInterContainerTrafficEncryption` },
  { type: 'AWS::SageMaker::ProcessingJob', property: 'NetworkConfig.EnableNetworkIsolation', value: false, source: `${API}/API_NetworkConfig.html` },
  { type: 'AWS::SageMaker::DataQualityJobDefinition', property: 'NetworkConfig.EnableNetworkIsolation', value: false, source: `${API}/API_MonitoringNetworkConfig.html` },
  { type: 'AWS::SageMaker::ModelQualityJobDefinition', property: 'NetworkConfig.EnableNetworkIsolation', value: false, source: `${API}/API_MonitoringNetworkConfig.html` },
  { type: 'AWS::SageMaker::ModelBiasJobDefinition', property: 'NetworkConfig.EnableNetworkIsolation', value: false, source: `${API}/API_MonitoringNetworkConfig.html` },
  { type: 'AWS::SageMaker::ModelExplainabilityJobDefinition', property: 'NetworkConfig.EnableNetworkIsolation', value: false, source: `${API}/API_MonitoringNetworkConfig.html` },
  { type: 'AWS::SageMaker::MonitoringSchedule', property: 'MonitoringScheduleConfig.MonitoringJobDefinition.NetworkConfig.EnableNetworkIsolation', value: false, source: `${API}/API_NetworkConfig.html` },
  { type: 'AWS::SageMaker::EndpointConfig', property: 'DataCaptureConfig.EnableCapture', value: true, source: `${API}/API_DataCaptureConfig.html#sagemaker-Type-DataCaptureConfig-EnableCapture (defaults to enabled)` },
  { type: 'AWS::SageMaker::Domain', property: 'AppNetworkAccessType', value: 'PublicInternetOnly', source: `${API}/API_CreateDomain.html#sagemaker-CreateDomain-request-AppNetworkAccessType` },
  { type: 'AWS::ECR::Repository', property: 'ImageTagMutability', value: 'MUTABLE', source: 'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html' },
  { type: 'AWS::ECR::Repository', property: 'ImageScanningConfiguration.ScanOnPush', value: false, source: 'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ImageScanningConfiguration.html' },
  { type: 'AWS::KMS::Key', property: 'EnableKeyRotation', value: false, source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html#cfn-kms-key-enablekeyrotation' },
  { type: 'AWS::KMS::Key', property: 'KeySpec', value: 'SYMMETRIC_DEFAULT', source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html#cfn-kms-key-keyspec' },
  { type: 'AWS::CloudTrail::Trail', property: 'IsMultiRegionTrail', value: false, source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html#cfn-cloudtrail-trail-ismultiregiontrail' },
  { type: 'AWS::CloudTrail::Trail', property: 'EnableLogFileValidation', value: false, source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html#cfn-cloudtrail-trail-enablelogfilevalidation' },
  { type: 'AWS::CloudTrail::Trail', property: 'IsLogging', value: true, source: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#enable_logging (required in CloudFormation; the Terraform provider starts logging unless enable_logging = false)' },
  { type: 'AWS::CloudTrail::Trail', property: 'IncludeGlobalServiceEvents', value: true, source: 'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html' },
  { type: 'AWS::EC2::Subnet', property: 'MapPublicIpOnLaunch', value: false, source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-subnet.html#cfn-ec2-subnet-mappubliciponlaunch' },
  { type: 'AWS::EC2::VPCEndpoint', property: 'VpcEndpointType', value: 'Gateway', source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpcendpoint.html#cfn-ec2-vpcendpoint-vpcendpointtype' },
  { type: 'AWS::S3::Bucket', property: 'PublicAccessBlockConfiguration.BlockPublicAcls', value: true, source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html (new buckets block public access by default since April 2023)' },
  { type: 'AWS::S3::Bucket', property: 'PublicAccessBlockConfiguration.BlockPublicPolicy', value: true, source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html' },
  { type: 'AWS::S3::Bucket', property: 'PublicAccessBlockConfiguration.IgnorePublicAcls', value: true, source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html' },
  { type: 'AWS::S3::Bucket', property: 'PublicAccessBlockConfiguration.RestrictPublicBuckets', value: true, source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html' },
  { type: 'AWS::S3::Bucket', property: 'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm', value: 'AES256', source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html (SSE-S3 by default since January 2023)' },
];

const index = new Map(AWS_DEFAULTS.map((d) => [`${d.type}|${d.property}`, d]));

export function awsDefault(type: string, property: string): AwsDefault | undefined {
  return index.get(`${type}|${property}`);
}

/** A property's value as AWS will see it: the set value, else AWS's default. */
export interface Effective {
  value: Value | undefined;
  /** True when the value came from the defaults table, not from the resource. */
  defaulted: boolean;
  source?: string;
}

export function effective(resource: Resource, property: string): Effective {
  const value = getPath(resource.properties, property);
  if (value !== undefined && value !== null) return { value, defaulted: false };
  const d = awsDefault(resource.type, property);
  return d ? { value: d.value, defaulted: true, source: d.source } : { value: undefined, defaulted: false };
}
