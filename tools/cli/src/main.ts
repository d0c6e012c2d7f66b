import { UsageError, type CliIo, type Command } from './command';
import { anchorCommand } from './anchor.command';
import { backlogCommand } from './backlog.command';
import { dcsaValidateCommand } from './dcsa-validate.command';
import { deviceCommand } from './device.command';
import { dlqCommand } from './dlq.command';
import { epcisHashCommand } from './epcis-hash.command';
import { evidenceCommand } from './evidence.command';
import { proofCommand } from './proof.command';
import { tokenCommand } from './token.command';

/** Every operator command; a new one is a file beside this and a line here. */
const COMMANDS: readonly Command[] = [
  epcisHashCommand,
  dcsaValidateCommand,
  tokenCommand,
  deviceCommand,
  dlqCommand,
  proofCommand,
  backlogCommand,
  anchorCommand,
  evidenceCommand,
];

function usage(): string {
  return ['usage: pujiang <command>', ...COMMANDS.map((c) => `  pujiang ${c.usage}`)].join('\n');
}

/** Runs the command the arguments name and resolves to the exit code; never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    io.out(usage());
    return argv.length === 0 ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.words.every((word, i) => argv[i] === word));
  if (!command) {
    io.err(`pujiang: unknown command '${argv.join(' ')}' (pujiang --help lists them)`);
    return 2;
  }
  const name = `pujiang ${command.words.join(' ')}`;
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(`usage: pujiang ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(argv.slice(command.words.length), io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // One line for the operator: no stack trace, the message says what is wrong with the input.
    io.err(`${name}: ${message.split('\n')[0]}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
