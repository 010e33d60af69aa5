// Regenerates this example: an iris classifier behind a SageMaker endpoint, its training data,
// the baseline `ringfence capture baseline` writes, and a few hours of Data Capture in which a
// dozen benign callers send real flowers (rows the model never trained on) and one caller runs
// the equation-solving extraction attack of Tramèr et al. (2016). Seeded: the same files every
// time. Run from the repository root after `npm run build`:
//
//   node examples/data-capture/generate.js

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = join(HERE, '..', '..', 'dist');
const IRIS = join(HERE, '..', '..', '..', 'shared', 'data', 'datasets', 'iris.csv');
const { readTable, csvField } = await import(join(DIST, 'ml', 'tabular', 'csv.js'));
const sim = await import(join(DIST, 'ml', 'extraction', 'simulate', 'index.js'));

const table = await readTable(IRIS, { text: ['label'] });
const dataset = sim.datasetFromTable('iris', table.columns, table.rows, 'label');
const scenario = sim.buildScenario(dataset, { seed: 3 });

// The training data: the rows the endpoint's model was fitted on, and those held out to check it.
const trained = [...scenario.split.train, ...scenario.split.calibration].sort((a, b) => a - b);
writeFileSync(join(HERE, 'training.csv'), [table.columns, ...trained.map((i) => table.rows[i])].map((r) => r.map(csvField).join(',')).join('\n') + '\n');

const traffic = [];
sim.runBenign(scenario, { callers: 12, minLength: 6, maxLength: 20, seed: 21, onQuery: (q) => traffic.push({ ...q, caller: `app-${q.caller.slice('benign-'.length).padStart(2, '0')}` }) });
sim.runAttack(scenario, sim.ATTACKS['equation-solving'], { budget: 30, until: 'budget', caller: 'partner-7f3a', seed: 5, onQuery: (q) => traffic.push(q) });

const root = join(HERE, 'capture');
rmSync(root, { recursive: true, force: true });
for (const [path, text] of sim.captureFiles(traffic, dataset.encoder, { endpoint: 'iris-classifier', variant: 'AllTraffic' })) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
console.log(`wrote training.csv (${trained.length} rows) and ${traffic.length} captured requests under capture/`);
console.log('now: node bin/ringfence.js capture baseline examples/data-capture/training.csv --label label -o examples/data-capture/baseline');
