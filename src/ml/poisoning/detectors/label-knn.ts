import { MAX_CLASSES, tableScores, tooManyClasses, type Detector, type FlaggedRow } from '../detector.js';
import { poisoningReferences } from '../references.js';

/** Flag a row when at least this share of its nearest neighbours carry another label. */
const DISAGREEMENT = 0.8;

export const labelKnn: Detector = {
  id: 'poisoning-label-knn',
  name: 'label-knn',
  title: 'Rows labelled differently from their nearest neighbours',
  ring: 'data',
  severity: 'medium',
  resourceTypes: ['Dataset::Row'],
  rationale:
    'A row whose nearest neighbours almost all carry another label is either a genuine exception or a flipped label. Unlike a model, the neighbourhood makes no assumption about the shape of the classes, so it catches flips a linear model explains away.',
  remediation: 'Review the flagged rows against their neighbours; correct or remove mislabelled ones and trace how they were written.',
  references: poisoningReferences(),
  score: 'share of the k nearest rows (k = 10) labelled differently from the row',
  run(context) {
    const e = context.encoded;
    if (e.classes.length < 2) return { flagged: [], notes: ['one class only: no label can disagree'] };
    if (e.classes.length > MAX_CLASSES) return { flagged: [], notes: [tooManyClasses(e.classes.length)] };
    const nb = context.neighbours();
    const scores = new Float64Array(e.n);
    const flagged: FlaggedRow[] = [];
    const votes = new Int32Array(e.classes.length);
    for (let r = 0; r < e.n; r++) {
      votes.fill(0);
      for (let j = 0; j < nb.k; j++) votes[e.y[nb.index[r * nb.k + j]!]!]!++;
      const disagree = nb.k - votes[e.y[r]!]!;
      scores[r] = disagree / nb.k;
      if (scores[r]! < DISAGREEMENT) continue;
      let majority = 0;
      for (let c = 1; c < votes.length; c++) if (votes[c]! > votes[majority]!) majority = c;
      flagged.push({
        row: e.rows[r]!,
        score: scores[r]!,
        column: context.label,
        reason: `${disagree} of its ${nb.k} nearest rows are labelled otherwise (${votes[majority]} ${JSON.stringify(e.classes[majority])}); this row is ${JSON.stringify(e.classes[e.y[r]!])}`,
      });
    }
    return { flagged, scores: tableScores(context.table, e, scores), notes: [`k = ${nb.k} nearest rows (${searchText(nb.method)}); flagged at ≥ ${DISAGREEMENT * 100}% disagreement`] };
  },
};

function searchText(method: string): string {
  if (method === 'exact') return 'exact search';
  if (method.startsWith('pca-')) return `approximate search on ${method.slice(4)} principal components`;
  return 'approximate k-d tree search';
}
