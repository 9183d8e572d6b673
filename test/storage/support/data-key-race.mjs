// Child process for the data-key race test: waits for a common start instant, then resolves the data
// key of each of `count` fresh folders under `parent` and prints one line per folder: the key's hex,
// or `error <message>`.
import { join } from 'node:path';
import { resolveDataKey } from '../../../dist/storage/crypto/data-key.js';

const [parent, count, startAt] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
while (Date.now() < startAt) {
  // Spin: every child starts at the same instant, so they race on the same folders.
}
const lines = [];
for (let i = 0; i < count; i++) {
  try {
    lines.push(resolveDataKey(undefined, join(parent, `d${i}`)).toString('hex'));
  } catch (error) {
    lines.push(`error ${error.message}`);
  }
}
process.stdout.write(lines.join('\n') + '\n');
