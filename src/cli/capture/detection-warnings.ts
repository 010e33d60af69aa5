import type { CaptureDetection } from '../../ml/extraction/index.js';

/** What the extraction pass could not do or set aside, as warning lines for stderr. */
export function detectionWarnings(detection: CaptureDetection): string[] {
  return [
    ...(detection.evicted > 0 ? [`warning: ${detection.evicted} caller(s) forgotten to keep memory bounded; their earlier queries no longer count`] : []),
    ...detection.notes.map((note) => `warning: ${note}`),
  ];
}
