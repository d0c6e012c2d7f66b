import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FieldProblem, ProblemException } from '@pujiang/http';
import {
  EPCIS_CONTEXT,
  EventHashContext,
  EventHashError,
  documentEvents,
  eventHashId,
} from '@pujiang/epcis';
import { DataSource, EntityManager } from 'typeorm';
import { EventAuthor, EventToStore, EventStore } from '../events/event-store';
import { indexEvent } from '../events/domain/indexed-event';
import { EpcisVocabulary } from '../events/epcis-vocabulary';
import { CaptureJobStore } from './capture-job.store';
import { CaptureJobView, toCaptureJobView } from './capture-job.view';
import {
  CAPTURE_LIMITS,
  CaptureErrorBehaviour,
  CapturePlan,
  planCapture,
} from './domain/capture-job';
import { CaptureConfig } from './capture.config';
import { EpcisSchema } from './epcis-schema';
import { MasterDataService } from '../master-data/master-data.service';
import { GroupCommit, QueueFullError } from './group-commit';
import {
  VALIDATION_PROBLEM,
  standardDocument,
  standardFormOfInvalid,
} from '../document-formats/standard-document';

export { VALIDATION_PROBLEM };

type Json = Record<string, unknown>;

interface SingleEventOutcome {
  eventID: string;
  created: boolean;
}

/**
 * A group's size follows the load (GroupCommit); 500 keeps a group's
 * statements well under PostgreSQL's parameter and size limits. One group in
 * flight, not two: the events that arrive meanwhile make the next group
 * larger, and a larger group costs PostgreSQL less CPU per event (its
 * transaction, job row, statements and commit are shared by more events).
 * Measured under 50 connections: 348–381 µs of PostgreSQL CPU per event with
 * one group in flight, 434–466 with two, 497–533 with four (decision 0044).
 * The rest of the pool (10) stays for documents and queries.
 */
const MAX_SINGLE_EVENT_GROUP = 500;
const CONCURRENT_SINGLE_EVENT_GROUPS = 1;

/** A full queue drains in the time of a few group writes: come back in a second. */
const RETRY_AFTER_FULL_QUEUE_SECONDS = 1;

/**
 * The capture interface. A document is checked against GS1's schema before
 * anything is written (400 for all of it), then its events are planned by
 * hash identity and written with their anchor requests in one transaction.
 * The job is finished when the 202 is sent: durable, never half-stored.
 */
