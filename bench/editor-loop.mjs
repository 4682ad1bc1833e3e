// An editor session: one long-lived ESLint instance re-linting one job file after each keystroke.
//   node bench/editor-loop.mjs <corpus> <floor|plugin> <job file> <literal to edit> [iterations]
// Prints one JSON line with the latency of each lintText call in ms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { optionsURL } from './eslint-options.mjs';

const [corpus, mode, file, literal, iterations = '200'] = process.argv.slice(2);
const filePath = join(corpus, file);
const text = readFileSync(filePath, 'utf8');
if (!text.includes(literal)) throw new Error(`${file} does not contain ${literal}`);

const eslint = await ESLint.fromOptionsModule(optionsURL(corpus, mode));
// A string literal in the handler's body changes on every call: new content each time, as typing makes.
const edit = (i) => text.replace(literal, `${literal.slice(0, -1)} ${i}${literal.slice(-1)}`);

// The first call loads the project and the baseline; it is reported apart, not in the loop.
let before = performance.now();
const first = await eslint.lintText(edit(-1), { filePath });
const firstMs = performance.now() - before;
for (let i = 0; i < 10; i++) await eslint.lintText(edit(-2 - i), { filePath }); // JIT warm-up

const samples = [];
let messages = 0;
for (let i = 0; i < Number(iterations); i++) {
  const edited = edit(i);
  before = performance.now();
  const [result] = await eslint.lintText(edited, { filePath });
  samples.push(performance.now() - before);
  messages = result.messages.length;
}
console.log(JSON.stringify({ mode, firstMs, firstMessages: first[0].messages.length, lastMessages: messages, samples }));
