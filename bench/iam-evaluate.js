// Evaluations per second of ringfence's IAM evaluator against @cloud-copilot/iam-simulate (the
// differential test's oracle, a dev dependency) on the same generated requests and policies.
// Both engines answer every case and must agree on the decision (disagreements are counted and
// printed, not hidden). Measured in this process, interleaved over several rounds, medians:
//
//   ours, compiled       policies compiled once, then evaluate() per request (how who-can and the
//                        escalation search use it)
//   ours, cold           parse + compile + evaluate per request
//   iam-simulate unsafe  runUnsafeSimulation (its fast path: no validation). It fails on any case
//                        with a resource policy (it loads that policy without the name it later
//                        reads), so it runs on the cases without one, and ours is timed on the same.
//   iam-simulate         runSimulation (validates policies, request and context), on every case
//
// The headline ratio is ours-compiled / iam-simulate-unsafe on the same cases (target >= 10x),
// the strictest comparison available. Rates are per second of this process's CPU time (user +
// system), so other load on the machine does not skew one engine against the other. Not a
// timed test.
//
//   node bench/iam-evaluate.js [--cases N] [--rounds N] [--ms N]

import { parseArgs } from 'node:util';
import { importBuilt, median, printResult } from './support/common.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    ms: { type: 'string', default: '400' },
  },
});
const CASES = Number(args.cases);
const ROUNDS = Number(args.rounds);
const SLICE_MS = Number(args.ms);
const TARGET = 10;

const iam = await importBuilt('iam/index.js');
const { runSimulation, runUnsafeSimulation } = await import('@cloud-copilot/iam-simulate');

// ---- deterministic cases: an ML account, its roles and users, a partner account ----
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const A = '111111111111';
const B = '222222222222';
const principals = [`arn:aws:iam::${A}:user/alice`, `arn:aws:sts::${A}:assumed-role/DataScientist/s1`, `arn:aws:iam::${B}:user/bob`, `arn:aws:sts::${A}:assumed-role/MLPipeline/run-7`];
const targets = [
  ['s3:GetObject', 'arn:aws:s3:::ml-training/data/train.csv', A],
  ['s3:PutObject', 'arn:aws:s3:::ml-training/models/m.tar.gz', A],
  ['s3:ListBucket', 'arn:aws:s3:::ml-training', A],
  ['sagemaker:CreateTrainingJob', `arn:aws:sagemaker:us-east-1:${A}:training-job/churn`, A],
  ['sagemaker:InvokeEndpoint', `arn:aws:sagemaker:us-east-1:${A}:endpoint/churn`, A],
  ['kms:Decrypt', `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, A],
  ['iam:PassRole', `arn:aws:iam::${A}:role/SageMakerExecution`, A],
];
const conditions = [
  { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } },
  { StringLike: { 'aws:PrincipalTag/team': 'ml*' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } },
  { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/*` } },
  { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } },
];
const actionsFor = (action) => {
  const [svc, name] = action.split(':');
  return pick([action, `${svc}:*`, `${svc}:${name.slice(0, 3)}*`, [action, 'ec2:Describe*'], 'ec2:RunInstances']);
};
const statement = (target, effect) => {
  const s = { Effect: effect, Action: actionsFor(target[0]), Resource: pick([target[1], '*', target[1].replace(/[^/:]+$/, '*'), 'arn:aws:s3:::other/*']) };
  if (rand() < 0.4) s.Condition = pick(conditions);
  return s;
};
const policy = (target, n, denyRate = 0.04) => ({ Version: '2012-10-17', Statement: Array.from({ length: n }, () => statement(target, rand() < denyRate ? 'Deny' : 'Allow')) });

