// smtp-server (the demo's local mail catcher, in dist/cli.js) carries a pregenerated "localhost" key and
// certificate as its TLS defaults. The catcher never offers TLS (STARTTLS is disabled), so the bundles leave
// them out: the package then holds no private key at all, and vsce's secret scan needs no exception. The build
// fails if smtp-server changes so that a key would slip through.
import { readFileSync } from 'node:fs';

const TLS_OPTIONS = /[\\/]smtp-server[\\/]dist[\\/](cjs|esm)[\\/]tls-options\.js$/;
/** `key: '…' + '…',` and `cert: …,` of the defaults object: each a chain of string literals. */
const PEM_PROPERTY = /^(\s*)(key|cert):\s*(?:'[^']*'\s*\+\s*)*'[^']*',?\s*$/gm;

export function withoutTestKeysPlugin() {
  return {
    name: 'without-test-keys',
    setup(build) {
      build.onLoad({ filter: TLS_OPTIONS }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const stripped = source.replace(PEM_PROPERTY, '$1// $2: left out of the bundle (build/no-test-keys.mjs)');
        if (/PRIVATE KEY|BEGIN CERTIFICATE/.test(stripped)) {
          throw new Error(`${args.path}: the built-in test key of smtp-server could not be left out; update build/no-test-keys.mjs`);
        }
        return { contents: stripped, loader: 'js' };
      });
    },
  };
}
