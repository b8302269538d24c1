// Symlinks, which OPFS has not: kept in a small JSON file per directory that has any (LINKS,
// hidden from the guest), { name: target }, read into the tree's link nodes and written from them.
import { errnoOf } from "./opfs-errors"
import type { DirHandle, Node, OpfsTree } from "./opfs-tree"

/** A directory's symlinks, { name: target }; the guest never sees this name. */
export const LINKS = ".quickjs-wasmfs-links.json"
const encoder = new TextEncoder()

// Makes `dir`'s link children what its LINKS file says (once a turn unless `again`).
export async function readLinks(tree: OpfsTree, dir: Node, again = false): Promise<void> {
  if (dir.linksRead === tree.turn && !again) return
  let links: Record<string, string> = {}
  try {
    const file = await (await (dir.handle as DirHandle).getFileHandle(LINKS)).getFile()
    const parsed = JSON.parse(await file.text()) as unknown
    if (parsed && typeof parsed === "object") links = parsed as Record<string, string>
  } catch (e) {
    const name = (e as { name?: string })?.name
    // none (or not ours to read: a broken file is as good as none)
    if (name !== "NotFoundError" && name !== "TypeMismatchError" && name !== "SyntaxError") throw errnoOf(e)
  }
  for (const node of [...dir.children!.values()]) {
    if (node.kind === "link" && typeof links[node.name] !== "string") tree.detach(node)
  }
  for (const [name, target] of Object.entries(links)) {
    if (typeof target !== "string" || name === LINKS || name.includes("/")) continue
    const known = dir.children!.get(name)
    if (known?.kind === "link") known.target = target
    else if (!known) tree.node("link", name, dir, undefined).target = target
  }
  dir.linksRead = tree.turn
}

// Writes `dir`'s LINKS file from its link children (removes it when there are none).
export async function saveLinks(tree: OpfsTree, dir: Node): Promise<void> {
  const links: Record<string, string> = {}
  let any = false
  for (const node of dir.children!.values()) {
    if (node.kind === "link") {
      links[node.name] = node.target
      any = true
    }
  }
  const handle = dir.handle as DirHandle
  try {
    if (!any) {
      await handle.removeEntry(LINKS).catch((e) => {
        if ((e as { name?: string })?.name !== "NotFoundError") throw e
      })
    } else {
      const file = (await handle.getFileHandle(LINKS, { create: true })) as FileSystemFileHandle & {
        createWritable(): Promise<{ write(data: Uint8Array): Promise<void>; close(): Promise<void> }>
      }
      const writable = await file.createWritable()
      await writable.write(encoder.encode(JSON.stringify(links)))
      await writable.close()
    }
  } catch (e) {
    throw errnoOf(e)
  }
  dir.linksRead = tree.turn
}
