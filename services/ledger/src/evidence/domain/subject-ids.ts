/** A subject id, checked for its kind before anything is read; undefined with why when it is not one. */
export function checkSubjectId(kind: 'claim' | 'ebl' | 'lot', id: string): string | undefined {
  switch (kind) {
    case 'claim':
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
        ? undefined
        : 'a claim id is a UUID';
    case 'ebl':
      return /^[A-Za-z0-9.-]{1,64}\/[A-Za-z0-9]{1,20}$/.test(id)
        ? undefined
        : 'an eBL id is `<platform MSP id>/<transport document reference>`';
    case 'lot':
      return /^(urn:epc:class:lgtin:[0-9]{6,12}\.[0-9]{1,7}\.[\x21-\x7e]{1,20}|https:\/\/id\.gs1\.org\/01\/[0-9]{14}\/10\/[\x21-\x2e\x30-\x7e]{1,20})$/.test(
        id,
      )
        ? undefined
        : 'a lot id is an LGTIN class URN or a GS1 Digital Link of a lot (https://id.gs1.org/01/<GTIN>/10/<lot>)';
  }
}
