// The pixel size and format of PNG and JPEG evidence, read from the file header, so slides can
// scale a screenshot to fit before the PDF writer embeds it.
export interface ImageInfo {
  format: 'png' | 'jpeg'
  width: number
  height: number
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Undefined when the bytes are not a PNG or baseline/progressive JPEG this can size. */
export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const width = v.getUint32(16)
    const height = v.getUint32(20)
    return width > 0 && height > 0 ? { format: 'png', width, height } : undefined
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return undefined
      const marker = bytes[i + 1]!
      if (marker === 0xff) {
        i++
        continue
      }
      const length = (bytes[i + 2]! << 8) | bytes[i + 3]!
      // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (
        marker >= 0xc0 &&
        marker <= 0xcf &&
        marker !== 0xc4 &&
        marker !== 0xc8 &&
        marker !== 0xcc
      ) {
        const height = (bytes[i + 5]! << 8) | bytes[i + 6]!
        const width = (bytes[i + 7]! << 8) | bytes[i + 8]!
        return width > 0 && height > 0 ? { format: 'jpeg', width, height } : undefined
      }
      i += 2 + length
    }
  }
  return undefined
}
