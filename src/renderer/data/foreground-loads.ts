// Loads a user is waiting for (a screen reading its data) go first: background work such as
// the check of every record (background-record-check.ts) starts only once none is under way.
// On a 2-core machine the two would otherwise slow each other down: with the check of 110,000
// records running in a worker alongside, a 100,000-item library took 15–45% longer to load
// (more the busier the machine) and its longest main-thread task grew from about 0.3 to 0.6 s.

let running = 0
let settled: Promise<void> = Promise.resolve()
let release: () => void = () => undefined

/** Runs `load` as foreground work (see above); returns what it returns. */
export async function asForegroundLoad<T>(load: () => Promise<T>): Promise<T> {
  if (running++ === 0) settled = new Promise((resolve) => (release = resolve))
  try {
    return await load()
  } finally {
    if (--running === 0) release()
  }
}

/** The next moment the page is idle (or soon after, when it never is). */
const nextIdle = () =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: 1000 })
    else setTimeout(resolve, 0)
  })

/**
 * Resolves once no foreground load is under way, waiting for an idle moment first so that a
 * screen opened together with the work (its load starts after it renders) has registered.
 */
export async function foregroundSettled(): Promise<void> {
  await nextIdle()
  while (running > 0) {
    await settled
    await nextIdle()
  }
}
