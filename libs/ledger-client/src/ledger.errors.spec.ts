import { ServiceError, status } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { LedgerRefusalError, LedgerUnavailableError, classifyLedgerError } from './ledger.errors';

function gatewayError(code: number, ...messages: string[]): GatewayError {
  return new GatewayError({
    code,
    message: `${code} error`,
    cause: new Error('grpc') as ServiceError,
    details: messages.map((message) => ({ address: 'peer0:7051', mspId: 'Org1MSP', message })),
  });
}

describe('classifyLedgerError', () => {
  it.each([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED])(
    'treats gRPC code %s as unavailable, so callers retry',
    (code) => {
      const error = classifyLedgerError(gatewayError(code));
      expect(error).toBeInstanceOf(LedgerUnavailableError);
      expect(error.retriable).toBe(true);
    },
  );

  it('treats a gateway that cannot plan an endorsement yet as unavailable', () => {
    const error = classifyLedgerError(
      gatewayError(
        status.FAILED_PRECONDITION,
        'no combination of peers can be derived which satisfy the endorsement policy',
      ),
    );
    expect(error).toBeInstanceOf(LedgerUnavailableError);
  });

  it('treats a chaincode refusal as final and keeps its code', () => {
    const error = classifyLedgerError(
      gatewayError(
        status.ABORTED,
        'chaincode response 500, ALREADY_EXISTS: batch b-1 is already anchored',
      ),
    );
    expect(error).toBeInstanceOf(LedgerRefusalError);
    expect(error.retriable).toBe(false);
    expect((error as LedgerRefusalError).code).toBe('ALREADY_EXISTS');
  });

  it('keeps a refusal without a known code final', () => {
    const error = classifyLedgerError(gatewayError(status.UNKNOWN, 'chaincode response 500, boom'));
    expect(error).toBeInstanceOf(LedgerRefusalError);
    expect((error as LedgerRefusalError).code).toBeUndefined();
  });

  it('treats errors from outside the gateway (e.g. a dropped connection) as unavailable', () => {
    expect(classifyLedgerError(new Error('socket hang up'))).toBeInstanceOf(LedgerUnavailableError);
  });

  it('passes already classified errors through', () => {
    const refusal = new LedgerRefusalError('no', undefined);
    expect(classifyLedgerError(refusal)).toBe(refusal);
  });
});
