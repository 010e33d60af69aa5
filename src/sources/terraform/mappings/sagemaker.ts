import type { AttributeSpec, ResourceMapping } from '../mapping/types.js';

// SageMaker: Terraform AWS provider resources → AWS::SageMaker::* properties.
// Names follow the provider's argument reference and the CloudFormation resource reference.

const tags: AttributeSpec = { to: 'Tags', transform: 'tags' };

const vpcConfig: AttributeSpec = {
  to: 'VpcConfig',
  attributes: { security_group_ids: 'SecurityGroupIds', subnets: 'Subnets' },
};

const container = (to: string, list: boolean): AttributeSpec => ({
  to,
  list,
  attributes: {
    image: 'Image',
    model_data_url: 'ModelDataUrl',
    mode: 'Mode',
    container_hostname: 'ContainerHostname',
    environment: 'Environment',
    model_package_name: 'ModelPackageName',
    inference_specification_name: 'InferenceSpecificationName',
    image_config: {
      to: 'ImageConfig',
      attributes: {
        repository_access_mode: 'RepositoryAccessMode',
        repository_auth_config: { to: 'RepositoryAuthConfig', attributes: { repository_credentials_provider_arn: 'RepositoryCredentialsProviderArn' } },
      },
    },
    model_data_source: {
      to: 'ModelDataSource',
      attributes: {
        s3_data_source: { to: 'S3DataSource', attributes: { s3_uri: 'S3Uri', s3_data_type: 'S3DataType', compression_type: 'CompressionType' } },
      },
    },
    multi_model_config: { to: 'MultiModelConfig', attributes: { model_cache_setting: 'ModelCacheSetting' } },
  },
});

const sharingSettings: AttributeSpec = {
  to: 'SharingSettings',
  attributes: { notebook_output_option: 'NotebookOutputOption', s3_kms_key_id: 'S3KmsKeyId', s3_output_path: 'S3OutputPath' },
};

const resourceSpec: AttributeSpec = {
  to: 'DefaultResourceSpec',
  attributes: { instance_type: 'InstanceType', sagemaker_image_arn: 'SageMakerImageArn', sagemaker_image_version_arn: 'SageMakerImageVersionArn', lifecycle_config_arn: 'LifecycleConfigArn' },
};

const userSettings = (to: string): AttributeSpec => ({
  to,
  attributes: {
    execution_role: 'ExecutionRole',
    security_groups: 'SecurityGroups',
    sharing_settings: sharingSettings,
    default_landing_uri: 'DefaultLandingUri',
    studio_web_portal: 'StudioWebPortal',
    jupyter_server_app_settings: { to: 'JupyterServerAppSettings', attributes: { default_resource_spec: resourceSpec, lifecycle_config_arns: 'LifecycleConfigArns' } },
    kernel_gateway_app_settings: { to: 'KernelGatewayAppSettings', attributes: { default_resource_spec: resourceSpec, lifecycle_config_arns: 'LifecycleConfigArns' } },
    jupyter_lab_app_settings: { to: 'JupyterLabAppSettings', attributes: { default_resource_spec: resourceSpec, lifecycle_config_arns: 'LifecycleConfigArns' } },
  },
});

const s3Uri: AttributeSpec = { to: 'S3Uri' };

const monitoringOutputConfig = (to: string): AttributeSpec => ({
  to,
  attributes: {
    kms_key_id: 'KmsKeyId',
    monitoring_outputs: {
      to: 'MonitoringOutputs',
      list: true,
      attributes: { s3_output: { to: 'S3Output', attributes: { s3_uri: 'S3Uri', local_path: 'LocalPath', s3_upload_mode: 'S3UploadMode' } } },
    },
  },
});

