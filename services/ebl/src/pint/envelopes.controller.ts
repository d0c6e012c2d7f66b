import {
  Body,
  Controller,
  applyDecorators,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiParam,
  ApiResponse,
} from '@nestjs/swagger';
import { ProblemException } from '@pujiang/http';
import { FastifyReply } from 'fastify';
import { CalledBy, Counterpart, CounterpartGuard } from '../platform/counterpart.guard';
import { DcsaErrorFilter } from '../platform/dcsa-error.filter';
import { EblPlatform } from '../platform/ebl-platform';
import { requireDcsa } from '../platform/dcsa-problems';
import {
  ApiSignedRefusals,
  DCSA_PINT_ENVELOPE,
  DCSA_SIGNED_RESPONSE,
  DCSA_TRANSFER_STARTED,
} from '../platform/ebl.openapi';
import { PintReceiver, ReceiverAnswer } from './pint-receiver.service';
import { IdentifyingCodeDto } from './pint-transfer.dto';

/**
 * DCSA PINT 3.0, receiving side: other platforms send eBLs here. Answers
 * that decide a transfer are signed with this platform's key; only the
 * 201 "started" answer and errors before a verdict are not.
 */
@Controller('v3')
@UseFilters(DcsaErrorFilter)
@ApiBearerAuth()
@UseGuards(CounterpartGuard)
export class EnvelopesController {
  constructor(
    private readonly receiver: PintReceiver,
    private readonly platform: EblPlatform,
  ) {}

  @Post('envelopes')
  @CalledBy('platform')
  @ApiBody({ schema: DCSA_PINT_ENVELOPE, description: 'DCSA PINT 3.0 EblEnvelope' })
  @ApiSignedRefusals()
  @ApiOkResponse({
    description: 'Signed verdict: RECE or DUPE (nothing more needed)',
    schema: DCSA_SIGNED_RESPONSE,
  })
  @ApiResponse({
    status: 201,
    description: 'Transfer started; send the missing documents',
    schema: DCSA_TRANSFER_STARTED,
  })
  @ApiForbiddenResponse({ description: 'The calling platform is not the envelope’s sender' })
  async start(
    @Counterpart() caller: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireDcsa('pintEnvelope', body);
    await send(reply, await this.receiver.receive(caller, body));
  }

  @Put('envelopes/:envelopeReference/additional-documents/:documentChecksum')
  @CalledBy('platform')
  @ApiParam({ name: 'envelopeReference', schema: { type: 'string', format: 'uuid' } })
  @ApiParam({ name: 'documentChecksum', schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } })
  @ApiBody({ schema: { type: 'string', format: 'byte' }, description: 'The document, Base64' })
  @ApiNoContentResponse({ description: 'Document received' })
  @ApiSignedRefusals()
  @ApiOpenTransferRefusals()
  async document(
    @Counterpart() caller: string,
    @Param('envelopeReference', new ParseUUIDPipe()) envelopeReference: string,
    @Param('documentChecksum') documentChecksum: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (typeof body !== 'string') {
      throw new ProblemException(400, 'the body must be the document as a Base64 JSON string');
    }
    await send(
      reply,
      await this.receiver.receiveDocument(caller, envelopeReference, documentChecksum, body),
    );
  }

  @Put('envelopes/:envelopeReference/finish-transfer')
  @CalledBy('platform')
  @ApiParam({ name: 'envelopeReference', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ description: 'Signed verdict on the transfer', schema: DCSA_SIGNED_RESPONSE })
  @ApiSignedRefusals()
  @ApiOpenTransferRefusals()
  async finish(
    @Counterpart() caller: string,
    @Param('envelopeReference', new ParseUUIDPipe()) envelopeReference: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await send(reply, await this.receiver.finish(caller, envelopeReference));
  }

  /** Lets a sending platform check that a party exists here before it locks the document. */
  @Post('receiver-validation')
  @HttpCode(200)
  @CalledBy('platform')
  @ApiOkResponse({
    description: 'The party exists here',
    schema: {
      type: 'object',
      required: ['partyName'],
      properties: { partyName: { type: 'string' } },
    },
  })
  validate(@Body() body: IdentifyingCodeDto): { partyName: string } {
    const party = this.platform.parties.partyIdentifiedBy([body]);
    if (party === undefined) throw new ProblemException(404, 'no such party on this platform');
    return { partyName: party.partyName };
  }
}

/** An open transfer is its sender's only, and only for its lifetime. */
function ApiOpenTransferRefusals(): MethodDecorator {
  return applyDecorators(
    ApiForbiddenResponse({ description: 'The transfer was started by another platform' }),
    ApiGoneResponse({ description: 'The transfer expired; post the envelope again' }),
  );
}

/** DCSA's signed answers as they are; a refusal with nothing to sign as a problem. */
async function send(reply: FastifyReply, answer: ReceiverAnswer): Promise<void> {
  if (answer.status >= 400 && answer.body === undefined) {
    throw new ProblemException(
      answer.status,
      answer.status === 404
        ? 'no envelope transfer in progress under this reference'
        : 'the envelope cannot be read',
    );
  }
  reply.status(answer.status);
  if (answer.body === undefined) {
    await reply.send();
    return;
  }
  await reply.type('application/json').send(JSON.stringify(answer.body));
}
