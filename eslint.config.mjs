import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettierCompatible from 'eslint-config-prettier';

/** Module specifiers that reach into the VS Code shell or the CLI from elsewhere. */
const SHELLS = ['**/extension', '**/extension/**', '**/cli', '**/cli/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-env/**', 'test-results/**', 'src/core/settings/types.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
      // One import per module: a second one beside it is where the next name gets added twice.
      'no-duplicate-imports': 'error',
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error (and, in a pass, its order of side effects).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A type import says so: the bundler drops it, and a reader sees what is only a type. `import('…')` types stay
      // allowed: they name a lazily loaded chunk's types without loading it.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // A switch over a union handles every member (or says `default:` on purpose): a new action kind, state or
      // message breaks the build where it is not handled yet.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // The shells and the webview work on the program's own typed data, so a check its types already rule out is
    // dead code or a wrong type. The core is left out: it reads shops', ERPs' and files' JSON, whose declared types
    // are the documented shape, and its `??` / `?.` there guard against what arrives instead.
    files: ['src/extension/**/*.ts', 'src/cli/**/*.ts', 'webview/**/*.ts'],
    rules: { '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }] },
  },
  {
    // A focused test left in would silently skip every other test in CI.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name='only'][callee.object.name=/^(describe|it|context|suite|test)$/]",
          message: 'no .only in tests: it skips every other test',
        },
      ],
    },
  },
  {
    // A feature of the extension uses another only through its service's type, never its implementation.
    files: ['src/extension/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./*', '!./sandbox-ksef'],
              allowTypeImports: true,
              message: 'features do not import each other: share a service type, or move the code out of features/',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain Node scripts (test reporters, drivers, the build).
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
      },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly', __filename: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The core runs outside VS Code (CLI, tests): it never imports the editor API, nor either shell around it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not import vscode' }],
          patterns: [{ group: SHELLS, message: 'src/core must not import the extension or the CLI: they are built on it' }],
        },
      ],
    },
  },
  {
    // The protocol is shared by the extension host and the webviews: plain types and constants only.
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'the protocol is imported by webviews: no vscode' }],
          patterns: [
            { group: SHELLS, message: 'the protocol must not depend on the extension or the CLI' },
            { group: ['node:*'], message: 'the protocol is imported by webviews: no Node modules' },
            { regex: '(^|/)core/(?!model/)', message: "the protocol may use the core's plain model types (src/core/model) only" },
          ],
        },
      ],
    },
  },
  {
    // One command layer (src/extension/commands.ts): every command by its id from package.json, through the guard.
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/commands.ts', 'src/extension/run-command.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='registerCommand']",
          message: 'register commands through context.commands.register (src/extension/commands.ts)',
        },
        {
          selector:
            "CallExpression[callee.property.name='executeCommand'] > Literal.arguments:first-child[value=/^optimaSync\\.(?!.*\\.focus$)/]",
          message: "run the extension's own commands with executeOptimaCommand (src/extension/run-command.ts): their ids are checked",
        },
      ],
    },
  },
  {
    // Webview code runs in a browser sandbox: no Node modules, and of the core only the protocol and plain model types.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto', 'net', 'vscode'],
              message: 'webview code runs in a browser: no Node or vscode imports',
            },
            {
              regex: '(^|/)src/(?!protocol/|core/model/)',
              message: 'webview code may import src/protocol and the plain model types of src/core/model only',
            },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (npm run format); lint rules about layout would only argue with it.
  prettierCompatible,
);
