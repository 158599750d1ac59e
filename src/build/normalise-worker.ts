// Worker-thread entry of the normalise worker: normalises and parses the stories it is sent, in order, and posts each one back as soon as it is done.
import { parentPort } from 'node:worker_threads';
import { parseChapter } from '../model/parse.js';
import { normaliseStory } from '../normalise/index.js';
import type { FromNormaliseWorker, ToNormaliseWorker } from './normalise-thread.js';
import { markdownFileOf, storyNumber, uniqueSlug } from './story-names.js';

const port = parentPort;
if (!port) throw new Error('normalise-worker runs only as a worker thread');

port.once('message', (message: ToNormaliseWorker) => {
  // Slugs are unique among this worker's stories; the main thread checks them against the stories before.
  const used = new Set<string>();
  for (const item of message.stories) {
    let reply: FromNormaliseWorker;
    try {
      const normalised = normaliseStory(item.bytes, item.options);
      let parsed;
      let markdownFile: string | undefined;
      if (normalised.words.length > 0) {
        // The number a story would have if no story before it is skipped as empty (the main thread checks).
        markdownFile = markdownFileOf(storyNumber(item.n + 1, message.width), uniqueSlug(normalised.frontMatter.title, used));
        parsed = parseChapter(normalised.markdown, markdownFile, item.options.idPrefix);
      }
      // Sent as it is: a structured clone of the ~500k words is cheaper than joining and splitting them (measured).
      reply = { n: item.n, ok: true, normalised, ...(parsed && markdownFile !== undefined && { parsed, markdownFile }) };
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