export const SAGEMAKER_MAPPINGS: ResourceMapping[] = [
  {
    tfType: 'aws_sagemaker_notebook_instance',
    cfnType: 'AWS::SageMaker::NotebookInstance',
    idAttribute: 'name',
    refAttributes: { arn: null, name: 'NotebookInstanceName', id: 'NotebookInstanceName' },
    attributes: {
      name: 'NotebookInstanceName',
      role_arn: 'RoleArn',
      instance_type: 'InstanceType',
      platform_identifier: 'PlatformIdentifier',
      volume_size: 'VolumeSizeInGB',
      subnet_id: 'SubnetId',
      security_groups: 'SecurityGroupIds',
      additional_code_repositories: 'AdditionalCodeRepositories',
      default_code_repository: 'DefaultCodeRepository',
      direct_internet_access: 'DirectInternetAccess',
      root_access: 'RootAccess',
      kms_key_id: 'KmsKeyId',
      lifecycle_config_name: 'LifecycleConfigName',
      accelerator_types: 'AcceleratorTypes',
      instance_metadata_service_configuration: {
        to: 'InstanceMetadataServiceConfiguration',
        attributes: { minimum_instance_metadata_service_version: 'MinimumInstanceMetadataServiceVersion' },
      },
      tags,
    },
  },
  {
    tfType: 'aws_sagemaker_notebook_instance_lifecycle_configuration',
    cfnType: 'AWS::SageMaker::NotebookInstanceLifecycleConfig',
    idAttribute: 'name',
    attributes: {
      name: 'NotebookInstanceLifecycleConfigName',
      on_create: { to: 'OnCreate', transform: 'contentList' },
      on_start: { to: 'OnStart', transform: 'contentList' },
    },
  },
  {
    tfType: 'aws_sagemaker_code_repository',
    cfnType: 'AWS::SageMaker::CodeRepository',
    idAttribute: 'code_repository_name',
    attributes: {
      code_repository_name: 'CodeRepositoryName',
      git_config: { to: 'GitConfig', attributes: { repository_url: 'RepositoryUrl', branch: 'Branch', secret_arn: 'SecretArn' } },
      tags,
    },
  },
  {
    tfType: 'aws_sagemaker_domain',
    cfnType: 'AWS::SageMaker::Domain',
    refAttributes: { id: 'DomainId', arn: 'DomainArn', url: 'Url', home_efs_file_system_id: 'HomeEfsFileSystemId' },
    attributes: {
      domain_name: 'DomainName',
      auth_mode: 'AuthMode',
      vpc_id: 'VpcId',
      subnet_ids: 'SubnetIds',
      app_network_access_type: 'AppNetworkAccessType',
      app_security_group_management: 'AppSecurityGroupManagement',
      kms_key_id: 'KmsKeyId',
      tag_propagation: 'TagPropagation',
      default_user_settings: userSettings('DefaultUserSettings'),
      default_space_settings: { to: 'DefaultSpaceSettings', attributes: { execution_role: 'ExecutionRole', security_groups: 'SecurityGroups' } },
      domain_settings: {
        to: 'DomainSettings',
        attributes: { security_group_ids: 'SecurityGroupIds', execution_role_identity_config: 'ExecutionRoleIdentityConfig' },
      },
      tags,
    },
  },
  {
    tfType: 'aws_sagemaker_user_profile',
    cfnType: 'AWS::SageMaker::UserProfile',
    idAttribute: 'user_profile_name',
    refAttributes: { arn: 'UserProfileArn' },
    attributes: {
      domain_id: 'DomainId',
      user_profile_name: 'UserProfileName',
      single_sign_on_user_identifier: 'SingleSignOnUserIdentifier',
      single_sign_on_user_value: 'SingleSignOnUserValue',
      user_settings: userSettings('UserSettings'),
      tags,
    },
  },
  {
    tfType: 'aws_sagemaker_model',
    cfnType: 'AWS::SageMaker::Model',
    idAttribute: 'name',
    // Ref of AWS::SageMaker::Model returns the ARN; the name is GetAtt ModelName.
    refAttributes: { arn: null, name: 'ModelName', id: 'ModelName' },
    attributes: {
      name: 'ModelName',
      execution_role_arn: 'ExecutionRoleArn',
      primary_container: container('PrimaryContainer', false),
      container: container('Containers', true),
      vpc_config: vpcConfig,
      enable_network_isolation: 'EnableNetworkIsolation',
      inference_execution_config: { to: 'InferenceExecutionConfig', attributes: { mode: 'Mode' } },
      tags,
    },
  },
  {
    tfType: 'aws_sagemaker_endpoint_configuration',
    cfnType: 'AWS::SageMaker::EndpointConfig',
    idAttribute: 'name',
    refAttributes: { arn: null, name: 'EndpointConfigName', id: 'EndpointConfigName' },
    attributes: {
      name: 'EndpointConfigName',
      kms_key_arn: 'KmsKeyId',
      execution_role_arn: 'ExecutionRoleArn',
      production_variants: productionVariants('ProductionVariants'),
      shadow_production_variants: productionVariants('ShadowProductionVariants'),
      data_capture_config: {
        to: 'DataCaptureConfig',
        attributes: {
          enable_capture: 'EnableCapture',
          initial_sampling_percentage: 'InitialSamplingPercentage',
          destination_s3_uri: 'DestinationS3Uri',
          kms_key_id: 'KmsKeyId',
          capture_options: { to: 'CaptureOptions', list: true, attributes: { capture_mode: 'CaptureMode' } },
          capture_content_type_header: {
            to: 'CaptureContentTypeHeader',
            attributes: { csv_content_types: 'CsvContentTypes', json_content_types: 'JsonContentTypes' },
          },
        },
      },
      async_inference_config: {
        to: 'AsyncInferenceConfig',
        attributes: {
          client_config: { to: 'ClientConfig', attributes: { max_concurrent_invocations_per_instance: 'MaxConcurrentInvocationsPerInstance' } },
          output_config: {
            to: 'OutputConfig',
            attributes: {
              s3_output_path: 'S3OutputPath',
              s3_failure_path: 'S3FailurePath',
              kms_key_id: 'KmsKeyId',
              notification_config: {
                to: 'NotificationConfig',
                attributes: { error_topic: 'ErrorTopic', success_topic: 'SuccessTopic', include_inference_response_in: 'IncludeInferenceResponseIn' },
              },
            },
          },
        },
      },
      tags,
    },
  },
  {
    tfType: 'aws_sagemaker_endpoint',
    cfnType: 'AWS::SageMaker::Endpoint',
    idAttribute: 'name',
    refAttributes: { arn: null, name: 'EndpointName', id: 'EndpointName' },
    attributes: {
      name: 'EndpointName',
      endpoint_config_name: 'EndpointConfigName',
      deployment_config: {
        to: 'DeploymentConfig',
        attributes: {
          auto_rollback_configuration: {
            to: 'AutoRollbackConfiguration',
            attributes: { alarms: { to: 'Alarms', list: true, attributes: { alarm_name: 'AlarmName' } } },
          },
        },
      },
      tags,
    },
  },
  {
    tfType: 'aws_sagemaker_pipeline',
    cfnType: 'AWS::SageMaker::Pipeline',
    idAttribute: 'pipeline_name',
    attributes: {
      pipeline_name: 'PipelineName',
      pipeline_display_name: 'PipelineDisplayName',
      pipeline_description: 'PipelineDescription',
      role_arn: 'RoleArn',
      pipeline_definition: 'PipelineDefinition.PipelineDefinitionBody',
      pipeline_definition_s3_location: {
        to: 'PipelineDefinition.PipelineDefinitionS3Location',
        attributes: { bucket: 'Bucket', object_key: 'Key', version_id: 'Version' },
      },
      parallelism_configuration: { to: 'ParallelismConfiguration', attributes: { max_parallel_execution_steps: 'MaxParallelExecutionSteps' } },
      tags,
    },
  },
  {
    tfType: 'aws_sagemaker_data_quality_job_definition',
    cfnType: 'AWS::SageMaker::DataQualityJobDefinition',
    idAttribute: 'name',
    refAttributes: { arn: 'JobDefinitionArn' },
    attributes: {
      name: 'JobDefinitionName',
      role_arn: 'RoleArn',
      data_quality_app_specification: {
        to: 'DataQualityAppSpecification',
        attributes: {
          image_uri: 'ImageUri',
          environment: 'Environment',
          container_arguments: 'ContainerArguments',
          container_entrypoint: 'ContainerEntrypoint',
          post_analytics_processor_source_uri: 'PostAnalyticsProcessorSourceUri',
          record_preprocessor_source_uri: 'RecordPreprocessorSourceUri',
        },
      },
      data_quality_baseline_config: {
        to: 'DataQualityBaselineConfig',
        attributes: {
          baselining_job_name: 'BaseliningJobName',
          constraints_resource: { to: 'ConstraintsResource', attributes: { s3_uri: s3Uri } },
          statistics_resource: { to: 'StatisticsResource', attributes: { s3_uri: s3Uri } },
        },
      },
      data_quality_job_input: {
        to: 'DataQualityJobInput',
        attributes: {
          endpoint_input: {
            to: 'EndpointInput',
            attributes: { endpoint_name: 'EndpointName', local_path: 'LocalPath', s3_data_distribution_type: 'S3DataDistributionType', s3_input_mode: 'S3InputMode' },
          },
          batch_transform_input: {
            to: 'BatchTransformInput',
            attributes: {
              data_captured_destination_s3_uri: 'DataCapturedDestinationS3Uri',
              local_path: 'LocalPath',
              s3_data_distribution_type: 'S3DataDistributionType',
              s3_input_mode: 'S3InputMode',
              dataset_format: {
                to: 'DatasetFormat',
                attributes: { csv: { to: 'Csv', attributes: { header: 'Header' } }, json: { to: 'Json', attributes: { line: 'Line' } } },
              },
            },
          },
        },
      },
      data_quality_job_output_config: monitoringOutputConfig('DataQualityJobOutputConfig'),
      job_resources: {
        to: 'JobResources',
        attributes: {
          cluster_config: {
            to: 'ClusterConfig',
            attributes: { instance_count: 'InstanceCount', instance_type: 'InstanceType', volume_kms_key_id: 'VolumeKmsKeyId', volume_size_in_gb: 'VolumeSizeInGB' },
          },
        },
      },
      network_config: {
        to: 'NetworkConfig',
        attributes: {
          enable_inter_container_traffic_encryption: 'EnableInterContainerTrafficEncryption',
          enable_network_isolation: 'EnableNetworkIsolation',
          vpc_config: vpcConfig,
        },
      },
      stopping_condition: { to: 'StoppingCondition', attributes: { max_runtime_in_seconds: 'MaxRuntimeInSeconds' } },
      tags,
    },
  },
  {
    tfType: 'aws_sagemaker_monitoring_schedule',
    cfnType: 'AWS::SageMaker::MonitoringSchedule',
    idAttribute: 'name',
    refAttributes: { arn: 'MonitoringScheduleArn' },
    attributes: {
      name: 'MonitoringScheduleName',
      monitoring_schedule_config: {
        to: 'MonitoringScheduleConfig',
        attributes: {
          monitoring_job_definition_name: 'MonitoringJobDefinitionName',
          monitoring_type: 'MonitoringType',
          schedule_config: { to: 'ScheduleConfig', attributes: { schedule_expression: 'ScheduleExpression' } },
        },
      },
      tags,
    },
  },
  {
    tfType: 'aws_sagemaker_feature_group',
    cfnType: 'AWS::SageMaker::FeatureGroup',
    idAttribute: 'feature_group_name',
    refAttributes: { arn: 'FeatureGroupArn' },
    attributes: {
      feature_group_name: 'FeatureGroupName',
      record_identifier_feature_name: 'RecordIdentifierFeatureName',
      event_time_feature_name: 'EventTimeFeatureName',
      description: 'Description',
      role_arn: 'RoleArn',
      feature_definition: { to: 'FeatureDefinitions', list: true, attributes: { feature_name: 'FeatureName', feature_type: 'FeatureType' } },
      online_store_config: {
        to: 'OnlineStoreConfig',
        attributes: {
          enable_online_store: 'EnableOnlineStore',
          storage_type: 'StorageType',
          security_config: { to: 'SecurityConfig', attributes: { kms_key_id: 'KmsKeyId' } },
        },
      },
      offline_store_config: {
        to: 'OfflineStoreConfig',
        attributes: {
          disable_glue_table_creation: 'DisableGlueTableCreation',
          table_format: 'TableFormat',
          s3_storage_config: { to: 'S3StorageConfig', attributes: { s3_uri: 'S3Uri', kms_key_id: 'KmsKeyId' } },
          data_catalog_config: { to: 'DataCatalogConfig', attributes: { catalog: 'Catalog', database: 'Database', table_name: 'TableName' } },
        },
      },
      tags,
    },
  },
];

