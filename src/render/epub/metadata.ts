// The OPF package metadata from the book: titles, one creator per author plus the editor, dates and accessibility.
import type { Book } from '../../model/types.js';
import { languageDirection } from './xml.js';

export interface PackageMeta {
  identifier: string;
  title: string;
  titles: Array<{ id: string; text: string; type: 'main' | 'subtitle'; seq: number }>;
  creators: Array<{ id: string; name: string; role: 'aut' | 'edt'; seq: number }>;
  language: string;
  direction: 'ltr' | 'rtl';
  description: string;
  publisher?: string;
  rights?: string;
  /** YYYY-MM-DD; absent for an undated book. */
  date?: string;
  /** CCYY-MM-DDThh:mm:ssZ */
  modified: string;
  accessibilityFeatures: string[];
  accessibilitySummary: string;
  /** The edition the page list and page-break markers come from. */
  pageBreakSource?: string;
}

const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** The language tag written to the package; an invalid tag falls back to `und` (undetermined). */
export function packageLanguage(language: string): string {
  const tag = language.trim().replace(/_/g, '-');
  return BCP47.test(tag) ? tag : 'und';
}

/** `pageBreakSource`: the print edition whose pages the EPUB marks, when it does. */
export function packageMeta(book: Book, pageBreakSource?: string): PackageMeta {
  const m = book.meta;
  const titles: PackageMeta['titles'] = [{ id: 'title', text: m.title, type: 'main', seq: 1 }];
  if (m.subtitle) titles.push({ id: 'subtitle', text: m.subtitle, type: 'subtitle', seq: 2 });
  const creators: PackageMeta['creators'] = [];
  if (m.editor) creators.push({ id: 'editor', name: m.editor, role: 'edt', seq: 1 });
  m.authors.forEach((name, i) => creators.push({ id: `author-${i + 1}`, name, role: 'aut', seq: creators.length + 1 }));
  const description = m.description.trim() || `An anthology of ${book.stories.length} ${book.stories.length === 1 ? 'story' : 'stories'}.`;
  const language = packageLanguage(m.language);
  const iso = m.modified.toISOString();
  return {
    identifier: m.identifier,
    title: m.title,
    titles,
    creators,
    language,
    direction: languageDirection(language),
    description,
    ...(m.publisher && { publisher: m.publisher }),
    ...(m.rights && { rights: m.rights }),
    ...(!m.undated && { date: iso.slice(0, 10) }),
    modified: `${iso.slice(0, 19)}Z`,
    accessibilityFeatures: [
      'structuralNavigation',
      'tableOfContents',
      'readingOrder',
      'alternativeText',
      'displayTransformability',
      ...(pageBreakSource ? ['pageBreakMarkers', 'pageNavigation'] : []),
      'unlocked',
    ],
    accessibilitySummary: accessibilitySummary(book, !!pageBreakSource),
    ...(pageBreakSource && { pageBreakSource }),
  };
}

/** Whether any note is written into the book with a link to it (an endnote or a note kept in the text). */
function hasLinkedNotes(book: Book): boolean {
  return book.notesPolicy !== 'drop' && book.stories.some((s) => s.notes.length > 0);
}

/** What the book offers a reader who cannot see it, as true of this book (no conformance claim: nobody evaluated it). */
function accessibilitySummary(book: Book, pages: boolean): string {
  const parts = ['a table of contents', 'headings for every story', 'landmarks'];
  if (hasLinkedNotes(book)) parts.push('notes linked to and from the text');
  if (pages) parts.push("the print edition's page numbers (a page list and a marker where each page begins)");
  const list = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `Reflowable text with ${list}. The cover image has a text alternative. No colours or font sizes are fixed, so the reading system can restyle the text.`;
}