@Injectable()
export class CaptureService {
  private readonly schema = new EpcisSchema();
  private readonly singleEvents: GroupCommit<EventToStore, SingleEventOutcome>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly vocabulary: EpcisVocabulary,
    private readonly masterData: MasterDataService,
    config: CaptureConfig,
  ) {
    this.singleEvents = new GroupCommit(
      (events) => this.writeSingleEvents(events),
      MAX_SINGLE_EVENT_GROUP,
      CONCURRENT_SINGLE_EVENT_GROUPS,
      config.CAPTURE_SINGLE_EVENT_QUEUE,
    );
  }

  /** `body` is JSON-LD in any context we hold, or EPCIS XML (1.2 or 2.0) as text. */
  async captureDocument(
    body: unknown,
    behaviour: CaptureErrorBehaviour,
    author: EventAuthor,
  ): Promise<CaptureJobView> {
    const document = await this.validStandardDocument(body, 'The EPCIS document is not valid');
    const { events, context } = documentEvents(document);
    if (events.length > CAPTURE_LIMITS.maxEvents) {
      throw new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        `The document holds ${events.length} events; the capture limit is ${CAPTURE_LIMITS.maxEvents}`,
        'epcisException:CaptureLimitExceededException',
      );
    }
    const prepared = this.prepare(events, context, author);
    const createdAt = new Date();
    return this.dataSource.transaction(async (manager) => {
      await this.masterData.captureFromHeader(document, author, manager);
      const { plan, stored } = await this.plan(manager, prepared, behaviour);
      const captureId = randomUUID();
      const finishedAt = new Date();
      const job = {
        captureId,
        errorBehaviour: behaviour,
        success: plan.success,
        eventCount: events.length,
        capturedCount: 0,
        duplicateCount: plan.duplicates,
        errors: plan.errors,
        createdAt,
        finishedAt,
        capturingOrganisation: author.organisation,
      };
      const jobs = new CaptureJobStore(manager);
      await jobs.open(job);
      job.capturedCount = (await this.events.insert(manager, captureId, finishedAt, stored)).length;
      job.duplicateCount += stored.length - job.capturedCount;
      await jobs.recordCounts(captureId, job);
      return toCaptureJobView(job);
    });
  }

  /**
   * POST /events: one event, stored synchronously. The same event again is
   * harmless and answers with the stored event's id.
   */
  async captureEvent(
    event: unknown,
    author: EventAuthor,
  ): Promise<{ eventID: string; created: boolean }> {
    if (typeof event === 'string') {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'POST /events takes one JSON-LD event; send EPCIS XML documents to POST /capture',
        'epcisException:UnsupportedMediaTypeException',
      );
    }
    const body = (typeof event === 'object' && event !== null ? event : {}) as Json;
    const { '@context': givenContext, ...given } = body;
    const wrapped = {
      '@context': givenContext ?? EPCIS_CONTEXT,
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      epcisBody: { eventList: [given] },
    };
    const document = await this.validStandardDocument(
      wrapped,
      'The EPCIS event is not valid',
      '/epcisBody/eventList/0',
    );
    // Normalised from another context, the event and its context are the standard form's.
    const normalised = document === wrapped ? undefined : documentEvents(document);
    const rest: Json = normalised?.events[0] ?? given;
    const context: EventHashContext = normalised?.context ?? { jsonLdContext: givenContext };
    const [prepared] = this.prepare([rest], context, author) as [EventToStore];
    const error = planCapture([prepared], new Set(), 'rollback', new Date()).errors[0];
    if (error !== undefined) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, error.detail, VALIDATION_PROBLEM, [
        { pointer: error.pointer.replace('/epcisBody/eventList/0', ''), detail: error.detail },
      ]);
    }
    try {
      return await this.singleEvents.submit(prepared);
    } catch (error) {
      if (!(error instanceof QueueFullError)) throw error;
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Too many single events are waiting to be stored; nothing was stored, retry later',
        'about:blank',
        [],
        { 'Retry-After': String(RETRY_AFTER_FULL_QUEUE_SECONDS) },
      );
    }
  }

  /**
   * Single events captured at the same time share one transaction (see
   * GroupCommit): one capture job, one statement per table. Each is
   * answered as if alone: created, or already held under its stored eventID.
   * No look-up first: the insert skips an event the repository holds (its
   * hash is unique), and only the events it skipped are looked up after.
   */
  private writeSingleEvents(events: EventToStore[]): Promise<SingleEventOutcome[]> {
    return this.dataSource.transaction(async (manager) => {
      const firstOfEach = new Map<string, EventToStore>();
      for (const event of events) {
        if (!firstOfEach.has(event.eventHash)) firstOfEach.set(event.eventHash, event);
      }
      const captureId = randomUUID();
      const now = new Date();
      const jobs = new CaptureJobStore(manager);
      await jobs.open({
        captureId,
        errorBehaviour: 'proceed',
        success: true,
        eventCount: events.length,
        duplicateCount: 0,
        errors: [],
        createdAt: now,
        finishedAt: now,
      });
      const inserted = new Set<string>();
      for (const sameContext of byContext([...firstOfEach.values()])) {
        const hashes = await this.events.insert(manager, captureId, now, sameContext);
        hashes.forEach((hash) => inserted.add(hash));
      }
      await jobs.recordCounts(captureId, {
        capturedCount: inserted.size,
        duplicateCount: events.length - inserted.size,
      });
      const creators = new Set([...firstOfEach.values()].filter((e) => inserted.has(e.eventHash)));
      const others = events.filter((e) => !creators.has(e)).map((e) => e.eventHash);
      const storedIds = await this.events.storedEventIds(manager, others);
      return events.map((event) =>
        creators.has(event)
          ? { eventID: event.eventID, created: true }
          : { eventID: storedIds.get(event.eventHash) ?? event.eventID, created: false },
      );
    });
  }

  async findJob(captureID: string, organisation: string): Promise<CaptureJobView> {
    const job = await new CaptureJobStore(this.dataSource.manager).find(captureID, organisation);
    if (job === undefined) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        `No capture job ${captureID}`,
        'epcisException:NoSuchResourceException',
      );
    }
    return toCaptureJobView(job);
  }

  /**
   * The body as a standard document GS1's schema accepts. A standard-context body is checked
   * as it is (no JSON-LD processing); only one the schema refuses is read as JSON-LD, in case
   * it says the same thing another way (`@type`, a single value for a list).
   */
  private async validStandardDocument(body: unknown, title: string, within = ''): Promise<unknown> {
    const document = await standardDocument(body);
    const problems = this.schema.problems(document);
    if (problems.length === 0) return document;
    const reread = document === body ? await standardFormOfInvalid(body) : undefined;
    if (reread !== undefined && this.schema.problems(reread).length === 0) return reread;
    this.refuse(problems, title, within);
  }

  private refuse(problems: FieldProblem[], title: string, within: string): never {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      title,
      VALIDATION_PROBLEM,
      problems.map((p) => ({
        ...p,
        pointer:
          within && p.pointer.startsWith(within)
            ? p.pointer.slice(within.length) || '/'
            : p.pointer,
      })),
    );
  }

  private prepare(
    events: readonly Json[],
    context: EventHashContext,
    author: EventAuthor,
  ): EventToStore[] {
    return events.map((event, index) => {
      const eventHash = hashOf(event, context, index);
      const declared = typeof event.eventID === 'string' ? event.eventID : undefined;
      const eventID = declared ?? eventHash;
      return {
        index,
        eventHash,
        eventID,
        eventTime: new Date(String(event.eventTime)),
        indexed: indexEvent(event, this.vocabulary),
        document: { ...event, eventID },
        context,
        author,
      };
    });
  }

  private async plan(
    manager: EntityManager,
    prepared: EventToStore[],
    behaviour: CaptureErrorBehaviour,
  ): Promise<{ plan: CapturePlan; stored: EventToStore[] }> {
    const held = await this.events.storedHashes(
      manager,
      prepared.map((e) => e.eventHash),
    );
    const plan = planCapture(prepared, held, behaviour, new Date());
    const chosen = new Set(plan.store.map((c) => c.index));
    return { plan, stored: prepared.filter((e) => chosen.has(e.index)) };
  }
}

/** Events grouped by the hash context they were captured with (one per request's @context). */
function byContext(events: EventToStore[]): EventToStore[][] {
  const groups = new Map<string, EventToStore[]>();
  for (const event of events) {
    const key = JSON.stringify(event.context);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [event]);
    else group.push(event);
  }
  return [...groups.values()];
}

/** A schema-valid event the hash algorithm still cannot read is the client's error, not ours. */
function hashOf(event: Json, context: EventHashContext, index: number): string {
  try {
    return eventHashId(event, context);
  } catch (error) {
    if (!(error instanceof EventHashError)) throw error;
    throw new ProblemException(HttpStatus.BAD_REQUEST, error.message, VALIDATION_PROBLEM, [
      { pointer: `/epcisBody/eventList/${index}`, detail: error.message },
    ]);
  }
}