function productionVariants(to: string): AttributeSpec {
  return {
    to,
    list: true,
    attributes: {
      variant_name: 'VariantName',
      model_name: 'ModelName',
      initial_instance_count: 'InitialInstanceCount',
      instance_type: 'InstanceType',
      initial_variant_weight: 'InitialVariantWeight',
      accelerator_type: 'AcceleratorType',
      volume_size_in_gb: 'VolumeSizeInGB',
      model_data_download_timeout_in_seconds: 'ModelDataDownloadTimeoutInSeconds',
      container_startup_health_check_timeout_in_seconds: 'ContainerStartupHealthCheckTimeoutInSeconds',
      enable_ssm_access: 'EnableSSMAccess',
      serverless_config: {
        to: 'ServerlessConfig',
        attributes: { max_concurrency: 'MaxConcurrency', memory_size_in_mb: 'MemorySizeInMB', provisioned_concurrency: 'ProvisionedConcurrency' },
      },
      managed_instance_scaling: {
        to: 'ManagedInstanceScaling',
        attributes: { status: 'Status', min_instance_count: 'MinInstanceCount', max_instance_count: 'MaxInstanceCount' },
      },
      routing_config: { to: 'RoutingConfig', attributes: { routing_strategy: 'RoutingStrategy' } },
    },
  };
}
