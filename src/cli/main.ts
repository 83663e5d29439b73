// evw: the command-line verifier and tools. Exit codes: 0 success / verified, 1 not verified,
// 2 usage error or unreadable input.
import { KeyFileError } from '../core/keys/secret-key'
import { KeyringError } from '../core/keys/keyring'
import { PackError } from '../core/bundle/pack-bundle'
import { SignoffError } from '../core/bundle/add-signoff'
import { CancelledError } from '../core/bundle/byte-io'
import { FileInputError } from '../node/keys/key-files'
import { UsageError } from './cli-error'
import { a11y } from './commands/a11y'
import { inspect } from './commands/inspect'
import { keygen } from './commands/keygen'
import { keyring } from './commands/keyring'
import { log } from './commands/log'
import { pack } from './commands/pack'
import { pdf } from './commands/pdf'
import { signoff } from './commands/signoff'
import { template, templates } from './commands/templates'
import { verify } from './commands/verify'

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

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  templates,
  template,
  keygen,
  keyring,
  pack,
  signoff,
  verify,
  inspect,
  log,
  pdf,
  a11y,
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP)
    return command ? 0 : 2
  }
  const run = COMMANDS[command]
  if (!run) {
    process.stderr.write(`evw: unknown command "${command}"\n\n${HELP}`)
    return 2
  }
  try {
    return await run(rest)
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
