// Reads the packet PDF's fonts from resources/fonts/. The folder is found by walking up from
// this module, which works both from the sources (src/node/pdf/) and from the bundled CLI
// (out/cli/evw.mjs).
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PDF_FONT_FILE_NAMES, type PdfFontFiles } from '../../core/pdf/pdf-fonts'

export function defaultFontsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'fonts')
    if (existsSync(join(candidate, PDF_FONT_FILE_NAMES.regular))) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  throw new Error('resources/fonts/ was not found next to the program; reinstall it')
}

export async function loadPdfFonts(dir = defaultFontsDir()): Promise<PdfFontFiles> {
  const read = async (name: string) => new Uint8Array(await readFile(join(dir, name)))
  return {
    regular: await read(PDF_FONT_FILE_NAMES.regular),
    bold: await read(PDF_FONT_FILE_NAMES.bold),
    fallbacks: await Promise.all(
      PDF_FONT_FILE_NAMES.fallbacks.map(async (f) => ({
        name: f.name,
        regular: await read(f.regular),
        ...('bold' in f ? { bold: await read(f.bold) } : {}),
      })),
    ),
  }
}
