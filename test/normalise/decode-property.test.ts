// Property tests of decoding: correct text in quire's languages is never changed; the same text misread as Windows-1252 or Latin-1, once or twice, comes back exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodedText as decoded, misread } from './decoding.ts';

/** Real words of each language, with its own letters; the quotation marks it uses. */
const LANGUAGES: Record<string, { words: string[]; quotes: Array<[string, string]> }> = {
  fr: {
    words: ['été', 'café', 'déjà', 'où', 'français', 'Noël', 'naïve', 'cœur', 'œuvre', 'forêt', 'hôtel', 'garçon', 'très', 'là', 'à', 'Ève', 'Élodie', 'maïs', 'aiguë', 's’écria', 'l’âme', 'qu’à', 'ÉCOLE', 'ÇA', 'bientôt', 'mûr', 'Ô', 'éléphant', 'reçu', 'fenêtre'],
    quotes: [['«\u00a0', '\u00a0»'], ['«\u202f', '\u202f»'], ['“', '”']],
  },
  de: {
    words: ['Straße', 'über', 'schön', 'Mädchen', 'Fuß', 'Tschüß', 'Größe', 'Ärger', 'Öl', 'Übung', 'müssen', 'heißt', 'GRÜN', 'FUSSBALL', 'weiß', 'Käse', 'hören', 'fröhlich', 'Bär', 'ÄRZTE'],
    quotes: [['„', '“'], ['‚', '‘'], ['»', '«']],
  },
  es: {
    words: ['año', 'niño', 'mañana', 'corazón', 'está', 'también', 'qué', 'así', 'señor', 'Ángel', 'pingüino', 'acción', 'ESPAÑA', 'día', 'rápido', 'José', 'útil', 'él', 'dónde', 'Perú'],
    quotes: [['«', '»'], ['“', '”'], ['¡', '!'], ['¿', '?']],
  },
  pt: {
    words: ['não', 'coração', 'São', 'Paulo', 'irmã', 'pães', 'você', 'avó', 'até', 'às', 'àquele', 'ação', 'AÇÃO', 'lá', 'três', 'é', 'saúde', 'pôr', 'Conceição', 'mãe'],
    quotes: [['“', '”'], ['«', '»']],
  },
  pl: {
    words: ['zażółć', 'gęślą', 'jaźń', 'Łódź', 'ćma', 'źródło', 'był', 'mąż', 'się', 'może', 'ŻÓŁW', 'pięć', 'będę', 'szczęście', 'Kraków', 'dzień', 'ręka', 'wąż', 'Śląsk', 'ósmy'],
    quotes: [['„', '”'], ['«', '»']],
  },
  cs: {
    words: ['příliš', 'žluťoučký', 'kůň', 'úpěl', 'ďábelské', 'ódy', 'řeka', 'čtyři', 'Dvořák', 'ŠKODA', 'měsíc', 'dítě', 'půl', 'ještě', 'Brno', 'tři', 'něco', 'Žižka', 'úterý', 'chléb'],
    quotes: [['„', '“'], ['‚', '‘'], ['»', '«']],
  },
  tr: {
    words: ['ığdır', 'şöyle', 'güneş', 'çocuk', 'İstanbul', 'Işık', 'ağaç', 'öğretmen', 'kız', 'değil', 'ŞEKER', 'İĞNE', 'müzik', 'yağmur', 'Çanakkale', 'gözlük', 'bıçak', 'üç', 'sığ', 'Türkçe'],
    quotes: [['“', '”'], ['‘', '’'], ['«', '»']],
  },
  el: {
    words: ['καλημέρα', 'Ελλάδα', 'ψυχή', 'αγάπη', 'θάλασσα', 'ΑΘΗΝΑ', 'δεν', 'είναι', 'ξέρω', 'ώρα', 'φως', 'Χριστούγεννα', 'ΰ', 'προϊόν', 'Ζωή', 'γιατί', 'σας', 'πόλη', 'μέρα', 'τι'],
    quotes: [['«', '»'], ['“', '”']],
  },
  ru: {
    words: ['привет', 'Москва', 'ёлка', 'жизнь', 'съешь', 'щука', 'ВОЙНА', 'мир', 'Наташа', 'Пьер', 'объявление', 'эхо', 'юность', 'я', 'Ёж', 'шёл', 'человек', 'цифра', 'хорошо', 'ЛЮБОВЬ'],
    quotes: [['«', '»'], ['„', '“']],
  },
};

const symbols = fc.constantFrom('5 €', '€20', '£3', '¥100', '© 2024', 'Brand®', 'Name™', '20 °C', '§ 4', '¶ 2', '3×4', '10 ÷ 2', '±1', '½', '¼ cup', 'x²', 'm³', '5 µm', '№ 7', '•', '†', '‰', '…', '—', '–', '·', 'ª', 'º', '¹', 'ß');
const emoji = fc.constantFrom('😀', '❤️', '👍🏽', '👨‍👩‍👧', '🇫🇷', '✨', '🎉', '☕', '🙂', '💔', '✔', '🦊');

function sentence(lang: string): fc.Arbitrary<string> {
  const { words, quotes } = LANGUAGES[lang]!;
  const word = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...words) }, { weight: 1, arbitrary: fc.constantFrom(...words).map((w) => w.toUpperCase()) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,7}$/) });
  const token = fc.oneof(
    { weight: 8, arbitrary: word },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...quotes), fc.array(word, { minLength: 1, maxLength: 4 })).map(([[open, close], ws]) => `${open}${ws.join(' ')}${close}`) },
    { weight: 1, arbitrary: symbols },
    { weight: 1, arbitrary: emoji },
    { weight: 1, arbitrary: fc.tuple(word, fc.constantFrom(',', ';', ':', '!', '?', '…', '’s', '’', ' —', ' –', '.', lang === 'fr' ? '\u00a0!' : '!', lang === 'el' ? ';' : '?'), emoji).map(([w, p, e]) => `${w}${p}${p.length > 1 ? '' : e.slice(0, 0)}`) },
  );
  // At least three tokens: a one-word story (`Ô` misread as `Ã”`) can be read either way.
  return fc.array(token, { minLength: 3, maxLength: 18 }).map((ts) => ts.join(' '));
}

const text = fc.constantFrom(...Object.keys(LANGUAGES)).chain((lang) => fc.array(sentence(lang), { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n')));

const RUNS = Number(process.env.PROPERTY_RUNS ?? 400);

test('property: correct text in French, German, Spanish, Portuguese, Polish, Czech, Turkish, Greek and Russian passes through decoding unchanged', () => {
  fc.assert(
    fc.property(text, (t) => {
      assert.equal(decoded(Buffer.from(t, 'utf8')), t);
    }),
    { numRuns: RUNS },
  );
});

test('property: the same text misread as Windows-1252 or Latin-1, once or twice, comes back exactly', () => {
  fc.assert(
    fc.property(text, fc.constantFrom('windows-1252', 'latin1') as fc.Arbitrary<'windows-1252' | 'latin1'>, fc.constantFrom(1, 2), (t, as, times) => {
      let bad = t;
      for (let i = 0; i < times; i++) bad = misread(bad, as);
      fc.pre(bad !== t);
      assert.equal(decoded(Buffer.from(bad, 'utf8')), t);
    }),
    { numRuns: RUNS },
  );
});
