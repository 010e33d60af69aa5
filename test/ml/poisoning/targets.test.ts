import { describe, expect, it } from 'vitest';
import { auditTable } from '../../../src/ml/poisoning/audit.js';
import { injectPoison } from '../../../src/ml/poisoning/inject.js';
import { detectionQuality } from '../../../src/ml/poisoning/metrics.js';
import { realDataset } from './support.js';

// The accuracy target of the label-error detector, guarded in CI on one dataset and one seed
// (bench/poisoning.js measures all three datasets over several seeds): 10% of the labels of the
// breast cancer dataset flipped at random, confident learning must reach AUROC >= 0.95, F1 >= 0.85.
describe('label-issues accuracy target', () => {
  it('10% symmetric flips on breast cancer (seed 1): AUROC >= 0.95 and F1 >= 0.85', async () => {
    const poisoned = injectPoison(await realDataset('breast_cancer'), 'label', 'symmetric-flip', 0.1, 1);
    const result = auditTable(poisoned.table, { dataset: 'breast_cancer.csv', label: 'label', detectors: ['label-issues'], allScores: true, seed: 1 });
    const report = result.audit.detectors[0]!;
    const flagged = new Uint8Array(poisoned.truth.length);
    for (const f of report.flagged) flagged[f.row - 1] = 1;
    const scores = new Float64Array(poisoned.truth.length);
    for (const s of report.scores!) scores[s.row - 1] = s.score;
    const q = detectionQuality(poisoned.truth, flagged, scores);
    expect(q.poisoned).toBe(57);
    expect(q.auroc).toBeGreaterThanOrEqual(0.95);
    expect(q.f1).toBeGreaterThanOrEqual(0.85);
  });
});
