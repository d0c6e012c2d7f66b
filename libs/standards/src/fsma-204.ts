/**
 * The columns of the FDA FSMA 204 "electronic sortable spreadsheet", in
 * order: what traceability writes for a lot and what the supervision
 * service accepts as an organisation's answer to a records request.
 */
export const FSMA_COLUMNS = [
  'Traceability Lot Code',
  'Product (GTIN)',
  'Quantity',
  'Unit of Measure',
  'Critical Tracking Event',
  'Event Date',
  'Event Time (UTC)',
  'Location',
  'Ship From',
  'Ship To',
  'Reference Document Type',
  'Reference Document Number',
  'EPCIS Event ID',
] as const;
