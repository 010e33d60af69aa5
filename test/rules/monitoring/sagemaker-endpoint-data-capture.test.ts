import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/monitoring/sagemaker-endpoint-data-capture.js';
import { brief, check, inv, res, unknownValue } from '../support.js';

const run = (capture?: unknown) =>
  check(rule, inv(res('AWS::SageMaker::EndpointConfig', 'Ec', (capture === undefined ? {} : { DataCaptureConfig: capture }) as never)), 'Ec');
const full = { EnableCapture: true, InitialSamplingPercentage: 100, DestinationS3Uri: 's3://c/', CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] };

describe('sagemaker-endpoint-data-capture', () => {
  it('passes full capture of inputs and outputs', () => {
    expect(brief(run(full))).toEqual([{ status: 'pass', property: 'DataCaptureConfig' }]);
  });

  it('takes an absent EnableCapture as enabled, the API default', () => {
    const { EnableCapture: _, ...rest } = full;
    expect(run(rest)[0]!.status).toBe('pass');
  });

  it('fails without DataCaptureConfig', () => {
    expect(brief(run())).toEqual([{ status: 'fail', property: 'DataCaptureConfig' }]);
  });

  it('reports one failure per defect, each at its property', () => {
    expect(brief(run({ ...full, EnableCapture: false, InitialSamplingPercentage: 10, CaptureOptions: [{ CaptureMode: 'Input' }] }))).toEqual([
      { status: 'fail', property: 'DataCaptureConfig.EnableCapture' },
      { status: 'fail', property: 'DataCaptureConfig.InitialSamplingPercentage' },
      { status: 'fail', property: 'DataCaptureConfig.CaptureOptions' },
    ]);
    expect(run({ ...full, CaptureOptions: [{ CaptureMode: 'Input' }] })[0]!.message).toContain('Output');
    expect(run({ ...full, CaptureOptions: [] })[0]!.message).toContain('neither requests nor responses');
  });

  it('reads CloudFormation strings as numbers and flags', () => {
    expect(run({ ...full, EnableCapture: 'true', InitialSamplingPercentage: '100' })[0]!.status).toBe('pass');
    expect(run({ ...full, InitialSamplingPercentage: '99' })[0]!.message).toContain('1% of requests');
  });

  it('is unknown, not failing, when values are not known', () => {
    expect(run(unknownValue())[0]!.status).toBe('unknown');
    expect(brief(run({ ...full, InitialSamplingPercentage: unknownValue() }))).toEqual([{ status: 'unknown', property: 'DataCaptureConfig.InitialSamplingPercentage' }]);
    expect(run({ ...full, CaptureOptions: [{ CaptureMode: unknownValue() }] })[0]!.status).toBe('unknown');
  });
});
