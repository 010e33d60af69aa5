import type { Finding, References, Severity } from '../../core/finding.js';
import type { Rule } from '../../core/rule.js';
import type { ExtractionAlert, SignalName } from './types.js';

/** What every extraction finding cites: the ATLAS technique, its parent, the access it needs, and the mitigations that apply. */
const REFERENCES: References = {
  // AML.T0024.002 Extract AI Model, AML.T0024 Exfiltration via AI Inference API, AML.T0040 AI Model
  // Inference API Access; mitigations AML.M0004 Restrict Number of AI Model Queries, AML.M0002
  // Passive AI Output Obfuscation, AML.M0024 AI Telemetry Logging (ATLAS 5.6).
  atlas: ['AML.T0024.002', 'AML.T0024', 'AML.T0040', 'AML.M0004', 'AML.M0002', 'AML.M0024'],
  owaspMl: ['ML05:2023'],
  nist80053: ['SI-4', 'AC-7', 'SC-5'],
  docs: ['https://atlas.mitre.org/techniques/AML.T0024.002', 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html'],
};

const REMEDIATION =
  'Review the caller\'s captured requests. If they are not legitimate use: revoke or rotate the caller\'s credentials, rate-limit or block it at the API layer in front of the endpoint (ATLAS AML.M0004), and return less from the endpoint — labels or rounded scores instead of full probabilities (AML.M0002). Keep Data Capture on at 100% with callers tagged in CustomAttributes so every caller can be analysed (AML.M0024).';

interface SignalInfo {
  title: string;
  severity: Severity;
  rationale: string;
  docs: string[];
}

/** One entry per signal: the metadata reporters show for its findings. */
const SIGNAL_INFO: Readonly<Record<SignalName, SignalInfo>> = {
  prada: {
    title: 'Caller\'s query distances are not normally distributed (PRADA model-extraction detection)',
    severity: 'high',
    rationale:
      'PRADA (Juuti et al. 2019) observed that the minimum distances between a benign caller\'s successive queries are close to normally distributed, while the synthetic queries of model-extraction attacks are not. A Shapiro–Wilk W below the threshold calibrated on benign traffic marks a caller whose queries look generated, not natural.',
    docs: ['https://arxiv.org/abs/1805.02628'],
  },
  'stateful-knn': {
    title: 'Caller keeps querying close to its own earlier queries (stateful k-NN detection)',
    severity: 'high',
    rationale:
      'Black-box attacks probe a model in small steps around a few points. Chen, Carlini and Wagner (2020) detect them by keeping each caller\'s recent queries: many queries much closer to their nearest earlier queries than benign callers\' ever are means someone is searching the model, not using it.',
    docs: ['https://arxiv.org/abs/1907.05587'],
  },
  'out-of-range': {
    title: 'Caller sends inputs outside the range of the training data',
    severity: 'medium',
    rationale:
      'Equation-solving and random-probing extraction (Tramèr et al. 2016) query uniformly over the input domain: values or combinations of values no real input has. A caller far more often out of the training range — per feature or along the principal axes of the data — than benign callers is probing the model.',
    docs: ['https://arxiv.org/abs/1609.02943'],
  },
  precision: {
    title: 'Caller sends values more precise than the data is ever recorded (generated inputs)',
    severity: 'medium',
    rationale:
      'Real inputs come from the same kind of source as the training data, so their values sit on the grid it is recorded at: lengths to a tenth of a centimetre, amounts in cents, counts. Uniform probes (Tramèr et al. 2016), gradient steps (Papernot et al. 2017) and bisections are computed, with every digit a double has. A value between the points of a grid every benign row bears out is generated, not measured — by an attacker, or by a client that computes its inputs (a unit conversion, a normalization) where the training data recorded them: check which before acting. An attacker who rounds is not seen by this signal, so its silence proves nothing.',
    docs: ['https://arxiv.org/abs/1609.02943'],
  },
  'one-feature-pairs': {
    title: 'Caller sends queries that differ from earlier ones in exactly one feature',
    severity: 'high',
    rationale:
      'Line searches along one feature at a time — to find where the decision changes — are how a model\'s boundary is reverse-engineered (Lowd and Meek 2005) and how synthetic training sets are grown (Papernot et al. 2017). Natural inputs almost never differ from each other in exactly one feature.',
    docs: ['https://doi.org/10.1145/1081870.1081950', 'https://arxiv.org/abs/1602.02697'],
  },
  'line-search': {
    title: 'Caller sends queries on the line through two of its earlier queries (line search)',
    severity: 'high',
    rationale:
      'Bisecting between two inputs the model labels differently, then stepping along a direction, is how a decision boundary is found (Lowd and Meek 2005) and where boundary-walking extraction starts. Three natural inputs almost never lie on one line; a caller whose queries keep doing so is searching the model.',
    docs: ['https://doi.org/10.1145/1081870.1081950'],
  },
  'equal-steps': {
    title: 'Caller steps between queries by the same amount in every feature (gradient-sign steps)',
    severity: 'high',
    rationale:
      'Jacobian-based augmentation (Papernot et al. 2017) and FGSM-style probing move an input by a fixed step in every feature, in the direction of the gradient\'s sign, so the caller\'s steps share their sizes feature by feature. Pairs of natural inputs that differ by equal amounts in several features are vanishingly rare; a caller whose queries keep doing so is growing a synthetic training set or crafting adversarial inputs.',
    docs: ['https://arxiv.org/abs/1602.02697', 'https://arxiv.org/abs/1412.6572'],
  },
  'near-boundary': {
    title: 'Caller\'s inputs cluster at the model\'s decision boundary',
    severity: 'medium',
    rationale:
      'Inputs where the two most likely classes are almost tied are rare in natural traffic; boundary-finding attacks concentrate there because that is where each answer teaches them the most about the model.',
    docs: ['https://arxiv.org/abs/1609.02943'],
  },
  coverage: {
    title: 'Caller explores far more of the feature space than benign callers',
    severity: 'medium',
    rationale:
      'Natural traffic piles up where the data is; an attacker building a substitute training set spreads queries over the whole input space. A caller that reaches many more regions of the feature space than a benign caller would after as many queries is exploring the model.',
    docs: ['https://arxiv.org/abs/1805.02628'],
  },
  volume: {
    title: 'Caller exceeds the query volume limit',
    severity: 'low',
    rationale: 'Extracting a model takes many queries; a caller sending far more than any legitimate client is worth a look whatever its inputs.',
    docs: ['https://atlas.mitre.org/mitigations/AML.M0004'],
  },
  rate: {
    title: 'Caller exceeds the query rate limit',
    severity: 'low',
    rationale: 'Automated extraction queries faster than people or ordinary clients do; a caller over the rate limit is worth a look whatever its inputs.',
    docs: ['https://atlas.mitre.org/mitigations/AML.M0004'],
  },
};

/** The rule id of a signal's findings. */
export const extractionRuleId = (signal: SignalName): string => `capture-extraction-${signal}`;

/** The detectors' metadata in the shape reporters expect of rules (one per signal). */
export const EXTRACTION_DETECTORS: readonly Rule[] = (Object.keys(SIGNAL_INFO) as SignalName[]).map((signal) => {
  const info = SIGNAL_INFO[signal];
  return {
    id: extractionRuleId(signal),
    title: info.title,
    ring: 'monitoring',
    severity: info.severity,
    resourceTypes: ['AWS::SageMaker::Endpoint'],
    rationale: info.rationale,
    remediation: REMEDIATION,
    references: { ...REFERENCES, docs: [...info.docs, ...REFERENCES.docs!] },
  };
});

const BY_ID = new Map(EXTRACTION_DETECTORS.map((r) => [r.id, r]));

export interface AlertContext {
  /** The endpoint the records came from, when the capture layout says. */
  endpointOf?: (alert: ExtractionAlert) => string | undefined;
  /** Whether callers were identified; if not, the "caller" is the endpoint. */
  callersIdentified: boolean;
}

/**
 * One failed finding per alert, reported against the endpoint, at the record that fired it.
 * The property names the caller and the message gives the signal's value, threshold and time.
 */
export function extractionFindings(alerts: readonly ExtractionAlert[], context: AlertContext): Finding[] {
  return alerts.map((a) => {
    const rule = BY_ID.get(extractionRuleId(a.signal))!;
    const when = a.timeMs !== undefined ? new Date(a.timeMs).toISOString() : 'time unknown';
    const who = context.callersIdentified ? `caller ${a.caller}` : `endpoint traffic (${a.caller}; callers not identified)`;
    return {
      ruleId: rule.id,
      status: 'fail',
      severity: rule.severity,
      ring: rule.ring,
      title: rule.title,
      resource: { type: 'AWS::SageMaker::Endpoint', id: context.endpointOf?.(a) ?? a.caller },
      ...(a.source ? { location: { file: a.source.file, line: a.source.line, column: 1 } } : {}),
      property: `caller ${a.caller}`,
      message: `${who}: ${a.detail}; fired at its query ${a.queries} (record ${a.index + 1}, ${when}); value ${round(a.value)}, threshold ${round(a.threshold)}`,
      remediation: rule.remediation,
      references: rule.references,
      detection: {
        subject: a.caller,
        subjectKind: context.callersIdentified ? 'caller' : 'endpoint',
        detector: a.signal,
        score: a.value,
        threshold: a.threshold,
        ...(a.timeMs !== undefined ? { time: new Date(a.timeMs).toISOString() } : {}),
      },
    };
  });
}

function round(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}
