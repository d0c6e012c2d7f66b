import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Options,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiParam,
  ApiQuery,
} from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { FastifyReply } from 'fastify';
import { TraceRole } from '../trace-roles';
import { PER_PAGE_QUERY, QUERY_NAME } from './subscriptions.openapi';
import { discoveryHeaders } from '../binding/domain/gs1-headers';
import { Gs1HeadersInterceptor } from '../binding/gs1-headers.interceptor';
import { SubscriptionView } from './subscription.store';
import { SubscriptionsService } from './subscriptions.service';
import { SUBSCRIPTION_SCHEMA } from '../epcis-responses.openapi';

const SUBSCRIPTION_ID = { name: 'subscriptionID', description: 'The subscription’s id' };

/**
 * Webhook subscriptions of a named query, streamed (decision 0020) or on a
 * schedule (decision 0031), whose deliveries are signed with GS1-Signature.
 */
@Controller('queries/:queryName/subscriptions')
@UseGuards(BearerAuthGuard)
@RequireRoles(TraceRole.query)
@UseInterceptors(Gs1HeadersInterceptor)
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Options()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam(QUERY_NAME)
  @ApiNoContentResponse({ description: 'Allow and the EPCIS/CBV versions, as headers' })
  async discoverAll(
    @Param('queryName') queryName: string,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.subscriptions.list(caller, queryName, '1', undefined);
    void reply.headers(discoveryHeaders(['OPTIONS', 'GET', 'POST']));
  }

  @Get()
  @ApiParam(QUERY_NAME)
  @ApiQuery(PER_PAGE_QUERY)
  @ApiQuery({ name: 'nextPageToken', required: false, type: String })
  @ApiOkResponse({
    description: 'The query’s subscriptions; Link names the next page',
    schema: { type: 'array', items: SUBSCRIPTION_SCHEMA },
  })
  async list(
    @Param('queryName') queryName: string,
    @Query('perPage') perPage: string | undefined,
    @Query('nextPageToken') nextPageToken: string | undefined,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubscriptionView[]> {
    const listing = await this.subscriptions.list(caller, queryName, perPage, nextPageToken);
    if (listing.nextPageToken !== undefined) {
      const next = new URLSearchParams({ nextPageToken: listing.nextPageToken });
      if (perPage !== undefined) next.set('perPage', perPage);
      const path = `/queries/${encodeURIComponent(queryName)}/subscriptions`;
      void reply.header('Link', `<${path}?${next.toString()}>; rel="next"`);
    }
    return listing.subscriptions;
  }

  @Post()
  @ApiParam(QUERY_NAME)
  // No body schema on purpose: generated requests (test/fuzz) must not make valid webhooks
  // to hosts outside this machine. The body is GS1's QuerySubscription, stream or schedule form.
  @ApiBody({
    description:
      '{ dest, signatureToken?, initialRecordTime?, and stream: true or schedule: { second?, minute?, hour?, dayOfMonth?, month?, dayOfWeek? } with reportIfEmpty? }',
  })
  @ApiCreatedResponse({
    description: 'Subscribed; Location names the subscription',
    schema: SUBSCRIPTION_SCHEMA,
  })
  async subscribe(
    @Param('queryName') queryName: string,
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubscriptionView> {
    const subscription = await this.subscriptions.subscribe(caller, queryName, body);
    void reply.status(HttpStatus.CREATED).headers({
      Location: `/queries/${encodeURIComponent(queryName)}/subscriptions/${subscription.subscriptionID}`,
    });
    return subscription;
  }

  @Options(':subscriptionID')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam(QUERY_NAME)
  @ApiParam(SUBSCRIPTION_ID)
  @ApiNoContentResponse({ description: 'Allow and the EPCIS versions, as headers' })
  async discoverOne(
    @Param('queryName') queryName: string,
    @Param('subscriptionID') id: string,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const subscription = await this.subscriptions.get(caller, queryName, id);
    void reply.headers({
      ...discoveryHeaders(['OPTIONS', 'GET', 'DELETE']),
      'GS1-Query-Min-Record-Time': subscription.initialRecordTime,
    });
  }

  @Get(':subscriptionID')
  @ApiParam(QUERY_NAME)
  @ApiParam(SUBSCRIPTION_ID)
  @ApiOkResponse({
    description: 'The subscription (its signatureToken is never shown)',
    schema: SUBSCRIPTION_SCHEMA,
  })
  async get(
    @Param('queryName') queryName: string,
    @Param('subscriptionID') id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<SubscriptionView> {
    return this.subscriptions.get(caller, queryName, id);
  }

  @Delete(':subscriptionID')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam(QUERY_NAME)
  @ApiParam(SUBSCRIPTION_ID)
  @ApiNoContentResponse({ description: 'Unsubscribed; deliveries not yet made are dropped' })
  async unsubscribe(
    @Param('queryName') queryName: string,
    @Param('subscriptionID') id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<void> {
    await this.subscriptions.unsubscribe(caller, queryName, id);
  }
}
