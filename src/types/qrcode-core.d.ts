// qrcode's encoder on its own: the package's entry also loads its PNG, SVG and terminal renderers (and pngjs),
// none of which the PDF needs. The types are those of @types/qrcode.
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions } from 'qrcode';

  export function create(text: string, options?: QRCodeOptions): QRCode;
}
