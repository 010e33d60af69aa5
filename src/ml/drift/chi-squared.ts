// The chi-squared test of homogeneity between two samples of a categorical feature, with the
// p-value from the regularised upper incomplete gamma function Q(dof/2, x/2).

import { gammaQ, logGamma } from '../stats/distributions.js';

export { gammaQ, logGamma };

/** P(χ²_dof ≥ statistic). */
export function chiSquaredPValue(statistic: number, dof: number): number {
  if (dof <= 0) return 1;
  return gammaQ(dof / 2, statistic / 2);
}

export interface ChiSquaredResult {
  statistic: number;
  dof: number;
  pValue: number;
}

/** Homogeneity of two count tables over the union of their categories (a 2×K contingency table). */
export function chiSquaredHomogeneity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): ChiSquaredResult {
  const categories = [...new Set([...a.keys(), ...b.keys()])].filter((k) => (a.get(k) ?? 0) + (b.get(k) ?? 0) > 0);
  const na = categories.reduce((s, k) => s + (a.get(k) ?? 0), 0);
  const nb = categories.reduce((s, k) => s + (b.get(k) ?? 0), 0);
  const n = na + nb;
  const dof = categories.length - 1;
  if (na === 0 || nb === 0 || dof <= 0) return { statistic: 0, dof: Math.max(dof, 0), pValue: 1 };
  let statistic = 0;
  for (const k of categories) {
    const col = (a.get(k) ?? 0) + (b.get(k) ?? 0);
    for (const [observed, rowTotal] of [
      [a.get(k) ?? 0, na],
      [b.get(k) ?? 0, nb],
    ] as const) {
      const expected = (rowTotal * col) / n;
      statistic += (observed - expected) ** 2 / expected;
    }
  }
  return { statistic, dof, pValue: chiSquaredPValue(statistic, dof) };
}
