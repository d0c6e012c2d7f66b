/**
 * How an identifier takes part in an event; the query and trace code read the
 * same roles, so MATCH_ parameters and trace edges agree on what an event says.
 */
export const IdentifierRole = {
  epc: 'epc',
  parent: 'parent',
  child: 'child',
  input: 'input',
  output: 'output',
  epcClass: 'class',
  childClass: 'child-class',
  inputClass: 'input-class',
  outputClass: 'output-class',
  source: 'source',
  destination: 'destination',
  bizTransaction: 'biz-transaction',
} as const;

export type IdentifierRole = (typeof IdentifierRole)[keyof typeof IdentifierRole];

export const INSTANCE_ROLES: readonly IdentifierRole[] = [
  IdentifierRole.epc,
  IdentifierRole.parent,
  IdentifierRole.child,
  IdentifierRole.input,
  IdentifierRole.output,
];

export const CLASS_ROLES: readonly IdentifierRole[] = [
  IdentifierRole.epcClass,
  IdentifierRole.childClass,
  IdentifierRole.inputClass,
  IdentifierRole.outputClass,
];

/**
 * A source, destination or business transaction together with its type (`source:` +
 * the type's CBV URI): what `EQ_source_owning_party` and its kin look for, so a type and an
 * identifier are matched on the same list entry, in the identifier's canonical spelling.
 */
export type TypedRole = `${'source' | 'destination' | 'biz-transaction'}:${string}`;

export function typedRole(
  role:
    | typeof IdentifierRole.source
    | typeof IdentifierRole.destination
    | typeof IdentifierRole.bizTransaction,
  canonicalType: string,
): TypedRole {
  return `${role}:${canonicalType}`;
}
