const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A JSON pointer into `document` (ajv's `instancePath`) as a JSON path (`$.a.b[0].c`), the
 * form DCSA's own error responses use in `jsonPath`. A pointer segment of digits is an
 * array index only where the document holds an array, so the document is walked alongside.
 */
export function pointerToJsonPath(pointer: string, document: unknown): string {
  let path = '$';
  let node: unknown = document;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(segment)) {
      path += `[${segment}]`;
      node = node[Number(segment)];
    } else {
      path = childPath(path, segment);
      node = isRecord(node) ? node[segment] : undefined;
    }
  }
  return path;
}

/** The path of property `name` of the object at `path`. */
export function childPath(path: string, name: string): string {
  if (IDENTIFIER.test(name)) return `${path}.${name}`;
  return `${path}['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
