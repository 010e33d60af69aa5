import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/core/finding.js';
import type { ScanResult } from '../../src/core/scan-result.js';
import { RULES } from '../../src/rules/index.js';
import { scan } from '../../src/scan.js';

// The example stacks are the project's end-to-end fixtures: the insecure twins must fail every
// default-profile rule, on the resources their comments name; the hardened twins must pass all.

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/**
 * The default-profile rules, listed by hand so that a rule dropped from the catalog is noticed
 * here (and a rule added to it is noticed by the "catalog" test below).
 */
const DEFAULT_RULES = [
  'sagemaker-notebook-direct-internet',
  'sagemaker-notebook-not-in-vpc',
  'sagemaker-notebook-root-access',
  'sagemaker-notebook-volume-cmk',
  'sagemaker-domain-vpc-only',
  'sagemaker-model-network-isolation',
  'sagemaker-model-vpc',
  'sagemaker-endpoint-config-kms',
  'sagemaker-endpoint-data-capture',
  'sagemaker-role-broad-permissions',
  's3-training-data-bucket-lockdown',
  'cloudtrail-trail-exists',
  'cloudwatch-unauthorized-api-alarm',
  'sagemaker-model-image-pinned',
  'sagemaker-model-image-private-ecr',
  'sagemaker-role-passrole-unrestricted',
] as const;
type RuleId = (typeof DEFAULT_RULES)[number];

type Source = 'cloudformation' | 'terraform';
const SOURCES: readonly Source[] = ['cloudformation', 'terraform'];

/** Account-level failures (nothing to point at) are reported against this pseudo-resource. */
const ACCOUNT = '(account)';

/**
 * Where each rule must fail in the insecure twins: the resources the example's comments name, by
 * CloudFormation logical id and Terraform address. Alternatives are allowed where a rule may
 * reasonably report against one of several resources (a bucket or its policy; a role or the
 * policy and attachment resources Terraform declares for it).
 */
const INSECURE_FAILS: Record<RuleId, Record<Source, string[][]>> = {
  'sagemaker-role-passrole-unrestricted': {
    cloudformation: [['SageMakerExecutionRole']],
    terraform: [['aws_iam_role.sagemaker_execution']],
  },
  'sagemaker-notebook-direct-internet': {
    cloudformation: [['DataScienceNotebook']],
    terraform: [['aws_sagemaker_notebook_instance.research']],
  },
  'sagemaker-notebook-not-in-vpc': {
    cloudformation: [['DataScienceNotebook']],
    terraform: [['aws_sagemaker_notebook_instance.research']],
  },
  'sagemaker-notebook-root-access': {
    cloudformation: [['DataScienceNotebook']],
    terraform: [['aws_sagemaker_notebook_instance.research']],
  },
  'sagemaker-notebook-volume-cmk': {
    cloudformation: [['DataScienceNotebook']],
    terraform: [['aws_sagemaker_notebook_instance.research']],
  },
  'sagemaker-domain-vpc-only': {
    cloudformation: [['StudioDomain']],
    terraform: [['aws_sagemaker_domain.studio']],
  },
  'sagemaker-model-network-isolation': {
    cloudformation: [['ChampionModel'], ['ChallengerModel']],
    terraform: [['aws_sagemaker_model.champion'], ['aws_sagemaker_model.challenger']],
  },
  'sagemaker-model-vpc': {
    cloudformation: [['ChampionModel']],
    terraform: [['aws_sagemaker_model.champion']],
  },
  'sagemaker-endpoint-config-kms': {
    cloudformation: [['ScoringEndpointConfig']],
    terraform: [['aws_sagemaker_endpoint_configuration.scoring']],
  },
  'sagemaker-endpoint-data-capture': {
    cloudformation: [['ScoringEndpointConfig']],
    terraform: [['aws_sagemaker_endpoint_configuration.scoring']],
  },
  'sagemaker-role-broad-permissions': {
    cloudformation: [['SageMakerExecutionRole']],
    terraform: [['aws_iam_role.sagemaker_execution', 'aws_iam_role_policy.sagemaker_data_access', 'aws_iam_role_policy_attachment.sagemaker_full_access']],
  },
  's3-training-data-bucket-lockdown': {
    cloudformation: [['TrainingDataBucket', 'TrainingDataBucketPolicy']],
    terraform: [['aws_s3_bucket.training_data', 'aws_s3_bucket_policy.training_data']],
  },
  'cloudtrail-trail-exists': { cloudformation: [[ACCOUNT]], terraform: [[ACCOUNT]] },
  'cloudwatch-unauthorized-api-alarm': { cloudformation: [[ACCOUNT]], terraform: [[ACCOUNT]] },
  'sagemaker-model-image-pinned': {
    cloudformation: [['ChampionModel'], ['ChallengerModel']],
    terraform: [['aws_sagemaker_model.champion'], ['aws_sagemaker_model.challenger']],
  },
  'sagemaker-model-image-private-ecr': {
    cloudformation: [['ChallengerModel']],
    terraform: [['aws_sagemaker_model.challenger']],
  },
};

/** Checks that pass in the hardened twins must not be vacuous: these resources must be judged. */
const HARDENED_PASSES: Partial<Record<RuleId, Record<Source, string>>> = {
  'sagemaker-notebook-direct-internet': { cloudformation: 'DataScienceNotebook', terraform: 'aws_sagemaker_notebook_instance.research' },
  'sagemaker-model-network-isolation': { cloudformation: 'ChallengerModel', terraform: 'aws_sagemaker_model.challenger' },
  'sagemaker-model-image-private-ecr': { cloudformation: 'ChampionModel', terraform: 'aws_sagemaker_model.champion' },
  'sagemaker-endpoint-data-capture': { cloudformation: 'ScoringEndpointConfig', terraform: 'aws_sagemaker_endpoint_configuration.scoring' },
};

