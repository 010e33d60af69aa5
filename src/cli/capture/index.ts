import type { Define } from '../main.js';
import { defineCaptureBaseline } from './baseline.js';
import { defineCaptureCheck } from './check.js';
import { defineCaptureExtraction } from './extraction.js';
import { defineCaptureScan } from './scan.js';
import { defineCaptureScore } from './score.js';

/** `ringfence capture …`: SageMaker Data Capture — baselines, drift checks, out-of-distribution inputs, extraction. */
export const defineCapture: Define = (program, setExit) => {
  const capture = program
    .command('capture')
    .description('Read SageMaker Data Capture: Model Monitor baselines and drift checks, out-of-distribution and adversarial inputs, model extraction.')
    .addHelpText(
      'after',
      `
Examples:
  $ ringfence capture baseline train.csv --label label -o baseline/
  $ ringfence capture scan datacapture/my-endpoint --baseline baseline/ --caller-attribute caller
  $ ringfence capture check datacapture/my-endpoint --baseline baseline/ -o report/
  $ ringfence capture score datacapture/my-endpoint --baseline train.csv --exclude-column label
  $ ringfence capture extraction datacapture/my-endpoint --baseline train.csv --label label --caller-attribute caller`,
    );
  defineCaptureBaseline(capture, setExit);
  defineCaptureCheck(capture, setExit);
  defineCaptureScore(capture, setExit);
  defineCaptureExtraction(capture, setExit);
  defineCaptureScan(capture, setExit);
  for (const cmd of capture.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
};
