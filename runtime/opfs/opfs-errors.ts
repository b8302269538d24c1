// The OPFS host's errors: the { code } objects it throws, and the errno Node would report for
// what OPFS throws (native/wasmfs/mount_host.js turns the code into the guest's errno).

// Thrown (never an Error: no stack to capture on hot lookups); mount_host.js maps the code.
export function fail(code: string): never {
  throw { code }
}

// A DOMException from OPFS as the errno Node would report for it. A TypeError is OPFS refusing
// a name it cannot hold (Chromium: one with a backslash): EINVAL, as Linux's vfat says for those.
export function errnoOf(e: unknown): { code: string } {
  const name = (e as { name?: string })?.name
  if (name === "TypeError") return { code: "EINVAL" }
  const code =
    name === "NotFoundError"
      ? "ENOENT"
      : name === "TypeMismatchError"
        ? "ENOTDIR"
        : name === "NoModificationAllowedError"
          ? "EBUSY"
          : name === "InvalidModificationError"
            ? "ENOTEMPTY"
            : name === "QuotaExceededError"
              ? "ENOSPC"
              : name === "NotAllowedError" || name === "SecurityError"
                ? "EACCES"
                : (e as { code?: unknown })?.code && typeof (e as { code?: unknown }).code === "string"
                  ? (e as { code: string }).code
                  : "EIO"
  return { code }
}

// A write or truncate OPFS refuses: an offset or size beyond what it takes (TypeError) is EFBIG,
// as where the largest file is smaller; over the origin's quota is ENOSPC, as on a full disk.
export function sizeErrnoOf(e: unknown): { code: string } {
  return (e as { name?: string })?.name === "TypeError" ? { code: "EFBIG" } : errnoOf(e)
}
