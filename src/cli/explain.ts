import { UsageError } from '../core/errors.js';
import type { Rule } from '../core/rule.js';
import type { Define } from './main.js';
import { referenceEntries } from '../report/references.js';
import { emit } from './output.js';

/**
 * Where the ids a report can carry are described: the posture rules, then the detectors of the
 * other commands (CloudTrail detections, capture and data detectors), each loaded only when the
 * ones before do not have the id.
 */
const CATALOGS: (() => Promise<readonly Rule[]>)[] = [
  async () => (await import('../rules/index.js')).RULES,
  async () => (await import('../trail/detect/index.js')).DETECTIONS,
  async () => (await import('../ml/extraction/findings.js')).EXTRACTION_DETECTORS,
  async () => [(await import('../ml/ood/findings.js')).OOD_DETECTOR],
  async () => (await import('../ml/poisoning/catalog.js')).AUDIT_RULES,
  async () => (await import('../ml/integrity/verify-findings.js')).VERIFY_RULES,
];

export const defineExplain: Define = (program, setExit) => {
  program
    .command('explain')
    .description('Explain one rule or detector: why it matters, how to fix it, and the equivalent checks of other tools.')
    .argument('<rule>', 'the rule id of a finding: a posture rule (`ringfence rules`), a CloudTrail detection (`ringfence trail scan --list`), a capture or data detector')
    .option('-f, --format <format>', 'text or json', 'text')
    .addHelpText('after', '\nExamples:\n  $ ringfence explain sagemaker-notebook-direct-internet\n  $ ringfence explain capture-extraction-precision')
    .action(async (id: string, flags: { format: string }) => {
      const seen: Rule[] = [];
      let rule: Rule | undefined;
      for (const load of CATALOGS) {
        const catalog = await load();
        rule = catalog.find((r) => r.id === id);
        if (rule) break;
        seen.push(...catalog);
      }
      if (!rule) {
        // Ids containing what was typed first, then those sharing its first two words.
        const ids = seen.map((r) => r.id);
        const near = [...ids.filter((r) => r.includes(id)), ...ids.filter((r) => !r.includes(id) && id.includes(r.split('-').slice(0, 2).join('-')))];
        throw new UsageError(`unknown rule "${id}"${near.length ? `; did you mean ${near.slice(0, 3).join(', ')}?` : ''} (see \`ringfence rules\`, \`ringfence trail scan --list\`)`);
      }
      const { describe } = await import('./rules.js');
      await emit(flags.format === 'json' ? JSON.stringify(describe(rule), null, 2) + '\n' : explain(rule), undefined);
      setExit(0);
    });
};

export function explain(rule: Rule): string {
  const lines = [
    `${rule.id} — ${rule.title}`,
    '',
    `ring: ${rule.ring}    severity: ${rule.severity}    profiles: ${(rule.profiles ?? ['default', 'strict']).join(', ')}`,
    `resource types: ${rule.resourceTypes.join(', ')}`,
    '',
    'Why it matters',
    wrap(rule.rationale),
    '',
    'How to fix it',
    wrap(rule.remediation),
  ];
  const refs = referenceEntries(rule.references);
  if (refs.length) {
    lines.push('', 'References');
    for (const { label, values } of refs) lines.push(`  ${label}: ${values.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

function wrap(text: string, width = 92, indent = '  '): string {
  const out: string[] = [];
  for (const para of text.split(/\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && (line + ' ' + word).length > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join('\n');
}
