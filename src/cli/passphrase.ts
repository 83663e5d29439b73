// Passphrases come from EVW_PASSPHRASE (for scripts and CI) or a no-echo prompt on the terminal.
import { UsageError } from './cli-error'

export async function readPassphrase(prompt: string, confirm = false): Promise<string> {
  const fromEnv = process.env.EVW_PASSPHRASE
  if (fromEnv !== undefined) {
    if (fromEnv === '') throw new UsageError('EVW_PASSPHRASE is set but empty.')
    return fromEnv
  }
  if (!process.stdin.isTTY) {
    throw new UsageError(
      'No passphrase: set EVW_PASSPHRASE or run in a terminal to be asked for it.',
    )
  }
  const first = await promptHidden(prompt)
  if (confirm && (await promptHidden('Repeat passphrase: ')) !== first) {
    throw new UsageError('The passphrases do not match; nothing was written.')
  }
  if (first === '') throw new UsageError('An empty passphrase is not allowed.')
  return first
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    process.stderr.write(prompt)
    stdin.setRawMode(true)
    stdin.resume()
    let value = ''
    const done = (err?: Error) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      process.stderr.write('\n')
      if (err) reject(err)
      else resolve(value)
    }
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003') return done(new UsageError('Cancelled.'))
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else value += ch
      }
    }
    stdin.on('data', onData)
  })
}
