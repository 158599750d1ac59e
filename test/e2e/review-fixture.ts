// Invented stories with notes, disclaimers, site metadata, title lines, scene breaks, chapters, hard wrapping and a mojibake line, for the review page's tests.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.ts';

export const LANTERNS = `Disclaimer: I don't own the Harbour Lights universe, it belongs to its creators.

A/N: This is my first story in this fandom, so please be gentle with me!

Chapter 1: The Quay

Mara walked the length of the quay twice before she let herself look at
the water below, where the boats sat low and dark and very still in the
cold. She did not look for long, because the lamps were coming on.

Ollie counted the lamps along the harbour wall, as he did every single
night, and lost count somewhere past forty when the wind came up again.
He started over, patient as the tide.

* * *

The keeper had not slept in three days. She said she donâ€™t mind the
dark, but nobody believed her, least of all the keeper himself, who had
kept the lamp burning through every storm of the last twenty winters.

Chapter 2: The Lamp

Morning came grey and slow over the harbour, and the lamps went out one
by one, the way they always did, from the far end of the wall inwards.

Mara found the keeper asleep at last, his head on the logbook, the pen
still in his hand, and she did not wake him for a long while after that.

Thanks for reading, everyone! Please leave a review, it makes my day!
`;

export const TIDEWATER = `Rating: Teen And Up Audiences
Fandom: Harbour Lights
Words: 412

The Tidewater Letters

by quiet_wraith

The first letter came on a Tuesday, folded into a square no bigger than a thumb.

Nobody on the island wrote letters any more, and nobody knew the hand.

~~~

The second letter came with the tide, and this one was signed.

It said only: I am still here, and the lamp is still lit, and I am waiting.

I wrote this at three in the morning after a very long week, sorry for any typos.
`;

export interface ReviewBook {
  dir: string;
  config: string;
  lanterns: string;
  tidewater: string;
}

/** Two stories and a config for them (`extra` is added under the first story). */
export function reviewBook(extra = ''): ReviewBook {
  const dir = tempDir('quire-review-');
  const lanterns = path.join(dir, 'lanterns.txt');
  const tidewater = path.join(dir, 'tidewater.txt');
  writeFileSync(lanterns, LANTERNS);
  writeFileSync(tidewater, TIDEWATER);
  const config = path.join(dir, 'anthology.yaml');
  writeFileSync(config, `title: Harbour Lights\nlanguage: en\ndate: 2026-11-21\nstories:\n  - source: lanterns.txt\n    title: Lanterns\n    author: Ann Example\n${extra}  - source: tidewater.txt\n`);
  return { dir, config, lanterns, tidewater };
}