function makeCase() {
  const principal = pick(principals);
  const target = pick(targets);
  const c = {
    request: {
      principal,
      action: target[0],
      resource: target[1],
      resourceAccount: target[2],
      context: { 'aws:SourceVpce': pick(['vpce-0abc', 'vpce-9999']), 'aws:SecureTransport': 'true', 'aws:SourceIp': pick(['10.1.2.3', '198.51.100.7']), 'aws:PrincipalTag/team': pick(['ml', 'ops']), 'aws:TagKeys': ['team'], 'aws:PrincipalArn': principal.replace(/:sts::(\d+):assumed-role\/([^/]+)\/.*/, ':iam::$1:role/$2'), 'aws:CurrentTime': '2026-05-01T00:00:00Z' },
    },
    identityPolicies: [
      { name: 'team', policy: policy(target, 4) },
      { name: 'managed', policy: policy(target, 6) },
    ],
    serviceControlPolicies: [
      { orgIdentifier: 'r-root', policies: [{ name: 'FullAWSAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }] },
      { orgIdentifier: 'ou-ml', policies: [{ name: 'guardrails', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/Admin*` } } }] } }] },
    ],
    resourceControlPolicies: [],
  };
  if (target[0].startsWith('s3:') || target[0].startsWith('kms:')) {
    const resourcePolicy = policy(target, 3, 0.15);
    for (const s of resourcePolicy.Statement) s.Principal = pick(['*', { AWS: A }, { AWS: `arn:aws:iam::${A}:role/DataScientist` }, { AWS: `arn:aws:iam::${B}:root` }]);
    c.resourcePolicy = resourcePolicy;
  }
  if (rand() < 0.3) c.permissionBoundaries = [{ name: 'boundary', policy: policy(target, 2, 0) }];
  return c;
}
const cases = Array.from({ length: CASES }, makeCase);

// ---- the engines on the same cases ----
const toSimulation = (c) => ({
  request: { principal: c.request.principal, action: c.request.action, resource: { resource: c.request.resource, accountId: c.request.resourceAccount }, contextVariables: c.request.context },
  identityPolicies: c.identityPolicies,
  serviceControlPolicies: c.serviceControlPolicies,
  resourceControlPolicies: c.resourceControlPolicies,
  ...(c.resourcePolicy ? { resourcePolicy: c.resourcePolicy } : {}),
  ...(c.permissionBoundaries ? { permissionBoundaryPolicies: c.permissionBoundaries } : {}),
});
const simulations = cases.map(toSimulation);
const parsed = cases.map((c) => iam.parseCase(c));
const compiled = parsed.map((p) => iam.compilePolicySet(p.policies));
const prepared = parsed.map((p) => iam.prepareRequest(p.request, { deriveContext: false }));
const options = { deriveContext: false };

/** Indexes of the cases runUnsafeSimulation can run (no resource policy). */
const plain = cases.map((c, i) => (c.resourcePolicy ? -1 : i)).filter((i) => i >= 0);

// Agreement first: a benchmark of engines that disagree would compare different work.
let disagreements = 0;
const decisions = {};
for (let i = 0; i < cases.length; i++) {
  const theirs = (await runSimulation(simulations[i], {})).overallResult;
  const ours = iam.evaluate(prepared[i], compiled[i], options).decision;
  decisions[ours] = (decisions[ours] ?? 0) + 1;
  if (theirs !== ours) disagreements++;
}
for (const i of plain) if (runUnsafeSimulation(simulations[i], {}) !== iam.evaluate(prepared[i], compiled[i], options).decision) disagreements++;
console.log(`${CASES} cases (${plain.length} without a resource policy): ${Object.entries(decisions).map(([k, v]) => `${v} ${k}`).join(', ')}; ${disagreements} disagreements with iam-simulate`);

const cpuSeconds = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
/** Evaluations per CPU-second of `fn(i)` over the given case indexes, run for about SLICE_MS. */
function rate(fn, over = null) {
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < SLICE_MS) {
    for (let k = 0; k < 200; k++, n++) fn(over ? over[n % over.length] : n % CASES);
  }
  return n / cpuSeconds(c0);
}
async function rateAsync(fn) {
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < SLICE_MS) {
    for (let k = 0; k < 20; k++) await fn(n++ % CASES);
  }
  return n / cpuSeconds(c0);
}

const engines = {
  oursCompiled: () => rate((i) => iam.evaluate(prepared[i], compiled[i], options)),
  oursCompiledPlain: () => rate((i) => iam.evaluate(prepared[i], compiled[i], options), plain),
  oursCold: () => rate((i) => {
    const p = iam.parseCase(cases[i]);
    iam.evaluate(p.request, iam.compilePolicySet({ ...p.policies, identityPolicies: p.policies.identityPolicies.map((x) => iam.compilePolicy(x)) }), options);
  }),
  simulateUnsafe: () => rate((i) => runUnsafeSimulation(simulations[i], {}), plain),
  simulate: () => rateAsync((i) => runSimulation(simulations[i], {})),
};
const rates = Object.fromEntries(Object.keys(engines).map((k) => [k, []]));
for (const fn of Object.values(engines)) await fn(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  const names = Object.keys(engines);
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length];
    rates[name].push(await engines[name]());
  }
}
const m = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, median(v)]));
const fmt = (x) => `${Math.round(x).toLocaleString('en-US')}/s`; // per CPU-second
console.log(`all cases:   ours, compiled ${fmt(m.oursCompiled)}; ours, cold ${fmt(m.oursCold)} (parse + compile + evaluate each time); iam-simulate ${fmt(m.simulate)} (validating)`);
console.log(`no resource policy: ours, compiled ${fmt(m.oursCompiledPlain)}; iam-simulate unsafe ${fmt(m.simulateUnsafe)}`);
const ratio = m.oursCompiledPlain / m.simulateUnsafe;
console.log(`ratio ours-compiled / iam-simulate-unsafe (same cases): ${ratio.toFixed(1)}x (target >= ${TARGET}x); ours-compiled / iam-simulate ${(m.oursCompiled / m.simulate).toFixed(0)}x; ours-cold / iam-simulate ${(m.oursCold / m.simulate).toFixed(0)}x`);
printResult({
  name: 'iam-evaluate',
  metric: 'ours/iam-simulate',
  value: ratio,
  target: TARGET,
  higherIsBetter: true,
  details: { oursCompiled: m.oursCompiled, oursCompiledPlain: m.oursCompiledPlain, oursCold: m.oursCold, simulateUnsafe: m.simulateUnsafe, simulate: m.simulate, cases: CASES, plainCases: plain.length, disagreements },
});
