import { UsageError } from '../core/errors.js';
import type { Finding, FindingStatus } from '../core/finding.js';
import type { Inventory } from '../core/inventory.js';
import { locate, type Resource, type Suppression } from '../core/resource.js';
import type { CheckContext, CheckResult, Profile, Rule } from '../core/rule.js';
import type { ScanError } from '../core/scan-result.js';

export interface RuleSelection {
  profile: Profile;
  /** Only these rule ids (`--rule`). */
  only?: string[];
  /** Not these (`--skip-rule`). */
  skip?: string[];
}

/** The rules a scan runs; an id that names no rule is a usage error, not a silent no-op. */
export function selectRules(catalog: readonly Rule[], selection: RuleSelection): Rule[] {
  const known = new Set(catalog.map((r) => r.id));
  for (const id of [...(selection.only ?? []), ...(selection.skip ?? [])]) {
    if (!known.has(id)) throw new UsageError(`unknown rule "${id}" (see \`ringfence rules\` for the catalog)`);
  }
  const only = selection.only?.length ? new Set(selection.only) : undefined;
  const skip = new Set(selection.skip ?? []);
  return catalog.filter((r) => {
    if (skip.has(r.id)) return false;
    // An explicitly named rule runs whatever the profile; otherwise the profile decides.
    if (only) return only.has(r.id);
    return !r.profiles || r.profiles.includes(selection.profile);
  });
}

/** A baseline suppression: matches findings by rule and resource id, optionally by file. */
export interface BaselineEntry {
  rule: string;
  resource: string;
  file?: string;
  reason?: string;
  /** Where the entry sits in the baseline file, for errors. */
  location?: { file: string; line?: number; column?: number };
}

export interface EngineOutput {
  findings: Finding[];
  errors: ScanError[];
}

const ACCOUNT_LEVEL_ID = '(account)';

/** Runs the rules over the inventory and turns every result into a finding. */
export function runRules(inventory: Inventory, rules: readonly Rule[], context: CheckContext, baseline: readonly BaselineEntry[] = []): EngineOutput {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const usedBaseline = new Set<BaselineEntry>();

  const emit = (rule: Rule, checked: Resource | undefined, result: CheckResult): void => {
    const resource = result.resource ?? checked;
    const finding = toFinding(rule, resource, result);
    if (resource && finding.status === 'fail') {
      const suppression = findSuppression(resource, rule.id);
      const entry = suppression ? undefined : baseline.find((b) => matchesBaseline(b, rule.id, resource));
      if (suppression?.reason || entry?.reason) {
        finding.status = 'suppressed';
        finding.suppressionReason = suppression?.reason ?? entry?.reason;
        finding.suppressedVia = suppression?.via ?? 'baseline';
      }
      if (entry) usedBaseline.add(entry);
    }
    findings.push(finding);
  };

  for (const rule of rules) {
    if (rule.check) {
      for (const resource of inventory.ofType(...rule.resourceTypes)) {
        for (const result of safeCheck(rule, () => rule.check!(resource, inventory, context), resource, errors)) emit(rule, resource, result);
      }
    }
    if (rule.checkInventory) {
      for (const result of safeCheck(rule, () => rule.checkInventory!(inventory, context), undefined, errors)) emit(rule, undefined, result);
    }
  }

  errors.push(...suppressionErrors(inventory, rules), ...baselineErrors(baseline, usedBaseline));
  return { findings, errors };
}

/** A rule that throws is a bug in ringfence; report it and keep going with the other rules. */
function safeCheck(rule: Rule, run: () => CheckResult[], resource: Resource | undefined, errors: ScanError[]): CheckResult[] {
  try {
    return run();
  } catch (e) {
    const where = resource?.location;
    errors.push({
      message: `rule ${rule.id} failed on ${resource ? `${resource.type} ${resource.id}` : 'the inventory'}: ${(e as Error).message}`,
      ...(where ?? {}),
    });
    return [];
  }
}

function toFinding(rule: Rule, resource: Resource | undefined, result: CheckResult): Finding {
  const location = resource ? locate(resource, result.property) : undefined;
  const status: FindingStatus = result.status;
  return {
    ruleId: rule.id,
    status,
    severity: rule.severity,
    ring: rule.ring,
    title: rule.title,
    resource: resource
      ? { type: resource.type, id: resource.id, ...(resource.arn ? { arn: resource.arn } : {}) }
      : { type: rule.resourceTypes[0] ?? 'AWS::Account', id: ACCOUNT_LEVEL_ID },
    ...(location ? { location } : {}),
    ...(resource?.origin ? { origin: resource.origin } : {}),
    ...(result.property ? { property: result.property } : {}),
    message: result.message,
    remediation: rule.remediation,
    references: rule.references,
  };
}

function findSuppression(resource: Resource, ruleId: string): Suppression | undefined {
  return resource.suppressions.find((s) => s.rule === ruleId);
}

function matchesBaseline(entry: BaselineEntry, ruleId: string, resource: Resource): boolean {
  if (entry.rule !== ruleId) return false;
  if (entry.resource !== resource.id && entry.resource !== resource.key && entry.resource !== resource.arn) return false;
  if (entry.file && resource.location && !sameFile(entry.file, resource.location.file)) return false;
  return true;
}

function sameFile(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '');
  return norm(a) === norm(b) || norm(b).endsWith('/' + norm(a));
}

/** A suppression must say why; one without a reason suppresses nothing and is an error. */
function suppressionErrors(inventory: Inventory, rules: readonly Rule[]): ScanError[] {
  const errors: ScanError[] = [];
  const known = new Set(rules.map((r) => r.id));
  for (const resource of inventory.all()) {
    for (const s of resource.suppressions) {
      const where = s.location ?? resource.location;
      if (!s.reason || !s.reason.trim()) {
        errors.push({ message: `suppression of ${s.rule} on ${resource.id} has no reason; a suppression must say why`, ...(where ?? {}) });
      } else if (!known.has(s.rule) && !/^[a-z0-9-]+$/.test(s.rule)) {
        errors.push({ message: `suppression on ${resource.id} names "${s.rule}", which is not a rule id`, ...(where ?? {}) });
      }
    }
  }
  return errors;
}

function baselineErrors(baseline: readonly BaselineEntry[], _used: Set<BaselineEntry>): ScanError[] {
  return baseline
    .filter((b) => !b.reason || !b.reason.trim())
    .map((b) => ({ message: `baseline entry for ${b.rule} on ${b.resource} has no reason; a suppression must say why`, ...(b.location ?? {}) }));
}
