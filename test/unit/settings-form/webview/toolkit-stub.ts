// The component library (@vscode/webview-ui-toolkit, FAST) needs a browser DOM as soon as it is loaded, so
// the unit tests load a stand-in with the same registration functions: the form's elements stay undefined
// custom elements in happy-dom, driven through `value`, `checked` and `disabled` like the real ones.
// Imported first by fake-host.ts; only module resolution for that one package name is changed.
import Module from 'node:module';
import path from 'node:path';

const TOOLKIT = '@vscode/webview-ui-toolkit';
const STAND_IN = path.join(__dirname, 'toolkit-stand-in.ts');

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
const resolve = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return resolve.call(this, request === TOOLKIT ? STAND_IN : request, ...rest);
};
