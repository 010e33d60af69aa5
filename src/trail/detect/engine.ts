// Runs detections over a stream of records: each record goes only to the detectors that read its
// event name (plus the few that read everything), alerts are collected with a cap per detection,
// and alerts become findings for the reporters.

import type { Finding } from '../../core/finding.js';
import type { SourcedRecord } from '../record.js';
import { recordLocation, recordRef } from './principal.js';
import { detectorConfig, type DetectionSettings } from './params.js';
import type { Alert, Detection, Detector } from './types.js';

export interface RunOptions extends DetectionSettings {
  /** Alerts kept per detection; the rest are counted (default 10,000). */
  maxAlertsPerDetection?: number;
}

/** A detector that threw on a record: the record is not judged by it, the run goes on. */
export interface DetectorFailure {
  detectionId: string;
  file: string;
  line?: number;
  message: string;
}

export interface RunStats {
  records: number;
  /** The first 100 detector failures, each naming the record; `failureCount` counts them all. */
  failures: DetectorFailure[];
  failureCount: number;
  /** Alerts beyond the cap, per detection id. */
  droppedAlerts: Record<string, number>;
  /** Entries evicted from capped state, per detection id (only those that evicted). */
  evictions: Record<string, number>;
}

interface Running {
  detection: Detection;
  detector: Detector;
}

/** One pass of a set of detections over records; feed it records, then `finish()`. */
export class DetectionRun {
  private readonly byName = new Map<string, Running[]>();
  private readonly everyRecord: Running[] = [];
  private readonly running: Running[] = [];
  private readonly alerts: Alert[] = [];
  private readonly perDetection = new Map<string, number>();
  private readonly maxAlerts: number;
  private startMs = NaN;
  readonly stats: RunStats = { records: 0, failures: [], failureCount: 0, droppedAlerts: {}, evictions: {} };

  constructor(detections: readonly Detection[], options: RunOptions = {}) {
    this.maxAlerts = options.maxAlertsPerDetection ?? 10_000;
    for (const detection of detections) {
      const config = { ...detectorConfig(detection, options), runStartMs: () => this.startMs };
      const r: Running = { detection, detector: detection.create(config) };
      this.running.push(r);
      if (!detection.eventNames) {
        this.everyRecord.push(r);
        continue;
      }
      for (const name of detection.eventNames) {
        const list = this.byName.get(name);
        if (list) list.push(r);
        else this.byName.set(name, [r]);
      }
    }
  }

  onRecord(sourced: SourcedRecord): void {
    this.stats.records++;
    if (Number.isNaN(this.startMs)) {
      const t = typeof sourced.record.eventTime === 'string' ? Date.parse(sourced.record.eventTime) : NaN;
      if (Number.isFinite(t)) this.startMs = t;
    }
    const name = sourced.record.eventName;
    const interested = typeof name === 'string' ? this.byName.get(name) : undefined;
    if (interested) for (const r of interested) this.judge(r, sourced);
    for (const r of this.everyRecord) this.judge(r, sourced);
  }

  private judge(r: Running, sourced: SourcedRecord): void {
    try {
      this.keep(r.detector.onRecord(sourced));
    } catch (e) {
      // A record no detector anticipated must not cost the rest of the log.
      this.stats.failureCount++;
      if (this.stats.failures.length < 100) {
        const { file, line } = sourced.source;
        this.stats.failures.push({ detectionId: r.detection.id, file, ...(line !== undefined ? { line } : {}), message: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  /** Flushes every detector and returns all alerts, in the order they were raised. */
  finish(): Alert[] {
    for (const r of this.running) {
      try {
        this.keep(r.detector.flush());
      } catch (e) {
        this.stats.failureCount++;
        this.stats.failures.push({ detectionId: r.detection.id, file: '(end of input)', message: e instanceof Error ? e.message : String(e) });
      }
      const evicted = r.detector.evictions?.() ?? 0;
      if (evicted > 0) this.stats.evictions[r.detection.id] = evicted;
    }
    return this.alerts;
  }

  private keep(alerts: readonly Alert[]): void {
    for (const a of alerts) {
      const n = (this.perDetection.get(a.detectionId) ?? 0) + 1;
      this.perDetection.set(a.detectionId, n);
      if (n <= this.maxAlerts) this.alerts.push(a);
      else this.stats.droppedAlerts[a.detectionId] = (this.stats.droppedAlerts[a.detectionId] ?? 0) + 1;
    }
  }
}

/** Runs detections over records (an array, a generator, an async stream). */
export async function detect(
  records: Iterable<SourcedRecord> | AsyncIterable<SourcedRecord>,
  detections: readonly Detection[],
  options: RunOptions = {},
): Promise<{ alerts: Alert[]; stats: RunStats }> {
  const run = new DetectionRun(detections, options);
  for await (const r of records) run.onRecord(r);
  return { alerts: run.finish(), stats: run.stats };
}

/** An alert as a failed finding: resource acted on, the record's position, and a message a person can act on. */
export function alertToFinding(alert: Alert, detection: Detection): Finding {
  const evidence = alert.evidence.length ? `; ${alert.evidence.join('; ')}` : '';
  return {
    ruleId: detection.id,
    status: 'fail',
    severity: detection.severity,
    ring: detection.ring,
    title: detection.title,
    resource: alert.resource,
    location: recordLocation(alert.source),
    ...(alert.property ? { property: alert.property } : {}),
    message: `${alert.principal} ${alert.summary} (${alert.eventName} at ${alert.eventTime}${recordRef(alert.source)})${evidence}`,
    remediation: detection.remediation,
    references: detection.references,
  };
}
