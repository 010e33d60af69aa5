import { UsageError } from '../core/errors.js';
import type { Rule } from '../core/rule.js';
import type { Define } from './main.js';
import { referenceEntries } from '../report/references.js';
import { emit } from './output.js';

export const defineExplain: Define = (program, setExit) => {
  program
    .command('explain')
    .description('Explain one rule: why it matters, how to fix it, and the equivalent checks of other tools.')
    .argument('<rule>', 'rule id (see `ringfence rules`)')
    .option('-f, --format <format>', 'text or json', 'text')
    .addHelpText('after', '\nExample:\n  $ ringfence explain sagemaker-notebook-direct-internet')
    .action(async (id: string, flags: { format: string }) => {
      const { RULES } = await import('../rules/index.js');
      const rule = RULES.find((r) => r.id === id);
      if (!rule) {
        const near = RULES.filter((r) => r.id.includes(id) || id.includes(r.id.split('-').slice(0, 2).join('-'))).map((r) => r.id);
        throw new UsageError(`unknown rule "${id}"${near.length ? `; did you mean ${near.slice(0, 3).join(', ')}?` : ''} (see \`ringfence rules\`)`);
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
