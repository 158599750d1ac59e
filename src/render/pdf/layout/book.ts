// Book structure: front matter, contents (two passes), stories opening on rectos, notes, colophon, heads, folios, padding.
import type { Book, NotesPolicy, Story } from '../../../model/types.js';
import { checkScriptFont, type ScriptFontKey, type Theme } from '../../../templates/theme.js';
import type { RenderContext } from '../../context.js';
import type { LaidOutBook } from '../types.js';
import { blocksToFlow, type BlockContext } from './page/blocks.js';
import { pageGeometry, type Geometry } from './page/geometry.js';
import { shopRules } from '../shops.js';
import type { FlowItem } from './page/paginate.js';
import { finish, paginateSections, type SectionPages } from './page/pages.js';
import { contentsFlow, notesFlow, storyBody, storySection, type Section } from './page/sections.js';
import { FontSet } from './text/fonts.js';
import { hyphenatorFor, type Hyphenator } from './text/hyphenate.js';

/** What setting a story reads besides the story itself: the same for every story and pass of one layout. */
export interface StorySettings {
  theme: Theme;
  language: string;
  notesPolicy: NotesPolicy;
  /** Not print mode: note links and destinations are set into the lines. */
  interactive: boolean;
}

/** One pass of a layout: the settings, the page geometry, the fonts and hyphenation its stories are set with. */
export interface StoryPass {
  settings: StorySettings;
  geometry: Geometry;
  fonts: FontSet;
  hyphenate: Hyphenator | undefined;
}

/**
 * How a layout gets its stories' sections, in book order: set here (setStoriesHere) or shared with a job beside it
 * (story-share.ts). Either way each section is setStory's, and the characters no face has are counted into the
 * pass's fonts as setting the stories here would count them.
 */
export type StorySetter = (stories: readonly Story[], pass: StoryPass) => Promise<Section[]>;

/** Set every story on this thread. */
export const setStoriesHere: StorySetter = async (stories, pass) => stories.map((story) => setStory(story, pass));

/** One story as a section, set in this pass (`body`: its text, set already in parts by setStoryPart). */
export function setStory(story: Story, pass: StoryPass, base: BlockContext = passContext(pass), body?: FlowItem[]): Section {
  const { notesPolicy, interactive } = pass.settings;
  return storySection({ notesPolicy }, story, storyContext(story, pass, base), pass.geometry, notesPolicy === 'endnotes', notesPolicy === 'keep', interactive, body);
}

/**
 * The block context of one story in its own language when that is not the book's: hyphenated by that language's
 * patterns (none when `hyphen` has none), its Han characters in that language's face.
 */
function storyContext(story: Story, pass: StoryPass, base: BlockContext): BlockContext {
  const language = story.language;
  if (language === undefined || language === pass.settings.language) return base;
  const { hyphenate: _, ...rest } = base;
  const hyphenate = pass.settings.theme.text.hyphenate ? hyphenatorFor(language) : undefined;
  return { ...rest, fonts: base.fonts.forLanguage(language), ...(hyphenate && { hyphenate }) };
}

/** A story's blocks [from, to) set as setStory sets them (a long story can be set in parts, by two threads; see storyBody). */
export function setStoryPart(story: Story, pass: StoryPass, from: number, to: number, base: BlockContext = passContext(pass)): FlowItem[] {
  const { notesPolicy, interactive } = pass.settings;
  return storyBody({ notesPolicy }, story, storyContext(story, pass, base), notesPolicy === 'endnotes', notesPolicy === 'keep', interactive, from, to);
}

/** The block context of a pass's text block. */
export function passContext(pass: StoryPass): BlockContext {
  const g = pass.geometry;
  return { fonts: pass.fonts, theme: pass.settings.theme, width: g.recto.width, leading: g.leading, ...(pass.hyphenate && { hyphenate: pass.hyphenate }) };
}

