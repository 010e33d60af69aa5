import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import type { Resource } from '../../core/resource.js';
import { asString, isObject, Unknown } from '../../core/value.js';
import { read, readFlag, readNumber } from '../lib/read.js';

/** What Data Capture must record for the endpoint's traffic to be auditable. */
const REQUIRED_MODES = ['Input', 'Output'] as const;
const FULL_SAMPLING = 100;

export const rule: Rule = {
  id: 'sagemaker-endpoint-data-capture',
  title: 'SageMaker endpoint does not capture all requests and responses',
  ring: 'monitoring',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  rationale:
    'Model extraction, membership inference and adversarial probing happen through ordinary inference requests; Data Capture is the only ' +
    'record of what was asked and answered. Capturing a sample, or only inputs or only outputs, leaves gaps an attacker can hide in and ' +
    'makes drift and abuse analysis (Model Monitor, ringfence threats) unreliable.',
  remediation:
    'Add DataCaptureConfig to the AWS::SageMaker::EndpointConfig with EnableCapture: true, InitialSamplingPercentage: 100, CaptureOptions ' +
    '[{CaptureMode: Input}, {CaptureMode: Output}], a DestinationS3Uri in a locked-down bucket and a KmsKeyId (Terraform: ' +
    'data_capture_config { enable_capture = true, initial_sampling_percentage = 100, capture_options { capture_mode = "Input" } ' +
    'capture_options { capture_mode = "Output" } } on aws_sagemaker_endpoint_configuration).',
  references: {
    nist80053: ['AU-2', 'AU-12', 'SI-4'],
    atlas: ['AML.M0024', 'AML.T0024', 'AML.T0040'],
    owaspMl: ['ML01:2023', 'ML03:2023', 'ML04:2023', 'ML05:2023'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html', 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html'],
  },
  check(config) {
    const capture = read(config, 'DataCaptureConfig');
    if (capture.state === 'unknown') return [unknown('DataCaptureConfig', `DataCaptureConfig cannot be determined: ${capture.reason}`)];
    if (capture.state === 'absent') return [fail('DataCaptureConfig', 'DataCaptureConfig is not set: no record is kept of the requests and responses the endpoint serves')];
    const results = [...enabled(config), ...sampling(config), ...modes(config)];
    return results.length ? results : [pass('DataCaptureConfig', 'Data Capture records every request and response (100%, Input and Output)')];
  },
};

function enabled(config: Resource): CheckResult[] {
  const path = 'DataCaptureConfig.EnableCapture';
  const r = readFlag(config, path);
  if (r.state === 'unknown') return [unknown(path, `EnableCapture cannot be determined: ${r.reason}`)];
  if (r.state === 'set' && !r.flag) return [fail(path, 'EnableCapture is false: Data Capture is configured but records nothing')];
  return [];
}

function sampling(config: Resource): CheckResult[] {
  const path = 'DataCaptureConfig.InitialSamplingPercentage';
  const r = readNumber(config, path);
  if (r.state === 'unknown') return [unknown(path, `InitialSamplingPercentage cannot be determined: ${r.reason}`)];
  if (r.state === 'absent') return [fail(path, 'InitialSamplingPercentage is not set (it is required): nothing guarantees every request is captured')];
  if (r.number < FULL_SAMPLING) return [fail(path, `InitialSamplingPercentage is ${r.number}: ${FULL_SAMPLING - r.number}% of requests leave no record, room enough to hide extraction or probing`)];
  return [];
}

function modes(config: Resource): CheckResult[] {
  const path = 'DataCaptureConfig.CaptureOptions';
  const r = read(config, path);
  if (r.state === 'unknown') return [unknown(path, `CaptureOptions cannot be determined: ${r.reason}`)];
  const options = r.state === 'set' && Array.isArray(r.value) ? r.value : [];
  const seen = new Set<string>();
  for (const o of options) {
    const mode = isObject(o) ? o['CaptureMode'] : o;
    if (mode instanceof Unknown) return [unknown(path, `a CaptureMode cannot be determined: ${mode.reason}`)];
    const text = asString(mode);
    if (text) seen.add(text);
  }
  const missing = REQUIRED_MODES.filter((m) => !seen.has(m));
  if (missing.length === 0) return [];
  const lost = missing.length === REQUIRED_MODES.length ? 'neither requests nor responses are recorded' : missing[0] === 'Input' ? 'the requests sent to the model are not recorded' : 'the answers it gave are not recorded';
  return [fail(path, `CaptureOptions do not include ${missing.join(' or ')}: ${lost}`)];
}
