// Types of the public API that name a platform's own types without needing that platform's
// declarations: the Node entry must type-check without the DOM lib, and the browser entry
// (whose options and results share these files' types) without @types/node. Each resolves to
// the real type where the consumer has it loaded.

/** Node's Buffer where the program has @types/node; plain bytes elsewhere (as at run time in browsers). */
export type HostBuffer = typeof globalThis extends { Buffer: { prototype: infer B } } ? B : Uint8Array

/** Node's BufferEncoding, spelled out. */
export type Encoding =
  "ascii" | "utf8" | "utf-8" | "utf16le" | "utf-16le" | "ucs2" | "ucs-2" | "base64" | "base64url" | "latin1" | "binary" | "hex"

/** The DOM's FileSystemDirectoryHandle where the program has the DOM lib; nothing elsewhere (no OPFS there). */
export type DirectoryHandle = typeof globalThis extends { FileSystemDirectoryHandle: { prototype: infer H } } ? H : never

/** What the guest reads on stdin: text (as UTF-8), bytes, or chunks of either, sync or async. */
export type StdinOption = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>
