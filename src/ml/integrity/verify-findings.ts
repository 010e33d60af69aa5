import type { Finding, FindingStatus, References } from '../../core/finding.js';
import type { Rule } from '../../core/rule.js';
import { summarize, type InputRecord, type ScanResult } from '../../core/scan-result.js';
import { VERSION } from '../../version.js';
import { changesText, signatureText } from './verify-report.js';
import type { VerifyResult } from './verify-manifest.js';

/**
 * A verification as a scan result, so SARIF and JUnit reporters (and CI dashboards) show it like
 * any other check: one failed finding per added, removed or changed object, a passing finding
 * per check that found nothing, the manifest and the data as inputs, and errors as errors.
 */

const REFERENCES: References = {
  atlas: ['AML.T0020', 'AML.T0059', 'AML.M0007', 'AML.M0014'],
  owaspMl: ['ML02:2023', 'ML10:2023'],
  nist80053: ['SI-7', 'SI-7(6)', 'SR-4'],
  docs: ['https://atlas.mitre.org/techniques/AML.T0020'],
};

const RATIONALE =
  'A training set that differs from the approved one may carry injected or flipped rows: training data poisoning that nobody reviews. ' +
  'The approved manifest records every object by SHA-256, so any difference is a change nobody approved.';

type VerifyRuleId = 'dataset-object-changed' | 'dataset-object-added' | 'dataset-object-removed' | 'dataset-manifest-signature';

export const VERIFY_RULES: readonly Rule[] = (
  [
    ['dataset-object-changed', 'Dataset object differs from the approved manifest', 'high', 'Find out who wrote the object; restore the approved version, or review the change and approve a new manifest.'],
    ['dataset-object-added', 'Dataset object is not in the approved manifest', 'high', 'Remove the object, or review it and approve a new manifest that lists it.'],
    ['dataset-object-removed', 'Approved dataset object is missing', 'medium', 'Restore the object (an earlier S3 version), or approve a new manifest without it.'],
    ['dataset-manifest-signature', 'Dataset manifest is not signed by a trusted key', 'medium', 'Sign manifests (--sign-key or --kms-key-id) and verify with --public-key or --kms-key-id.'],
  ] as const
).map(([id, title, severity, remediation]) => ({ id, title, ring: 'data', severity, resourceTypes: ['Ringfence::Dataset::Object'], rationale: RATIONALE, remediation, references: REFERENCES }));

const ruleOf = (id: VerifyRuleId): Rule => VERIFY_RULES.find((r) => r.id === id)!;

export function verifyResultToScanResult(r: VerifyResult): ScanResult {
  const isS3 = r.target.startsWith('s3://');
  const finding = (id: VerifyRuleId, status: FindingStatus, key: string, message: string, where?: string): Finding => {
    const rule = ruleOf(id);
    const arn = isS3 && where?.startsWith('s3://') ? `arn:aws:s3:::${where.slice(5)}` : undefined;
    const file = !isS3 && where ? where : r.manifest.path;
    return {
      ruleId: id,
      status,
      severity: rule.severity,
      ring: rule.ring,
      title: rule.title,
      resource: { type: isS3 ? 'AWS::S3::Object' : 'File', id: key, ...(arn ? { arn } : {}) },
      ...(isS3 ? { origin: { apiCall: 's3:GetObject' } } : { location: { file, line: 1, column: 1 } }),
      message,
      remediation: rule.remediation,
      references: rule.references,
    };
  };
  const findings: Finding[] = [
    ...r.changed.map((c) => finding('dataset-object-changed', 'fail', c.key, `${c.where} changed since approval: ${changesText(c.changes)}`, c.where)),
    ...r.added.map((a) => finding('dataset-object-added', 'fail', a.key, `${a.where} (${a.size} bytes) is not in the approved manifest`, a.where)),
    ...r.removed.map((d) => finding('dataset-object-removed', 'fail', d.key, `${d.key} is in the approved manifest but no longer in ${r.target}`)),
  ];
  const trusted = r.signature.status === 'verified';
  findings.push(finding('dataset-manifest-signature', trusted ? 'pass' : 'fail', r.manifest.path, `manifest signature: ${signatureText(r.signature)}`));
  for (const id of ['dataset-object-changed', 'dataset-object-added', 'dataset-object-removed'] as const) {
    if (!findings.some((f) => f.ruleId === id) && r.verdict !== 'error') findings.push(finding(id, 'pass', r.target, `none of the ${r.manifest.objects} approved objects: ${id.slice('dataset-object-'.length)}`));
  }

  const inputs: InputRecord[] = [
    { path: r.manifest.path, kind: 'dataset-manifest', status: 'read' },
    r.errors.some((e) => !e.key)
      ? { path: r.target, kind: 'dataset', status: 'failed', error: { message: r.errors.find((e) => !e.key)!.message, file: r.target } }
      : { path: r.target, kind: 'dataset', status: 'read', resources: r.unchanged + r.changed.length + r.added.length },
    ...r.errors.filter((e) => e.key).map((e): InputRecord => ({ path: e.where, kind: 'dataset-object', status: 'failed', error: { message: e.message, file: e.where } })),
    ...r.skipped.map((s): InputRecord => ({ path: s.where, kind: 'dataset-object', status: 'skipped', reason: s.message })),
  ];
  return {
    tool: { name: 'ringfence', version: VERSION },
    profile: 'default',
    findings,
    inputs,
    errors: r.unverified.map((k) => ({ message: `${k} could not be verified: the listing of ${r.target} failed part-way` })),
    summary: summarize(findings, inputs, r.unchanged + r.changed.length + r.added.length + r.removed.length, VERIFY_RULES.length, { resources: 'object', rules: 'check' }),
  };
}
