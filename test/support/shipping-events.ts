/** The EPC every event of a run carries: `serial` starts with the run's tag. */
export function epcOf(serial: string): string {
  return `urn:epc:id:sgtin:0614141.107346.${serial}`;
}

/** The serial back from a stored event's EPC. */
export function serialOf(epc: string): string {
  return epc.slice(epc.lastIndexOf('.') + 1);
}

/**
 * A distinct, valid shipping ObjectEvent for load and fault tests, one minute
 * old (captured events may not lie in the future); without @context, so it
 * fits in a document's eventList as well as alone.
 */
export function shippingEvent(serial: string): Record<string, unknown> {
  return {
    type: 'ObjectEvent',
    eventTime: new Date(Date.now() - 60_000).toISOString(),
    eventTimeZoneOffset: '+00:00',
    action: 'OBSERVE',
    epcList: [epcOf(serial)],
    bizStep: 'shipping',
    readPoint: { id: 'urn:epc:id:sgln:0614141.00777.0' },
  };
}
