import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { EventsService } from '../events/events.service';
import { TraceRole } from '../trace-roles';
import { AttestationView, ReadingAttestations } from './reading-attestations';
import { ATTESTATION_VIEW_SCHEMA } from '../epcis-responses.openapi';

/**
 * What capture concluded about an event's signed readings (issue 17): for
 * each sensorElement, the device, its owner, the key and the verdict with
 * its reason. Answered only to whoever may see the event itself.
 */
@Controller('events')
@UseGuards(BearerAuthGuard)
@RequireRoles(TraceRole.query)
export class AttestationController {
  constructor(
    private readonly events: EventsService,
    private readonly attestations: ReadingAttestations,
  ) {}

  @Get(':eventID/attestation')
  @ApiParam({ name: 'eventID', description: 'The event’s URI, percent-encoded' })
  @ApiOkResponse({
    description: 'The verdict on each sensorElement of the event',
    schema: ATTESTATION_VIEW_SCHEMA,
  })
  async attestation(
    @Param('eventID') eventID: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AttestationView> {
    const eventHash = await this.events.visibleHash(eventID, caller.organisation);
    return { eventID, eventHash, readings: await this.attestations.ofEvent(eventHash) };
  }
}
