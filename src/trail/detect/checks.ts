// Named checks: conditions on one field value that a comparison cannot express. Each says in its
// description exactly what it computes, so a SQL engine can implement it (a UDF, or JSON functions
// plus regular expressions) and a reader of a predicate knows what `policy-public(...)` means.

import { adminStatements, publicStatements, RESTRICTIVE_CONDITION_KEYS } from './policy.js';
import { decodeScript, scanScript, SCRIPT_PATTERNS } from './script-patterns.js';

export type CheckId = 'policy-public' | 'policy-admin' | 'script-suspicious';

export interface Check {
  description: string;
  /** Evidence text when the value satisfies the check, else undefined. */
  test(value: unknown): string | undefined;
}

export const CHECKS: Readonly<Record<CheckId, Check>> = {
  'policy-public': {
    description:
      'The value is a policy document (an object, or a JSON string, URL-encoded or not) with an Allow statement whose Principal is "*", ' +
      '{"AWS": "*"} or a list holding "*", and whose Condition uses none of these keys (case-insensitive): ' +
      `${RESTRICTIVE_CONDITION_KEYS.join(', ')}.`,
    test: (value) => joined(publicStatements(value)),
  },
  'policy-admin': {
    description:
      'The value is a policy document (an object, or a JSON string, URL-encoded or not) with an Allow statement whose Action is or ' +
      'contains "*" or "*:*" and whose Resource is or contains "*".',
    test: (value) => joined(adminStatements(value)),
  },
  'script-suspicious': {
    description:
      'The value is a script, base64-encoded as the SageMaker API takes it (decoded when it is valid base64, else read as is), that ' +
      `matches one of the regular expressions of SCRIPT_PATTERNS (${SCRIPT_PATTERNS.length} patterns: download-and-execute, reverse shells, credential access).`,
    test: (value) => {
      const script = decodeScript(value);
      if (script === undefined) return undefined;
      const hits = scanScript(script);
      return hits.length ? hits.map((h) => `${h.pattern.category}: ${h.pattern.name} (${JSON.stringify(h.match)})`).join('; ') : undefined;
    },
  },
};

function joined(lines: string[]): string | undefined {
  return lines.length ? lines.join('; ') : undefined;
}
