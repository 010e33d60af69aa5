import type { Rule } from '../core/rule.js';
import type { ScanResult } from '../core/scan-result.js';

/**
 * The documented key order of each object in a scan result, and which shape each nested key
 * holds. Keys are written in this order whatever order the scan built them in; keys not listed
 * (added later) follow in code-unit order. Arrays keep their order: it is the scan's.
 */
interface Shape {
  keys: readonly string[];
  children?: Readonly<Record<string, string>>;
}

const SEVERITY_KEYS = ['critical', 'high', 'medium', 'low', 'info'];

const SHAPES: Readonly<Record<string, Shape>> = {
  result: { keys: ['tool', 'profile', 'findings', 'inputs', 'errors', 'summary'], children: { tool: 'tool', findings: 'finding', inputs: 'input', errors: 'position', summary: 'summary' } },
  tool: { keys: ['name', 'version'] },
  finding: {
    keys: ['ruleId', 'status', 'severity', 'ring', 'title', 'resource', 'location', 'origin', 'property', 'message', 'remediation', 'references', 'suppressionReason', 'suppressedVia'],
    children: { resource: 'resource', location: 'position', origin: 'origin', references: 'references' },
  },
  resource: { keys: ['type', 'id', 'arn'] },
  origin: { keys: ['account', 'region', 'apiCall'] },
  references: { keys: ['securityHub', 'cis', 'nist80053', 'atlas', 'owaspMl', 'checkov', 'kics', 'cfnNag', 'cdkNag', 'prowler', 'docs'] },
  position: { keys: ['message', 'file', 'line', 'column'] },
  input: { keys: ['path', 'kind', 'status', 'reason', 'error', 'resources', 'warnings'], children: { error: 'position', warnings: 'position' } },
  summary: {
    keys: ['inputs', 'resources', 'rules', 'findings', 'failedBySeverity'],
    children: { inputs: 'inputCounts', findings: 'statusCounts', failedBySeverity: 'severityCounts' },
  },
  inputCounts: { keys: ['read', 'skipped', 'failed'] },
  statusCounts: { keys: ['fail', 'pass', 'unknown', 'suppressed'] },
  severityCounts: { keys: SEVERITY_KEYS },
};

/** The scan result as is: stable key order, two-space indent, trailing newline. */
export function renderJson(result: ScanResult, _rules?: readonly Rule[], _options?: unknown): string {
  return JSON.stringify(ordered(result, 'result'), null, 2) + '\n';
}

function ordered(value: unknown, shapeName: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, shapeName));
  if (value === null || typeof value !== 'object') return value;
  // Objects with their own JSON form (a Date, a symbolic value) speak for themselves.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const shape = shapeName ? SHAPES[shapeName] : undefined;
  const record = value as Record<string, unknown>;
  const known = shape ? shape.keys.filter((k) => Object.prototype.hasOwnProperty.call(record, k)) : [];
  const rest = Object.keys(record)
    .filter((k) => !known.includes(k))
    .sort();
  // No prototype, so a key named `__proto__` stays an ordinary key.
  const out: Record<string, unknown> = Object.create(null);
  for (const key of [...known, ...rest]) out[key] = ordered(record[key], shape?.children?.[key]);
  return out;
}
