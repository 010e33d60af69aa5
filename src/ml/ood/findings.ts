import type { Finding } from '../../core/finding.js';
import type { Rule } from '../../core/rule.js';
import type { FlaggedRecord } from './score-capture.js';

/** The detector's metadata in the shape reporters expect of a rule. */
export const OOD_DETECTOR: Rule = {
  id: 'capture-out-of-distribution-input',
  title: 'Inference input far from the training data (possible adversarial or out-of-distribution input)',
  ring: 'data',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::Endpoint'],
  rationale:
    'Inputs far from everything the model was trained on get answers the model has no basis for: adversarial inputs crafted to evade or probe it, and traffic the model was never meant to see. CloudTrail does not record InvokeEndpoint, so Data Capture is the only record of what was sent.',
  remediation:
    'Review the flagged requests and their caller. Reject or route for review inputs outside the training range at the API layer in front of the endpoint, rate-limit callers that send many, and retrain or harden the model if they are legitimate new traffic.',
  references: {
    atlas: ['AML.T0043', 'AML.T0015', 'AML.T0040', 'AML.M0015', 'AML.M0024'],
    owaspMl: ['ML01:2023'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html'],
  },
};

/** One failed finding per flagged record, reported against its endpoint (or caller). */
export function oodFindings(flagged: readonly FlaggedRecord[]): Finding[] {
  return flagged.map((f) => {
    const scores = f.flaggedBy.map((m) => `${m} ${f.scores[m]!.score.toPrecision(4)} > ${f.scores[m]!.threshold.toPrecision(4)}`).join(', ');
    const drivers = f.scores[f.flaggedBy[0]!]!.drivers.map((d) => `${d.feature}=${String(d.value)} (${(d.share * 100).toFixed(0)}%)`).join(', ');
    return {
      ruleId: OOD_DETECTOR.id,
      status: 'fail',
      severity: OOD_DETECTOR.severity,
      ring: OOD_DETECTOR.ring,
      title: OOD_DETECTOR.title,
      resource: { type: 'AWS::SageMaker::Endpoint', id: f.endpoint ?? f.subject },
      location: { file: f.source.file, line: f.source.line, column: 1 },
      property: `eventId ${f.eventId}${f.row > 0 ? ` row ${f.row}` : ''}`,
      message: `${f.caller !== undefined ? `caller ${f.caller}: ` : ''}input scored ${scores}${f.time ? ` at ${f.time}` : ''}; driven by ${drivers || 'no single feature'}${truthNote(f)}`,
      remediation: OOD_DETECTOR.remediation,
      references: OOD_DETECTOR.references,
      detection: {
        subject: f.caller ?? f.endpoint ?? f.subject,
        subjectKind: f.caller !== undefined ? 'caller' : 'endpoint',
        detector: f.flaggedBy.join('+'),
        score: f.scores[f.flaggedBy[0]!]!.score,
        threshold: f.scores[f.flaggedBy[0]!]!.threshold,
        ...(f.time ? { time: f.time } : {}),
      },
    };
  });
}

/** With ground truth: an input far from the training data that the model also got wrong is an evasion that worked. */
function truthNote(f: FlaggedRecord): string {
  if (f.groundTruth === undefined) return '';
  if (f.misclassified === undefined) return `; ground truth ${String(f.groundTruth)}`;
  return f.misclassified ? `; ground truth ${String(f.groundTruth)}, and the model got it wrong` : `; ground truth ${String(f.groundTruth)}, predicted correctly`;
}
