// The chi-squared test of homogeneity between two samples of a categorical feature, with the
// p-value from the regularised upper incomplete gamma function Q(dof/2, x/2) (series for small x,
// Lentz's continued fraction otherwise; Press et al., Numerical Recipes §6.2).

/** ln Γ(x) for x > 0, Lanczos approximation (g = 7, n = 9), relative error below 1e-13. */
export function logGamma(x: number): number {
  const g = 7;
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = coef[0]!;
  const t = z + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += coef[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const MAX_ITER = 10_000;

/** Q(a, x) = Γ(a, x) / Γ(a), the regularised upper incomplete gamma function. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - gammaPSeries(a, x);
  return gammaQFraction(a, x);
}

function gammaPSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaQFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

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
