import { validateDcsa } from '@pujiang/dcsa';
import { dcsaErrorResponse } from './dcsa-error-response';

const NOW = new Date('2026-12-05T21:00:00Z');

describe('dcsaErrorResponse', () => {
  it('is a DCSA ErrorResponse naming each invalid field by JSON path, and still the problem', () => {
    const body = { document: { documentParties: { shipper: {} } } };
    const answer = dcsaErrorResponse(
      {
        type: 'https://pujiang.dev/problems/dcsa-validation',
        title: 'Bad Request',
        status: 400,
        detail: 'the body is not a valid DCSA issuanceRequest',
        instance: '/v3/ebl-issuance-requests',
        correlationId: 'req-1',
        errors: [{ pointer: '/document/documentParties', detail: 'must have issuingParty' }],
      },
      { method: 'put', url: '/v3/ebl-issuance-requests', body },
      NOW,
    );
    expect(validateDcsa(answer, 'errorResponse')).toMatchObject({ valid: true });
    expect(answer).toMatchObject({
      type: 'https://pujiang.dev/problems/dcsa-validation',
      status: 400,
      httpMethod: 'PUT',
      requestUri: '/v3/ebl-issuance-requests',
      statusCode: 400,
      statusCodeText: 'Bad Request',
      providerCorrelationReference: 'req-1',
      errorDateTime: '2026-12-05T21:00:00.000Z',
      errors: [
        {
          pointer: '/document/documentParties',
          property: 'documentParties',
          jsonPath: '$.document.documentParties',
          errorCodeText: 'invalidData',
          errorCodeMessage: 'must have issuingParty',
        },
      ],
    });
  });

  it('gives a refusal without field problems one error of its own, about the whole request', () => {
    const answer = dcsaErrorResponse(
      { type: 'about:blank', title: 'Unauthorized', status: 401, correlationId: 'req-2' },
      { method: 'POST', url: '/v3/envelopes', body: undefined },
      NOW,
    );
    expect(validateDcsa(answer, 'errorResponse')).toMatchObject({ valid: true });
    expect(answer.errors).toEqual([
      {
        pointer: '',
        detail: 'Unauthorized',
        errorCodeText: 'Unauthorized',
        errorCodeMessage: 'Unauthorized',
      },
    ]);
  });
});
