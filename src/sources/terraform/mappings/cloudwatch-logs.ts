import type { AttributeSpec, ResourceMapping } from '../mapping/types.js';

// CloudWatch Logs: log groups and the metric filters that turn CloudTrail events into alarms.

const tags: AttributeSpec = { to: 'Tags', transform: 'tags' };

export const CLOUDWATCH_LOGS_MAPPINGS: ResourceMapping[] = [
  {
    tfType: 'aws_cloudwatch_log_group',
    cfnType: 'AWS::Logs::LogGroup',
    idAttribute: 'name',
    attributes: {
      name: 'LogGroupName',
      retention_in_days: 'RetentionInDays',
      kms_key_id: 'KmsKeyId',
      log_group_class: 'LogGroupClass',
      tags,
    },
  },
  {
    tfType: 'aws_cloudwatch_log_metric_filter',
    cfnType: 'AWS::Logs::MetricFilter',
    idAttribute: 'name',
    attributes: {
      name: 'FilterName',
      pattern: 'FilterPattern',
      log_group_name: 'LogGroupName',
      metric_transformation: {
        to: 'MetricTransformations',
        list: true,
        attributes: {
          name: 'MetricName',
          namespace: 'MetricNamespace',
          value: 'MetricValue',
          default_value: 'DefaultValue',
          unit: 'Unit',
          dimensions: { to: 'Dimensions', transform: 'keyValueList' },
        },
      },
    },
  },
];
