import { compareText } from './core/compare-text.js';
import { InputError } from './core/errors.js';
import { SEVERITIES, type Finding, type FindingStatus } from './core/finding.js';
import { DEFAULT_LIMITS, type Limits } from './core/limits.js';
import type { Profile, Rule } from './core/rule.js';
import { summarize, type ScanError, type ScanResult } from './core/scan-result.js';
import { runRules, selectRules, type BaselineEntry } from './rules/engine.js';
import { RULES } from './rules/index.js';
import { loadBaseline } from './sources/baseline.js';
import { failed, loadPaths, type Progress } from './sources/load.js';
import { VERSION } from './version.js';

export interface ScanOptions {
  /** Files and directories; default the current directory. */
  paths?: string[];
  /** Only these rule ids. */
  rules?: string[];
  /** Not these rule ids. */
  skipRules?: string[];
  profile?: Profile;
  /** CloudFormation parameters (`--param Key=Value`). */
  parameters?: Record<string, string>;
  /** Terraform variables (`--var name=value`). */
  variables?: Record<string, string>;
  /** Terraform .tfvars files (`--var-file`). */
  varFiles?: string[];
  /** A baseline file of accepted findings, each with a reason. */
  baseline?: string;
  /** Approved dataset manifests (files or folders), beyond those found among and beside the scanned files. */
  manifests?: string[];
  limits?: Partial<Limits>;
  region?: string;
  accountId?: string;
  /** The rule catalog; default the built-in one. */
  catalog?: readonly Rule[];
  onProgress?: Progress;
}

/** Scans infrastructure code: load every input into one inventory, run the rules, account for all. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const profile = options.profile ?? 'default';
  const rules = selectRules(options.catalog ?? RULES, { profile, only: options.rules, skip: options.skipRules });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const loadOptions = {
    parameters: options.parameters ?? {},
    variables: options.variables ?? {},
    varFiles: options.varFiles ?? [],
    limits,
    ...(options.region ? { region: options.region } : {}),
    ...(options.accountId ? { accountId: options.accountId } : {}),
  };
  const paths = options.paths?.length ? options.paths : ['.'];
  const loaded = await loadPaths(paths, loadOptions, options.onProgress);
  const { inventory } = loaded;
  // Approved dataset manifests become resources the training-data rules match job inputs against.
  const { linkDatasetManifests } = await import('./ml/integrity/scan-link.js');
  const linked = await linkDatasetManifests({ scanPaths: paths, manifests: options.manifests ?? [], inputs: loaded.inputs });
  for (const r of linked.resources) inventory.add(r);
  const inputs = linked.inputs;

  const errors: ScanError[] = [];
  let baseline: BaselineEntry[] = [];
  if (options.baseline) {
    try {
      baseline = await loadBaseline(options.baseline);
      inputs.push({ path: options.baseline, kind: 'baseline', status: 'read' });
    } catch (e) {
      inputs.push(failed(options.baseline, e instanceof InputError ? e : new InputError(String(e), options.baseline)));
    }
  }

  await Promise.all(rules.map((r) => r.prepare?.(inventory)));
  const out = runRules(inventory, rules, { profile }, baseline);
  errors.push(...out.errors);
  return {
    tool: { name: 'ringfence', version: VERSION },
    profile,
    findings: sortFindings(out.findings),
    inputs,
    errors,
    summary: summarize(out.findings, inputs, inventory.size, rules.length),
  };
}

const STATUS_ORDER: Record<FindingStatus, number> = { fail: 0, unknown: 1, suppressed: 2, pass: 3 };

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
      compareText(a.location?.file ?? '', b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      compareText(a.ruleId, b.ruleId),
  );
}

/** Re-exported for commands that build results of their own. */
export { summarize };
