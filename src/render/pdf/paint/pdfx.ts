// PDF/X-4 (ISO 15930-7) for the print PDF: pdfkit has no PDF/X, so the keys are written here through its document:
// GTS_PDFXVersion and Trapped in the Info dictionary and the XMP metadata, and a grey OutputIntent (black ink on
// book paper, gray-profile.ts). The rest PDF/X asks for the print PDF has already: PDF 1.6, TrimBox (and BleedBox)
// on every page, every font embedded, DeviceGray only, no transparency, no annotations, no encryption.
import type PDFDocument from 'pdfkit';
import { GRAY_PROFILE_DESCRIPTION, grayOutputProfile } from './gray-profile.js';

type Doc = InstanceType<typeof PDFDocument>;

export const PDFX_VERSION = 'PDF/X-4';
/** The PDF version PDF/X-4 is built on. */
export const PDFX_PDF_VERSION = '1.6';
export const OUTPUT_CONDITION = 'Black ink on uncoated book paper, dot gain 20%';

/**
 * A PDF name as an Info value: pdfkit writes a string as a text string, but PDF/X wants `/Trapped /False`.
 * (pdfkit writes an object it does not know as its string.)
 */
class PdfName {
  constructor(private readonly name: string) {}
  get [Symbol.toStringTag](): string {
    return 'PdfName';
  }
  toString(): string {
    return `/${this.name}`;
  }
}

/** The Info entries PDF/X adds (given to pdfkit's `info` option). */
export function pdfxInfo(): Record<string, unknown> {
  return { GTS_PDFXVersion: PDFX_VERSION, Trapped: new PdfName('False') };
}

interface DocInternals {
  _id: Uint8Array;
  _root: { data: Record<string, unknown> };
  ref(data: object): { write(chunk: Uint8Array): void; end(): void };
}

/** The output intent and the PDF/X entries of the XMP metadata: call once, before `doc.end()`. */
export function writePdfx(doc: Doc, modified: Date): void {
  const d = doc as unknown as DocInternals;
  // The file identifier pdfkit writes into the trailer (a hash of the Info entries), as a UUID.
  const hex = Buffer.from(d._id).toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const icc = grayOutputProfile();
  const profile = d.ref({ N: 1, Length: icc.length });
  profile.write(icc);
  profile.end();
  const intent = d.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputCondition: new String(OUTPUT_CONDITION),
    OutputConditionIdentifier: new String('Custom'),
    Info: new String(`${OUTPUT_CONDITION} (ICC profile: ${GRAY_PROFILE_DESCRIPTION})`),
    DestOutputProfile: profile,
  });
  intent.end();
  d._root.data.OutputIntents = [intent];
  // pdfkit's XMP already holds the creation date, creator tool, title, author and producer.
  const date = modified.toISOString().split('.')[0] + 'Z';
  doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdfxid:GTS_PDFXVersion>${PDFX_VERSION}</pdfxid:GTS_PDFXVersion>
            <xmp:ModifyDate>${date}</xmp:ModifyDate>
            <xmp:MetadataDate>${date}</xmp:MetadataDate>
            <xmpMM:DocumentID>uuid:${id}</xmpMM:DocumentID>
            <xmpMM:InstanceID>uuid:${id}</xmpMM:InstanceID>
            <xmpMM:VersionID>1</xmpMM:VersionID>
            <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
            <pdf:Trapped>False</pdf:Trapped>
        </rdf:Description>
        `);
}
