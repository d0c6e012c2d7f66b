import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProblemException } from '@pujiang/http';
import { DataSource } from 'typeorm';
import { CaptureJobStore } from './capture-job.store';
import { CaptureJobView, toCaptureJobView } from './capture-job.view';
import { listingToken, readListingPage } from '../domain/listing-page';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** GET /capture: the caller's organisation's capture jobs, a page at a time. */
@Injectable()
export class CaptureJobs {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    raw: Record<string, string | string[] | undefined>,
    organisation: string,
  ): Promise<{ jobs: CaptureJobView[]; nextPageToken?: string }> {
    const page = readListingPage(raw, (body) =>
      typeof body.createdAt === 'string' &&
      !Number.isNaN(Date.parse(body.createdAt)) &&
      typeof body.captureId === 'string' &&
      UUID.test(body.captureId)
        ? { createdAt: body.createdAt, captureId: body.captureId }
        : undefined,
    );
    if ('problems' in page) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'The listing parameters are not valid',
        'epcisException:QueryParameterException',
        page.problems,
      );
    }
    const store = new CaptureJobStore(this.dataSource.manager);
    const rows = await store.list(organisation, page.after, page.perPage + 1);
    const jobs = rows.slice(0, page.perPage).map(toCaptureJobView);
    const last = jobs[jobs.length - 1];
    return {
      jobs,
      ...(rows.length > page.perPage && last !== undefined
        ? {
            nextPageToken: listingToken({
              createdAt: last.createdAt,
              captureId: last.captureID,
            }),
          }
        : {}),
    };
  }
}
