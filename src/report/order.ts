import { compareText } from '../core/compare-text.js';
import { RINGS, severityRank, type Finding, type Ring } from '../core/finding.js';

export { compareText };

const ringRank = (ring: Ring): number => RINGS.indexOf(ring);

/**
 * The order every report lists findings in: by ring (network first, as DESIGN.md lists them),
 * worst severity first, then rule, then where, so two runs over the same input read the same.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    ringRank(a.ring) - ringRank(b.ring) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.location?.file ?? '', b.location?.file ?? '') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
    compareText(a.resource.id, b.resource.id) ||
    compareText(a.property ?? '', b.property ?? '')
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Findings per ring in ring order; rings without findings are left out. */
export function groupByRing(findings: readonly Finding[]): [Ring, Finding[]][] {
  const sorted = sortFindings(findings);
  return RINGS.map((ring): [Ring, Finding[]] => [ring, sorted.filter((f) => f.ring === ring)]).filter(([, list]) => list.length > 0);
}
