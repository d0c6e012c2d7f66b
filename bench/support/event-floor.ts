import { EPCIS_CONTEXT, eventHashId } from '@pujiang/epcis';
import { EpcisSchema } from '../../services/traceability/src/epcis/capture/epcis-schema';

/**
 * What any correct POST /events must do with an event besides parsing it,
 * whatever the framework and the storage: check it against GS1's JSON Schema
 * (inside a document, as the service checks it) and work out its CBV event
 * hash. The bench serves it from bare Fastify, so the share of the service's
 * time that no faster framework or database could save is visible.
 */
export function checkedEvent(): (event: unknown) => { eventID: string } {
  const schema = new EpcisSchema();
  return (event) => {
    const document = {
      '@context': EPCIS_CONTEXT,
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      epcisBody: { eventList: [event] },
    };
    const problems = schema.problems(document);
    if (problems.length > 0)
      throw new Error(`the bench sent an invalid event: ${problems[0]?.detail}`);
    return { eventID: eventHashId(event) };
  };
}
