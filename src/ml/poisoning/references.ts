import type { References } from '../../core/finding.js';

// MITRE ATLAS ids checked against ATLAS.yaml 5.6.0: AML.T0020 Poison Training Data, AML.T0059
// Erode Dataset Integrity, AML.T0018.000 Poison AI Model, AML.T0043.004 Insert Backdoor Trigger,
// AML.M0007 Sanitize Training Data, AML.M0025 Maintain AI Dataset Provenance.
// OWASP Machine Learning Security Top 10 (2023): ML02 Data Poisoning Attack, ML10 Model Poisoning.

const SANITIZE = 'AML.M0007';

/** The references every poisoning detector shares, plus its own. */
export function poisoningReferences(extra: { atlas?: string[]; docs?: string[] } = {}): References {
  return {
    atlas: ['AML.T0020', 'AML.T0059', ...(extra.atlas ?? []), SANITIZE],
    owaspMl: ['ML02:2023'],
    nist80053: ['SI-7', 'SI-10'],
    ...(extra.docs ? { docs: extra.docs } : {}),
  };
}
