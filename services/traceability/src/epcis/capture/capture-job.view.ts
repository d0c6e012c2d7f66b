import { CaptureError, CaptureErrorBehaviour } from './domain/capture-job';

export interface CaptureJobRecord {
  captureId: string;
  errorBehaviour: CaptureErrorBehaviour;
  success: boolean;
  eventCount: number;
  capturedCount: number;
  duplicateCount: number;
  errors: CaptureError[];
  createdAt: Date;
  finishedAt: Date;
  /** Whose document it was; none for the shared job of a group of single events. */
  capturingOrganisation?: string;
}

/** The capture job document of the EPCIS REST binding, with our counts beside it. */
export interface CaptureJobView {
  captureID: string;
  createdAt: string;
  finishedAt: string;
  running: false;
  success: boolean;
  captureErrorBehaviour: CaptureErrorBehaviour;
  errors: CaptureError[];
  eventCount: number;
  capturedCount: number;
  duplicateCount: number;
}

export function toCaptureJobView(job: CaptureJobRecord): CaptureJobView {
  return {
    captureID: job.captureId,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt.toISOString(),
    running: false,
    success: job.success,
    captureErrorBehaviour: job.errorBehaviour,
    errors: job.errors,
    eventCount: job.eventCount,
    capturedCount: job.capturedCount,
    duplicateCount: job.duplicateCount,
  };
}
