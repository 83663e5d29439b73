// Wording helpers shared by the access-review screens: counts, plurals, times and errors.

export const describeError = (e: unknown): string => (e instanceof Error ? e.message : String(e))
export const n = (x: number): string => x.toLocaleString('en-GB')
export const plural = (x: number, one: string, many = `${one}s`): string =>
  `${n(x)} ${x === 1 ? one : many}`
/** An ISO time as `YYYY-MM-DD HH:MM:SSZ`. */
export const when = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z')