const stackDir = (stack: 'insecure' | 'hardened', source: Source) => join(EXAMPLES, `${stack}-ml-stack`, source);

// Each stack is scanned once and shared by the tests that look at it.
const scans = new Map<string, Promise<ScanResult>>();
function scanOf(dir: string): Promise<ScanResult> {
  let p = scans.get(dir);
  if (!p) scans.set(dir, (p = scan({ paths: [dir] })));
  return p;
}

const ofRule = (r: ScanResult, id: string, status: Finding['status']) => r.findings.filter((f) => f.ruleId === id && f.status === status);
const describeFinding = (f: Finding) => `${f.ruleId} ${f.status} ${f.resource.id}${f.property ? ` (${f.property})` : ''}: ${f.message}`;

describe('the rule catalog', () => {
  it('has every default-profile rule the examples are written against', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(DEFAULT_RULES.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('has no default-profile rule that the insecure example does not exercise', () => {
    const defaults = RULES.filter((r) => !r.profiles || r.profiles.includes('default')).map((r) => r.id);
    expect(defaults.filter((id) => !(DEFAULT_RULES as readonly string[]).includes(id))).toEqual([]);
  });
});

describe.each(SOURCES)('insecure-ml-stack (%s)', (source) => {
  const dir = stackDir('insecure', source);

  it('reads every file of the stack, without errors', async () => {
    const r = await scanOf(dir);
    const files = readdirSync(dir).sort();
    expect(r.inputs.map((i) => i.path.split(/[\\/]/).pop()).sort()).toEqual(files);
    expect(r.inputs.filter((i) => i.status !== 'read')).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.summary.resources).toBeGreaterThanOrEqual(25);
  });

  it.each(DEFAULT_RULES)('fails %s', async (ruleId) => {
    const r = await scanOf(dir);
    const fails = ofRule(r, ruleId, 'fail');
    expect(fails.length, `no failure of ${ruleId}; its findings: ${r.findings.filter((f) => f.ruleId === ruleId).map(describeFinding).join('; ')}`).toBeGreaterThan(0);
  });

  it.each(DEFAULT_RULES)('fails %s on the resources the example names', async (ruleId) => {
    const r = await scanOf(dir);
    const failing = new Set(ofRule(r, ruleId, 'fail').map((f) => f.resource.id));
    for (const alternatives of INSECURE_FAILS[ruleId][source]) {
      expect(alternatives.some((id) => failing.has(id)), `${ruleId} should fail on ${alternatives.join(' or ')}; fails on: ${[...failing].join(', ') || 'nothing'}`).toBe(true);
    }
  });

  it('points every resource-level failure at a line of the stack', async () => {
    const r = await scanOf(dir);
    const located = r.findings.filter((f) => f.status === 'fail' && f.resource.id !== ACCOUNT);
    expect(located.length).toBeGreaterThan(0);
    for (const f of located) {
      expect(f.location, describeFinding(f)).toBeDefined();
      expect(resolve(f.location!.file).startsWith(dir + sep), `${f.location!.file} is outside ${dir}`).toBe(true);
      expect(f.location!.line).toBeGreaterThanOrEqual(1);
    }
  });
});

describe.each(['insecure', 'hardened'] as const)('%s-ml-stack twins', (stack) => {
  it('report the same number of findings per rule and status in CloudFormation and Terraform', async () => {
    const tally = (r: ScanResult) => {
      const counts: Record<string, number> = {};
      for (const f of r.findings) counts[`${f.ruleId} ${f.status}`] = (counts[`${f.ruleId} ${f.status}`] ?? 0) + 1;
      return counts;
    };
    const [cfn, tf] = await Promise.all(SOURCES.map((s) => scanOf(stackDir(stack, s))));
    expect(tally(tf!)).toEqual(tally(cfn!));
  });
});

describe.each(SOURCES)('hardened-ml-stack (%s)', (source) => {
  const dir = stackDir('hardened', source);

  it('reads every file of the stack, without errors', async () => {
    const r = await scanOf(dir);
    const files = readdirSync(dir).sort();
    expect(r.inputs.map((i) => i.path.split(/[\\/]/).pop()).sort()).toEqual(files);
    expect(r.inputs.filter((i) => i.status !== 'read')).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.summary.resources).toBeGreaterThanOrEqual(30);
  });

  it('has no failing finding', async () => {
    const r = await scanOf(dir);
    expect(r.findings.filter((f) => f.status === 'fail').map(describeFinding)).toEqual([]);
    expect(r.summary.findings.fail).toBe(0);
  });

  it.each(DEFAULT_RULES)('passes %s, decidedly (no unknown)', async (ruleId) => {
    const r = await scanOf(dir);
    expect(ofRule(r, ruleId, 'pass').length, `no pass of ${ruleId}`).toBeGreaterThan(0);
    expect(ofRule(r, ruleId, 'unknown').map(describeFinding)).toEqual([]);
  });

  it.each(Object.keys(HARDENED_PASSES) as RuleId[])('judges the resource %s is about', async (ruleId) => {
    const r = await scanOf(dir);
    const id = HARDENED_PASSES[ruleId]![source];
    expect(ofRule(r, ruleId, 'pass').map((f) => f.resource.id)).toContain(id);
  });
});
