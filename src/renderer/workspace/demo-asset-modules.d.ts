// Vite asset imports used by the demo workspace's sample files (resources/demo): text files as
// strings (`?raw`), binary files as base64 data URLs (`?inline`), both bundled into the
// lazily loaded demo chunk so the web build and the desktop app need no extra files served.
declare module '*.html?raw' {
  const text: string
  export default text
}
declare module '*.csv?raw' {
  const text: string
  export default text
}
declare module '*.json?raw' {
  const text: string
  export default text
}
declare module '*.log?raw' {
  const text: string
  export default text
}
declare module '*.png?inline' {
  const dataUrl: string
  export default dataUrl
}
declare module '*.pdf?inline' {
  const dataUrl: string
  export default dataUrl
}
