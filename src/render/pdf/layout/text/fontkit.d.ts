// Minimal declaration of the fontkit entry point used by the layout's font metrics.
declare module 'fontkit' {
  export function openSync(file: string): unknown;
}
