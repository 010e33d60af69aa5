import { describe, expect, it } from 'vitest';
import { selectRules } from '../../../src/rules/engine.js';
import { ISOLATION_FLAGS, rule } from '../../../src/rules/network/sagemaker-network-isolation-strict.js';
import { brief, check, inv, res, unknownValue } from '../support.js';

describe('sagemaker-network-isolation-strict', () => {
  it('runs only in the strict profile', () => {
    expect(selectRules([rule], { profile: 'default' })).toEqual([]);
    expect(selectRules([rule], { profile: 'strict' })).toEqual([rule]);
  });

  it('judges every type it lists, and only those', () => {
    expect(rule.resourceTypes).toEqual(ISOLATION_FLAGS.map((f) => f.type));
    expect(rule.resourceTypes).toEqual(
      expect.arrayContaining([
        'AWS::SageMaker::TrainingJob',
        'AWS::SageMaker::ProcessingJob',
        'AWS::SageMaker::DataQualityJobDefinition',
        'AWS::SageMaker::ModelQualityJobDefinition',
        'AWS::SageMaker::ModelBiasJobDefinition',
        'AWS::SageMaker::ModelExplainabilityJobDefinition',
        'AWS::SageMaker::Model',
      ]),
    );
  });

  it('reads the flag where each type keeps it', () => {
    const i = inv(
      res('AWS::SageMaker::TrainingJob', 'Train', { EnableNetworkIsolation: true }),
      res('AWS::SageMaker::ProcessingJob', 'Proc', { NetworkConfig: { EnableNetworkIsolation: true } }),
      res('AWS::SageMaker::ProcessingJob', 'ProcTopLevel', { EnableNetworkIsolation: true }),
      res('AWS::SageMaker::DataQualityJobDefinition', 'Dq', {}),
    );
    expect(brief(check(rule, i, 'Train'))).toEqual([{ status: 'pass', property: 'EnableNetworkIsolation' }]);
    expect(brief(check(rule, i, 'Proc'))).toEqual([{ status: 'pass', property: 'NetworkConfig.EnableNetworkIsolation' }]);
    // A flag in the wrong place does not count: processing jobs take it in NetworkConfig.
    expect(brief(check(rule, i, 'ProcTopLevel'))).toEqual([{ status: 'fail', property: 'NetworkConfig.EnableNetworkIsolation' }]);
    expect(check(rule, i, 'Dq')[0]!.message).toContain("AWS's default");
  });

  it('judges a monitoring schedule only when it embeds its job definition', () => {
    const S = 'AWS::SageMaker::MonitoringSchedule';
    const i = inv(
      res(S, 'ByName', { MonitoringScheduleConfig: { MonitoringJobDefinitionName: 'dq', MonitoringType: 'DataQuality' } }),
      res(S, 'Embedded', { MonitoringScheduleConfig: { MonitoringJobDefinition: { RoleArn: 'arn:aws:iam::1:role/r' } } }),
    );
    expect(check(rule, i, 'ByName')).toEqual([]);
    expect(check(rule, i, 'Embedded')[0]!.status).toBe('fail');
  });

  it('is unknown when the flag is not known', () => {
    const i = inv(res('AWS::SageMaker::TrainingJob', 'T', { EnableNetworkIsolation: unknownValue() }));
    expect(check(rule, i, 'T')[0]!.status).toBe('unknown');
  });
});
