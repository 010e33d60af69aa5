import { createHash } from 'node:crypto';
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, References, Ring, Severity } from '../core/finding.js';
import type { Rule } from '../core/rule.js';
import type { ScanResult } from '../core/scan-result.js';
import { firstDocUrl, referenceEntries } from './references.js';
import { sortFindings } from './order.js';
import { originText, position } from './where.js';

// SARIF 2.1.0 as GitHub code scanning reads it: rule metadata in tool.driver.rules (GitHub shows
// shortDescription, fullDescription and help), `security-severity` to rank alerts, and
// partialFingerprints so an alert survives edits that move it.

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** Where people learn about the tool; the package page until the project has a home page. */
export const INFORMATION_URI = 'https://www.npmjs.com/package/ringfence';
/** Bumped only if the fingerprint's inputs change, so old alerts are not matched wrongly. */
export const FINGERPRINT_KEY = 'ringfence/v1';
const SRCROOT = '%SRCROOT%';

export type SarifLevel = 'error' | 'warning' | 'note';

/** GitHub ranks error above warning above note; critical and high must block a pull request. */
export const SEVERITY_LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub maps > 9.0 to critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/**
 * Rules judge resolved configuration, not heuristics; values that could not be resolved become
 * unknown rather than a guess. Still `high`, not `very-high`: AWS defaults and references across
 * templates are modelled, and a model can be wrong.
 */
const PRECISION = 'high';

export interface SarifOptions {
  /** Paths under it are written relative to it, against `%SRCROOT%`. */
  cwd?: string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface SarifLocation {
  physicalLocation: { artifactLocation: ArtifactLocation; region?: { startLine: number; startColumn?: number } };
}
interface Notification {
  level: SarifLevel;
  message: { text: string };
  locations?: SarifLocation[];
}
interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}

/** Rule metadata, whether it comes from a Rule or, for a rule not in the set, from its finding. */
interface RuleInfo {
  id: string;
  title: string;
  ring: Ring;
  severity: Severity;
  rationale: string;
  remediation: string;
  references: References;
  resourceTypes: readonly string[];
}

export function renderSarif(result: ScanResult, rules: readonly Rule[], options: SarifOptions = {}): string {
  return JSON.stringify(toSarif(result, rules, options), null, 2) + '\n';
}

/** The SARIF log as an object, for callers that post-process it. */
export function toSarif(result: ScanResult, rules: readonly Rule[], options: SarifOptions = {}): object {
  const infos = ruleInfos(result.findings, rules);
  const ruleIndex = new Map(infos.map((r, i) => [r.id, i]));
  const reported = sortFindings(result.findings).filter((f) => f.status === 'fail' || f.status === 'suppressed');
  const errors = result.errors ?? [];
  const failedInputs = result.inputs.filter((i) => i.status === 'failed');

  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            informationUri: INFORMATION_URI,
            rules: infos.map(descriptor),
          },
        },
        // Exit code 2 means an input could not be read; SARIF says the same thing here.
        invocations: [
          {
            executionSuccessful: failedInputs.length === 0 && errors.length === 0,
            ...nonEmpty('toolExecutionNotifications', notifications(result, options)),
          },
        ],
        ...(options.cwd ? { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } } } : {}),
        columnKind: 'utf16CodeUnits',
        results: reported.map((f) => sarifResult(f, ruleIndex.get(f.ruleId)!, options)),
      },
    ],
  };
}

/** The rules given, in their order, then any rule a finding names that was not given. */
function ruleInfos(findings: readonly Finding[], rules: readonly Rule[]): RuleInfo[] {
  const out = new Map<string, RuleInfo>();
  for (const r of rules) {
    if (!out.has(r.id)) out.set(r.id, { ...r, resourceTypes: r.resourceTypes });
  }
  for (const f of findings) {
    if (out.has(f.ruleId)) continue;
    out.set(f.ruleId, { id: f.ruleId, title: f.title, ring: f.ring, severity: f.severity, rationale: f.title, remediation: f.remediation, references: f.references, resourceTypes: [f.resource.type] });
  }
  return [...out.values()];
}

function descriptor(rule: RuleInfo): RuleDescriptor {
  const refs = referenceEntries(rule.references);
  const helpUri = firstDocUrl(rule.references);
  const text = [rule.remediation, ...(refs.length ? ['', 'References:', ...refs.map((e) => `- ${e.label}: ${e.values.join(', ')}`)] : [])].join('\n');
  const markdown = [
    `**Remediation.** ${rule.remediation}`,
    ...(refs.length ? ['', '**References**', '', ...refs.map((e) => `- ${e.label}: ${e.values.map(markdownReference).join(', ')}`)] : []),
  ].join('\n');
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text, markdown },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: SEVERITY_LEVEL[rule.severity] },
    properties: {
      tags: unique([rule.ring, 'security', 'aws', ...rule.resourceTypes.map(serviceTag).filter((t): t is string => t !== undefined)]),
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: PRECISION,
    },
  };
}

