// The engine is compiled without DOM or Node typings so it cannot reach for `window`,
// `document` or `fs`. These are the few web-platform globals it may use; both Node and a
// Web Worker provide them.

interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
interface TextDecodeOptions {
  stream?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare namespace Intl {
  interface DateTimeFormatOptions {
    timeZone?: string;
  }
}
