// A story's place names in the book: its number, note/heading id prefix, unique slug and chapter file (shared by loadStories and the story job).
import { slugify } from '../model/parse.js';

/** Zero-padded 1-based number of the story among those kept, e.g. `03`. */
export function storyNumber(index: number, width: number): string {
  return String(index).padStart(width, '0');
}

/** A slug from the title, made unique against (and added to) `used`: "harbour-lights", "harbour-lights-2"… */
export function uniqueSlug(title: string, used: Set<string>): string {
  const base = slugify(title) || 'story';
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}

/** The chapter file of a story in the output folder, e.g. `markdown/01-four-words.md`. */
export function markdownFileOf(number: string, slug: string): string {
  return `markdown/${number}-${slug}.md`;
}
