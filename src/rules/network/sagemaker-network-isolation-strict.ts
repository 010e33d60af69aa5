import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { read, readFlag, shown } from '../lib/read.js';

/**
 * Where each SageMaker resource type that runs customer containers takes its network-isolation
 * flag. `when` names an object that must exist for the flag to apply (a schedule may instead
 * reference a separate job definition, which is judged on its own).
 */
export const ISOLATION_FLAGS: readonly { type: string; path: string; when?: string }[] = [
  { type: 'AWS::SageMaker::Model', path: 'EnableNetworkIsolation' },
  { type: 'AWS::SageMaker::TrainingJob', path: 'EnableNetworkIsolation' },
  { type: 'AWS::SageMaker::ProcessingJob', path: 'NetworkConfig.EnableNetworkIsolation' },
  { type: 'AWS::SageMaker::DataQualityJobDefinition', path: 'NetworkConfig.EnableNetworkIsolation' },
  { type: 'AWS::SageMaker::ModelQualityJobDefinition', path: 'NetworkConfig.EnableNetworkIsolation' },
  { type: 'AWS::SageMaker::ModelBiasJobDefinition', path: 'NetworkConfig.EnableNetworkIsolation' },
  { type: 'AWS::SageMaker::ModelExplainabilityJobDefinition', path: 'NetworkConfig.EnableNetworkIsolation' },
  {
    type: 'AWS::SageMaker::MonitoringSchedule',
    path: 'MonitoringScheduleConfig.MonitoringJobDefinition.NetworkConfig.EnableNetworkIsolation',
    when: 'MonitoringScheduleConfig.MonitoringJobDefinition',
  },
];

export const rule: Rule = {
  id: 'sagemaker-network-isolation-strict',
  title: 'SageMaker container runs without network isolation (strict profile)',
  ring: 'network',
  severity: 'medium',
  resourceTypes: ISOLATION_FLAGS.map((f) => f.type),
  profiles: ['strict'],
  rationale:
    'Training, processing and monitoring containers handle the raw training data and models; any outbound path lets a malicious ' +
    'dependency or image send them away or fetch a payload. VPC mode still allows what the VPC routes to. The strict profile demands ' +
    'network isolation wherever SageMaker supports it, so containers receive their inputs from SageMaker and can call nothing.',
  remediation:
    'Set EnableNetworkIsolation: true on models and training jobs, and NetworkConfig.EnableNetworkIsolation: true on processing jobs, ' +
    'the four monitoring job definitions and monitoring schedules (Terraform: enable_network_isolation on aws_sagemaker_model; ' +
    'network_config { enable_network_isolation = true } on the job definitions; pipeline steps in the pipeline definition JSON).',
  references: {
    securityHub: ['SageMaker.5', 'SageMaker.11'],
    nist80053: ['AC-4', 'SC-7', 'SC-7(9)'],
    atlas: ['AML.T0025', 'AML.T0010', 'AML.M0005'],
    owaspMl: ['ML02:2023', 'ML05:2023', 'ML06:2023'],
    checkov: ['CKV_AWS_370'],
    prowler: ['sagemaker_models_network_isolation_enabled', 'sagemaker_training_jobs_network_isolation_enabled'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html', 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NetworkConfig.html'],
  },
  check(resource) {
    const flag = ISOLATION_FLAGS.find((f) => f.type === resource.type);
    if (!flag) return [];
    if (flag.when) {
      const holder = read(resource, flag.when);
      if (holder.state === 'absent') return [];
      if (holder.state === 'unknown') return [unknown(flag.when, `${flag.when} cannot be determined: ${holder.reason}`)];
    }
    const r = readFlag(resource, flag.path);
    if (r.state === 'unknown') return [unknown(flag.path, `${flag.path} cannot be determined: ${r.reason}`)];
    if (r.state === 'set' && r.flag) return [pass(flag.path, 'the container runs without network access')];
    const value = r.state === 'set' ? shown('false', r.defaulted) : 'not set';
    return [fail(flag.path, `${flag.path} is ${value}: the container can reach the network; the strict profile requires isolation wherever SageMaker supports it`)];
  },
};
