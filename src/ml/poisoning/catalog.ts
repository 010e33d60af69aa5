import type { Rule } from '../../core/rule.js';
import type { Detector } from './detector.js';
import { backdoor } from './detectors/backdoor.js';
import { duplicates } from './detectors/duplicates.js';
import { labelIssues } from './detectors/label-issues.js';
import { labelKnn } from './detectors/label-knn.js';
import { outliersIsolationForest } from './detectors/outliers-iforest.js';
import { outliersRobustZ } from './detectors/outliers-robust-z.js';
import { referenceDiff } from './detectors/reference-diff.js';
import { shift } from './detectors/shift.js';
import { poisoningReferences } from './references.js';

/** Every detector, in report order; `--detectors` picks by name. */
export const DETECTORS: readonly Detector[] = [labelIssues, labelKnn, duplicates, backdoor, outliersIsolationForest, outliersRobustZ, shift, referenceDiff];

export const DETECTOR_NAMES: readonly string[] = DETECTORS.map((d) => d.name);

/**
 * Rows that could not be audited as written (ragged, unparsable, a missing label) and cells of the
 * wrong type. Always reported, whatever detectors run: a malformed row is not silently dropped,
 * and may itself be the trace of tampering.
 */
export const MALFORMED_ROWS: Rule = {
  id: 'poisoning-malformed-rows',
  title: 'Rows or values that could not be read as the dataset defines them',
  ring: 'data',
  severity: 'medium',
  resourceTypes: ['Dataset::Row'],
  rationale:
    'A row with the wrong number of fields, a value of the wrong type or a missing label is left out of training or silently coerced by most pipelines, so what the model learns is not what was reviewed. Malformed rows can also be the trace of an injection written by a different tool than the rest of the data.',
  remediation: 'Fix or remove the named rows at their source, and find out what wrote them.',
  references: poisoningReferences(),
};

/** The rules audit findings are reported under, for the reporters (SARIF rule metadata, JUnit). */
export const AUDIT_RULES: readonly Rule[] = [...DETECTORS, MALFORMED_ROWS];
