import { confidentLearning } from '../confident-learning.js';
import { MAX_CLASSES, percent, tableScores, tooManyClasses, type Detector, type FlaggedRow } from '../detector.js';
import { poisoningReferences } from '../references.js';

export const labelIssues: Detector = {
  id: 'poisoning-label-issues',
  name: 'label-issues',
  title: 'Rows whose label contradicts the rest of the data (confident learning)',
  ring: 'data',
  severity: 'medium',
  resourceTypes: ['Dataset::Row'],
  rationale:
    'Flipping labels is the cheapest poisoning attack: a few percent of wrong labels move the decision boundary or plant a targeted error, and nothing in the file looks wrong. Confident learning flags the rows whose given label a model trained without them confidently disagrees with, with per-class thresholds that allow for classes the model finds harder.',
  remediation:
    'Review the flagged rows, most suspicious first; correct or remove mislabelled ones, and find out how they got in (who can write to the training data, which labelling job produced them). Re-audit before training.',
  references: poisoningReferences({ docs: ['https://arxiv.org/abs/1911.00068'] }),
  score: '1 − the out-of-fold probability of the given label (1 − self-confidence)',
  run(context) {
    const e = context.encoded;
    const k = e.classes.length;
    if (k < 2) return { flagged: [], notes: ['one class only: no label can contradict another'] };
    if (k > MAX_CLASSES) return { flagged: [], notes: [tooManyClasses(k)] };
    const probs = context.probabilities();
    const cl = confidentLearning(probs, e.y, k);
    const flagged: FlaggedRow[] = [];
    for (let r = 0; r < e.n; r++) {
      if (!cl.issues[r]) continue;
      const given = e.classes[e.y[r]!]!;
      const likely = cl.likelyLabel[r]!;
      flagged.push({
        row: e.rows[r]!,
        score: 1 - cl.selfConfidence[r]!,
        column: context.label,
        reason: `labelled ${JSON.stringify(given)}, but a model that never saw this row gives that label ${percent(cl.selfConfidence[r]!)} and ${JSON.stringify(e.classes[likely])} ${percent(probs[r * k + likely]!)}`,
      });
    }
    return {
      flagged,
      scores: tableScores(context.table, e, cl.selfConfidence.map((s) => 1 - s)),
      notes: [
        'out-of-fold probabilities: logistic regression (70%) and nearest-neighbour votes (30%); confident joint pruned by noise rate',
        `per-class thresholds: ${e.classes.map((c, j) => `${c} ${cl.thresholds[j]!.toFixed(3)}`).join(', ')}`,
        `estimated label errors: ${Math.round(cl.estimatedErrors)} of ${e.n} rows`,
      ],
    };
  },
};
