import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLFileInfo, validateXML } from 'xmllint-wasm';

/** GS1's XSDs, copied unchanged (xsd/SOURCE.md); the build puts them beside the compiled lib. */
export const EPCIS_XSD_DIR = join(__dirname, '..', '..', 'xsd');

/** One schema violation: the line of the document and what xmllint says of the element. */
export interface XsdProblem {
  line?: number;
  detail: string;
}

/** Which XSD governs a root element, by its namespace. */
const ROOT_SCHEMAS: Readonly<Record<string, { version: '2.0' | '1.2'; file: string }>> = {
  'urn:epcglobal:epcis:xsd:2': { version: '2.0', file: 'EPCglobal-epcis-2_0.xsd' },
  'urn:epcglobal:epcis-query:xsd:2': { version: '2.0', file: 'EPCglobal-epcis-query-2_0.xsd' },
  'urn:epcglobal:epcis-masterdata:xsd:2': {
    version: '2.0',
    file: 'EPCglobal-epcis-masterdata-2_0.xsd',
  },
  'urn:epcglobal:epcis:xsd:1': { version: '1.2', file: 'EPCglobal-epcis-1_2.xsd' },
  'urn:epcglobal:epcis-query:xsd:1': { version: '1.2', file: 'EPCglobal-epcis-query-1_2.xsd' },
  'urn:epcglobal:epcis-masterdata:xsd:1': {
    version: '1.2',
    file: 'EPCglobal-epcis-masterdata-1_2.xsd',
  },
};

/** Enough for the largest capture body (16 MiB of XML), in 64 KiB WebAssembly pages. */
const MAX_MEMORY_PAGES = 4096;

const schemaFiles = new Map<string, XMLFileInfo[]>();

function filesOf(version: string): XMLFileInfo[] {
  let files = schemaFiles.get(version);
  if (files === undefined) {
    const dir = join(EPCIS_XSD_DIR, version);
    files = readdirSync(dir)
      .filter((name) => name.endsWith('.xsd'))
      .sort()
      .map((name) => ({ fileName: name, contents: readFileSync(join(dir, name), 'utf8') }));
    schemaFiles.set(version, files);
  }
  return files;
}

/** The namespace of the document's root element, from its start tag. */
function rootNamespace(xml: string): string | undefined {
  const root = /<(?![?!])(?:([\w.-]+):)?[\w.-]+\b([^>]*)>/.exec(xml);
  if (root === null) return undefined;
  const [, prefix, attributes] = root;
  const declaration = new RegExp(`\\bxmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*(["'])(.*?)\\1`);
  return declaration.exec(attributes)?.[2];
}

/**
 * Checks an EPCIS XML document (2.0 or 1.2; document, query document or master data document)
 * against GS1's XSD of its version: no problems when it is valid. A root element in no EPCIS
 * namespace is one problem. xmllint runs as WebAssembly, on the schemas held locally.
 */
export async function xsdProblems(xml: string): Promise<XsdProblem[]> {
  const namespace = rootNamespace(xml);
  const schema = namespace === undefined ? undefined : ROOT_SCHEMAS[namespace];
  if (schema === undefined) {
    return [
      {
        detail: `the root element is in no EPCIS namespace (${Object.keys(ROOT_SCHEMAS).join(', ')})`,
      },
    ];
  }
  const files = filesOf(schema.version);
  const result = await validateXML({
    xml: { fileName: 'document.xml', contents: xml },
    schema: files.filter((f) => f.fileName === schema.file),
    preload: files.filter((f) => f.fileName !== schema.file),
    maxMemoryPages: MAX_MEMORY_PAGES,
  });
  if (result.valid) return [];
  return result.errors.map((error) => ({
    ...(error.loc === null ? {} : { line: error.loc.lineNumber }),
    // xmllint's own prefix says nothing the problem type does not.
    detail: error.message.replace(/^\s*Schemas validity error\s*:\s*/, '').trim(),
  }));
}
