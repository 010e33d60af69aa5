// Attack simulators for tests and benchmarks: extraction attacks against models trained on real
// datasets, benign callers replayed from held-out rows, and the harness that measures detection.
export { ATTACKS, type AttackContext, type AttackName, type ExtractionAttack, type Observation } from './attacks/index.js';
export { datasetFromTable, splitDataset, type Dataset, type Split } from './dataset.js';
export { featureDomain, type FeatureDomain } from './domain.js';
export { Oracle } from './oracle.js';
export { buildScenario, type Scenario, type ScenarioOptions } from './scenario.js';
export { agreement, isCheckpoint, runAttack, runBenign, type AgreementPoint, type AttackRun, type AttackRunOptions, type BenignRun } from './harness.js';
export { captureFiles, captureRecordLine, type CaptureLayout, type CapturedQuery } from './capture-writer.js';
