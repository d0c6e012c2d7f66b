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
