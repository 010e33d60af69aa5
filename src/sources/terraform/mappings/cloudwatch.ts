import type { AttributeSpec, ResourceMapping } from '../mapping/types.js';

// CloudWatch alarms (and the SNS topics they notify).

const tags: AttributeSpec = { to: 'Tags', transform: 'tags' };
const dimensions: AttributeSpec = { to: 'Dimensions', transform: 'nameValueList' };

export const CLOUDWATCH_MAPPINGS: ResourceMapping[] = [
  {
    tfType: 'aws_cloudwatch_metric_alarm',
    cfnType: 'AWS::CloudWatch::Alarm',
    idAttribute: 'alarm_name',
    attributes: {
      alarm_name: 'AlarmName',
      alarm_description: 'AlarmDescription',
      comparison_operator: 'ComparisonOperator',
      evaluation_periods: 'EvaluationPeriods',
      datapoints_to_alarm: 'DatapointsToAlarm',
      metric_name: 'MetricName',
      namespace: 'Namespace',
      period: 'Period',
      statistic: 'Statistic',
      extended_statistic: 'ExtendedStatistic',
      threshold: 'Threshold',
      threshold_metric_id: 'ThresholdMetricId',
      unit: 'Unit',
      dimensions,
      treat_missing_data: 'TreatMissingData',
      evaluate_low_sample_count_percentiles: 'EvaluateLowSampleCountPercentile',
      actions_enabled: 'ActionsEnabled',
      alarm_actions: 'AlarmActions',
      ok_actions: 'OKActions',
      insufficient_data_actions: 'InsufficientDataActions',
      metric_query: {
        to: 'Metrics',
        list: true,
        attributes: {
          id: 'Id',
          expression: 'Expression',
          label: 'Label',
          return_data: 'ReturnData',
          period: 'Period',
          account_id: 'AccountId',
          // Terraform flattens the metric and its statistic into one block; CloudFormation nests.
          metric: {
            to: 'MetricStat',
            attributes: {
              metric_name: 'Metric.MetricName',
              namespace: 'Metric.Namespace',
              dimensions: { to: 'Metric.Dimensions', transform: 'nameValueList' },
              period: 'Period',
              stat: 'Stat',
              unit: 'Unit',
            },
          },
        },
      },
      tags,
    },
  },
  {
    tfType: 'aws_sns_topic',
    cfnType: 'AWS::SNS::Topic',
    // Ref of AWS::SNS::Topic returns the ARN, as Terraform's `id` does.
    refAttributes: { arn: null, name: 'TopicName' },
    attributes: { name: 'TopicName', kms_master_key_id: 'KmsMasterKeyId', display_name: 'DisplayName', fifo_topic: 'FifoTopic', tags },
  },
];
