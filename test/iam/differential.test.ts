import { describe, expect, it } from 'vitest';
import { OPERATORS, parseOperator } from '../../src/iam/policy/operators.js';
import { A, B, generateCase, type CaseDoc } from './differential/generate.js';
import { askOracle } from './differential/oracle.js';
import { askOurs } from './differential/ours.js';
import { SHAPES, shapesOf } from './differential/shapes.js';

/**
 * ringfence's evaluator against @cloud-copilot/iam-simulate (AGPL, a dev-only oracle) on
 * generated policy/request combinations: SageMaker, S3, KMS, IAM and STS; every condition
 * operator family with IfExists, ForAllValues/ForAnyValue and policy variables; wildcards,
 * NotAction/NotResource/NotPrincipal; identity, resource, boundary, session, SCP, RCP and VPC
 * endpoint policies; same-account and cross-account callers, services and anonymous callers.
 *
 * Zero unexplained disagreements: cases of the shapes in ./differential/shapes.ts (where the
 * AWS documentation decides against the oracle; see explained-disagreements.test.ts) are skipped
 * by name and counted; every other case must get the oracle's decision. A failure prints the
 * seed: `generateCase(seed)` rebuilds the case.
 */

const COMPARED = 10_000;
const MAX_GENERATED = 14_000;

interface Tally {
  [name: string]: number;
}
const bump = (t: Tally, k: string) => (t[k] = (t[k] ?? 0) + 1);

/** What a case exercises, for the coverage assertions. */
function features(c: CaseDoc): Set<string> {
  const out = new Set<string>();
  const policies: [string, unknown][] = [
    ...c.identityPolicies.map((p) => ['identity', p.policy] as [string, unknown]),
    ['resource', c.resourcePolicy],
    ...(c.endpointPolicies ?? []).map((p) => ['endpoint', p.policy] as [string, unknown]),
    ...(c.permissionBoundaries ?? []).map((p) => ['boundary', p.policy] as [string, unknown]),
    ...(c.serviceControlPolicies ?? []).flatMap((l) => l.policies.map((p) => ['scp', p.policy] as [string, unknown])),
    ...(c.resourceControlPolicies ?? []).flatMap((l) => l.policies.map((p) => ['rcp', p.policy] as [string, unknown])),
    ['session', c.sessionPolicy],
  ];
  for (const [type, policy] of policies) {
    if (!policy) continue;
    out.add(`policy:${type}`);
    const text = JSON.stringify(policy);
    if (text.includes('${')) out.add('variables');
    for (const el of ['NotAction', 'NotResource', 'NotPrincipal']) if (text.includes(`"${el}"`)) out.add(el);
    if (/"[a-z0-9-]+:[^"]*[*?][^"]*"/i.test(text)) out.add('wildcards');
    for (const s of (policy as { Statement: Record<string, unknown>[] }).Statement) {
      for (const op of Object.keys((s.Condition as object) ?? {})) {
        const parsed = parseOperator(op)!;
        out.add(`op:${parsed.spec.name}`);
        if (parsed.set) out.add(`set:${parsed.set}`);
        if (parsed.ifExists) out.add('IfExists');
      }
    }
  }
  out.add(`service:${c.request.action.split(':')[0]}`);
  const p = c.request.principal;
  out.add(`principal:${p === 'anonymous' ? 'anonymous' : p.endsWith('.amazonaws.com') ? 'service' : p.endsWith(':root') ? 'root' : p.includes(':assumed-role/') ? 'role-session' : 'user'}`);
  const account = /::(\d{12}):/.exec(p)?.[1];
  if (account && account !== c.request.resourceAccount) out.add('cross-account');
  if (account === A || account === B) out.add('account-principal');
  return out;
}

describe('differential test against iam-simulate', () => {
  it(`agrees on ${COMPARED.toLocaleString('en-US')} generated cases but for the documented shapes`, async () => {
    const t0 = performance.now();
    const skipped: Tally = {};
    const decisions: Tally = {};
    const coverage: Tally = {};
    const unexplained: string[] = [];
    const oracleErrors: string[] = [];
    let compared = 0;
    let explained = 0;
    let seed = 0;
    while (compared < COMPARED && seed < MAX_GENERATED) {
      seed++;
      const c = generateCase(seed);
      const oracle = await askOracle(c);
      if (oracle.error) {
        oracleErrors.push(`seed ${seed}: ${oracle.error}`);
        continue;
      }
      const ours = askOurs(c, oracle.ignoredContextKeys);
      const shapes = shapesOf(c, oracle.ignoredContextKeys);
      if (shapes.length) {
        for (const s of shapes) bump(skipped, s);
        if (ours.decision !== oracle.decision) explained++;
        continue;
      }
      compared++;
      bump(decisions, ours.decision);
      for (const f of features(c)) bump(coverage, f);
      if (ours.decision !== oracle.decision) unexplained.push(`seed ${seed}: iam-simulate ${oracle.decision}, ringfence ${ours.decision} (${ours.explanation!.join('; ')})`);
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `differential: ${compared} cases compared in ${seconds.toFixed(1)} s (${seed} generated); decisions ${JSON.stringify(decisions)}; ` +
        `skipped by shape ${JSON.stringify(skipped)} (${explained} of them disagree); ${unexplained.length} unexplained disagreements`,
    );

    expect(oracleErrors).toEqual([]);
    expect(unexplained.slice(0, 10)).toEqual([]);
    expect(compared).toBe(COMPARED);

    // The cases cover what they claim to.
    for (const d of ['Allowed', 'ImplicitlyDenied', 'ExplicitlyDenied']) expect(decisions[d] ?? 0, d).toBeGreaterThan(1000);
    for (const op of OPERATORS) expect(coverage[`op:${op.name}`] ?? 0, op.name).toBeGreaterThan(20);
    for (const f of ['set:ForAllValues', 'set:ForAnyValue', 'IfExists', 'variables', 'wildcards', 'NotAction', 'NotResource', 'NotPrincipal', 'cross-account']) expect(coverage[f] ?? 0, f).toBeGreaterThan(100);
    for (const t of ['identity', 'resource', 'boundary', 'session', 'scp', 'rcp', 'endpoint']) expect(coverage[`policy:${t}`] ?? 0, t).toBeGreaterThan(100);
    for (const s of ['sagemaker', 's3', 'kms', 'iam', 'sts']) expect(coverage[`service:${s}`] ?? 0, s).toBeGreaterThan(500);
    for (const p of ['user', 'role-session', 'service', 'anonymous']) expect(coverage[`principal:${p}`] ?? 0, p).toBeGreaterThan(200);
    // Every skipped shape is one of the documented ones.
    for (const name of Object.keys(skipped)) expect(SHAPES.map((s) => s.name)).toContain(name);
  }, 300_000);

  it('generates the same case from the same seed', () => {
    expect(generateCase(1234)).toEqual(generateCase(1234));
    expect(generateCase(1234)).not.toEqual(generateCase(1235));
  });
});
