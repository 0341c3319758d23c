// The form's strings: English in the code, translated by the bundle the host sends in `init`
// (vscode.l10n.bundle, i.e. l10n/bundle.l10n.<language>.json), the same way vscode.l10n.t does it.
let bundle: Record<string, string> = {};

export function setBundle(contents: Record<string, string> | undefined): void {
  bundle = contents ?? {};
}

export function t(message: string, ...args: Array<string | number>): string {
  const text = bundle[message] ?? message;
  return text.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
