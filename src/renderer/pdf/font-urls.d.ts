// Vite's `?url` import of a font file: the built asset's same-origin URL.
declare module '*.ttf?url' {
  const url: string
  export default url
}
