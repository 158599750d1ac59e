// Worker-thread entry of the normalise worker: normalises and parses the stories it is sent, in order, and posts each one back as soon as it is done.
import { parentPort } from 'node:worker_threads';
import { parseChapter } from '../model/parse.js';
import { normaliseSource } from '../normalise/readers/index.js';
import type { FromNormaliseWorker, ToNormaliseWorker } from './normalise-thread.js';
import { markdownFileOf, storyNumber, uniqueSlug } from './story-names.js';

const port = parentPort;
if (!port) throw new Error('normalise-worker runs only as a worker thread');

port.once('message', (message: ToNormaliseWorker) => {
  // Slugs are unique among this worker's stories; the main thread checks them against the stories before.
  const used = new Set<string>();
  // Stories skipped as empty before each story: those the main thread knew of, then this worker's own.
  let skipped = message.skipped;
  for (const item of message.stories) {
    let reply: FromNormaliseWorker;
    try {
      // The number the story has if no other story before it is skipped (the main thread checks).
      const index = item.n + 1 - skipped;
      const number = storyNumber(index, message.width);
      const idPrefix = `s${number}`;
      const normalised = normaliseSource(item.bytes, { ...item.options, idPrefix });
      let parsed;
      let markdownFile: string | undefined;
      if (normalised.wordCount > 0) {
        markdownFile = markdownFileOf(number, uniqueSlug(normalised.frontMatter.title, used));
        parsed = parseChapter(normalised.markdown, markdownFile, idPrefix);
      } else skipped++;
      reply = { n: item.n, ok: true, index, normalised, ...(parsed && markdownFile !== undefined && { parsed, markdownFile }) };
    } catch {
      // The main thread normalises this story itself, and so throws the very error the sequential path would.
      reply = { n: item.n, ok: false };
      port.postMessage(reply);
      break;
    }
    port.postMessage(reply);
  }
  port.close();
});