function sarifResult(f: Finding, ruleIndex: number, options: SarifOptions): object {
  const location = f.location ? physicalLocation(f.location.file, f.location.line, f.location.column, options.cwd) : undefined;
  const subject = `${f.resource.type} ${f.resource.id}${f.property ? `, ${f.property}` : ''}`;
  // Without a file there is nothing to annotate; a live resource says where it lives in the text.
  const where = !location && f.origin ? `, ${originText(f.origin)}` : '';
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: SEVERITY_LEVEL[f.severity],
    message: { text: `${f.message} [${subject}${where}]` },
    ...(location ? { locations: [location] } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
    ...(f.status === 'suppressed'
      ? {
          suppressions: [
            {
              kind: f.suppressedVia === 'baseline' ? 'external' : 'inSource',
              status: 'accepted',
              ...(f.suppressionReason ? { justification: f.suppressionReason } : {}),
            },
          ],
        }
      : {}),
    properties: {
      ring: f.ring,
      severity: f.severity,
      resourceType: f.resource.type,
      resourceId: f.resource.id,
      ...(f.resource.arn ? { resourceArn: f.resource.arn } : {}),
      ...(f.property ? { property: f.property } : {}),
      ...(f.origin ? { origin: originText(f.origin) } : {}),
    },
  };
}

/** Stable across runs and edits that move the resource: rule, resource id and property only. */
export function fingerprint(f: Pick<Finding, 'ruleId' | 'resource' | 'property'>): string {
  return createHash('sha256')
    .update([f.ruleId, f.resource.id, f.property ?? ''].join('\u0000'))
    .digest('hex');
}

function notifications(result: ScanResult, options: SarifOptions): Notification[] {
  const out: Notification[] = [];
  for (const input of result.inputs) {
    if (input.status === 'failed') {
      const e = input.error;
      const file = e?.file || input.path;
      out.push({
        level: 'error',
        message: { text: `${position(file, e?.line, e?.column)}: ${e?.message ?? 'could not be read'}` },
        ...locations(physicalLocation(file, e?.line, e?.column, options.cwd)),
      });
    } else if (input.status === 'skipped') {
      out.push({ level: 'note', message: { text: `skipped ${input.path}${input.reason ? `: ${input.reason}` : ''}` }, ...locations(physicalLocation(input.path, undefined, undefined, options.cwd)) });
    }
    for (const w of input.warnings ?? []) {
      out.push({ level: 'warning', message: { text: `${position(input.path, w.line, w.column)}: ${w.message}` }, ...locations(physicalLocation(input.path, w.line, w.column, options.cwd)) });
    }
  }
  for (const e of result.errors ?? []) {
    out.push({ level: 'error', message: { text: e.file ? `${position(e.file, e.line, e.column)}: ${e.message}` : e.message }, ...locations(e.file ? physicalLocation(e.file, e.line, e.column, options.cwd) : undefined) });
  }
  return out;
}

function locations(location: SarifLocation | undefined): { locations?: SarifLocation[] } {
  return location ? { locations: [location] } : {};
}

function physicalLocation(file: string, line: number | undefined, column: number | undefined, cwd: string | undefined): SarifLocation | undefined {
  if (!file) return undefined;
  // SARIF lines and columns are 1-based; anything else would make the whole log invalid.
  const region = line !== undefined && line >= 1 ? { startLine: line, ...(column !== undefined && column >= 1 ? { startColumn: column } : {}) } : undefined;
  return { physicalLocation: { artifactLocation: artifactLocation(file, cwd), ...(region ? { region } : {}) } };
}

/**
 * A path relative to `cwd` with forward slashes, against %SRCROOT%, as GitHub needs to match
 * alerts to repository files. A path outside `cwd` stays absolute, as a file: URI.
 */
export function artifactLocation(file: string, cwd?: string): ArtifactLocation {
  let rel = file;
  if (cwd) rel = relative(resolve(cwd), resolve(cwd, file));
  else if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  rel = normalize(rel);
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (outside && cwd) return { uri: pathToFileURL(resolve(cwd, file)).href };
  const segments = rel.split(sep).filter((s) => s !== '' && s !== '.');
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function nonEmpty<K extends string, T>(key: K, list: T[]): { [P in K]?: T[] } {
  return (list.length ? { [key]: list } : {}) as { [P in K]?: T[] };
}

/** `sagemaker-notebook-direct-internet` → `SagemakerNotebookDirectInternet`. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** `AWS::SageMaker::NotebookInstance` → `sagemaker`, so code scanning can filter by service. */
function serviceTag(type: string): string | undefined {
  const parts = type.split('::');
  return parts.length === 3 && parts[0] === 'AWS' ? parts[1]!.toLowerCase() : undefined;
}

function markdownReference(value: string): string {
  return /^https?:\/\//.test(value) ? `<${value}>` : `\`${value.replace(/`/g, "'")}\``;
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}
