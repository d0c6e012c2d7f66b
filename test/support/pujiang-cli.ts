import { main } from '../../tools/cli/src/main';

/** Runs `pujiang ARGV…` in this process, as an operator would, and keeps what it printed. */
export async function pujiang(
  ...argv: string[]
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}
