import type { References } from '../core/finding.js';

/** How each kind of cross-reference is named for people, in the order reports list them. */
export const REFERENCE_LABELS: Readonly<Record<keyof References, string>> = {
  securityHub: 'AWS Security Hub',
  cis: 'CIS AWS Foundations Benchmark',
  nist80053: 'NIST SP 800-53 Rev. 5',
  atlas: 'MITRE ATLAS',
  attack: 'MITRE ATT&CK',
  owaspMl: 'OWASP Machine Learning Security Top 10',
  checkov: 'Checkov',
  kics: 'KICS',
  cfnNag: 'cfn-nag',
  cdkNag: 'cdk-nag',
  prowler: 'Prowler',
  docs: 'Documentation',
};

export interface ReferenceEntry {
  label: string;
  values: string[];
}

/** The non-empty references, labelled, in REFERENCE_LABELS order. */
export function referenceEntries(refs: References): ReferenceEntry[] {
  return (Object.keys(REFERENCE_LABELS) as (keyof References)[])
    .map((key) => ({ label: REFERENCE_LABELS[key], values: refs[key] ?? [] }))
    .filter((e) => e.values.length > 0);
}

/** The first documentation link that is an absolute http(s) URL, if any. */
export function firstDocUrl(refs: References): string | undefined {
  return refs.docs?.find((u) => /^https?:\/\/[^\s]+$/.test(u) && URL.canParse(u));
}
