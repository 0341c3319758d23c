// Stands in for pako in the bundles (esbuild alias): pdf-lib deflates every content and object stream with
// pako, pure JavaScript; Node's own zlib gives the same format several times faster and ships nothing.
const zlib = require('node:zlib');

const deflate = (data, options) => new Uint8Array(zlib.deflateSync(data, options?.level === undefined ? undefined : { level: options.level }));
const inflate = (data) => new Uint8Array(zlib.inflateSync(data));
module.exports = { deflate, inflate, default: { deflate, inflate } };
