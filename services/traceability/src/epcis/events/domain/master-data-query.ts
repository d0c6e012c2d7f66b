/**
 * The master-data query parameters of EPCIS 2.0 SimpleEventQuery: events
 * whose read point or business location carries an attribute
 * (`HASATTR_bizLocation=urn:epcglobal:cbv:mda#city`) or an attribute with one
 * of some values (`EQATTR_bizLocation_urn:epcglobal:cbv:mda#city=Berlin|Hamburg`).
 * WD_ lives with the other location parameters; the hierarchy it follows is
 * the master data's children (events/master-data-query.sql.ts).
 */
export type MasterDataField = 'readPoint' | 'bizLocation';

export interface AttributeMatch {
  field: MasterDataField;
  attribute: string;
  /** Absent for HASATTR_: any value. */
  values?: string[];
}

const FIELDS: readonly MasterDataField[] = ['readPoint', 'bizLocation'];
const isField = (name: string): name is MasterDataField =>
  (FIELDS as readonly string[]).includes(name);

/**
 * The match a parameter asks for; undefined when the parameter is none of
 * these (another reader's), a string when it is one of these but malformed.
 * Values are read only for these parameters: others (EXISTS_) may have none.
 */
export function attributeMatch(
  name: string,
  valuesOf: () => string[],
): AttributeMatch | string | undefined {
  if (name.startsWith('HASATTR_')) {
    const values = valuesOf();
    const field = name.slice('HASATTR_'.length);
    if (!isField(field)) return `HASATTR_ applies to ${FIELDS.join(' or ')}`;
    const [attribute] = values;
    if (values.length !== 1 || attribute === undefined) return 'must name one attribute';
    return { field, attribute };
  }
  if (name.startsWith('EQATTR_')) {
    const rest = name.slice('EQATTR_'.length);
    const cut = rest.indexOf('_');
    const field = cut < 0 ? rest : rest.slice(0, cut);
    const attribute = cut < 0 ? '' : rest.slice(cut + 1);
    if (!isField(field)) return `EQATTR_ applies to ${FIELDS.join(' or ')}`;
    if (attribute === '') return `must read EQATTR_${field}_{attribute}`;
    const values = valuesOf();
    if (values.length === 0) return 'must give at least one value';
    return { field, attribute, values };
  }
  return undefined;
}
