// How every part of this repository starts Chromium: compat --browser, the browser tests and
// the browser bench. Debian's chromium by default (QJSW_CHROMIUM names another); the flags a
// build machine needs (root, no GPU, no background network). A plain JS module, so that the
// bench scripts import it as the TypeScript does.

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

export function chromiumPath() {
  return process.env.QJSW_CHROMIUM || "/usr/bin/chromium"
}

/** playwright-core's launch options: headless, these flags, and `extraArgs` after them. */
export function chromiumOptions(extraArgs = []) {
  return { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs], headless: true }
}
