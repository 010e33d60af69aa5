import type { AttributeSpec, ResourceMapping } from '../mapping/types.js';

// CloudTrail trails, with their event selectors (data events on S3 objects hold ML data).

const tags: AttributeSpec = { to: 'Tags', transform: 'tags' };

export const CLOUDTRAIL_MAPPINGS: ResourceMapping[] = [
  {
    tfType: 'aws_cloudtrail',
    cfnType: 'AWS::CloudTrail::Trail',
    idAttribute: 'name',
    attributes: {
      name: 'TrailName',
      s3_bucket_name: 'S3BucketName',
      s3_key_prefix: 'S3KeyPrefix',
      sns_topic_name: 'SnsTopicName',
      cloud_watch_logs_group_arn: 'CloudWatchLogsLogGroupArn',
      cloud_watch_logs_role_arn: 'CloudWatchLogsRoleArn',
      enable_log_file_validation: 'EnableLogFileValidation',
      enable_logging: 'IsLogging',
      include_global_service_events: 'IncludeGlobalServiceEvents',
      is_multi_region_trail: 'IsMultiRegionTrail',
      is_organization_trail: 'IsOrganizationTrail',
      kms_key_id: 'KMSKeyId',
      event_selector: {
        to: 'EventSelectors',
        list: true,
        attributes: {
          read_write_type: 'ReadWriteType',
          include_management_events: 'IncludeManagementEvents',
          exclude_management_event_sources: 'ExcludeManagementEventSources',
          data_resource: { to: 'DataResources', list: true, attributes: { type: 'Type', values: 'Values' } },
        },
      },
      advanced_event_selector: {
        to: 'AdvancedEventSelectors',
        list: true,
        attributes: {
          name: 'Name',
          field_selector: {
            to: 'FieldSelectors',
            list: true,
            attributes: {
              field: 'Field',
              equals: 'Equals',
              not_equals: 'NotEquals',
              starts_with: 'StartsWith',
              not_starts_with: 'NotStartsWith',
              ends_with: 'EndsWith',
              not_ends_with: 'NotEndsWith',
            },
          },
        },
      },
      insight_selector: { to: 'InsightSelectors', list: true, attributes: { insight_type: 'InsightType' } },
      tags,
    },
  },
];
