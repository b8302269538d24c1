// require('internal/url') under --expose-internals (see ../node_internals.js): isURL, Node 20's
// test for a WHATWG URL (what fs and others accept as a path), and the URL classes.
import { URL, URLSearchParams, fileURLToPath, pathToFileURL, urlToHttpOptions } from 'node:url';

// an href and a protocol, and none of the legacy url.parse() object's auth and path
export function isURL(self) {
  return Boolean(self?.href && self.protocol && self.auth === undefined && self.path === undefined);
}

export default { isURL, URL, URLSearchParams, fileURLToPath, pathToFileURL, urlToHttpOptions };
