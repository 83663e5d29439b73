// evw: the command-line verifier and tools. Exit codes: 0 success / verified, 1 not verified,
// 2 usage error or unreadable input.
import { KeyFileError } from '../core/keys/secret-key'
import { KeyringError } from '../core/keys/keyring'
import { PackError } from '../core/bundle/pack-bundle'
import { SignoffError } from '../core/bundle/add-signoff'
import { CancelledError } from '../core/bundle/byte-io'
import { FileInputError } from '../node/keys/key-files'
import { UsageError } from './cli-error'

const HELP = `evw — Evidence Workbench command line

  evw templates [--json]                       list packet templates
  evw template show ID [--example] [--json]    show a template or an example packet
  evw keygen --name NAME --out KEYFILE [--public-out PUB.pem]
  evw keyring add KEYRING PUB.pem --name NAME --role ROLE…
  evw keyring list KEYRING [--json]
  evw keyring revoke KEYRING KEYID --reason TEXT
  evw pack DIR --packet PACKET.json --key KEYFILE --out BUNDLE.evb
  evw signoff BUNDLE.evb --key KEYFILE --role ROLE --decision approve|reject [--comment TEXT]
  evw verify BUNDLE.evb --keyring KEYRING [--json]
  evw inspect BUNDLE.evb [--json]
  evw pdf BUNDLE.evb --out FILE.pdf [--keyring KEYRING]   the packet as a PDF
  evw log verify LOG.json (--key VERIFIER-KEY… | --keyring KEYRING) [--json]
  evw a11y PATH… [--json] [--out REPORT.json] [--chromium PATH]   WCAG 2.2 AA sweep of HTML pages

Passphrases come from EVW_PASSPHRASE or a prompt. Exit codes: 0 ok / verified,
1 not verified, 2 usage error or unreadable input. Docs: docs/cli.md
`

// Each command is loaded when it runs, so `evw verify` does not pay for loading the PDF
// renderer, its fonts or the accessibility sweep.
type Command = (argv: string[]) => Promise<number>
const COMMANDS: Record<string, () => Promise<Command>> = {
  templates: async () => (await import('./commands/templates')).templates,
  template: async () => (await import('./commands/templates')).template,
  keygen: async () => (await import('./commands/keygen')).keygen,
  keyring: async () => (await import('./commands/keyring')).keyring,
  pack: async () => (await import('./commands/pack')).pack,
  signoff: async () => (await import('./commands/signoff')).signoff,
  verify: async () => (await import('./commands/verify')).verify,
  inspect: async () => (await import('./commands/inspect')).inspect,
  log: async () => (await import('./commands/log')).log,
  pdf: async () => (await import('./commands/pdf')).pdf,
  a11y: async () => (await import('./commands/a11y')).a11y,
}

/**
 * A reader that stops early (`evw templates | head -1`) closes the pipe: that ends the output,
 * quietly, as in other command-line tools, rather than in an unhandled EPIPE error.
 */
function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
    })
  }
}

export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe()
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP)
    return command ? 0 : 2
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
  if (!load) {
    process.stderr.write(`evw: unknown command "${command}"\n\n${HELP}`)
    return 2
  }
  try {
    return await (
      await load()
    )(rest)
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof KeyFileError ||
      e instanceof KeyringError ||
      e instanceof FileInputError ||
      e instanceof PackError ||
      e instanceof SignoffError ||
      e instanceof CancelledError
    ) {
      process.stderr.write(`evw ${command}: ${e.message}\n`)
      return 2
    }
    const err = e as NodeJS.ErrnoException
    if (err.code && err.path) {
      process.stderr.write(`evw ${command}: ${err.path}: ${err.code}\n`)
      return 2
    }
    throw e
  }
}
