// Reading SageMaker Data Capture: JSON Lines records in the S3 layout, ground truth, caller tags.
export { openCapture, subjectOf } from './open.js';
export { readGroundTruth, type GroundTruth } from './ground-truth.js';
export { parseCustomAttributes, loadCallerMap } from './callers.js';
export { displayPath, listJsonlFiles } from './files.js';
export { captureLocation, type CaptureLocation } from './layout.js';
export { CsvParser, CsvError, parseCsv, type CsvRow, type CsvOptions } from './csv.js';
export {
  DEFAULT_CAPTURE_LIMITS,
  NO_CALLER_NOTE,
  type CaptureRecord,
  type CaptureOptions,
  type CaptureLimits,
  type CaptureStream,
  type CaptureInputRecord,
  type CallerMode,
  type Prediction,
  type PayloadFormat,
  type RawCaptureRecord,
  type CapturePayload,
  type CaptureEncoding,
} from './types.js';
export { inputProblems, countInputs } from './problems.js';
export { withProgress, terminalProgress } from './progress.js';
