// The length of every message the rules print, rendered with names of typical length: the
// first sentence (what breaks, for whom), the whole message, and their distribution.
//   node bench/message-lengths.mjs [--json]        (after `npm run build`)
// A sentence ends at a period followed by a space or the end; periods inside names
// (`src/a.ts:3`, `1a2b3c4`) do not end one.
import { getCheck } from '../dist/compare/index.js';
import plugin from '../dist/index.js';

const { rules } = plugin;

/** Values of the length real projects give them (a default baseline label, a nested path). */
const SAMPLE = {
  job: 'UserConfirmationJob',
  oldName: 'WelcomeEmailJob',
  param: 'locale',
  newName: 'language',
  baseline: 'origin/main (merge-base 1a2b3c4)',
  sites: 'app/services/signup.ts:42, app/jobs/cron.ts:7',
  missing: "'locale'",
  count: '1',
  required: '2',
  kind: 'payload field',
  previousType: "'pdf' | 'csv'",
  currentType: "'pdf'",
  example: " (for example 'csv')",
  widened: "'pdf' | 'csv'",
  member: "field 'format' =",
  value: "'xlsx'",
  previousStyle: 'positional arguments',
  currentStyle: 'one payload object',
  previousPosition: '2',
  currentPosition: '1',
  previousOrder: 'id, locale',
  previousQueue: 'mailers',
  currentQueue: 'bulk',
  queue: 'exports',
  isNewQueue: 'false',
  aliasHint: '',
  drain: '',
  processor: "The processor of queue 'email'",
  names: "'welcome', 'password-reset'",
  reason: 'the file is over 1 MiB',
  type: 'Date',
  arrives: 'an ISO date string',
  encoding: 'JSON',
  converted: 'new Date(0).toISOString()',
  use: ' Then `job.data.sendAt.getTime()` in the handler throws.',
};

const render = (template) => template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key) => SAMPLE[key] ?? `<${key}>`);
const firstSentence = (text) => {
  const match = /\.(\s|$)/.exec(text);
  return match ? text.slice(0, match.index + 1) : text;
};
const sentences = (text) => text.split(/(?<=\.)\s+/).filter(Boolean).length;

const rows = [];
for (const [name, rule] of Object.entries(rules)) {
  const messages = getCheck(name)?.messages ?? rule.meta.messages ?? {};
  for (const [id, template] of Object.entries(messages)) {
    const text = render(template);
    rows.push({ message: `${name}.${id}`, first: firstSentence(text).length, total: text.length, sentences: sentences(text) });
  }
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ rows, first: stats(rows.map((row) => row.first)), total: stats(rows.map((row) => row.total)) }, null, 2));
} else {
  for (const row of rows) console.log(`${String(row.first).padStart(4)} ${String(row.total).padStart(4)} ${row.sentences}  ${row.message}`);
  const first = stats(rows.map((row) => row.first));
  const total = stats(rows.map((row) => row.total));
  console.log(`\n${rows.length} messages; first sentence min/median/max ${first.min}/${first.median}/${first.max}, whole message ${total.min}/${total.median}/${total.max}; first sentences over 160: ${rows.filter((row) => row.first > 160).length}`);
}
