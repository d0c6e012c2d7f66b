import { documentEvents, eventHashId, eventPreHashString } from '@pujiang/epcis';
import { UsageError, type Command } from './command';
import { readJsonFile } from './json-file';

/**
 * `pujiang epcis hash FILE [--prehash]`: one event hash ID (or pre-hash string) per event of an
 * EPCIS 2.0 JSON(-LD) document, in document order, like GS1's reference event hash generator.
 */
export const epcisHashCommand: Command = {
  words: ['epcis', 'hash'],
  usage: 'epcis hash FILE [--prehash]   event hash IDs of an EPCIS JSON-LD document, one a line',
  async run(args, io) {
    const prehash = args.includes('--prehash');
    const files = args.filter((a) => a !== '--prehash');
    const unknown = files.find((a) => a.startsWith('--'));
    if (unknown) throw new UsageError(`unknown option ${unknown}`);
    if (files.length !== 1) throw new UsageError('give exactly one FILE');

    const document = await readJsonFile(files[0]);
    const { events, context } = documentEvents(document);
    const lines = events.map((event) =>
      prehash ? eventPreHashString(event, context) : eventHashId(event, context),
    );
    lines.forEach((line) => io.out(line));
    return 0;
  },
};
