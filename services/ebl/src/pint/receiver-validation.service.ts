import { Injectable } from '@nestjs/common';
import { ProblemException } from '@pujiang/http';
import { CounterpartToken } from '../platform/counterpart-token';
import { EblPlatform } from '../platform/ebl-platform';
import { IdentifyingCodeDto } from './pint-transfer.dto';

/**
 * Asks another platform whether it knows a party (DCSA PINT `POST /v3/receiver-validation`):
 * the first step of every transfer out, and a question a holder may ask before sending.
 * Nothing changes here either way.
 */
@Injectable()
export class ReceiverValidation {
  constructor(
    private readonly token: CounterpartToken,
    private readonly platform: EblPlatform,
  ) {}

  /** The receiving platform's name for the party; 422 when it does not know it. */
  async partyName(receivingPlatform: string, code: IdentifyingCodeDto): Promise<string> {
    const receiver = this.platform.platform(receivingPlatform);
    if (receiver === undefined) {
      throw new ProblemException(
        422,
        `platform ${receivingPlatform} is not one we exchange eBLs with`,
      );
    }
    let response: Response;
    try {
      response = await fetch(`${receiver.endpoint}/v3/receiver-validation`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await this.token.sign(receivingPlatform)}`,
        },
        body: JSON.stringify({
          codeListProvider: code.codeListProvider,
          partyCode: code.partyCode,
          ...(code.codeListName === undefined ? {} : { codeListName: code.codeListName }),
        }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new ProblemException(
        503,
        `platform ${receivingPlatform} is unreachable; nothing was changed`,
      );
    }
    if (response.status === 404) {
      throw new ProblemException(422, `platform ${receivingPlatform} does not know the recipient`);
    }
    const answer = response.ok ? await response.json().catch(() => undefined) : undefined;
    const partyName = (answer as { partyName?: unknown } | undefined)?.partyName;
    if (typeof partyName !== 'string') {
      throw new ProblemException(
        503,
        `platform ${receivingPlatform} could not validate the recipient (${response.status})`,
      );
    }
    return partyName;
  }
}
