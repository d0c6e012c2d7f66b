import { DCSA_KIND_NAMES, isDcsaKind, validateDcsa, type DcsaKind } from '@pujiang/dcsa';
import { UsageError, type Command } from './command';
import { readJsonFile } from './json-file';

/**
 * `pujiang dcsa validate FILE [--kind K]`: checks a DCSA eBL 3.0 message against DCSA's own
 * schema for its kind (recognised by its shape unless given). Valid: one line, exit 0.
 * Invalid: one `<json path>: <message>` line per field on stdout, so the output can be
 * piped, and a summary on stderr; exit 1.
 */
export const dcsaValidateCommand: Command = {
  words: ['dcsa', 'validate'],
  usage: 'dcsa validate FILE [--kind K]   check a DCSA eBL 3.0 message against its DCSA schema',
  async run(args, io) {
    const { file, kind } = parseArgs(args);
    const message = await readJsonFile(file);
    const result = validateDcsa(message, kind);
    if (result.valid) {
      io.out(`${file}: valid ${result.kind}`);
      return 0;
    }
    result.violations.forEach((v) => io.out(`${v.path}: ${v.message}`));
    const count = result.violations.length;
    io.err(`${file}: not a valid ${result.kind} (${count} violation${count === 1 ? '' : 's'})`);
    return 1;
  },
};

function parseArgs(args: readonly string[]): { file: string; kind?: DcsaKind } {
  const files: string[] = [];
  let kind: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--kind') {
      kind = args[++i];
      if (kind === undefined) throw new UsageError('--kind needs a kind');
    } else if (arg.startsWith('--kind=')) {
      kind = arg.slice('--kind='.length);
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) throw new UsageError('give exactly one FILE');
  if (kind !== undefined && !isDcsaKind(kind)) {
    throw new UsageError(`unknown kind ${kind}; one of ${DCSA_KIND_NAMES.join(', ')}`);
  }
  return { file: files[0], kind };
}
