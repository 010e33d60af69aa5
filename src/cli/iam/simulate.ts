import { Option, type Command } from 'commander';
import type { EvaluationResult } from '../../iam/evaluate/types.js';
import { clean, styler, type Styler } from '../../report/ansi.js';
import { collectList, useColor } from '../options.js';
import { emit } from '../output.js';

interface SimulateFlags {
  format: 'table' | 'json';
  output?: string;
  unknown?: string[];
}

/** `ringfence iam simulate CASE.json`: one request, every policy that applies, AWS's decision. */
export function defineIamSimulate(iam: Command, setExit: (code: number) => void): void {
  iam
    .command('simulate')
    .description("Evaluate one request against the policies that apply to it, with AWS's policy evaluation logic.")
    .argument('<case>', 'simulation case: a JSON file (or - for stdin)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write the result to FILE instead of stdout')
    .option('--unknown <keys>', 'context keys whose values are unknown: report the conditions under which access is granted (repeatable, comma-separated; `*` for all)', collectList)
    .addHelpText(
      'after',
      `
The case file:
  { "request": { "principal": "arn:aws:sts::111122223333:assumed-role/DataScientist/s1",
                 "action": "s3:GetObject", "resource": "arn:aws:s3:::training-data/x.csv",
                 "resourceAccount": "111122223333",                      (optional)
                 "context": { "aws:SourceVpce": "vpce-0abc" },          (optional)
                 "unknownContext": ["aws:SourceVpce"] },                 (optional, discovery)
    "identityPolicies": [ POLICY, ... ],
    "resourcePolicy": POLICY, "endpointPolicies": [ ... ], "permissionBoundaries": [ ... ],
    "serviceControlPolicies": [ { "orgIdentifier": "r-root", "policies": [ ... ] }, ... ],
    "resourceControlPolicies": [ same shape ], "sessionPolicy": POLICY }
A POLICY is a policy document, or { "name": "...", "policy": { ... } } to name it.

Examples:
  $ ringfence iam simulate case.json
  $ ringfence iam simulate case.json --format json -o decision.json
  $ ringfence iam simulate case.json --unknown aws:SourceVpce,aws:PrincipalTag/*

Exit codes: 0 the request was evaluated (whatever the decision: a denial is data, not a failure);
2 the case could not be read (the error names the file, line and JSON path).`,
    )
    .action(async (file: string, flags: SimulateFlags, cmd: Command) => {
      setExit(await runSimulate(file, flags, cmd.optsWithGlobals().color as boolean | undefined));
    });
}

async function runSimulate(file: string, flags: SimulateFlags, color: boolean | undefined): Promise<number> {
  const [{ readCaseFile }, { simulate }] = await Promise.all([import('../../iam/simulate/read.js'), import('../../iam/simulate/case.js')]);
  const read = await readCaseFile(file);
  if ('error' in read) {
    process.stderr.write(`ringfence: error: ${read.error}\n`);
    return 2;
  }
  const c = read.case;
  if (flags.unknown?.length) c.request.unknownContext = [...(c.request.unknownContext ?? []), ...flags.unknown];
  const result = simulate(c, { explain: true });
  const text =
    flags.format === 'json'
      ? JSON.stringify(result, null, 2) + '\n'
      : renderDecision(result, styler(!flags.output && useColor(process.stdout, color)));
  await emit(text, flags.output);
  return 0;
}

const DECISION_STYLE: Record<EvaluationResult['decision'], keyof Styler> = {
  Allowed: 'green',
  ImplicitlyDenied: 'yellow',
  ExplicitlyDenied: 'red',
};

/** The decision as a small table for people. */
export function renderDecision(r: EvaluationResult, s: Styler): string {
  const rows: [string, string][] = [['decision', s.bold(s[DECISION_STYLE[r.decision]](r.decision))]];
  if (r.conditionsText) rows.push(['only when', clean(r.conditionsText)]);
  if (r.blockedBy) rows.push(['blocked by', `${r.blockedBy}${r.blockedByAll && r.blockedByAll.length > 1 ? ` (also: ${r.blockedByAll.slice(1).join(', ')})` : ''}`]);
  const typeWidth = Math.max(0, ...r.decidingStatements.map((d) => d.policyType.length));
  const deciding = r.decidingStatements.map(
    (d) => `${d.policyType.padEnd(typeWidth)}  ${clean(d.orgIdentifier ? `${d.orgIdentifier}/` : '')}${clean(d.policyId)} statement ${d.statementIndex}${d.sid ? ` (${clean(d.sid)})` : ''}  ${d.effect}`,
  );
  rows.push(['deciding', deciding.length ? deciding[0]! : s.dim('none (nothing allowed it)')]);
  for (const more of deciding.slice(1)) rows.push(['', more]);
  if (r.resourceGrant) rows.push(['resource grant', { principal: 'to the caller itself', wildcard: 'to everyone (*)', role: "to the caller's role", account: "to the caller's account" }[r.resourceGrant]]);
  rows.push(['accounts', r.crossAccount ? 'cross-account (both sides must allow)' : 'same account']);
  if (r.resourceAccountAssumed) rows.push(['', s.dim("the resource account was not given: taken to be the caller's")]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  if (r.explanation?.length) lines.push('', s.dim('how each policy type contributed:'), ...r.explanation.map((e) => `  ${clean(e)}`));
  return lines.join('\n') + '\n';
}
