import type { Define } from '../main.js';
import { defineTrailFilter } from './filter.js';
import { defineTrailScan } from './scan.js';
import { defineTrailSql } from './sql.js';
import { defineTrailTestPattern } from './test-pattern.js';

/** `ringfence trail …`: CloudTrail logs — threat detections, CloudWatch Logs filter patterns, SQL. */
export const defineTrail: Define = (program, setExit) => {
  const trail = program
    .command('trail')
    .description('Read CloudTrail logs: threat detections for ML workloads, CloudWatch Logs filter patterns, SQL for Athena and DuckDB.')
    .addHelpText(
      'after',
      `
Every command reads CloudTrail's S3 log files ({"Records":[…]}, .json or .json.gz, directories in
the AWSLogs/<account>/CloudTrail/<region>/yyyy/mm/dd/ layout), CloudWatch Logs exports, \`aws logs\`
and \`aws cloudtrail lookup-events\` output, JSON arrays and JSON Lines, gzipped or not, streaming:
memory stays flat however large the input.

Examples:
  $ ringfence trail scan AWSLogs/
  $ ringfence trail filter '{ $.errorCode = "AccessDenied*" }' AWSLogs/ -f json -o denied.json
  $ ringfence trail test-pattern '{ $.eventName = StopLogging }' event.json`,
    );
  defineTrailScan(trail, setExit);
  defineTrailFilter(trail, setExit);
  defineTrailTestPattern(trail, setExit);
  defineTrailSql(trail, setExit);
  for (const cmd of trail.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
};
