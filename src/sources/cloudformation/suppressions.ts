import { isMap, isSeq } from 'yaml';
import type { ParsedNode } from 'yaml';
import type { Suppression } from '../../core/resource.js';
import { deref, entry, locationOf, scalarText, type ParsedTemplate } from './parse.js';

/**
 * Reads `Metadata.ringfence.suppress: [{ rule, reason }]` from a resource's Metadata node. A
 * missing reason is kept as undefined: the engine reports it, with this position.
 */
export function readSuppressions(parsed: ParsedTemplate, metadata: ParsedNode | null, warn: (message: string, at: ParsedNode) => void): Suppression[] {
  if (!metadata || !isMap(metadata)) return [];
  const ours = entry(parsed, metadata, 'ringfence');
  if (!ours) return [];
  const suppress = ours.value && isMap(ours.value) ? entry(parsed, ours.value, 'suppress') : undefined;
  if (!suppress || !suppress.value || !isSeq(suppress.value)) {
    warn('Metadata.ringfence must hold suppress: a list of { rule, reason }', ours.value ?? ours.key);
    return [];
  }
  const out: Suppression[] = [];
  for (const raw of suppress.value.items) {
    const item = deref(parsed, raw as ParsedNode | null);
    const rule = item && isMap(item) ? scalarText(entry(parsed, item, 'rule')?.value ?? null) : undefined;
    if (!item || !isMap(item) || !rule) {
      warn('a suppression needs a rule id: { rule: ID, reason: "..." }', item ?? suppress.value);
      continue;
    }
    const reason = scalarText(entry(parsed, item, 'reason')?.value ?? null);
    out.push({ rule, reason: reason?.trim() ? reason : undefined, location: locationOf(parsed, (raw as ParsedNode).range[0]), via: 'metadata' });
  }
  return out;
}
