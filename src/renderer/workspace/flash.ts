// A one-time message carried across a screen change ("Added Contoso Maps."), read once by the
// next screen. Module state: it lives only as long as the page.
let pending: string | undefined

export function setFlash(message: string): void {
  pending = message
}

export function takeFlash(): string | undefined {
  const m = pending
  pending = undefined
  return m
}
