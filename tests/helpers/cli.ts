import { main } from '../../src/cli/run.js';

/** `safe-jobs <args>` in this process, as a CI step runs it: its exit code and both outputs. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { isTTY: false, write: (chunk: string) => (out += chunk) }, { isTTY: false, write: (chunk: string) => (err += chunk) });
  return { code, out, err };
}
