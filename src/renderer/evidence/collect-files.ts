// Gathers the files a person adds: from the file chooser (several files), the folder chooser
// (<input webkitdirectory>, every file below the folder with its relative path) and drag and
// drop (files and whole folders, walked with webkitGetAsEntry). Both hosts use these: Electron
// answers a file input with its native dialog and hands over disk-backed File objects, which
// IndexedDB then copies without the bytes passing through JavaScript.

export interface IncomingFile {
  file: File
  /** POSIX folder relative to the added folder ('' for a file added on its own). */
  folder: string
}

/** Files whose names say they are system clutter, never evidence. */
const CLUTTER = /^(\.DS_Store|Thumbs\.db|desktop\.ini|\._.*)$/i

/** Splits "Audit 2026/logs/app.log" into its folder ("Audit 2026/logs") and keeps the file. */
export function fromRelativePath(file: File, relativePath: string): IncomingFile {
  const parts = relativePath.split(/[\\/]/).filter(Boolean)
  parts.pop()
  return { file, folder: parts.join('/') }
}

const keep = (f: IncomingFile) => !CLUTTER.test(f.file.name)

function choose(configure: (input: HTMLInputElement) => void): Promise<IncomingFile[]> {
  return new Promise<IncomingFile[]>((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.hidden = true
    configure(input)
    const done = (files: IncomingFile[]) => {
      input.remove()
      resolve(files)
    }
    input.addEventListener('change', () =>
      done(
        [...(input.files ?? [])]
          .map((f) => fromRelativePath(f, f.webkitRelativePath || f.name))
          .filter(keep),
      ),
    )
    input.addEventListener('cancel', () => done([]))
    document.body.append(input)
    input.click()
  })
}

/** Opens the file chooser for one or more files; [] when cancelled. */
export const chooseFiles = (): Promise<IncomingFile[]> =>
  choose((input) => {
    input.multiple = true
  })

/** Opens the folder chooser; every file below the chosen folder; [] when cancelled. */
export const chooseFolder = (): Promise<IncomingFile[]> =>
  choose((input) => {
    input.webkitdirectory = true
    input.multiple = true
  })

const readEntries = (reader: FileSystemDirectoryReader) =>
  new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))

const entryFile = (entry: FileSystemFileEntry) =>
  new Promise<File>((resolve, reject) => entry.file(resolve, reject))

async function walk(entry: FileSystemEntry, out: IncomingFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await entryFile(entry as FileSystemFileEntry)
    out.push(fromRelativePath(file, entry.fullPath.replace(/^\//, '')))
    return
  }
  if (!entry.isDirectory) return
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  // readEntries answers in batches (100 in Chromium) until it returns an empty one.
  for (;;) {
    const batch = await readEntries(reader)
    if (batch.length === 0) break
    for (const child of batch) await walk(child, out)
  }
}

/** Every file in a drop, folders walked recursively; must be called during the drop event. */
export async function filesFromDrop(data: DataTransfer): Promise<IncomingFile[]> {
  // Entries must be taken synchronously: the DataTransfer is emptied after the event.
  const entries = [...data.items]
    .filter((i) => i.kind === 'file')
    .map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null))
  if (entries.length === 0 || entries.some((e) => e === null)) {
    return [...data.files].map((f) => ({ file: f, folder: '' })).filter(keep)
  }
  const out: IncomingFile[] = []
  for (const entry of entries) if (entry) await walk(entry, out)
  return out.filter(keep)
}