/** Lay the whole book out into pages; `setStories` says how its stories are set (by default, here). */
export async function layoutBook(book: Book, ctx: RenderContext, setStories: StorySetter = setStoriesHere): Promise<LaidOutBook> {
  const fonts = fontsFor(ctx.theme, book.meta.language);
  const settings: StorySettings = { theme: ctx.theme, language: book.meta.language, notesPolicy: book.notesPolicy, interactive: !ctx.options.print };
  const hyphenate = ctx.theme.text.hyphenate ? hyphenatorFor(book.meta.language) : undefined;
  const words = book.stories.reduce((n, s) => n + s.wordCount, 0);
  let estimate = Math.max(8, Math.round(words / 280));
  const shop = shopRules(ctx.options.shop);
  let result: LaidOutBook | undefined;
  for (let pass = 0; pass < 4; pass++) {
    const geometry = pageGeometry(ctx.theme, ctx.options.trim, estimate, shop, ctx.options.bleed);
    const pass: StoryPass = { settings, geometry, fonts, hyphenate };
    result = layoutWith(book, ctx, pass, await setStories(book.stories, pass));
    const again = pageGeometry(ctx.theme, ctx.options.trim, result.pages.length, shop, ctx.options.bleed);
    if (again.gutterInches === geometry.gutterInches) break;
    estimate = result.pages.length;
  }
  return result!;
}

/** The faces a layout measures with: the book face's, the fallback and the script faces (these opened when needed). */
export function fontsFor(theme: Theme, language: string): FontSet {
  return new FontSet({ ...theme.fontFiles, ...theme.scriptFiles }, language, (key, file) => checkScriptFont(theme, key as ScriptFontKey, file));
}

/** The front matter, the stories' sections and the back matter, paginated. */
function layoutWith(book: Book, ctx: RenderContext, pass: StoryPass, storySections: Section[]): LaidOutBook {
  const { geometry: g, fonts } = pass;
  const theme = ctx.theme;
  const base = passContext(pass);
  const interactive = !ctx.options.print;

  // Back matter.
  const backSections: Section[] = [];
  for (const m of book.back) {
    let flow = blocksToFlow({ ...base }, m.blocks);
    if (m.kind === 'notes') flow = flow.concat(notesFlow(book, base, interactive));
    backSections.push({ kind: 'back', recto: m.kind === 'notes', flow, sink: m.kind === 'notes' ? 3 : Math.round(g.lines / 4), folio: true, runningHead: m.title, outline: { title: m.title || m.kind, dest: m.id } });
  }

  // Front matter; the contents is set twice: first with placeholder numbers, then with the real ones.
  const frontFor = (numbers: Map<string, number> | undefined): Section[] =>
    book.front.map((m) => {
      if (m.kind === 'halftitle') return { kind: 'front', recto: true, flow: blocksToFlow({ ...base }, m.blocks), sink: Math.round(g.lines / 3), folio: false };
      if (m.kind === 'titlepage') return { kind: 'front', recto: true, flow: blocksToFlow({ ...base }, m.blocks), sink: Math.round(g.lines / 5), folio: false };
      if (m.kind === 'copyright') return { kind: 'front', recto: false, flow: blocksToFlow({ ...base }, m.blocks), sink: 0, folio: false, bottom: true };
      if (m.kind === 'toc') {
        const flow = blocksToFlow({ ...base }, m.blocks).concat(contentsFlow(book, base, numbers, interactive));
        return { kind: 'front', recto: true, flow, sink: 3, folio: false, outline: { title: m.title || 'Contents', dest: m.id } };
      }
      return { kind: 'front', recto: true, flow: blocksToFlow({ ...base }, m.blocks), sink: 3, folio: false };
    });

  const kept: SectionPages = new WeakMap();
  let drafts = paginateSections([...frontFor(undefined), ...storySections, ...backSections], g, theme, kept);
  const numbers = new Map<string, number>();
  drafts.forEach((d, i) => {
    const s = d.sectionStart;
    if (s?.outline) numbers.set(s.outline.dest, i + 1);
    for (const placed of d.lines) if (placed.flow.outline?.dest) numbers.set(placed.flow.outline.dest, i + 1);
  });
  drafts = paginateSections([...frontFor(numbers), ...storySections, ...backSections], g, theme, kept);
  // Even page count (or a multiple of pad).
  while (drafts.length % ctx.options.pad !== 0) drafts.push({ kind: 'blank', lines: [], folio: false });

  return finish(book, ctx, fonts, g, drafts);
}
