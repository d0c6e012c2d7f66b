import { Bind } from '../sharing/visible-events.sql';
import { AttributeMatch } from './domain/master-data-query';

const COLUMN = { readPoint: 'read_point', bizLocation: 'biz_location' } as const;

/**
 * The locations at or below some locations in the master data's hierarchy
 * (each element's children, to any depth; UNION stops at a cycle), as a
 * subquery of ids.
 */
export function locationsBelow(values: string[], bind: Bind): string {
  return `(WITH RECURSIVE below(id) AS (
            SELECT unnest(${bind(values)}::text[])
            UNION
            SELECT unnest(m.children) FROM master_data_element m JOIN below b ON m.id = b.id)
          SELECT id FROM below)`;
}

/** HASATTR_/EQATTR_: the event's location is an element with the attribute (and one of the values). */
export function attributePredicate(match: AttributeMatch, bind: Bind): string {
  const attribute = bind(match.attribute);
  const condition =
    match.values === undefined
      ? `m.attributes ? ${attribute}`
      : `m.attributes ->> ${attribute} = ANY(${bind(match.values)}::text[])`;
  return `e.${COLUMN[match.field]} IN (SELECT m.id FROM master_data_element m WHERE ${condition})`;
}
