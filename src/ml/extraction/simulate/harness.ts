import { createRandom, type Random } from '../../models/random.js';
import { argmax, type Classifier } from '../../models/types.js';
import { ExtractionMonitor } from '../monitor.js';
import type { ExtractionAlert, Query, SignalName } from '../types.js';
import type { AttackContext, AttackName, ExtractionAttack, Observation } from './attacks/types.js';
import type { CapturedQuery } from './capture-writer.js';
import { Oracle } from './oracle.js';
import type { Scenario } from './scenario.js';

/** Simulated callers send a query every 20 s on average (exponential gaps), attackers included. */
const MEAN_GAP_MS = 20_000;
const START_MS = Date.UTC(2026, 0, 5, 9);

export interface AgreementPoint {
  queries: number;
  agreement: number;
}

export interface AttackRun {
  attack: AttackName;
  dataset: string;
  queries: number;
  detected: boolean;
  /** The first alert: after how many queries, by which signal, and the surrogate's agreement then. */
  detection?: { queries: number; signal: SignalName; agreement: number; alert: ExtractionAlert };
  alerts: ExtractionAlert[];
  /** First measured point where the surrogate agreed with the target on ≥ 95% of held-out rows. */
  queriesTo95?: number;
  curve: AgreementPoint[];
  finalAgreement: number;
}

export interface AttackRunOptions {
  /** Most queries the attacker sends (default 2000). */
  budget?: number;
  seed?: number;
  /**
   * When to stop before the budget: once detected and at 95% agreement (default, so both are
   * measured), at detection, or never.
   */
  until?: 'detected-and-95' | 'detected' | 'budget';
  /**
   * Round every query to the data's recorded decimals before sending it (default false: the
   * attacks as published, which send computed values at full precision).
   */
  roundToGrid?: boolean;
  /** The caller name the attacker's queries carry (default "attacker"). */
  caller?: string;
  /** Sees every query and answer (to write them out as Data Capture, say). */
  onQuery?: (query: CapturedQuery) => void;
}

/** Agreement is measured after every query up to 50, then less often. */
export function isCheckpoint(n: number): boolean {
  if (n <= 50) return true;
  if (n <= 200) return n % 5 === 0;
  if (n <= 1000) return n % 25 === 0;
  return n % 100 === 0;
}

export function agreement(surrogate: Classifier, rows: readonly Float64Array[], labels: readonly number[]): number {
  let same = 0;
  const out = new Float64Array(surrogate.classes);
  for (let i = 0; i < rows.length; i++) if (argmax(surrogate.predictRow(rows[i]!, out)) === labels[i]) same++;
  return same / rows.length;
}

/** Runs one attack against the scenario's target with the calibrated detectors watching. */
export function runAttack(scenario: Scenario, attack: ExtractionAttack, options: AttackRunOptions = {}): AttackRun {
  const budget = options.budget ?? 2000;
  const random = createRandom(options.seed ?? 7);
  const context: AttackContext = { domain: scenario.domain, classes: scenario.dataset.classNames.length, pool: scenario.attackerPool, random };
  const oracle = new Oracle(scenario.target, scenario.decimals);
  const monitor = new ExtractionMonitor(scenario.config);
  const observations: Observation[] = [];
  const curve: AgreementPoint[] = [];
  const measure = () => agreement(attack.surrogate(observations, context), scenario.evaluation, scenario.evaluationLabels);
  const clock = callerClock(random);
  let detection: AttackRun['detection'];
  let queriesTo95: number | undefined;

  const queries = attack.run(context);
  let step = queries.next();
  while (!step.done && observations.length < budget) {
    const x = options.roundToGrid ? scenario.domain.round(Float64Array.from(step.value)) : step.value;
    const probs = oracle.query(x);
    const observation: Observation = { x, probs, label: argmax(probs) };
    observations.push(observation);
    const n = observations.length;
    const query: Query = { caller: options.caller ?? 'attacker', x, probs, predicted: observation.label, timeMs: clock(), index: n - 1 };
    options.onQuery?.({ caller: query.caller, x, probs: Float64Array.from(probs), timeMs: query.timeMs! });
    const alerts = monitor.observe(query);
    const checkpoint = isCheckpoint(n) || (alerts.length > 0 && !detection);
    const value = checkpoint ? measure() : undefined;
    if (value !== undefined) {
      curve.push({ queries: n, agreement: value });
      if (queriesTo95 === undefined && value >= 0.95) queriesTo95 = n;
    }
    if (alerts.length > 0 && !detection) detection = { queries: n, signal: alerts[0]!.signal, agreement: value!, alert: alerts[0]! };
    const until = options.until ?? 'detected-and-95';
    if (until !== 'budget' && detection && (queriesTo95 !== undefined || until === 'detected')) break;
    step = queries.next(observation);
  }
  return {
    attack: attack.name,
    dataset: scenario.dataset.name,
    queries: observations.length,
    detected: detection !== undefined,
    ...(detection ? { detection } : {}),
    alerts: monitor.alerts,
    ...(queriesTo95 !== undefined ? { queriesTo95 } : {}),
    curve,
    finalAgreement: curve.length ? curve[curve.length - 1]!.agreement : 0,
  };
}

export interface BenignRun {
  callers: number;
  flagged: number;
  rate: number;
  queries: number;
  bySignal: Partial<Record<SignalName, number>>;
  alerts: ExtractionAlert[];
}

/**
 * Benign callers replayed from held-out rows: each sends a random selection of the test split
 * (no row twice), of a random length between `minLength` and `maxLength` (at most the split).
 */
export function runBenign(
  scenario: Scenario,
  options: { callers?: number; seed?: number; minLength?: number; maxLength?: number; onQuery?: (query: CapturedQuery) => void } = {},
): BenignRun {
  const callers = options.callers ?? 200;
  const random = createRandom(options.seed ?? 11);
  const monitor = new ExtractionMonitor(scenario.config);
  const oracle = new Oracle(scenario.target, scenario.decimals);
  const pool = scenario.benignPool;
  const longest = Math.min(options.maxLength ?? 500, pool.length);
  const shortest = Math.min(options.minLength ?? 10, longest);
  let index = 0;
  for (let c = 0; c < callers; c++) {
    const caller = `benign-${c}`;
    const length = shortest + random.int(longest - shortest + 1);
    const order = random.shuffle(pool.map((_, i) => i)).slice(0, length);
    const clock = callerClock(random);
    for (const i of order) {
      const x = pool[i]!;
      const probs = oracle.query(x);
      const timeMs = clock();
      options.onQuery?.({ caller, x, probs: Float64Array.from(probs), timeMs });
      monitor.observe({ caller, x, probs, predicted: argmax(probs), timeMs, index: index++ });
    }
  }
  const flaggedCallers = new Set(monitor.alerts.map((a) => a.caller));
  const bySignal: Partial<Record<SignalName, number>> = {};
  for (const a of monitor.alerts) bySignal[a.signal] = (bySignal[a.signal] ?? 0) + 1;
  return { callers, flagged: flaggedCallers.size, rate: flaggedCallers.size / callers, queries: index, bySignal, alerts: monitor.alerts };
}

function callerClock(random: Random): () => number {
  let t = START_MS + random.int(8 * 3600) * 1000;
  return () => (t += Math.round(-MEAN_GAP_MS * Math.log(1 - random.next())));
}
