// Escalation search and least-privilege generation, against their floors measured in the same
// run: the search's cost per evaluator call against the evaluator alone on the same kind of
// requests, and generation against reading the same CloudTrail records without generating.
//
//   node bench/iam-escalations.js [--principals N] [--records N]

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMs, importBuilt, median, printResult } from './support/common.js';

const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : [])).filter((x) => x.length));
const PRINCIPALS = Number(args.principals ?? 300);
const RECORDS = Number(args.records ?? 20000);
const ROUNDS = 3;
const TARGET_SEARCH = 4;
const TARGET_GENERATE = 4;
const ACCT = '111122223333';

const [{ parseWorld }, { findEscalations }, { evaluate }, { compilePolicySet }, { parsePolicy }, { generateLeastPrivilege }, { openTrail }] = await Promise.all([
  importBuilt('iam/escalation/read-world.js'),
  importBuilt('iam/escalation/search.js'),
  importBuilt('iam/evaluate/evaluate.js'),
  importBuilt('iam/evaluate/policy-set.js'),
  importBuilt('iam/policy/parse.js'),
  importBuilt('iam/generate/index.js'),
  importBuilt('trail/read/index.js'),
]);

// A synthetic account: teams of users who may pass their team's roles to SageMaker, team roles
// (some strong), service roles for Lambda and EC2, and notebooks running as team roles.
function world(n) {
  const doc = (...Statement) => ({ Version: '2012-10-17', Statement });
  const trusts = (service) => doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
  const principals = [];
  const resources = [];
  const teams = Math.max(1, Math.floor(n / 6));
  for (let t = 0; t < teams; t++) {
    for (let u = 0; u < 3; u++) {
      principals.push({
        arn: `arn:aws:iam::${ACCT}:user/team${t}-user${u}`,
        policies: [
          doc(
            { Effect: 'Allow', Action: ['sagemaker:Describe*', 'sagemaker:List*', 'sagemaker:CreateTrainingJob'], Resource: '*' },
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${ACCT}:role/team${t}-*`, Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::team${t}-data/*` },
          ),
        ],
      });
    }
    principals.push({ arn: `arn:aws:iam::${ACCT}:role/team${t}-training`, trustPolicy: trusts('sagemaker.amazonaws.com'), policies: [doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::team${t}-data/*` })] });
    principals.push({ arn: `arn:aws:iam::${ACCT}:role/service${t}-fn`, trustPolicy: trusts('lambda.amazonaws.com'), policies: [doc({ Effect: 'Allow', Action: 'logs:*', Resource: '*' })] });
    principals.push({ arn: `arn:aws:iam::${ACCT}:role/service${t}-ec2`, trustPolicy: trusts('ec2.amazonaws.com'), policies: [doc({ Effect: 'Allow', Action: 'ssm:*', Resource: '*' })] });
    resources.push({ type: 'AWS::SageMaker::NotebookInstance', arn: `arn:aws:sagemaker:eu-west-1:${ACCT}:notebook-instance/team${t}`, roleArn: `arn:aws:iam::${ACCT}:role/team${t}-training` });
  }
  // One team's role is an admin: its users can escalate.
  principals.push({ arn: `arn:aws:iam::${ACCT}:role/team0-admin`, trustPolicy: trusts('sagemaker.amazonaws.com'), policies: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })] });
  return parseWorld({ region: 'eu-west-1', principals, resources });
}

/** The evaluator alone on the search's commonest request: may this user pass this role to SageMaker? */
function evaluatorFloor(w, count) {
  const users = w.principals.filter((p) => p.kind === 'user');
  const roles = w.principals.filter((p) => p.kind === 'role');
  const sets = users.map((u) => compilePolicySet({ identityPolicies: u.policies.map((p) => p.policy) }));
  const t0 = performance.now();
  let allowed = 0;
  for (let i = 0; i < count; i++) {
    const k = i % users.length;
    const r = evaluate({ principal: users[k].arn, action: 'iam:PassRole', resource: roles[i % roles.length].arn, context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' }, unknownContext: [] }, sets[k]);
    if (r.decision === 'Allowed') allowed++;
  }
  return { ms: performance.now() - t0, allowed };
}

const w = world(PRINCIPALS);
console.log(`world: ${w.principals.length} principals, ${w.resources.length} notebooks`);
const searchTimes = [];
let report;
for (let round = 0; round < ROUNDS; round++) {
  const t0 = performance.now();
  report = findEscalations(w);
  searchTimes.push(performance.now() - t0);
}
const searchMs = median(searchTimes);
const perSearchEval = searchMs / report.evaluations;
const floorTimes = [];
for (let round = 0; round < ROUNDS; round++) floorTimes.push(evaluatorFloor(w, report.evaluations).ms);
const floorMs = median(floorTimes);
const perFloorEval = floorMs / report.evaluations;
const searchRatio = perSearchEval / perFloorEval;
console.log(`search: ${report.paths.length} paths from ${report.sources} principals, ${report.evaluations} evaluations, median ${formatMs(searchMs)}  [${searchTimes.map(formatMs).join(', ')}]`);
console.log(`evaluator alone, same number of requests: median ${formatMs(floorMs)}`);
console.log(`cost per evaluation, search/evaluator: ${searchRatio.toFixed(2)}x (target <= ${TARGET_SEARCH}x)`);

// Generation: a day of a pipeline role, repeated with other job names and object keys.
const dir = await mkdtemp(join(tmpdir(), 'ringfence-bench-generate-'));
try {
  const role = `arn:aws:iam::${ACCT}:role/service-role/ml-pipeline`;
  const identity = { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/ml-pipeline/run`, accountId: ACCT, sessionContext: { sessionIssuer: { type: 'Role', arn: role, accountId: ACCT, userName: 'ml-pipeline' } } };
  const records = [];
  for (let i = 0; i < RECORDS; i++) {
    const base = { eventVersion: '1.09', userIdentity: identity, eventTime: '2024-09-01T08:00:00Z', awsRegion: 'eu-west-1', eventType: 'AwsApiCall', recipientAccountId: ACCT };
    const job = `churn-${i % 500}`;
    switch (i % 4) {
      case 0:
        records.push({ ...base, eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventCategory: 'Data', requestParameters: { bucketName: 'ml-training-data', key: `churn/train/day-${i % 30}/part-${i}.csv` }, resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::ml-training-data/churn/train/day-${i % 30}/part-${i}.csv` }] });
        break;
      case 1:
        records.push({ ...base, eventSource: 'sagemaker.amazonaws.com', eventName: 'DescribeTrainingJob', requestParameters: { trainingJobName: job } });
        break;
      case 2:
        records.push({ ...base, eventSource: 'sagemaker.amazonaws.com', eventName: 'CreateTrainingJob', requestParameters: { trainingJobName: job, roleArn: `arn:aws:iam::${ACCT}:role/exec-${i % 3}` }, responseElements: { trainingJobArn: `arn:aws:sagemaker:eu-west-1:${ACCT}:training-job/${job}` } });
        break;
      default:
        records.push({ ...base, eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }, resources: [{ type: 'AWS::KMS::Key', ARN: `arn:aws:kms:eu-west-1:${ACCT}:key/k${i % 4}` }] });
    }
  }
  const file = join(dir, 'trail.json');
  await writeFile(file, JSON.stringify({ Records: records }));
  const readTimes = [];
  const genTimes = [];
  let result;
  for (let round = 0; round < ROUNDS; round++) {
    let t0 = performance.now();
    let n = 0;
    for await (const _ of openTrail([file]).records) n++;
    readTimes.push(performance.now() - t0);
    t0 = performance.now();
    result = await generateLeastPrivilege(openTrail([file]).records, { role });
    genTimes.push(performance.now() - t0);
    if (n !== RECORDS) throw new Error(`read ${n} records`);
  }
  const readMs = median(readTimes);
  const genMs = median(genTimes);
  const genRatio = genMs / readMs;
  console.log(`generation: ${RECORDS} records → ${result.policy.Statement.length} statements, proof ${result.proof.allowed}/${result.proof.checked}, median ${formatMs(genMs)}  [${genTimes.map(formatMs).join(', ')}]`);
  console.log(`reading the same records alone: median ${formatMs(readMs)}`);
  console.log(`generate/read: ${genRatio.toFixed(2)}x (target <= ${TARGET_GENERATE}x), ${Math.round(RECORDS / (genMs / 1000))} records/s`);
  printResult({
    name: 'iam-escalations',
    metric: 'search/evaluator per call',
    value: searchRatio,
    target: TARGET_SEARCH,
    details: { principals: w.principals.length, evaluations: report.evaluations, paths: report.paths.length, searchMs, floorMs, generateRatio: genRatio, generateMs: genMs, readMs, records: RECORDS },
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
