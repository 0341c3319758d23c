// What `npm run watch` prints, in the form the "watch" task's problem matcher reads (.vscode/tasks.json): one
// "[watch] build started" when a rebuild begins (of any bundle), one line per error or warning as
// `file:line:column: error|warning: text` (1-based column), and one "[watch] build finished" when every
// bundle is done again. The bundles rebuild in parallel; the counter makes them one build to the matcher.
import path from 'node:path';

export const WATCH_STARTED = '[watch] build started';
export const WATCH_FINISHED = '[watch] build finished';

/** One esbuild message as a matcher line (a message without a location names the bundle's entry instead). */
export function problemLine(severity, message, root = process.cwd()) {
  const where = message.location
    ? `${path.relative(root, path.resolve(root, message.location.file)).split(path.sep).join('/')}:${message.location.line}:${message.location.column + 1}`
    : 'esbuild.mjs:1:1';
  return `${where}: ${severity}: ${message.text}${message.pluginName ? ` [${message.pluginName}]` : ''}`;
}

/** A reporter shared by every bundle's plugin: `plugin()` for each build context. */
export function watchReporter(print = (line) => console.log(line), root = process.cwd()) {
  let running = 0;
  let errors = 0;
  let warnings = 0;
  return {
    plugin: () => ({
      name: 'watch-report',
      setup(build) {
        build.onStart(() => {
          if (running++ === 0) {
            errors = 0;
            warnings = 0;
            print(WATCH_STARTED);
          }
        });
        build.onEnd((result) => {
          for (const message of result.errors) print(problemLine('error', message, root));
          for (const message of result.warnings) print(problemLine('warning', message, root));
          errors += result.errors.length;
          warnings += result.warnings.length;
          if (--running === 0) print(`${WATCH_FINISHED}: ${errors} error(s), ${warnings} warning(s)`);
        });
      },
    }),
  };
}
